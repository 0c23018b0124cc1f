// Package home is the first screen: the menu of everything dvaprep does, a one-line summary of progress
// from the store, the number of reviews due, and an offer to resume an exam left in progress.
package home

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	prog "dvaprep/progress"
	"dvaprep/study"
	"dvaprep/ui/common"
)

// KeyMap is the home screen's keys.
type KeyMap struct {
	Up, Down, Open key.Binding
	Shortcut       key.Binding
	Date           key.Binding // d sets the exam date
	Step           key.Binding // 1–5 start a step of the plan for today
}

// DefaultKeyMap returns the home keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Shortcut: key.NewBinding(key.WithKeys("n", "s", "e", "r", "p", "/"), key.WithHelp("n s e r p /", "jump")),
		Date:     dateKey,
		Step:     stepKey,
	}
}

// ShortHelp is the one-line help.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Shortcut, k.Date}
}

// FullHelp is the full help.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Open}, {k.Shortcut, k.Date, k.Step}}
}

type entry struct {
	key, title, desc string
	nav              common.NavigateMsg
}

// Model is the home screen.
type Model struct {
	ctx     *common.Context
	keys    KeyMap
	cursor  int
	summary *study.Summary
	due     int
	active  *study.ExamSession
	answers study.ExamCount
	err     error

	plan    *prog.Plan // the plan for today, once loaded
	planErr error
	dating  bool // the exam date field is open
	date    textinput.Model
	owner   common.Owner
}

// New returns the home screen.
func New(ctx *common.Context) *Model {
	return &Model{ctx: ctx, keys: DefaultKeyMap(), owner: common.NewOwner()}
}

type loadedMsg struct {
	summary study.Summary
	due     int
	active  *study.ExamSession
	answers study.ExamCount
	err     error
	plan    *prog.Plan
	planErr error
}

// Init loads the summary line from the store.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	st, now, ctx, p := m.study(), m.ctx.Now, m.ctx.Background(), m.ctx.Pack
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		var msg loadedMsg
		msg.summary, msg.err = st.Summary(ctx)
		if msg.err == nil {
			msg.due, msg.err = st.CountDue(ctx, now())
		}
		if msg.err == nil {
			msg.active, msg.answers, msg.err = st.ExamInProgress(ctx)
		}
		// The plan reads every attempt: it is worked out here, off the first frame.
		at := now()
		if d, err := st.Progress(ctx, at); err != nil {
			msg.planErr = err
		} else {
			pl := prog.Compute(p, d, at).Plan
			msg.plan = &pl
		}
		return msg
	}
}

// Title names the screen.
func (m *Model) Title() string { return "Home" }

// KeyMap returns the keys for the help footer.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing is true while the exam date field is open: then q and ? are typed.
func (m *Model) Capturing() bool { return m.dating }

func (m *Model) entries() []entry {
	var es []entry
	if m.active != nil {
		es = append(es, entry{"x", "Resume exam", m.resumeText(), common.NavigateMsg{To: common.ExamScreen, Exam: common.ExamArg{Resume: m.active.ID}}})
	}
	ex := m.ctx.Pack.Exam
	due := "what you missed comes back before you forget it"
	if m.due > 0 {
		due = fmt.Sprintf("%d due now", m.due)
	}
	return append(es,
		entry{"n", "Notes", "read and search the study notes, by exam domain", common.NavigateMsg{To: common.NotesScreen}},
		entry{"s", "Scenarios", "branching architecture decisions, scored by task statement", common.NavigateMsg{To: common.ScenariosScreen}},
		entry{"e", "Mock exam", fmt.Sprintf("%d questions in %d minutes, drills and custom practice", ex.Questions, ex.Minutes), common.NavigateMsg{To: common.ExamScreen}},
		entry{"r", "Review", due, common.NavigateMsg{To: common.ReviewScreen}},
		entry{"p", "Progress", "mastery per domain and task, history, weak spots, readiness", common.NavigateMsg{To: common.ProgressScreen}},
		entry{"/", "Search", "search every note", common.NavigateMsg{To: common.NotesScreen, Notes: common.NotesArg{Search: true}}},
	)
}

func (m *Model) resumeText() string {
	left := "untimed"
	if !m.active.Deadline.IsZero() {
		d := m.active.Deadline.Sub(m.ctx.Now())
		if d <= 0 {
			left = "time is up: it will be submitted"
		} else {
			left = common.Clock(d) + " left"
		}
	}
	return fmt.Sprintf("%s · %s", m.answers, left)
}

// Update handles keys and the loaded summary.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.err = msg.err
		if msg.err == nil {
			m.summary, m.due, m.active, m.answers = &msg.summary, msg.due, msg.active, msg.answers
		}
		m.plan, m.planErr = msg.plan, msg.planErr
		m.cursor = min(m.cursor, len(m.entries())-1)
	case common.ResumeMsg:
		return m, m.load()
	case dateSavedMsg:
		if msg.owner != m.owner {
			return m, nil
		}
		note := "Exam date removed"
		if !msg.date.IsZero() {
			note = "Exam date saved: " + msg.date.Format("Monday 2 January 2006")
		}
		return m, tea.Batch(common.Status(note, false), m.load())
	case tea.KeyPressMsg:
		if m.dating {
			return m, m.updateDate(msg)
		}
		es := m.entries()
		switch {
		case key.Matches(msg, m.keys.Date):
			m.openDate()
			return m, nil
		case key.Matches(msg, m.keys.Step):
			if s, ok := m.step(msg.String()); ok {
				return m, common.Go(stepNav(s))
			}
			return m, nil
		case key.Matches(msg, m.keys.Up):
			m.cursor = (m.cursor - 1 + len(es)) % len(es)
		case key.Matches(msg, m.keys.Down):
			m.cursor = (m.cursor + 1) % len(es)
		case key.Matches(msg, m.keys.Open):
			e := es[m.cursor]
			return m, common.Go(e.nav)
		default:
			for _, e := range es {
				if msg.String() == e.key {
					return m, common.Go(e.nav)
				}
			}
		}
	}
	return m, nil
}

// ShowsPackTitle says the home screen shows the pack's title, so the header leaves it out.
func (m *Model) ShowsPackTitle() {}

// View draws the menu and the summary.
func (m *Model) View() string {
	st := m.ctx.Styles
	var b strings.Builder
	b.WriteString(st.Header.Render(m.ctx.Pack.Title) + "\n")
	b.WriteString(st.Subtle.Render(m.summaryLine()) + "\n\n")
	w := m.ctx.Width
	for i, e := range m.entries() {
		pad := strings.Repeat(" ", max(13-len([]rune(e.title)), 1))
		marker, title := "  ", st.Title.Render(e.title)
		if i == m.cursor {
			marker, title = st.Selected.Render("› "), st.Selected.Render(e.title)
		}
		b.WriteString(common.Truncate(marker+st.Subtle.Render("["+e.key+"]")+" "+title+pad+st.Subtle.Render(e.desc), w) + "\n")
	}
	if pv := m.planView(w); pv != "" {
		b.WriteString("\n" + pv + "\n")
	}
	if m.err != nil {
		b.WriteString("\n" + st.Error.Render("Could not read progress: "+m.err.Error()))
	} else if m.planErr != nil {
		b.WriteString("\n" + st.Error.Render("Could not work out the plan: "+m.planErr.Error()))
	}
	return b.String()
}

func (m *Model) summaryLine() string {
	if m.summary == nil {
		return "Offline study companion for the DVA-C02 exam."
	}
	s := m.summary
	if s.Questions.Answered == 0 && s.Decisions.Answered == 0 && s.SectionsRead == 0 {
		return "Nothing studied yet: start with the Notes, or a Scenario."
	}
	total := 0
	for _, n := range m.ctx.Pack.Notes {
		total += max(len(n.Sections), 1)
	}
	return fmt.Sprintf("Questions right: %s\n%d decisions · %d/%d sections read",
		prog.Figure(s.Questions.Accuracy(), s.Questions.Answered), s.Decisions.Answered, s.SectionsRead, total)
}

// study is the part of the study layer this screen uses, or nil without a database.
func (m *Model) study() common.HomeStudy {
	if m.ctx.Study == nil {
		return nil
	}
	return m.ctx.Study
}
