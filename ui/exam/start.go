package exam

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/study"
	"dvaprep/ui/common"
)

// The start menu's entries.
const (
	itemMock = iota
	itemDrill
	itemMissed
	itemCustom
	itemCount
)

// Choices offered by the forms; ←/→ step through them.
var (
	drillCounts   = []int{5, 10, 15, 20, 30, 40}
	missedCounts  = []int{10, 20, 30, 0} // 0: all of them
	customCounts  = []int{5, 10, 15, 20, 30, 40, 50, 65}
	customMinutes = []int{0, 10, 15, 20, 30, 40, 60, 90, 130}
)

// scope is one line of the drill picker: a whole domain, or one task statement.
type scope struct {
	domain, task string
	label        string
	questions    int
}

// menu is the start menu: a list of modes, and a small form for the ones that take options.
type menu struct {
	format pack.ExamFormat
	cursor int
	form   bool
	field  int

	scopes  []scope
	scope   int
	drillN  int // indexes into the choices above
	missedN int
	customN int
	customM int

	missed       []string // most-missed question IDs still in the pack, most missed first
	missedLoaded bool
	missedErr    error

	active   *study.ExamSession // an exam still in progress, which a new one would abandon
	answered int                // how many of its questions have an answer
}

// resumeKey resumes the exam in progress from the menu, as on the home screen.
var resumeKey = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "resume the exam in progress"))

func newMenu(p *pack.Pack) menu {
	mn := menu{format: p.Exam, drillN: 1, customN: 3, customM: 5}
	count := map[string]int{}
	for _, q := range p.Questions {
		count[q.Domain]++
		count[q.Task]++
	}
	for _, d := range p.Domains {
		mn.scopes = append(mn.scopes, scope{domain: d.ID, label: fmt.Sprintf("Domain %s · %s", d.ID, d.Name), questions: count[d.ID]})
		for _, t := range d.Tasks {
			mn.scopes = append(mn.scopes, scope{task: t.ID, label: fmt.Sprintf("Task %s · %s", t.ID, t.Name), questions: count[t.ID]})
		}
	}
	return mn
}

type missedMsg struct {
	owner    uint64
	ids      []string
	err      error
	active   *study.ExamSession
	answered int
}

// loadMissed reads the questions answered wrong before, for the missed-questions drill.
func (m *Model) loadMissed() tea.Cmd {
	st, p, owner, ctx := m.study(), m.ctx.Pack, m.owner, m.ctx.Background()
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		ms, err := st.MostMissed(ctx, 0)
		var ids []string
		for _, x := range ms {
			if x.Kind == study.KindQuestion && p.Question(x.ItemID) != nil {
				ids = append(ids, x.ItemID)
			}
		}
		msg := missedMsg{owner: owner, ids: ids, err: err}
		if active, answered, aerr := st.ExamInProgress(ctx); aerr == nil && active != nil {
			msg.active, msg.answered = active, answered
		}
		return msg
	}
}

func (mn *menu) setMissed(ids []string, err error) {
	mn.missed, mn.missedErr, mn.missedLoaded = ids, err, true
}

// fields is how many fields the open form has.
func (mn *menu) fields() int {
	switch mn.cursor {
	case itemDrill, itemCustom:
		return 2
	case itemMissed:
		return 1
	}
	return 0
}

// step moves the value of the focused field.
func (mn *menu) step(d int) {
	wrap := func(v, n int) int { return ((v+d)%n + n) % n }
	switch {
	case mn.cursor == itemDrill && mn.field == 0:
		mn.scope = wrap(mn.scope, len(mn.scopes))
	case mn.cursor == itemDrill:
		mn.drillN = wrap(mn.drillN, len(drillCounts))
	case mn.cursor == itemMissed:
		mn.missedN = wrap(mn.missedN, len(missedCounts))
	case mn.cursor == itemCustom && mn.field == 0:
		mn.customN = wrap(mn.customN, len(customCounts))
	case mn.cursor == itemCustom:
		mn.customM = wrap(mn.customM, len(customMinutes))
	}
}

// config is the exam the menu describes now, or an error that says why it cannot start.
func (mn *menu) config() (engine.Config, error) {
	switch mn.cursor {
	case itemMock:
		return engine.Config{Kind: engine.Mock, Questions: mn.format.Questions,
			Duration: time.Duration(mn.format.Minutes) * time.Minute, Unscored: mn.format.Unscored}, nil
	case itemDrill:
		s := mn.scopes[mn.scope]
		if s.questions == 0 {
			return engine.Config{}, fmt.Errorf("%s has no questions yet: pick another", s.label)
		}
		return engine.DomainDrill(s.domain, s.task, drillCounts[mn.drillN]), nil
	case itemMissed:
		switch {
		case mn.missedErr != nil:
			return engine.Config{}, fmt.Errorf("could not read the questions you missed: %w", mn.missedErr)
		case len(mn.missed) == 0:
			return engine.Config{}, errors.New("nothing missed yet: answer some questions first, then drill the ones you got wrong")
		}
		ids := mn.missed
		if n := missedCounts[mn.missedN]; n > 0 && n < len(ids) {
			ids = ids[:n]
		}
		return engine.MissedDrill(ids), nil
	}
	return engine.CustomMock(customCounts[mn.customN], time.Duration(customMinutes[mn.customM])*time.Minute), nil
}

// configFor turns `dvaprep exam` options into a configuration: a drill when a domain or task is named, the full
// mock when the length and time are the pack's, a custom exam otherwise.
func configFor(p *pack.Pack, s common.ExamStart) (engine.Config, error) {
	if s.Questions < 1 {
		return engine.Config{}, fmt.Errorf("--questions must be at least 1, not %d", s.Questions)
	}
	if s.Minutes < 0 {
		return engine.Config{}, fmt.Errorf("--minutes must be 0 (untimed) or more, not %d", s.Minutes)
	}
	d := time.Duration(s.Minutes) * time.Minute
	if s.Domain != "" || s.Task != "" {
		c := engine.DomainDrill(s.Domain, s.Task, s.Questions)
		c.Duration = d
		return c, nil
	}
	if s.Questions == p.Exam.Questions && s.Minutes == p.Exam.Minutes {
		return engine.FullMock(p), nil
	}
	return engine.CustomMock(s.Questions, d), nil
}

func (m *Model) updateMenu(msg tea.KeyPressMsg) tea.Cmd {
	mn, k := &m.menu, m.keys
	if !mn.form {
		switch {
		case key.Matches(msg, k.Up):
			mn.cursor = (mn.cursor - 1 + itemCount) % itemCount
		case key.Matches(msg, k.Down):
			mn.cursor = (mn.cursor + 1) % itemCount
		case key.Matches(msg, k.Enter, k.Right):
			if mn.fields() == 0 {
				return m.begin()
			}
			mn.form, mn.field = true, 0
		case key.Matches(msg, resumeKey) && mn.active != nil:
			m.mode = modeLoading
			m.id = mn.active.ID
			return m.resumeCmd(mn.active.ID)
		case key.Matches(msg, k.Back):
			return m.back()
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		mn.field = (mn.field - 1 + mn.fields()) % mn.fields()
	case key.Matches(msg, k.Down):
		mn.field = (mn.field + 1) % mn.fields()
	case key.Matches(msg, k.Left):
		mn.step(-1)
	case key.Matches(msg, k.Right, k.Toggle):
		mn.step(1)
	case key.Matches(msg, k.Enter):
		return m.begin()
	case key.Matches(msg, k.Back):
		mn.form = false
	}
	return nil
}

// begin starts the exam the menu describes.
func (m *Model) begin() tea.Cmd {
	cfg, err := m.menu.config()
	if err != nil {
		return common.Status(err.Error(), true)
	}
	m.mode = modeLoading
	return m.startCmd(cfg)
}

func (m *Model) menuView(w int) string {
	st, mn := m.ctx.Styles, &m.menu
	f := mn.format
	items := []struct{ title, desc string }{
		{"Full mock exam", fmt.Sprintf("%d questions · %d minutes · %d unscored, like the real exam", f.Questions, f.Minutes, f.Unscored)},
		{"Domain or task drill", "one domain or task statement · untimed · answers shown as you go"},
		{"Missed-questions drill", m.missedDesc()},
		{"Custom exam", "any length and time limit, drawn by the blueprint"},
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("Practise for the exam") + "\n")
	if a := mn.active; a != nil {
		left := "untimed"
		if !a.Deadline.IsZero() {
			left = clock(max(a.Deadline.Sub(m.ctx.Now()), 0)) + " left"
		}
		b.WriteString(common.Truncate(st.Warn.Render(fmt.Sprintf("⚠ An exam is in progress (%s answered · %s): x resumes it.",
			fmt.Sprint(mn.answered), left)), w) + "\n")
		b.WriteString(common.Truncate(st.Subtle.Render("  Starting another exam abandons it; its answers are kept."), w) + "\n")
	}
	b.WriteString("\n")
	for i, it := range items {
		marker, title := "  ", st.Title.Render(it.title)
		if i == mn.cursor {
			marker, title = st.Selected.Render("› "), st.Selected.Render(it.title)
		}
		b.WriteString(marker + title + "\n")
		b.WriteString("    " + common.Truncate(st.Subtle.Render(it.desc), w-4) + "\n")
		if i == mn.cursor && mn.form {
			b.WriteString(m.formView(w))
		}
	}
	return b.String()
}

func (m *Model) missedDesc() string {
	mn := &m.menu
	switch {
	case mn.missedErr != nil:
		return "could not read your history: " + mn.missedErr.Error()
	case !mn.missedLoaded:
		return "the questions you got wrong before · untimed"
	case len(mn.missed) == 0:
		return "nothing missed yet · untimed"
	}
	return fmt.Sprintf("%s you got wrong before, most missed first · untimed", plural(len(mn.missed), "question", "questions"))
}

// formView draws the open form under its menu entry.
func (m *Model) formView(w int) string {
	st, mn := m.ctx.Styles, &m.menu
	var labels, values []string
	switch mn.cursor {
	case itemDrill:
		s := mn.scopes[mn.scope]
		labels = []string{"Scope", "Questions"}
		values = []string{fmt.Sprintf("%s (%d)", s.label, s.questions), fmt.Sprint(drillCounts[mn.drillN])}
	case itemMissed:
		n := missedCounts[mn.missedN]
		v := fmt.Sprint(n)
		if n == 0 || n >= len(mn.missed) {
			v = fmt.Sprintf("all (%d)", len(mn.missed))
		}
		labels, values = []string{"Questions"}, []string{v}
	case itemCustom:
		mins := "untimed"
		if t := customMinutes[mn.customM]; t > 0 {
			mins = fmt.Sprintf("%d minutes", t)
		}
		labels = []string{"Questions", "Time"}
		values = []string{fmt.Sprint(customCounts[mn.customN]), mins}
	}
	var b strings.Builder
	for i := range labels {
		marker := "      "
		val := "‹ " + values[i] + " ›"
		if i == mn.field {
			marker = "    " + st.Selected.Render("▸ ")
			val = st.Selected.Render(val)
		}
		b.WriteString(common.Truncate(fmt.Sprintf("%s%-10s %s", marker, labels[i], val), w) + "\n")
	}
	b.WriteString("      " + st.Subtle.Render("←/→ change · enter start · esc close") + "\n")
	return b.String()
}

type startedMsg struct {
	owner    uint64
	sess     *engine.Session
	active   *study.ExamSession // an exam in progress, which this one would abandon
	answered int
	warn     error // a shortfall or an unreadable history: the exam still runs
	err      error
}

// startCmd draws a session, unseen questions first, in a command: the history comes from the store.
func (m *Model) startCmd(cfg engine.Config) tea.Cmd {
	p, st, now, owner, ctx := m.ctx.Pack, m.study(), m.ctx.Now(), m.owner, m.ctx.Background()
	if cfg.Seed == 0 {
		cfg.Seed = engine.NewSeed()
	}
	return func() tea.Msg {
		var seen map[string]bool
		var warn error
		if st != nil {
			var err error
			if seen, err = st.SeenQuestionIDs(ctx); err != nil {
				warn = fmt.Errorf("could not read which questions you have seen, so some may repeat: %w", err)
			}
		}
		var active *study.ExamSession
		var answered int
		if st != nil {
			active, answered, _ = st.ExamInProgress(ctx) // unreadable: the create asks the store again
		}
		sess, err := engine.Start(p, cfg, seen, now)
		var sf *engine.Shortfall
		if errors.As(err, &sf) {
			warn, err = sf, nil
		}
		return startedMsg{owner: owner, sess: sess, warn: warn, err: err, active: active, answered: answered}
	}
}

// started shows the first question and creates the session in the store.
func (m *Model) started(msg startedMsg) tea.Cmd {
	if msg.owner != m.owner || m.sess != nil {
		return nil
	}
	if msg.err != nil || msg.sess == nil {
		m.mode = modeMenu
		err := msg.err
		if errors.Is(err, engine.ErrNoQuestions) {
			err = errors.New("no question matches that choice: pick another domain, task or mode")
		}
		if err == nil {
			err = errors.New("the draw came back empty")
		}
		return common.Status("Could not start: "+err.Error(), true)
	}
	if msg.active != nil && !m.saves.abandon {
		return m.askAbandon(msg)
	}
	m.sess = msg.sess
	m.warned = m.sess.Warning(m.sess.Started) // a short exam does not start with a warning
	state, err := m.sess.MarshalState()
	cmds := []tea.Cmd{}
	if err != nil {
		cmds = append(cmds, common.Status("This exam cannot be saved: "+err.Error(), true))
	} else {
		cmds = append(cmds, m.enqueue(op{kind: opCreate, abandon: m.saves.abandon, session: study.ExamSession{
			Kind: storeKind(m.sess.Config.Kind), CreatedAt: m.sess.Started, Deadline: m.sess.Deadline, Config: state}}))
	}
	if msg.warn != nil {
		cmds = append(cmds, common.Status(msg.warn.Error(), false))
	}
	cmds = append(cmds, m.open(0), m.ensureTick())
	return tea.Batch(cmds...)
}

type resumedMsg struct {
	owner    uint64
	sess     *engine.Session
	finished bool
	err      error
}

// resumeCmd loads a stored session and its answers.
func (m *Model) resumeCmd(id int64) tea.Cmd {
	st, owner, ctx := m.study(), m.owner, m.ctx.Background()
	return func() tea.Msg {
		if st == nil {
			return resumedMsg{owner: owner, err: errors.New("no progress database is open")}
		}
		es, err := st.ExamSession(ctx, id)
		if err != nil {
			return resumedMsg{owner: owner, err: err}
		}
		saved, err := st.ExamAnswers(ctx, id)
		if err != nil {
			return resumedMsg{owner: owner, err: err}
		}
		rows := make([]engine.AnswerRow, 0, len(saved))
		for _, a := range saved {
			c, err := engine.DecodeChoice(a.Choice)
			if err != nil {
				return resumedMsg{owner: owner, err: fmt.Errorf("exam session %d, question %d: %w", id, a.Position+1, err)}
			}
			rows = append(rows, engine.AnswerRow{Position: a.Position, Choice: c, Flagged: a.Flagged, TimeMs: a.Elapsed.Milliseconds()})
		}
		sess, err := engine.Restore(es.Config, rows)
		if err != nil {
			return resumedMsg{owner: owner, err: fmt.Errorf("exam session %d: %w", id, err)}
		}
		finished := es.Status != study.StatusActive
		if finished {
			sess.Submit(es.FinishedAt)
		}
		return resumedMsg{owner: owner, sess: sess, finished: finished}
	}
}

// resumed continues a stored session with the time truly left, or shows its result if it is over.
func (m *Model) resumed(msg resumedMsg) tea.Cmd {
	if msg.owner != m.owner || m.sess != nil {
		return nil
	}
	if msg.err != nil {
		m.fatal = fmt.Errorf("could not resume the exam: %w", msg.err)
		return nil
	}
	m.sess = msg.sess
	var warn tea.Cmd
	if err := m.sess.Check(m.ctx.Pack); err != nil {
		warn = common.Status(err.Error()+"; it will not be scored", true)
	}
	if msg.finished {
		m.saves.saved = true
		r := engine.Score(m.ctx.Pack, m.sess)
		m.result = &r
		m.mode = modeResult
		m.relayout()
		return warn
	}
	if m.sess.Expired(m.ctx.Now()) {
		return tea.Batch(warn, m.submit(whileAway))
	}
	first := 0
	for i := range m.sess.Items {
		if !m.sess.Answered(i) {
			first = i
			break
		}
	}
	return tea.Batch(warn, m.open(first), m.ensureTick())
}
