package exam

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// openReview shows the check before submitting: the unanswered and the flagged questions.
func (m *Model) openReview() {
	var un, fl []int
	for i := range m.sess.Items {
		if !m.sess.Answered(i) {
			un = append(un, i)
		}
		if m.sess.Flagged(i) {
			fl = append(fl, i)
		}
	}
	m.mode = modeReview
	m.grid = grid{items: append(un, fl...), split: len(un)}
}

func (m *Model) reviewView(h int) string {
	st := m.ctx.Styles
	c := m.sess.Counts(m.ctx.Pack)
	n := len(m.sess.Items)
	head := []string{
		m.statusLine(),
		st.Title.Render("Review before you submit"),
		fmt.Sprintf("%d of %d answered · %d unanswered · %d flagged", c.Answered, n, c.Unanswered, c.Flagged),
		"",
	}
	var body []string
	cursorRow := 0
	section := func(title string, items []int, offset int) {
		if len(items) == 0 {
			return
		}
		body = append(body, st.Title.Render(fmt.Sprintf("%s (%d)", title, len(items))))
		sel := m.grid.cursor - offset
		rows := m.cells(items, sel)
		if sel >= 0 && sel < len(items) {
			cursorRow = len(body) + sel/m.gridCols()
		}
		body = append(body, rows...)
	}
	section("Unanswered", m.grid.items[:m.grid.split], 0)
	section("Flagged for review", m.grid.items[m.grid.split:], m.grid.split)
	if len(m.grid.items) == 0 {
		body = append(body, st.Good.Render("✓ Every question is answered and none is flagged."))
	}
	if c.Unanswered > 0 {
		body = append(body, "", st.Warn.Render(fmt.Sprintf("⚠ %s unanswered: they count as wrong.", plural(c.Unanswered, "question is", "questions are"))))
	}
	ask := "Submit? y/n"
	if m.sess.Config.ShowAnswers {
		ask = "Finish the drill? y/n"
	}
	foot := []string{"", st.Selected.Render(ask) + st.Subtle.Render(" · enter jumps to the question in brackets")}
	body = window(body, cursorRow, h-len(head)-len(foot))
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
