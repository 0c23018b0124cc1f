package notes

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"dvaprep/ui/common"
)

// searchLimit is how many sections the search lists; one result per section.
const searchLimit = 40

var (
	searchUp      = key.NewBinding(key.WithKeys("up", "ctrl+p"))
	searchDown    = key.NewBinding(key.WithKeys("down", "ctrl+n"))
	searchSuggest = key.NewBinding(key.WithKeys("tab"))
)

func (m *Model) openSearch() tea.Cmd {
	m.mode = modeSearch
	m.input.SetValue("")
	m.results, m.suggest, m.sel = nil, nil, 0
	m.input.SetWidth(max(m.ctx.Width-4, 10))
	ix := m.ctx.Index
	// The index is built on first use; build it while the learner starts typing.
	prepare := func() tea.Msg { ix.Prepare(); return nil }
	return tea.Batch(m.input.Focus(), prepare)
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
	case key.Matches(msg, searchSuggest):
		if len(m.suggest) > 0 {
			m.input.SetValue(m.suggest[0])
			m.input.CursorEnd()
			m.runSearch()
		}
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
		m.back = modeTOC
		m.toc.selectNote(n.ID)
		cmd := m.openNote(n, target{slug: r.Slug})
		// The note opens at the section's first match, with every word of the query marked; n/N go on.
		q := strings.TrimSpace(m.input.Value())
		m.pager.find.words(q, m.ctx.Index.Highlighter(q))
		return cmd
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.runSearch()
	}
	return cmd
}

func (m *Model) runSearch() {
	q := m.input.Value()
	m.results = m.ctx.Index.Search(q, searchLimit)
	m.suggest = nil
	if len(m.results) == 0 && strings.TrimSpace(q) != "" {
		m.suggest = m.ctx.Index.Suggest(q)
	}
	m.sel = 0
}

func (m *Model) searchView(w, h int) string {
	st := m.ctx.Styles
	lines := []string{m.input.View(), ""}
	q := trimQuery(m.input.Value())
	switch {
	case q == "":
		lines = append(lines, st.Subtle.Render("Type to search every note: words in any order, questions, abbreviations, typos."))
	case len(m.results) == 0:
		msg := "Nothing matches " + quoteShort(q) + "."
		if len(m.suggest) > 0 {
			msg += " Did you mean " + strings.Join(m.suggest, ", ") + "? Tab uses " + quoteShort(m.suggest[0]) + "."
		}
		lines = append(lines, st.Subtle.Render(msg))
	default:
		lines[1] = st.Subtle.Render(fmt.Sprintf("%s · ↑/↓ select · enter open", plural(len(m.results), "result", "results")))
	}
	per := 2
	room := max((h-len(lines))/per, 1)
	first := max(0, m.sel-room+1)
	for i := first; i < len(m.results) && i < first+room; i++ {
		r := m.results[i]
		mark := "  "
		whereStyle := st.Subtle
		if i == m.sel {
			mark = st.Selected.Render("› ")
			whereStyle = st.Selected
		}
		where := common.Highlight(r.Heading, r.HeadingMatched, st.Highlight, whereStyle)
		if r.Slug != "" {
			where = whereStyle.Render(r.NoteTitle+" › ") + where
		}
		text := st.Subtle.Render("(a heading without text)")
		if r.Snippet != "" {
			text = common.Highlight(common.Truncate(r.Snippet, max(w-4, 10)), r.Matched, st.Highlight, st.Title.UnsetBold())
		}
		lines = append(lines, mark+common.Truncate(where, w-2), "    "+common.Truncate(text, w-4))
	}
	return strings.Join(lines, "\n")
}

// quoteShort quotes what the learner typed, cut to a few words.
func quoteShort(q string) string {
	if r := []rune(q); len(r) > 40 {
		q = string(r[:39]) + "…"
	}
	return fmt.Sprintf("%q", q)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
