package notes

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"dvaprep/pack"
	"dvaprep/ui/common"
)

// toc is the table of contents: the notes under their exam domain, with how much of each is read.
type toc struct {
	common.GroupedList[*pack.Domain, *pack.Note]
}

func newTOC(p *pack.Pack) toc {
	var t toc
	domains := make([]*pack.Domain, len(p.Domains))
	for i := range p.Domains {
		domains[i] = &p.Domains[i]
	}
	t.SetRows(common.Group(domains, p.Notes, func(d *pack.Domain, n *pack.Note) bool { return n.Domain == d.ID }, true))
	return t
}

func (t *toc) selectNote(id string) { t.Select(func(n *pack.Note) bool { return n.ID == id }) }

func (t *toc) selected() *pack.Note {
	n, _ := t.Selected()
	return n
}

func (m *Model) updateTOC(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.inMode(modeTOC)
	switch {
	case key.Matches(msg, k.Up):
		m.toc.Move(-1)
	case key.Matches(msg, k.Down):
		m.toc.Move(1)
	case key.Matches(msg, k.PageUp):
		m.toc.Move(-10)
	case key.Matches(msg, k.PageDown):
		m.toc.Move(10)
	case key.Matches(msg, k.Top):
		m.toc.Top()
	case key.Matches(msg, k.Bottom):
		m.toc.Bottom()
	case key.Matches(msg, k.Open):
		if n := m.toc.selected(); n != nil {
			return m.openNote(n, m.placeTarget(n.ID))
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
	for _, r := range t.Rows {
		if r.IsItem {
			d, n := readCount(r.Item, read)
			c := domainRead[r.Group.ID]
			domainRead[r.Group.ID] = [2]int{c[0] + d, c[1] + n}
		}
	}
	lines := make([]string, 0, len(t.Rows))
	cursorLine := 0
	for i, r := range t.Rows {
		if !r.IsItem {
			c := domainRead[r.Group.ID]
			head := fmt.Sprintf("Domain %s · %s · %d%% of the exam", r.Group.ID, r.Group.Name, r.Group.Weight)
			prog := fmt.Sprintf("%d/%d read", c[0], c[1])
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, st.Header.Render(head)+"  "+st.Subtle.Render(prog))
			continue
		}
		done, total := readCount(r.Item, read)
		bar := common.Bar(float64(done)/float64(max(total, 1)), 10)
		mark := "  "
		title := r.Item.Title
		if i == t.Cursor {
			mark = "› "
			title = st.Selected.Render(title)
			cursorLine = len(lines)
		}
		nameW := max(w-28, 10)
		line := fmt.Sprintf("%s%s %s %s", mark, padRight(common.Truncate(title, nameW), nameW), st.Subtle.Render(bar), st.Subtle.Render(fmt.Sprintf("%3d/%-3d", done, total)))
		lines = append(lines, line)
	}
	return t.Window(lines, cursorLine, cursorLine, h, false)
}

func padRight(s string, w int) string {
	gap := w - common.Width(s)
	if gap <= 0 {
		return s
	}
	return s + strings.Repeat(" ", gap)
}
