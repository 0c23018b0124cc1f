// Package exam is the mock-exam screen: a start menu (full mock, domain or task drill, missed-questions drill,
// custom exam), the question view with its clock, the navigator grid, the review before submitting, the result
// and the review of every answer. Every answer and flag goes to the store through a command the moment it is
// given, so a killed process can resume where it stopped; the rules themselves live in dvaprep/exam.
package exam

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/study"
	"dvaprep/ui/common"
)

type mode int

const (
	modeLoading   mode = iota // waiting for the store to start or resume a session
	modeMenu                  // the start menu
	modeQuestion              // one question
	modeNavigator             // the grid of every question
	modeReview                // the check before submitting
	modeResult                // the score report
	modeAnswers               // the review of every answer after the exam
)

// Model is the exam screen.
type Model struct {
	ctx   *common.Context
	keys  KeyMap
	owner uint64
	mode  mode
	boot  tea.Cmd // the first command: start or resume a session
	fatal error   // the session could not be loaded at all

	menu menu

	sess    *engine.Session
	id      int64     // the store's session ID; 0 until it is created
	cur     int       // the question on screen
	cursor  int       // the option under the cursor, in display order
	since   time.Time // when the current question came on screen, for booking time
	warned  engine.Warning
	link    int  // the selected note link of a revealed question
	leaving bool // "leave the exam?" is open
	auto    bool // the clock ran out and submitted the exam

	first bool // opened by `dvaprep exam`, with no screen below to go back to

	vp   viewport.Model // the question, the result or a reviewed answer
	rows [][2]int       // the first and last line of each option in vp

	grid   grid // the navigator and the review lists
	result *engine.Result
	review answers

	saves   saver
	tick    func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	tickGen int
	ticking bool
}

// New opens the exam screen: the start menu, a stored session to resume, or a new exam to start at once.
func New(ctx *common.Context, a common.ExamArg) (*Model, error) {
	if ctx.Pack == nil {
		return nil, errors.New("no content pack is loaded")
	}
	m := &Model{ctx: ctx, keys: DefaultKeyMap(), owner: uint64(common.NewOwner()), tick: tea.Tick, mode: modeMenu}
	m.vp = viewport.New()
	m.vp.KeyMap = viewport.KeyMap{} // the screen handles its own keys
	m.vp.MouseWheelEnabled = true
	m.menu = newMenu(ctx.Pack)
	m.first = a.FromCLI
	m.saves.abandon = a.Abandon
	switch {
	case a.Resume != 0:
		m.mode = modeLoading
		m.id = a.Resume
		m.boot = m.resumeCmd(a.Resume)
	case a.Start != nil:
		cfg, err := configFor(ctx.Pack, *a.Start)
		if err != nil {
			return nil, err
		}
		m.mode = modeLoading
		m.boot = m.startCmd(cfg)
	}
	return m, nil
}

// Init starts or resumes the session asked for, and loads the missed questions for the menu.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.boot, m.loadMissed()) }

// Title names the screen for the header.
func (m *Model) Title() string {
	switch m.mode {
	case modeMenu, modeLoading:
		return "Mock exam"
	case modeResult:
		return kindTitle(m.sess) + " › Result"
	case modeAnswers:
		return kindTitle(m.sess) + " › Review answers"
	}
	return kindTitle(m.sess)
}

func kindTitle(s *engine.Session) string {
	if s == nil {
		return "Mock exam"
	}
	switch s.Config.Kind {
	case engine.Drill:
		return "Drill"
	case engine.Missed:
		return "Missed-questions drill"
	case engine.Custom:
		return "Custom exam"
	}
	return "Mock exam"
}

// KeyMap returns the keys of the current mode for the help footer.
func (m *Model) KeyMap() help.KeyMap {
	k := m.keys
	k.ctx = helpContext{mode: m.mode, form: m.menu.form, confirm: m.leaving}
	if q := m.question(m.cur); q != nil && m.mode == modeQuestion {
		k.ctx.multi = q.Select > 1
		k.ctx.revealed = m.revealed(m.cur)
		k.ctx.links = len(q.Notes) > 0
	}
	if m.mode == modeAnswers {
		if q := m.question(m.review.pos()); q != nil {
			k.ctx.links = len(q.Notes) > 0
		}
	}
	return k
}

// Capturing is always false: the root asks before quitting while answers wait to be saved.
func (m *Model) Capturing() bool { return false }

// active reports whether a session is running: answers can still change.
func (m *Model) active() bool { return m.sess != nil && !m.sess.Done() }

type tickMsg struct {
	owner uint64
	gen   int
}

// startTick starts a fresh once-a-second loop; any older loop stops at its next tick.
func (m *Model) startTick() tea.Cmd {
	m.tickGen++
	m.ticking = true
	return m.nextTick()
}

func (m *Model) nextTick() tea.Cmd {
	owner, gen := m.owner, m.tickGen
	return m.tick(time.Second, func(time.Time) tea.Msg { return tickMsg{owner, gen} })
}

// ensureTick starts the loop if nothing keeps it going.
func (m *Model) ensureTick() tea.Cmd {
	if m.ticking {
		return nil
	}
	return m.startTick()
}

// needsTick: the clock runs while a session is active.
func (m *Model) needsTick() bool { return m.active() }

// Update moves the screen's state; store writes, loads and renders happen in the commands it returns.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resize()
	case common.ThemeMsg:
		m.relayout()
		return m, m.renderCmd()
	case common.ResumeMsg:
		// Back from a note: the clock may have run out meanwhile.
		cmds := []tea.Cmd{m.checkClock()}
		if m.needsTick() {
			cmds = append(cmds, m.startTick())
		}
		m.relayout()
		return m, tea.Batch(append(cmds, m.renderCmd())...) // a resize while covered rendered nothing
	case tickMsg:
		if msg.owner != m.owner || msg.gen != m.tickGen {
			return m, nil
		}
		cmds := []tea.Cmd{m.checkClock()}
		if m.needsTick() {
			cmds = append(cmds, m.nextTick())
		} else {
			m.ticking = false
		}
		return m, tea.Batch(cmds...)
	case savedMsg:
		return m, m.saved(msg)
	case common.WriteFailedMsg:
		return m, m.failed(msg)
	case startedMsg:
		return m, m.started(msg)
	case resumedMsg:
		return m, m.resumed(msg)
	case missedMsg:
		if msg.owner == m.owner {
			m.menu.setMissed(msg.ids, msg.err)
			m.menu.active, m.menu.answered = msg.active, msg.answered
		}
		return m, nil
	case renderedMsg:
		if msg.owner != m.owner || msg.width != m.ctx.MarkdownWidth() || msg.theme != m.ctx.Theme() {
			return m, nil
		}
		m.relayout()
		if msg.err != nil {
			return m, common.Status("Could not render a question: "+msg.err.Error(), true)
		}
		return m, nil
	case tea.MouseWheelMsg:
		switch m.mode {
		case modeQuestion, modeResult, modeAnswers:
			var cmd tea.Cmd
			m.vp, cmd = m.vp.Update(msg)
			return m, cmd
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// key handles a key press in the current mode. Every key also retries a failed save.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	retry := m.retry()
	if m.saves.ask.Open() {
		return tea.Batch(retry, m.answerAsk(msg))
	}
	if m.active() && m.sess.Expired(m.ctx.Now()) {
		return tea.Batch(retry, m.submit(byClock))
	}
	var cmd tea.Cmd
	switch m.mode {
	case modeLoading:
		if key.Matches(msg, m.keys.Back) {
			cmd = m.close("")
		}
	case modeMenu:
		cmd = m.updateMenu(msg)
	case modeQuestion:
		cmd = m.updateQuestion(msg)
	case modeNavigator:
		cmd = m.updateNavigator(msg)
	case modeReview:
		cmd = m.updateReview(msg)
	case modeResult:
		cmd = m.updateResult(msg)
	case modeAnswers:
		cmd = m.updateAnswers(msg)
	}
	return tea.Batch(retry, cmd)
}

// checkClock warns once at 10 and 5 minutes left and submits the exam when its time is up.
func (m *Model) checkClock() tea.Cmd {
	if !m.active() || !m.sess.Timed() {
		return nil
	}
	now := m.ctx.Now()
	if m.sess.Expired(now) {
		return m.submit(byClock)
	}
	if w := m.sess.Warning(now); w > m.warned {
		m.warned = w
		left := "10 minutes left"
		if w == engine.FiveMinutes {
			left = "5 minutes left"
		}
		return common.Status(fmt.Sprintf("⚠ %s: the exam submits itself at 0:00. s reviews and submits.", left), false)
	}
	return nil
}

// resize lays the screen out again for the new size and renders what is missing at the new width.
func (m *Model) resize() tea.Cmd {
	m.relayout()
	return m.renderCmd()
}

// relayout rebuilds the scrollable content of the current mode.
func (m *Model) relayout() {
	w, h := m.ctx.Width, m.ctx.BodyHeight()
	m.vp.SetWidth(max(w, 1))
	switch m.mode {
	case modeQuestion:
		m.vp.SetHeight(max(h-3, 1))
		m.layoutQuestion()
	case modeResult:
		m.vp.SetHeight(max(h-1, 1))
		m.layoutResult()
	case modeAnswers:
		m.vp.SetHeight(max(h-3, 1))
		m.layoutAnswer()
	}
}

// scrolled is the viewport with a last line that says when there is more below.
func (m *Model) scrolled() string {
	more := ""
	if !m.vp.AtBottom() {
		more = m.ctx.Styles.Subtle.Render(fmt.Sprintf("↓ more below (pgdn) · %.0f%%", m.vp.ScrollPercent()*100))
	}
	return m.vp.View() + "\n" + more
}

// View draws the current mode, at most Width × BodyHeight.
func (m *Model) View() string {
	w, h := m.ctx.Width, m.ctx.BodyHeight()
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.saves.ask.Open() {
		return m.saves.ask.View(m.ctx.Styles, w, h)
	}
	var s string
	switch m.mode {
	case modeLoading:
		s = m.loadingView()
	case modeMenu:
		s = m.menuView(w)
	case modeQuestion:
		s = m.questionView()
	case modeNavigator:
		s = m.navigatorView(h)
	case modeReview:
		s = m.reviewView(h)
	case modeResult:
		s = m.scrolled()
	case modeAnswers:
		s = m.answerView()
	}
	return common.Fit(s, w, h)
}

func (m *Model) loadingView() string {
	st := m.ctx.Styles
	if m.fatal != nil {
		return st.Error.Render("✗ "+m.fatal.Error()) + "\n" + st.Subtle.Render("esc goes back.")
	}
	return st.Subtle.Render("Preparing the exam…")
}

// back closes the screen: to the one below, or home when `dvaprep exam` opened it first.
func (m *Model) back() tea.Cmd {
	if m.first {
		return common.Navigate(common.HomeScreen)
	}
	return common.Back()
}

// clock formats a duration as H:MM:SS.
func clock(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	h := int(d / time.Hour)
	mn := int(d % time.Hour / time.Minute)
	s := int(d % time.Minute / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", h, mn, s)
}

// letter names the option at display position d: A, B, C…
func letter(d int) string { return string(rune('A' + d)) }

// plural picks the singular or plural form for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// positions writes question numbers as "Q3, Q9, Q12".
func positions(ps []int) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("Q%d", p+1)
	}
	return strings.Join(parts, ", ")
}

// storeKind maps a practice mode to the kind the store keeps.
func storeKind(k engine.Kind) study.ExamKind {
	switch k {
	case engine.Drill:
		return study.ExamDrill
	case engine.Missed:
		return study.ExamMissed
	case engine.Custom:
		return study.ExamCustom
	}
	return study.ExamMock
}
