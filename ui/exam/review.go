package exam

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
)

// reviewGroups are the lists of the check before submitting, in order.
var reviewGroups = []string{"Unanswered", "Incomplete: fewer options chosen than asked", "Marked for review"}

// openReview shows the check before submitting: the unanswered, the incomplete and the marked questions.
func (m *Model) openReview() {
	lists := make([][]int, len(reviewGroups))
	for i := range m.sess.Items {
		switch m.fill(i) {
		case engine.Blank:
			lists[0] = append(lists[0], i)
		case engine.Incomplete:
			lists[1] = append(lists[1], i)
		}
		if m.sess.Flagged(i) {
			lists[2] = append(lists[2], i)
		}
	}
	m.mode = modeReview
	m.grid = grid{}
	for _, l := range lists {
		m.grid.items = append(m.grid.items, l...)
		m.grid.groups = append(m.grid.groups, len(l))
	}
}

// submitWarnings say what submitting now costs: "2 questions incomplete: they score 0". In practice (a drill or a
// custom exam) an unanswered question is reported as skipped, not wrong.
func submitWarnings(c engine.Counts, practice bool) []string {
	var out []string
	they := func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	}
	if c.Unanswered > 0 && practice {
		out = append(out, fmt.Sprintf("%s unanswered: the report shows %s as skipped.", plural(c.Unanswered, "question", "questions"),
			they(c.Unanswered, "it", "them")))
	} else if c.Unanswered > 0 {
		out = append(out, fmt.Sprintf("%s unanswered: %s as wrong.", plural(c.Unanswered, "question", "questions"),
			they(c.Unanswered, "it counts", "they count")))
	}
	if c.Incomplete > 0 {
		out = append(out, fmt.Sprintf("%s incomplete: %s 0.", plural(c.Incomplete, "question", "questions"),
			they(c.Incomplete, "it scores", "they score")))
	}
	return out
}

func (m *Model) reviewView(h int) string {
	st := m.ctx.Styles
	c := m.sess.Counts(m.ctx.Pack)
	n := len(m.sess.Items)
	head := []string{
		m.statusLine(),
		st.Title.Render("Review before you submit"),
		fmt.Sprintf("%d of %d answered · %d incomplete · %d unanswered · %d marked", c.Answered, n, c.Incomplete,
			c.Unanswered, c.Flagged),
		"",
	}
	var body []string
	cursorRow := 0
	offset := 0
	for g, size := range m.grid.groups {
		items := m.grid.items[offset : offset+size]
		if size > 0 {
			body = append(body, st.Title.Render(fmt.Sprintf("%s (%d)", reviewGroups[g], size)))
			sel := m.grid.cursor - offset
			rows := m.cells(items, sel)
			if sel >= 0 && sel < size {
				cursorRow = len(body) + sel/m.gridCols()
			}
			body = append(body, rows...)
		}
		offset += size
	}
	if len(m.grid.items) == 0 {
		body = append(body, st.Good.Render("✓ Every question is answered and none is marked."))
	}
	ask := "Submit? y/n"
	if m.sess.Config.ShowAnswers {
		ask = "Finish the drill? y/n"
	}
	var foot []string
	for _, w := range submitWarnings(c, m.practice()) {
		foot = append(foot, st.Warn.Render("⚠ "+w))
	}
	foot = append(foot, st.Selected.Render(ask)+st.Subtle.Render(" · enter jumps to the question in brackets"))
	body = window(append(body, ""), cursorRow, h-len(head)-len(foot))
	return strings.Join(append(append(head, body...), foot...), "\n")
}

func (m *Model) updateReview(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.grid.keys(k, msg, m.gridCols()):
	case key.Matches(msg, k.Enter):
		if p := m.grid.selected(); p >= 0 {
			return m.open(p)
		}
	case key.Matches(msg, k.Yes):
		return m.submit(byUser)
	case key.Matches(msg, k.No, k.Back):
		return m.open(m.cur)
	}
	return nil
}
