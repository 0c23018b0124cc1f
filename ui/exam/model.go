// Package exam is the mock-exam screen: a start menu (full mock, domain or task drill, missed-questions drill,
// custom exam), the question view with its clock, the navigator grid, the review before submitting, the result
// and the review of every answer. Every answer and flag goes to the store through a command the moment it is
// given, so a killed process can resume where it stopped; the rules themselves live in dvaprep/exam.
//
// Model is a coordinator over four sub-models: menu (menu.go), questionModel (question.go), navigator
// (navigator.go) and resultModel (report.go). Each keeps its own cursor, scroll and layout and turns keys into an
// action (action.go); the coordinator owns the session, its clock and its writes, and applies the actions
// (play.go).
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
	"dvaprep/pack"
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
	keys  *KeyMap
	owner uint64
	mode  mode
	boot  tea.Cmd // the first command: start or resume a session
	fatal error   // the session could not be loaded at all

	menu  menu
	quest questionModel
	nav   navigator
	res   resultModel

	sess    *engine.Session
	id      int64     // the store's session ID; 0 until it is created
	since   time.Time // when the current question came on screen, for booking time
	warned  engine.Warning
	leaving common.Confirm // "leave the exam?" (esc), or "quit dvaprep?" (q)
	quit    bool           // it was opened by q: yes quits dvaprep rather than going back

	first    bool // opened by `dvaprep exam`, with no screen below to go back to
	fromMenu bool // the session was started from this screen's menu: esc on its result returns there

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
	m := &Model{ctx: ctx, keys: new(DefaultKeyMap()), owner: uint64(common.NewOwner()), tick: tea.Tick, mode: modeMenu,
		leaving: common.NewStrictConfirm()}
	m.menu = newMenu(ctx, m.keys)
	m.quest = newQuestionModel(ctx, m.keys)
	m.nav = newNavigator(ctx, m.keys)
	m.res = newResultModel(ctx, m.keys)
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
		if m.res.practice() {
			return kindTitle(m.sess) + " › Practice report"
		}
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
	if s.Config.Set > 0 {
		return fmt.Sprintf("Practice set %d", s.Config.Set)
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
	m.syncKeys()
	return m.keys
}

// syncKeys enables the bindings that work in the current mode and state, and only those: the help shows the
// enabled ones and dispatch matches only them, so the two cannot disagree.
func (m *Model) syncKeys() {
	k := m.keys
	k.ctx = helpContext{mode: m.mode, form: m.menu.form, confirm: m.leaving.Open(), brief: m.menu.brief,
		sets: m.menu.cursor == itemSets, wide: m.ctx.Width >= wideFooter}
	if q := m.question(m.quest.cur); q != nil && m.mode == modeQuestion {
		k.ctx.multi = q.Select > 1
		k.ctx.revealed = m.sheet().revealed(m.quest.cur)
		k.ctx.links = len(q.Notes) > 0
	}
	if m.mode == modeResult {
		k.ctx.links = len(m.res.practiceNotes()) > 0
	}
	if m.mode == modeAnswers {
		if q := m.question(m.res.review.pos()); q != nil {
			k.ctx.links = len(q.Notes) > 0
		}
	}
	k.enable()
}

// InDialog says a y/n question (leave or quit?) is open: the footer shows only its answers.
func (m *Model) InDialog() bool { return m.leaving.Open() }

// Capturing is always false: the exam has no text field. q is guarded instead (see GuardQuit).
func (m *Model) Capturing() bool { return false }

// GuardQuit is true while an exam is in progress: then q asks before quitting, as esc asks before leaving. Yes
// quits through the root, which waits for (or asks about) the writes still queued.
func (m *Model) GuardQuit() bool { return m.active() }

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
	case previousMsg:
		return m, m.previous(msg)
	case resumedMsg:
		return m, m.resumed(msg)
	case missedMsg:
		if msg.owner == m.owner {
			m.menu.setMissed(msg.ids, msg.err)
			m.menu.active, m.menu.answered = msg.active, msg.answered
			m.menu.setSets(msg.sets, study.SetRecords(msg.attempts), msg.setsErr)
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
		var cmd tea.Cmd
		switch m.mode {
		case modeQuestion:
			m.quest.vp, cmd = m.quest.vp.Update(msg)
		case modeResult, modeAnswers:
			m.res.vp, cmd = m.res.vp.Update(msg)
		}
		return m, cmd
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
	m.syncKeys()
	if m.leaving.Open() {
		return tea.Batch(retry, m.updateLeaving(msg))
	}
	if key.Matches(msg, m.keys.Quit) && m.active() {
		// The root let q through (GuardQuit): ask first, as esc does.
		m.askLeave(true)
		return retry
	}
	a := none
	switch m.mode {
	case modeLoading:
		if key.Matches(msg, m.keys.Back) {
			a = action{kind: actBack}
		}
	case modeMenu:
		a = m.menu.update(msg)
	case modeQuestion:
		a = m.quest.update(msg)
	case modeNavigator, modeReview:
		a = m.nav.update(msg)
	case modeResult, modeAnswers:
		a = m.res.update(msg, m.mode == modeAnswers)
	}
	return tea.Batch(retry, m.apply(a))
}

// checkClock warns once at each warning level (near the end, at the very end) and submits the exam when its time is up.
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
		left := clock(m.sess.Remaining(now)) + " left"
		return common.Status(fmt.Sprintf("⚠ %s: the exam submits itself at 0:00:00. s reviews and submits.", left), false)
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
	switch m.mode {
	case modeQuestion:
		m.quest.layout()
	case modeResult, modeAnswers:
		m.res.saved = m.savedLine()
		m.res.layout(m.mode == modeAnswers)
	}
}

// scrolled is a viewport with a last line that says when there is more below.
func scrolled(ctx *common.Context, vp *viewport.Model) string {
	if vp.TotalLineCount() <= vp.Height() {
		return vp.View() // it all fits: no line is kept for the hint
	}
	more := ""
	if !vp.AtBottom() {
		more = ctx.Styles.Subtle.Render(fmt.Sprintf("↓ more below (pgdn) · %.0f%%", vp.ScrollPercent()*100))
	}
	return vp.View() + "\n" + more
}

// fill puts content in a viewport that has lines of room, keeping its scroll position: all of them when the
// content fits, else one fewer, so that scrolled has a line for its "more below" hint.
func fill(vp *viewport.Model, lines int, content string) {
	y := vp.YOffset()
	lines = max(lines, 1)
	vp.SetHeight(lines)
	vp.SetContent(content)
	if vp.TotalLineCount() > lines {
		vp.SetHeight(max(lines-1, 1))
	}
	vp.SetYOffset(y)
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
	if m.leaving.Open() && m.sess != nil {
		return common.Fit(common.Truncate(m.statusLine(), w)+"\n"+m.leaving.View(m.ctx.Styles, w, h-1), w, h)
	}
	var s string
	switch m.mode {
	case modeLoading:
		s = m.loadingView()
	case modeMenu:
		s = m.menu.view()
	case modeQuestion:
		s = m.quest.view(m.statusLine())
	case modeNavigator, modeReview:
		s = m.nav.view(m.statusLine(), h)
	case modeResult, modeAnswers:
		s = m.res.view(m.mode == modeAnswers)
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

// askLeave asks before leaving (esc) or quitting dvaprep (q) with an exam in progress.
func (m *Model) askLeave(quit bool) {
	m.quit = quit
	kept := "It stays saved and its clock keeps running."
	if !m.sess.Timed() {
		kept = "It stays saved, answers and all."
	}
	if quit {
		m.leaving.Ask("Quit dvaprep?\n\n"+kept+" Resume it from Home with x next time.", "yes", "stay")
		return
	}
	m.leaving.Ask("Leave the exam?\n\n"+kept+" Resume it from Home with x.", "yes", "stay")
}

// updateLeaving answers "leave the exam?" or "quit dvaprep?". Yes saves the time on the question and closes
// once every write has landed.
func (m *Model) updateLeaving(msg tea.KeyPressMsg) tea.Cmd {
	switch m.leaving.Key(msg) {
	case common.ConfirmYes:
		cmd := m.leave() // queued before the quit, which waits for it
		if m.quit {
			return tea.Batch(cmd, common.Quit())
		}
		return tea.Batch(cmd, m.close(m.leftMessage()))
	case common.ConfirmNo:
		m.quit = false
	}
	return nil
}

// leftMessage is said after leaving an exam in progress; only a timed one has a clock to mention.
func (m *Model) leftMessage() string {
	if m.sess != nil && m.sess.Timed() {
		return "The exam is saved and its clock keeps running: resume it from Home"
	}
	return "The exam is saved: resume it from Home"
}

// back closes the screen: to the one below, or home when `dvaprep exam` opened it first.
func (m *Model) back() tea.Cmd {
	if m.first {
		return common.Navigate(common.HomeScreen)
	}
	return common.Back()
}

// sheet draws the session's items.
func (m *Model) sheet() sheet { return sheet{ctx: m.ctx, sess: m.sess} }

// attach hands the session to the sub-models that draw it, once it is started or resumed.
func (m *Model) attach(s *engine.Session) {
	m.sess = s
	m.quest.sess, m.nav.sess, m.res.sess = s, s, s
}

// question returns the pack question of item i, or nil if the pack no longer has it as it was drawn.
func (m *Model) question(i int) *pack.Question { return m.sheet().question(i) }

// clock formats a duration as H:MM:SS.
func clock(d time.Duration) string { return common.Clock(d) }

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
