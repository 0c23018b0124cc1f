// Package scenario is the scenario player: a list of scenarios grouped by exam domain with each one's best
// score and when it was last played; then one decision at a time, with the verdict and the why of every
// choice; and an ending that scores the run by domain and task beside the best path. Markdown renders and
// store writes run in commands; Update only moves state.
package scenario

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"dvaprep/pack"
	"dvaprep/ui/common"
)

type state int

const (
	stateList    state = iota // choosing a scenario
	stateFilter               // typing a filter over the list
	stateDecide               // a decision on screen, no choice made yet
	stateVerdict              // a choice made: its verdict and why
	stateLinks                // picking one of the chosen choice's note links
	stateEnding               // the outcome, the score and the paths
	stateLeaving              // asking before leaving a run that has decisions
)

// Model is the scenario screen.
type Model struct {
	ctx   *common.Context
	keys  KeyMap
	state state
	list  list
	play  play
	plays int // plays started; each play's number tells its late messages apart
	vp    viewport.Model
	docs  docs    // rendered markdown of the node on screen
	marks anchors // content rows that keys scroll to
	rec   recorder

	pos       placeStore     // where unfinished runs are kept; nil when there is no store
	loads     int            // places asked for; only the latest answer is used
	leaveFrom state          // the state to return to when the learner stays
	ask       common.Confirm // "leave this scenario?"
	initial   *pack.Scenario // the scenario asked for by the arg, begun by Init
}

// New opens the scenario list. A scenario ID as arg starts that scenario at once.
func New(ctx *common.Context, arg string) (*Model, error) {
	m := &Model{ctx: ctx, keys: DefaultKeyMap(), list: newList(ctx.Pack), vp: viewport.New(), rec: newRecorder(), pos: places(ctx)}
	m.vp.KeyMap = viewport.KeyMap{} // keys are handled here; the viewport only scrolls with the wheel
	m.resize()
	if arg != "" {
		s := ctx.Pack.Scenario(arg)
		if s == nil {
			return nil, fmt.Errorf("no scenario %q", arg)
		}
		m.list.selectScenario(s.ID)
		m.initial = s // Init begins it
	}
	return m, nil
}

// Init loads the records shown in the list and begins the scenario asked for by the arg, where it was
// left if it was left unfinished.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.loadRecords()}
	if m.initial != nil {
		cmds = append(cmds, m.begin(m.initial))
		m.initial = nil
	}
	return tea.Batch(cmds...)
}

// Title names the screen for the header.
func (m *Model) Title() string {
	if m.state == stateList || m.state == stateFilter || m.play.run == nil {
		return "Scenarios"
	}
	return "Scenarios › " + m.play.run.Scenario().Title
}

// KeyMap returns the keys of the current state.
func (m *Model) KeyMap() help.KeyMap {
	k := m.keys
	k.state, k.filtered = m.state, m.list.input.Value() != ""
	if m.state == stateVerdict {
		k.next = m.nextAction()
	}
	k.Restart.SetEnabled(m.pos != nil)
	return k
}

// Capturing is true while the filter field has focus.
func (m *Model) Capturing() bool { return m.state == stateFilter }

// Update moves the screen's state; I/O happens in the commands it returns.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize()
		return m, m.renderCmd()
	case common.ThemeMsg:
		return m, m.renderCmd()
	case common.ResumeMsg:
		return m, m.loadRecords()
	case recordsMsg:
		if msg.err != nil {
			m.list.err = msg.err
			return m, common.Status(msg.err.Error(), true)
		}
		m.list.records, m.list.err = msg.records, nil
		return m, nil
	case renderedMsg:
		m.rendered(msg)
		if msg.err != nil {
			return m, common.Status(msg.err.Error(), true)
		}
		return m, nil
	case runFinishedMsg, common.WriteFailedMsg:
		return m, m.stored(msg)
	case placeSavedMsg:
		m.placeSaved(msg)
		return m, nil
	case placeLoadedMsg:
		return m, m.placeLoaded(msg)
	case tea.KeyPressMsg:
		switch m.state {
		case stateList:
			return m, m.updateList(msg)
		case stateFilter:
			return m, m.updateFilter(msg)
		case stateDecide:
			return m, m.updateDecide(msg)
		case stateVerdict:
			return m, m.updateVerdict(msg)
		case stateLinks:
			return m, m.updateLinks(msg)
		case stateEnding:
			return m, m.updateEnding(msg)
		case stateLeaving:
			return m, m.updateLeaving(msg)
		}
	case tea.MouseWheelMsg:
		if m.state == stateList || m.state == stateFilter {
			if msg.Button == tea.MouseWheelUp {
				m.list.move(-1)
			} else if msg.Button == tea.MouseWheelDown {
				m.list.move(1)
			}
			return m, nil
		}
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return m, cmd
	}
	if m.state == stateFilter {
		return m, m.list.updateInput(msg)
	}
	return m, nil
}

// resize fits the viewport and the filter field to the terminal.
func (m *Model) resize() {
	m.vp.SetWidth(max(m.ctx.Width, 1))
	m.vp.SetHeight(max(m.ctx.BodyHeight()-2, 1))
	m.list.input.SetWidth(max(m.ctx.Width-4, 10))
	if m.play.node != nil {
		m.layout()
	}
}

// scrollKeys scrolls the viewport; it reports whether msg was a scroll key.
func (m *Model) scrollKeys(msg tea.KeyPressMsg) bool { return m.keys.scroll().Scroll(&m.vp, msg) }

// View draws the list, or the scenario being played: a title line, the scrolling content and a line that
// says whether there is more below.
func (m *Model) View() string {
	w, h := m.ctx.Width, m.ctx.BodyHeight()
	if m.state == stateList || m.state == stateFilter || m.play.run == nil {
		return common.Fit(m.list.view(m.ctx, m.state == stateFilter, w, h), w, h)
	}
	st := m.ctx.Styles
	left := st.Title.Render(m.stage())
	right := st.Subtle.Render(m.scoreSoFar())
	title := left
	if gap := w - common.Width(left) - common.Width(right); gap >= 2 {
		title += strings.Repeat(" ", gap) + right
	}
	body := m.vp.View()
	switch {
	case m.state == stateLeaving:
		body = m.leaveView(w, max(h-2, 1))
	case m.docs.out == nil:
		body = st.Subtle.Render("Rendering…")
	}
	return common.Fit(common.Truncate(title, w)+"\n"+common.Fit(body, w, max(h-2, 1))+"\n"+m.scrollLine(), w, h)
}

// scrollLine says where the viewport is when the content is longer than the screen.
func (m *Model) scrollLine() string {
	st := m.ctx.Styles
	if m.vp.TotalLineCount() <= m.vp.Height() {
		return ""
	}
	pct := int(m.vp.ScrollPercent()*100 + 0.5)
	if m.vp.AtBottom() {
		return st.Subtle.Render(fmt.Sprintf("─ end (%d%%) · ↑/pgup scroll", pct))
	}
	return st.Subtle.Render(fmt.Sprintf("↓ more below (%d%%) · ↓/pgdn scroll", pct))
}
