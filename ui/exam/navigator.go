package exam

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/ui/common"
)

// navigator is the grid of questions as numbered cells, in two forms: every question, to jump to any (g), or the
// check before submitting (s), which lists the unanswered, the incomplete and the marked ones and asks to submit.
type navigator struct {
	sheet
	keys  *KeyMap
	check bool // the check before submitting, not the grid of every question
	from  int  // the question shown before: esc goes back to it
	grid  grid
	ask   common.Confirm // the check's "Submit?": y submits, n or esc goes back; other keys move the cursor
}

func newNavigator(ctx *common.Context, keys *KeyMap) navigator {
	return navigator{sheet: sheet{ctx: ctx}, keys: keys, ask: common.NewStrictConfirm()}
}

// grid is a cursor over a list of question positions drawn as numbered cells.
type grid struct {
	items  []int // positions, in the order shown
	cursor int   // index into items
	groups []int // the check's group sizes, in order: items is their concatenation
}

// checkGroups are the lists of the check before submitting, in order.
var checkGroups = []string{"Unanswered", "Incomplete: fewer options chosen than asked", "Marked for review"}

// showAll lists every question, the cursor on cur.
func (n *navigator) showAll(cur int) {
	n.check, n.from = false, cur
	n.grid = grid{items: allPositions(len(n.sess.Items)), cursor: cur}
}

// showCheck lists the unanswered, the incomplete and the marked questions.
func (n *navigator) showCheck(cur int) {
	n.check, n.from = true, cur
	if n.sess.Config.ShowAnswers {
		n.ask.Ask("Finish the drill?", "finish", "keep going")
	} else {
		n.ask.Ask("Submit?", "submit", "keep going")
	}
	lists := make([][]int, len(checkGroups))
	for i := range n.sess.Items {
		switch n.fill(i) {
		case engine.Blank:
			lists[0] = append(lists[0], i)
		case engine.Incomplete:
			lists[1] = append(lists[1], i)
		}
		if n.sess.Flagged(i) {
			lists[2] = append(lists[2], i)
		}
	}
	n.grid = grid{}
	for _, l := range lists {
		n.grid.items = append(n.grid.items, l...)
		n.grid.groups = append(n.grid.groups, len(l))
	}
}

func (n *navigator) update(msg tea.KeyPressMsg) action {
	k := n.keys
	if n.check {
		switch n.ask.Key(msg) {
		case common.ConfirmYes:
			return action{kind: actSubmit}
		case common.ConfirmNo:
			return action{kind: actOpen, pos: n.from}
		}
	}
	switch {
	case n.grid.keys(k, msg, n.cols()):
	case key.Matches(msg, k.Enter):
		if p := n.grid.selected(); p >= 0 {
			return action{kind: actOpen, pos: p}
		}
	case !n.check && key.Matches(msg, k.Back, k.Grid):
		return action{kind: actOpen, pos: n.from}
	case !n.check && key.Matches(msg, k.Submit):
		return action{kind: actReview}
	}
	return none
}

// view draws the header the coordinator gives, then the grid or the check, h lines in all.
func (n *navigator) view(header string, h int) string {
	if n.check {
		return n.checkView(header, h)
	}
	st := n.ctx.Styles
	head := []string{
		header,
		st.Title.Render("All questions") + st.Subtle.Render(" · enter jumps to the one in brackets"),
		st.Subtle.Render(n.legend()),
		"",
	}
	lines := n.cells(n.grid.items, n.grid.cursor)
	lines = window(lines, n.grid.cursor/n.cols(), h-len(head))
	return strings.Join(append(head, lines...), "\n")
}

func (n *navigator) checkView(header string, h int) string {
	st := n.ctx.Styles
	c := n.sess.Counts(n.ctx.Pack)
	head := []string{
		header,
		st.Title.Render("Review before you submit"),
		fmt.Sprintf("%d of %d answered · %d incomplete · %d unanswered · %d marked", c.Answered, len(n.sess.Items),
			c.Incomplete, c.Unanswered, c.Flagged),
		"",
	}
	var body []string
	cursorRow, offset := 0, 0
	for g, size := range n.grid.groups {
		if size > 0 {
			body = append(body, st.Title.Render(fmt.Sprintf("%s (%d)", checkGroups[g], size)))
			sel := n.grid.cursor - offset
			if sel >= 0 && sel < size {
				cursorRow = len(body) + sel/n.cols()
			}
			body = append(body, n.cells(n.grid.items[offset:offset+size], sel)...)
		}
		offset += size
	}
	if len(n.grid.items) == 0 {
		body = append(body, st.Good.Render("✓ Every question is answered and none is marked."))
	}
	var foot []string
	for _, w := range submitWarnings(c, n.sess.Config.Kind != engine.Mock) {
		foot = append(foot, st.Warn.Render("⚠ "+w))
	}
	foot = append(foot, n.ask.Line(st)+st.Subtle.Render(" · enter jumps to the question in brackets"))
	body = window(append(body, ""), cursorRow, h-len(head)-len(foot))
	return strings.Join(append(append(head, body...), foot...), "\n")
}

// submitWarnings say what submitting now costs: "2 questions incomplete: they score 0". In practice (a drill or a
// custom exam) an unanswered question is reported as skipped, not wrong.
func submitWarnings(c engine.Counts, practice bool) []string {
	they := func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	}
	var out []string
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
func (g *grid) keys(k *KeyMap, msg tea.KeyPressMsg, cols int) bool {
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
func (s sheet) fill(p int) engine.Fill { return s.sess.Fill(p, s.question(p)) }

// cell draws question p: "17●⚑" answered and marked, " 3○ " unanswered, " 5◐ " incomplete; the cursor's cell is
// in brackets.
func (n *navigator) cell(p int, selected bool) string {
	st := n.ctx.Styles
	digits := len(fmt.Sprint(len(n.sess.Items)))
	mark := "○"
	switch n.fill(p) {
	case engine.Complete:
		mark = "●"
	case engine.Incomplete:
		mark = "◐"
	}
	flag := " "
	if n.sess.Flagged(p) {
		flag = "⚑"
	}
	c := fmt.Sprintf("%*d%s%s", digits, p+1, mark, flag)
	if selected {
		return st.Selected.Render("[" + c + "]")
	}
	if n.sess.Flagged(p) || n.fill(p) == engine.Incomplete {
		return " " + st.Warn.Render(c) + " "
	}
	if !n.sess.Answered(p) {
		return " " + st.Subtle.Render(c) + " "
	}
	return " " + c + " "
}

// cols is how many cells fit on a row.
func (n *navigator) cols() int { return max(n.ctx.Width/cellWidth(len(n.sess.Items)), 1) }

// cells draws items as rows of cells that fit the width; sel is the index under the cursor, -1 for none.
func (n *navigator) cells(items []int, sel int) []string {
	var lines []string
	cols := n.cols()
	for start := 0; start < len(items); start += cols {
		var b strings.Builder
		for k := start; k < min(start+cols, len(items)); k++ {
			b.WriteString(n.cell(items[k], k == sel))
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

func (n *navigator) legend() string {
	c := n.sess.Counts(n.ctx.Pack)
	return fmt.Sprintf("● answered %d · ◐ incomplete %d · ○ unanswered %d · ⚑ marked %d", c.Answered, c.Incomplete,
		c.Unanswered, c.Flagged)
}
