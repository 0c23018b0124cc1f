package exam

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"dvaprep/ui/common"
)

// filter picks which answers the review shows.
type filter int

const (
	filterAll filter = iota
	filterWrong
	filterFlagged
)

func (f filter) String() string {
	switch f {
	case filterWrong:
		return "wrong"
	case filterFlagged:
		return "marked"
	}
	return "all"
}

// key is the key that picks the filter, as the header shows it.
func (f filter) key() string {
	switch f {
	case filterWrong:
		return "w"
	case filterFlagged:
		return "m"
	}
	return "*"
}

// answers is the review of every answer after the exam: a filtered list of positions and the one on screen.
type answers struct {
	filter filter
	list   []int
	idx    int
	link   int
}

// pos is the position on screen, or -1 when the filter matches nothing.
func (a *answers) pos() int {
	if a.idx < 0 || a.idx >= len(a.list) {
		return -1
	}
	return a.list[a.idx]
}

// openAnswers shows the review with a filter, staying on the same question when the filter keeps it.
func (m *Model) openAnswers(f filter) tea.Cmd {
	keep := m.review.pos()
	if m.mode != modeAnswers {
		keep = -1
	}
	var list []int
	for _, it := range m.result.Items {
		switch {
		case f == filterWrong && (it.Correct || it.Missing):
		case f == filterFlagged && !it.Flagged:
		default:
			list = append(list, it.Position)
		}
	}
	m.review = answers{filter: f, list: list}
	for k, p := range list {
		if p == keep {
			m.review.idx = k
		}
	}
	m.mode = modeAnswers
	m.relayout()
	m.vp.GotoTop()
	return m.renderCmd()
}

func (m *Model) goAnswer(d int) tea.Cmd {
	i := m.review.idx + d
	if i < 0 || i >= len(m.review.list) {
		return nil
	}
	m.review.idx, m.review.link = i, 0
	m.relayout()
	m.vp.GotoTop()
	return m.renderCmd()
}

func (m *Model) updateAnswers(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	q := m.question(m.review.pos())
	switch {
	case key.Matches(msg, k.Back):
		m.mode = modeResult
		m.relayout()
	case key.Matches(msg, k.Next, k.Right):
		return m.goAnswer(1)
	case key.Matches(msg, k.Prev, k.Left):
		return m.goAnswer(-1)
	case key.Matches(msg, k.Wrong):
		return m.openAnswers(filterWrong)
	case key.Matches(msg, k.Flagged):
		return m.openAnswers(filterFlagged)
	case key.Matches(msg, k.All):
		return m.openAnswers(filterAll)
	case key.Matches(msg, k.Up):
		m.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		m.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, k.PageDown, k.Toggle):
		m.vp.PageDown()
	case key.Matches(msg, k.NextLink):
		if q != nil && len(q.Notes) > 0 {
			m.review.link = (m.review.link + 1) % len(q.Notes)
			m.relayout()
		}
	case key.Matches(msg, k.OpenLink, k.Enter):
		if q != nil && len(q.Notes) > 0 {
			return m.openNote(q.Notes[min(m.review.link, len(q.Notes)-1)])
		}
	}
	return nil
}

func (m *Model) layoutAnswer() {
	p := m.review.pos()
	if p < 0 {
		m.vp.SetContent("")
		return
	}
	y := m.vp.YOffset()
	content, _ := m.body(p, true, false, m.review.link)
	m.vp.SetContent(content)
	m.vp.SetYOffset(y)
}

func (m *Model) answerView() string {
	st := m.ctx.Styles
	w := m.ctx.Width
	a := &m.review
	filters := []string{}
	for _, f := range []filter{filterWrong, filterFlagged, filterAll} {
		name := f.key() + " " + f.String()
		if f == a.filter {
			name = st.Selected.Render("[" + name + "]")
		} else {
			name = st.Subtle.Render(name)
		}
		filters = append(filters, name)
	}
	head := st.Title.Render("Review answers") + " · " + strings.Join(filters, " ")
	p := a.pos()
	if p < 0 {
		return common.Truncate(head, w) + "\n\n" + fmt.Sprintf("No %s answers. Press * to see all of them.", a.filter)
	}
	it := m.result.Items[p]
	parts := []string{st.Title.Render(fmt.Sprintf("Q%d", p+1)), fmt.Sprintf("%d of %d %s", a.idx+1, len(a.list), a.filter)}
	switch {
	case it.Missing:
		parts = append(parts, st.Warn.Render("not in the pack any more"))
	case it.Correct:
		parts = append(parts, st.Good.Render("✓ correct"))
	case !it.Answered:
		parts = append(parts, st.Warn.Render("○ not answered"))
	case it.Incomplete:
		parts = append(parts, st.Bad.Render("◐ incomplete: scored 0"))
	default:
		parts = append(parts, st.Bad.Render("✗ wrong"))
	}
	if it.Task != "" {
		parts = append(parts, "Task "+it.Task)
	}
	if it.Unscored {
		parts = append(parts, st.Subtle.Render("unscored"))
	}
	if it.Flagged {
		parts = append(parts, st.Warn.Render("⚑ marked"))
	}
	return common.Truncate(head, w) + "\n" + common.Truncate(strings.Join(parts, " · "), w) + "\n" + m.scrolled()
}
