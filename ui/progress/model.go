// Package progress is the Progress dashboard: mastery per domain and task statement, the readiness
// estimate, weak spots with one-key actions, mock exam history, accuracy per week, confused answers,
// pacing and streak. The numbers come from package progress (dvaprep/progress), computed in a command;
// this package only lays them out, in a viewport that scrolls when the terminal is short.
package progress

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	prog "dvaprep/progress"
	"dvaprep/ui/common"
)

// Model is the dashboard.
type Model struct {
	ctx    *common.Context
	keys   KeyMap
	vp     viewport.Model
	report *prog.Report
	err    error
	seq    int
}

// New opens the dashboard.
func New(ctx *common.Context) *Model {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{} // the screen handles its own keys
	vp.MouseWheelEnabled = true
	return &Model{ctx: ctx, keys: DefaultKeyMap(), vp: vp}
}

// Init computes the report.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title names the screen for the header.
func (m *Model) Title() string { return "Progress" }

// KeyMap returns the dashboard keys.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Capturing is always false: the dashboard has no text field.
func (m *Model) Capturing() bool { return false }

type loadedMsg struct {
	seq    int
	report prog.Report
	err    error
}

// load reads the store and computes the report, in a command.
func (m *Model) load() tea.Cmd {
	m.seq++
	seq, st, p, now, ctx := m.seq, m.study(), m.ctx.Pack, m.ctx.Now(), m.ctx.Background()
	return func() tea.Msg {
		var d prog.Data
		if st != nil {
			var err error
			if d, err = st.Progress(ctx, now); err != nil {
				return loadedMsg{seq: seq, err: err}
			}
		}
		return loadedMsg{seq: seq, report: prog.Compute(p, d, now)}
	}
}

// Update moves the screen's state; the store is read in the commands it returns.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg, common.ThemeMsg:
		m.relayout()
	case common.ResumeMsg: // back from a drill or a note: the numbers may have moved
		return m, m.load()
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.err = msg.err
		if msg.err != nil {
			m.relayout()
			return m, common.Status("Could not read your progress: "+msg.err.Error(), true)
		}
		m.report = &msg.report
		m.relayout()
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return common.Back()
	case k.scroll().Scroll(&m.vp, msg):
	case key.Matches(msg, k.Reload):
		return m.load()
	case key.Matches(msg, k.Act):
		return m.act(int(msg.String()[0] - '1'))
	}
	return nil
}

// act opens what weak spot i suggests: its note, or a drill of its task.
func (m *Model) act(i int) tea.Cmd {
	if m.report == nil || i < 0 || i >= len(m.report.Weak) {
		return nil
	}
	w := m.report.Weak[i]
	if w.Action == prog.Read && w.NoteID != "" {
		return common.OpenNote(w.NoteID)
	}
	return common.OpenExam(common.ExamArg{Start: &common.ExamStart{Questions: 10, Domain: w.Domain, Task: w.ID}})
}

func (m *Model) relayout() {
	m.vp.SetWidth(m.ctx.Width)
	m.vp.SetHeight(max(m.ctx.BodyHeight()-1, 1)) // the last line says when there is more
	m.vp.SetContent(m.content())
}

// View draws the dashboard, at most Width × BodyHeight.
func (m *Model) View() string {
	w, h := m.ctx.Width, m.ctx.BodyHeight()
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.report == nil && m.err == nil {
		return common.Fit(m.ctx.Styles.Subtle.Render("Adding up your answers…"), w, h)
	}
	more := ""
	if !m.vp.AtBottom() {
		more = m.ctx.Styles.Subtle.Render("↓ more below: j, space or the mouse wheel")
	}
	return common.Fit(m.vp.View()+"\n"+more, w, h)
}

// study is the part of the study layer this screen uses, or nil without a database.
func (m *Model) study() common.ProgressStudy {
	if m.ctx.Study == nil {
		return nil
	}
	return m.ctx.Study
}
