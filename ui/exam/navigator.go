package exam

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
)

// grid is a cursor over a list of question positions drawn as numbered cells. The navigator lists every question;
// the review lists the unanswered, the incomplete and the marked ones, in groups.
type grid struct {
	items  []int // positions, in the order shown
	cursor int   // index into items
	groups []int // the review's group sizes, in order: items is their concatenation
}

func allPositions(n int) []int {
	ps := make([]int, n)
	for i := range ps {
		ps[i] = i
	}
	return ps
}

// move steps the cursor by d cells, staying inside the list.
func (g *grid) move(d int) {
	if len(g.items) == 0 {
		return
	}
	g.cursor = min(max(g.cursor+d, 0), len(g.items)-1)
}

// keys moves the cursor for arrow keys; it reports whether the key was one of them.
func (g *grid) keys(k KeyMap, msg tea.KeyPressMsg, cols int) bool {
	switch {
	case key.Matches(msg, k.Left):
		g.move(-1)
	case key.Matches(msg, k.Right):
		g.move(1)
	case key.Matches(msg, k.Up):
		g.move(-cols)
	case key.Matches(msg, k.Down):
		g.move(cols)
	default:
		return false
	}
	return true
}

// selected is the position under the cursor, or -1.
func (g *grid) selected() int {
	if g.cursor < 0 || g.cursor >= len(g.items) {
		return -1
	}
	return g.items[g.cursor]
}

// cellWidth is the width of one cell for n questions: the number, the answered mark and the flag, in brackets.
func cellWidth(n int) int { return len(fmt.Sprint(n)) + 4 }

// fill is how far the answer to question p goes.
func (m *Model) fill(p int) engine.Fill { return m.sess.Fill(p, m.question(p)) }

// cell draws question p: "17●⚑" answered and marked, " 3○ " unanswered, " 5◐ " incomplete; the cursor's cell is
// in brackets.
func (m *Model) cell(p int, selected bool) string {
	st := m.ctx.Styles
	digits := len(fmt.Sprint(len(m.sess.Items)))
	mark := "○"
	switch m.fill(p) {
	case engine.Complete:
		mark = "●"
	case engine.Incomplete:
		mark = "◐"
	}
	flag := " "
	if m.sess.Flagged(p) {
		flag = "⚑"
	}
	c := fmt.Sprintf("%*d%s%s", digits, p+1, mark, flag)
	if selected {
		return st.Selected.Render("[" + c + "]")
	}
	if m.sess.Flagged(p) || m.fill(p) == engine.Incomplete {
		return " " + st.Warn.Render(c) + " "
	}
	if !m.sess.Answered(p) {
		return " " + st.Subtle.Render(c) + " "
	}
	return " " + c + " "
}

// gridCols is how many cells fit on a row.
func (m *Model) gridCols() int { return max(m.ctx.Width/cellWidth(len(m.sess.Items)), 1) }

// cells draws items as rows of cells that fit the width; sel is the index under the cursor, -1 for none.
func (m *Model) cells(items []int, sel int) []string {
	var lines []string
	cols := m.gridCols()
	for start := 0; start < len(items); start += cols {
		var b strings.Builder
		for k := start; k < min(start+cols, len(items)); k++ {
			b.WriteString(m.cell(items[k], k == sel))
		}
		lines = append(lines, b.String())
	}
	return lines
}

// window keeps the cursor's row on screen when a list of rows is taller than h.
func window(lines []string, cursorRow, h int) []string {
	if len(lines) <= h || h <= 0 {
		return lines
	}
	top := min(max(cursorRow-h/2, 0), len(lines)-h)
	return lines[top : top+h]
}

func (m *Model) legend() string {
	c := m.sess.Counts(m.ctx.Pack)
	return fmt.Sprintf("● answered %d · ◐ incomplete %d · ○ unanswered %d · ⚑ marked %d", c.Answered, c.Incomplete,
		c.Unanswered, c.Flagged)
}

func (m *Model) navigatorView(h int) string {
	st := m.ctx.Styles
	head := []string{
		m.statusLine(),
		st.Title.Render("All questions") + st.Subtle.Render(" · enter jumps to the one in brackets"),
		st.Subtle.Render(m.legend()),
		"",
	}
	lines := m.cells(m.grid.items, m.grid.cursor)
	lines = window(lines, m.grid.cursor/m.gridCols(), h-len(head))
	return strings.Join(append(head, lines...), "\n")
}

func (m *Model) updateNavigator(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.grid.keys(k, msg, m.gridCols()):
	case key.Matches(msg, k.Enter):
		if p := m.grid.selected(); p >= 0 {
			return m.open(p)
		}
	case key.Matches(msg, k.Back, k.Grid):
		return m.open(m.cur)
	case key.Matches(msg, k.Submit):
		m.openReview()
	}
	return nil
}
