package notes

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"dvaprep/pack"
	"dvaprep/ui/common"
)

// tocRow is a domain heading (note == nil) or a note under it.
type tocRow struct {
	domain *pack.Domain
	note   *pack.Note
}

type toc struct {
	rows   []tocRow
	cursor int // index into rows; always a note row when there is one
	offset int
}

func newTOC(p *pack.Pack) toc {
	var t toc
	for i := range p.Domains {
		d := &p.Domains[i]
		t.rows = append(t.rows, tocRow{domain: d})
		for _, n := range p.Notes {
			if n.Domain == d.ID {
				t.rows = append(t.rows, tocRow{domain: d, note: n})
			}
		}
	}
	t.cursor = -1
	t.move(1)
	return t
}

// move steps the cursor over note rows only.
func (t *toc) move(delta int) {
	t.cursor = common.Step(t.cursor, delta, len(t.rows), func(i int) bool { return t.rows[i].note != nil })
}

func (t *toc) selectNote(id string) {
	for i, r := range t.rows {
		if r.note != nil && r.note.ID == id {
			t.cursor = i
		}
	}
}

func (t *toc) selected() *pack.Note {
	if t.cursor < 0 || t.cursor >= len(t.rows) {
		return nil
	}
	return t.rows[t.cursor].note
}

func (m *Model) updateTOC(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.toc.move(-1)
	case key.Matches(msg, k.Down):
		m.toc.move(1)
	case key.Matches(msg, k.PageUp):
		m.toc.move(-10)
	case key.Matches(msg, k.PageDown):
		m.toc.move(10)
	case key.Matches(msg, k.Top):
		m.toc.cursor = -1
		m.toc.move(1)
	case key.Matches(msg, k.Bottom):
		m.toc.move(len(m.toc.rows))
	case key.Matches(msg, k.Open):
		if n := m.toc.selected(); n != nil {
			return m.openNote(n, target{})
		}
	case key.Matches(msg, k.Search):
		m.back = modeTOC
		return m.openSearch()
	case key.Matches(msg, k.Bookmarks):
		m.back = modeTOC
		m.mode = modeBookmarks
		return m.loadBookmarks()
	case key.Matches(msg, k.Back):
		return common.Back()
	}
	return nil
}

// readCount is how many of a note's sections are read, and how many it has.
func readCount(n *pack.Note, read map[string]bool) (int, int) {
	if len(n.Sections) == 0 {
		if read[n.ID] {
			return 1, 1
		}
		return 0, 1
	}
	done := 0
	for _, s := range n.Sections {
		if read[n.ID+"#"+s.Slug] {
			done++
		}
	}
	return done, len(n.Sections)
}

func (t *toc) view(ctx *common.Context, read map[string]bool, w, h int) string {
	st := ctx.Styles
	domainRead := map[string][2]int{}
	for _, r := range t.rows {
		if r.note != nil {
			d, n := readCount(r.note, read)
			c := domainRead[r.domain.ID]
			domainRead[r.domain.ID] = [2]int{c[0] + d, c[1] + n}
		}
	}
	lines := make([]string, 0, len(t.rows))
	cursorLine := 0
	for i, r := range t.rows {
		if r.note == nil {
			c := domainRead[r.domain.ID]
			head := fmt.Sprintf("Domain %s · %s · %d%% of the exam", r.domain.ID, r.domain.Name, r.domain.Weight)
			prog := fmt.Sprintf("%d/%d read", c[0], c[1])
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, st.Header.Render(head)+"  "+st.Subtle.Render(prog))
			continue
		}
		done, total := readCount(r.note, read)
		bar := common.Bar(float64(done)/float64(max(total, 1)), 10)
		mark := "  "
		title := r.note.Title
		if i == t.cursor {
			mark = "› "
			title = st.Selected.Render(title)
			cursorLine = len(lines)
		}
		nameW := max(w-28, 10)
		line := fmt.Sprintf("%s%s %s %s", mark, padRight(common.Truncate(title, nameW), nameW), st.Subtle.Render(bar), st.Subtle.Render(fmt.Sprintf("%3d/%-3d", done, total)))
		lines = append(lines, line)
	}
	// Keep the cursor on screen.
	if cursorLine < t.offset {
		t.offset = cursorLine
	}
	if cursorLine >= t.offset+h {
		t.offset = cursorLine - h + 1
	}
	t.offset = min(max(t.offset, 0), max(len(lines)-h, 0))
	return strings.Join(lines[t.offset:min(len(lines), t.offset+h)], "\n")
}

func padRight(s string, w int) string {
	gap := w - common.Width(s)
	if gap <= 0 {
		return s
	}
	return s + strings.Repeat(" ", gap)
}
