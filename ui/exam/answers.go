package exam

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"dvaprep/ui/common"
)

// The review of every answer after the exam, part of the result model: a filtered list of positions (all, wrong or
// marked) and the answer on screen with its explanation.

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

// showAnswers shows the review with a filter; already answering, it stays on the same question when the filter
// keeps it.
func (r *resultModel) showAnswers(f filter, answering bool) {
	keep := r.review.pos()
	if !answering {
		keep = -1
	}
	var list []int
	for _, it := range r.result.Items {
		switch {
		case f == filterWrong && (it.Correct || it.Missing || r.practice() && !it.Answered): // practice: skipped is not wrong
		case f == filterFlagged && !it.Flagged:
		default:
			list = append(list, it.Position)
		}
	}
	r.review = answers{filter: f, list: list}
	for k, p := range list {
		if p == keep {
			r.review.idx = k
		}
	}
	r.layout(true)
	r.vp.GotoTop()
}

// goAnswer moves d answers along the list.
func (r *resultModel) goAnswer(d int) action {
	i := r.review.idx + d
	if i < 0 || i >= len(r.review.list) {
		return none
	}
	r.review.idx, r.review.link = i, 0
	r.layout(true)
	r.vp.GotoTop()
	return action{kind: actRender}
}

func (r *resultModel) updateAnswers(msg tea.KeyPressMsg) action {
	if r.scroll(msg) {
		return none
	}
	k := r.keys
	q := r.question(r.review.pos())
	switch {
	case key.Matches(msg, k.Back):
		return action{kind: actResult}
	case key.Matches(msg, k.Next, k.Right):
		return r.goAnswer(1)
	case key.Matches(msg, k.Prev, k.Left):
		return r.goAnswer(-1)
	case key.Matches(msg, k.Wrong):
		return action{kind: actAnswers, filter: filterWrong}
	case key.Matches(msg, k.Flagged):
		return action{kind: actAnswers, filter: filterFlagged}
	case key.Matches(msg, k.All):
		return action{kind: actAnswers, filter: filterAll}
	case key.Matches(msg, k.NextLink):
		if q != nil && len(q.Notes) > 0 {
			r.review.link = (r.review.link + 1) % len(q.Notes)
			r.layoutAnswer()
		}
	case key.Matches(msg, k.OpenLink, k.Enter):
		if q != nil && len(q.Notes) > 0 {
			return action{kind: actNote, text: q.Notes[min(r.review.link, len(q.Notes)-1)]}
		}
	}
	return none
}

func (r *resultModel) layoutAnswer() {
	p := r.review.pos()
	if p < 0 {
		r.vp.SetContent("")
		return
	}
	content, _ := r.body(p, true, -1, r.review.link)
	fill(&r.vp, r.ctx.BodyHeight()-2, content)
}

func (r *resultModel) answerView() string {
	st := r.ctx.Styles
	w := r.ctx.Width
	a := &r.review
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
	it := r.result.Items[p]
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
	return common.Truncate(head, w) + "\n" + common.Truncate(strings.Join(parts, " · "), w) + "\n" + scrolled(r.ctx, &r.vp)
}
