package exam

import (
	tea "charm.land/bubbletea/v2"

	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
)

// renderedMsg says that markdown was rendered into the cache at a width and theme; a late one is dropped.
type renderedMsg struct {
	owner uint64
	width int
	theme markdown.Theme
	err   error
}

// docs lists the markdown the current mode shows, and the next question's stem so that n is instant.
func (m *Model) docs() []markdown.Doc {
	var out []markdown.Doc
	addQ := func(i int, explanation bool) {
		if q := m.question(i); q != nil {
			out = append(out, markdown.Doc{ID: stemID(q.ID), MD: q.Stem})
			if explanation {
				out = append(out, markdown.Doc{ID: explanationID(q.ID), MD: common.Explanation(q)})
			}
		}
	}
	switch m.mode {
	case modeQuestion:
		addQ(m.quest.cur, m.sheet().revealed(m.quest.cur))
		addQ(m.quest.cur+1, false)
	case modeAnswers:
		addQ(m.res.review.pos(), true)
		if m.res.review.idx+1 < len(m.res.review.list) {
			addQ(m.res.review.list[m.res.review.idx+1], true)
		}
	}
	return out
}

// renderCmd renders in a command whatever the current view needs that is not cached yet.
func (m *Model) renderCmd() tea.Cmd {
	r := m.ctx.Markdown
	if r == nil || m.ctx.Width == 0 {
		return nil
	}
	w, theme, owner := m.ctx.MarkdownWidth(), m.ctx.Theme(), m.owner
	missing := r.Missing(m.docs(), w, theme)
	if len(missing) == 0 {
		return nil
	}
	return func() tea.Msg {
		return renderedMsg{owner: owner, width: w, theme: theme, err: r.RenderAll(missing, w, theme)}
	}
}
