package scenario

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"dvaprep/pack"
	"dvaprep/scenarios"
	"dvaprep/study"
	"dvaprep/ui/common"
)

// list is the scenario list: every scenario grouped by domain, narrowed by the filter.
type list struct {
	common.GroupedList[*pack.Domain, *pack.Scenario] // after the filter
	pack                                             *pack.Pack
	input                                            textinput.Model
	records                                          map[string]study.ScenarioRecord
	err                                              error
}

// recordsMsg carries every scenario's best score and last play from the store.
type recordsMsg struct {
	records map[string]study.ScenarioRecord
	err     error
}

func newList(p *pack.Pack) list {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "filter by title or summary"
	in.CharLimit = 100
	l := list{pack: p, input: in}
	l.filter()
	return l
}

func (m *Model) loadRecords() tea.Cmd {
	st, ctx := m.study(), m.ctx.Background()
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		r, err := st.ScenarioBest(ctx)
		return recordsMsg{records: r, err: err}
	}
}

// filter rebuilds the rows from the filter text, keeping the selected scenario when it still shows.
func (l *list) filter() {
	sel := l.selected()
	q := strings.ToLower(strings.TrimSpace(l.input.Value()))
	domains := make([]*pack.Domain, len(l.pack.Domains))
	for i := range l.pack.Domains {
		domains[i] = &l.pack.Domains[i]
	}
	l.SetRows(common.Group(domains, l.pack.Scenarios, func(d *pack.Domain, s *pack.Scenario) bool {
		return s.Domain == d.ID && matches(s, q)
	}, false))
	if sel != nil {
		l.selectScenario(sel.ID)
	}
}

func matches(s *pack.Scenario, q string) bool {
	return q == "" || strings.Contains(strings.ToLower(s.Title), q) || strings.Contains(strings.ToLower(s.Summary), q)
}

// move steps the cursor over scenarios only.
func (l *list) move(delta int) { l.Move(delta) }

func (l *list) selectScenario(id string) { l.Select(func(s *pack.Scenario) bool { return s.ID == id }) }

func (l *list) selected() *pack.Scenario {
	s, _ := l.Selected()
	return s
}

func (m *Model) updateList(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.list.move(-1)
	case key.Matches(msg, k.Down):
		m.list.move(1)
	case key.Matches(msg, k.PageUp):
		m.list.move(-5)
	case key.Matches(msg, k.PageDown):
		m.list.move(5)
	case key.Matches(msg, k.Top):
		m.list.Top()
	case key.Matches(msg, k.Bottom):
		m.list.Bottom()
	case key.Matches(msg, k.Play):
		if s := m.list.selected(); s != nil {
			return m.begin(s)
		}
	case key.Matches(msg, k.Restart):
		if s := m.list.selected(); s != nil {
			return m.restart(s)
		}
	case key.Matches(msg, k.Filter):
		m.state = stateFilter
		return m.list.input.Focus()
	case key.Matches(msg, k.Back):
		if m.list.input.Value() != "" {
			m.list.input.SetValue("")
			m.list.filter()
			return nil
		}
		return common.Back()
	}
	return nil
}

// updateFilter narrows the list on every keystroke; ↑/↓ still move and enter plays.
func (m *Model) updateFilter(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.list.input.SetValue("")
		m.list.input.Blur()
		m.list.filter()
		m.state = stateList
		return nil
	case "up", "ctrl+p":
		m.list.move(-1)
		return nil
	case "down", "ctrl+n":
		m.list.move(1)
		return nil
	case "enter":
		m.list.input.Blur()
		m.state = stateList
		if s := m.list.selected(); s != nil {
			return m.begin(s)
		}
		return nil
	}
	return m.list.updateInput(msg)
}

func (l *list) updateInput(msg tea.Msg) tea.Cmd {
	before := l.input.Value()
	var cmd tea.Cmd
	l.input, cmd = l.input.Update(msg)
	if l.input.Value() != before {
		l.filter()
	}
	return cmd
}

// view draws the filter line (when there is one), then the domains and their scenarios, two lines a
// scenario, scrolled so the cursor shows.
func (l *list) view(ctx *common.Context, typing bool, w, h int) string {
	st := ctx.Styles
	var top []string
	switch {
	case typing:
		top = append(top, l.input.View())
	case l.input.Value() != "":
		top = append(top, st.Subtle.Render(fmt.Sprintf("filter: %q · / edit · esc clear", l.input.Value())))
	}
	if l.err != nil {
		top = append(top, st.Error.Render("Could not read past runs: "+l.err.Error()))
	}
	if len(l.Rows) == 0 {
		msg := "This pack has no scenarios."
		if l.input.Value() != "" {
			msg = fmt.Sprintf("No scenario matches %q.", l.input.Value())
		}
		return strings.Join(append(top, st.Subtle.Render(msg)), "\n")
	}
	if len(top) > 0 {
		top = append(top, "")
	}
	now := ctx.Now()
	var lines []string
	cursorTop, cursorBottom := 0, 0
	for i, r := range l.Rows {
		if !r.IsItem {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, common.Truncate(st.Header.Render(fmt.Sprintf("Domain %s · %s", r.Group.ID, r.Group.Name)), w))
			continue
		}
		scn := r.Item
		mark, title := "  ", st.Title.Render(scn.Title)
		if i == l.Cursor {
			mark, title = st.Selected.Render("› "), st.Selected.Render(scn.Title)
			cursorTop = len(lines)
		}
		right := st.Subtle.Render(recordText(l.records[scn.ID], now))
		titleW := max(w-2-common.Width(right)-2, 10)
		lines = append(lines, mark+padRight(common.Truncate(title, titleW), titleW)+"  "+right)
		lines = append(lines, "    "+common.Truncate(st.Subtle.Render(scn.Summary), max(w-4, 1)))
		if i == l.Cursor {
			cursorBottom = len(lines) - 1
		}
	}
	// Keep the cursor on screen, with its domain header when it fits.
	body := l.Window(lines, cursorTop, cursorBottom, max(h-len(top), 1), true)
	return strings.Join(append(top, body), "\n")
}

// recordText is a scenario's best score and when it was last played.
func recordText(r study.ScenarioRecord, now time.Time) string {
	if r.LastPlayed.IsZero() {
		return "never played"
	}
	best := "unfinished"
	if r.Finished > 0 {
		// Points, not a percentage: "best 13%" hid that it rests on two decisions.
		best = "best " + outOf(scenarios.Total{Points: r.BestScore, Decisions: int(r.MaxScore + 0.5)})
	}
	return best + " · " + ago(r.LastPlayed, now)
}

// ago says how long ago t was, in calendar days.
func ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	y1, m1, d1 := t.In(now.Location()).Date()
	y2, m2, d2 := now.Date()
	days := int(time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC).Sub(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 60:
		return fmt.Sprintf("%d days ago", days)
	}
	return t.In(now.Location()).Format("2 Jan 2006")
}

func padRight(s string, w int) string {
	if gap := w - common.Width(s); gap > 0 {
		return s + strings.Repeat(" ", gap)
	}
	return s
}
