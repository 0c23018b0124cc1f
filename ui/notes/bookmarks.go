package notes

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"dvaprep/ui/common"
)

func (m *Model) updateBookmarks(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.mode = m.back
		if m.mode == modeBookmarks || (m.mode == modePager && m.pager.note == nil) {
			m.mode = modeTOC
		}
		if m.mode == modeTOC && m.back == modeTOC && m.pager.note == nil && len(m.toc.Rows) == 0 {
			return common.Back()
		}
	case key.Matches(msg, k.Up):
		m.markSel = max(m.markSel-1, 0)
	case key.Matches(msg, k.Down):
		m.markSel = min(m.markSel+1, max(len(m.marks)-1, 0))
	case key.Matches(msg, k.Open):
		if m.markSel < len(m.marks) {
			n, sec, ok := m.ctx.Pack.Section(m.marks[m.markSel].Section)
			if n == nil || !ok {
				return common.Status("That section is no longer in the notes.", true)
			}
			m.back = modeTOC
			m.toc.selectNote(n.ID)
			return m.openNote(n, target{slug: sec.Slug})
		}
	case key.Matches(msg, k.Remove):
		if m.markSel < len(m.marks) {
			b := m.marks[m.markSel]
			return m.save("removing a bookmark", "Bookmark removed: "+b.Label, func(ctx context.Context, s common.NotesStudy) error {
				return s.SetBookmark(ctx, b.Section, b.Label, false)
			})
		}
	}
	return nil
}

func (m *Model) bookmarksView(w, h int) string {
	st := m.ctx.Styles
	lines := []string{st.Header.Render("Bookmarks"), ""}
	if len(m.marks) == 0 {
		lines = append(lines, st.Subtle.Render("No bookmarks yet. In a note, press b to bookmark what its title names: the section you are reading, or the note on its introduction."))
	}
	first := max(0, m.markSel-(h-3))
	for i := first; i < len(m.marks); i++ {
		b := m.marks[i]
		label := b.Label
		if label == "" {
			label = b.Section
		}
		if i == m.markSel {
			lines = append(lines, st.Selected.Render("› ★ "+label))
		} else {
			lines = append(lines, "  ★ "+label)
		}
	}
	return common.Fit(strings.Join(lines, "\n"), w, h)
}
