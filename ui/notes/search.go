package notes

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"dvaprep/ui/common"
)

const searchLimit = 50

var (
	searchUp   = key.NewBinding(key.WithKeys("up", "ctrl+p"))
	searchDown = key.NewBinding(key.WithKeys("down", "ctrl+n"))
)

func (m *Model) openSearch() tea.Cmd {
	m.mode = modeSearch
	m.input.SetValue("")
	m.results, m.sel = nil, 0
	m.input.SetWidth(max(m.ctx.Width-4, 10))
	return m.input.Focus()
}

// updateSearch runs the search on every keystroke. A search over the whole pack takes well under a
// millisecond (see BenchmarkSearch), so it runs here rather than in a command.
func (m *Model) updateSearch(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.input.Blur()
		m.mode = m.back
		if m.mode == modeSearch || (m.mode == modePager && m.pager.note == nil) {
			m.mode = modeTOC
		}
		m.back = modeTOC
		return nil
	case key.Matches(msg, searchUp):
		m.sel = max(m.sel-1, 0)
		return nil
	case key.Matches(msg, searchDown):
		m.sel = min(m.sel+1, max(len(m.results)-1, 0))
		return nil
	case key.Matches(msg, m.keys.Open):
		if m.sel >= len(m.results) {
			return nil
		}
		r := m.results[m.sel]
		n := m.ctx.Pack.Note(r.NoteID)
		if n == nil {
			return nil
		}
		m.input.Blur()
		m.back = modeSearch
		m.toc.selectNote(n.ID)
		t := target{slug: r.Slug}
		if r.Line >= 0 {
			t.line, t.text = r.Line, strings.TrimPrefix(r.Snippet, "…")
		}
		return m.openNote(n, t)
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if q := m.input.Value(); q != before {
		m.results = m.ctx.Index.Search(q, searchLimit)
		m.sel = 0
	}
	return cmd
}

func (m *Model) searchView(w, h int) string {
	st := m.ctx.Styles
	lines := []string{m.input.View(), ""}
	q := trimQuery(m.input.Value())
	switch {
	case q == "":
		lines = append(lines, st.Subtle.Render("Type to search every heading and line of every note."))
	case len(m.results) == 0:
		lines = append(lines, st.Subtle.Render(fmt.Sprintf("Nothing matches %q.", q)))
	default:
		lines[1] = st.Subtle.Render(fmt.Sprintf("%d results · ↑/↓ select · enter open", len(m.results)))
	}
	per := 2
	room := max((h-len(lines))/per, 1)
	first := max(0, m.sel-room+1)
	for i := first; i < len(m.results) && i < first+room; i++ {
		r := m.results[i]
		where := r.NoteTitle
		if r.Slug != "" {
			where += " › " + r.Heading
		}
		mark := "  "
		whereStyle := st.Subtle
		if i == m.sel {
			mark = st.Selected.Render("› ")
			whereStyle = st.Selected
		}
		text := common.Highlight(common.Truncate(r.Snippet, max(w-6, 10)), r.Matched, st.Highlight, st.Title.UnsetBold())
		lines = append(lines, mark+common.Truncate(whereStyle.Render(where), w-2), "    "+common.Truncate(text, w-4))
	}
	return strings.Join(lines, "\n")
}
