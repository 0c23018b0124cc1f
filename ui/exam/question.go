package exam

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"dvaprep/ui/common"
)

// questionModel is one question on screen: the option under the cursor, the scroll position and, once a drill
// reveals the answer, the selected note link. It draws the question and turns keys into actions; the coordinator
// applies choices and marks to the session.
type questionModel struct {
	sheet
	keys   *KeyMap
	cur    int // the question on screen
	cursor int // the option under the cursor, in display order
	link   int // the selected note link of a revealed question
	rows   [][2]int
	vp     viewport.Model
}

func newQuestionModel(ctx *common.Context, keys *KeyMap) questionModel {
	return questionModel{sheet: sheet{ctx: ctx}, keys: keys, vp: newViewport()}
}

// newViewport is a viewport that leaves the keys to the screen and scrolls with the mouse wheel.
func newViewport() viewport.Model {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{} // the screen handles its own keys
	vp.MouseWheelEnabled = true
	return vp
}

// show puts question i on screen, the cursor on its first chosen option.
func (q *questionModel) show(i int) {
	q.cur = min(max(i, 0), len(q.sess.Items)-1)
	q.cursor, q.link = 0, 0
	if c := q.sess.Choice(q.cur); len(c) > 0 {
		q.cursor = max(q.sess.Items[q.cur].Display(c[0]), 0)
	}
	q.layout()
	q.vp.GotoTop()
}

// chosen moves the cursor to the option just chosen and draws the new state.
func (q *questionModel) chosen(d int) {
	q.cursor = d
	q.layout()
	q.keepCursorVisible()
}

func (q *questionModel) update(msg tea.KeyPressMsg) action {
	k := q.keys
	pq := q.question(q.cur)
	revealed := q.revealed(q.cur)
	switch {
	case key.Matches(msg, k.Back):
		return action{kind: actLeave}
	case key.Matches(msg, k.Next), revealed && key.Matches(msg, k.Enter):
		if q.cur >= len(q.sess.Items)-1 {
			return action{kind: actStatus, text: "That was the last question: s to review and submit"}
		}
		return action{kind: actOpen, pos: q.cur + 1}
	case key.Matches(msg, k.Prev):
		if q.cur == 0 {
			return none
		}
		return action{kind: actOpen, pos: q.cur - 1}
	case key.Matches(msg, k.Flag):
		return action{kind: actFlag}
	case key.Matches(msg, k.Grid):
		return action{kind: actGrid}
	case key.Matches(msg, k.Submit):
		return action{kind: actReview}
	case key.Matches(msg, k.PageUp):
		q.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		q.vp.PageDown()
	case revealed && key.Matches(msg, k.Up):
		q.vp.ScrollUp(1)
	case revealed && key.Matches(msg, k.Down):
		q.vp.ScrollDown(1)
	case key.Matches(msg, k.NextLink): // enabled only once a drill shows the answer
		if pq != nil && len(pq.Notes) > 0 {
			q.link = (q.link + 1) % len(pq.Notes)
			q.layout()
		}
	case key.Matches(msg, k.OpenLink):
		if pq != nil && len(pq.Notes) > 0 {
			return action{kind: actNote, text: pq.Notes[min(q.link, len(pq.Notes)-1)]}
		}
	case pq == nil:
	case key.Matches(msg, k.Up):
		q.cursor = (q.cursor - 1 + len(pq.Options)) % len(pq.Options)
		q.layout()
		q.keepCursorVisible()
	case key.Matches(msg, k.Down):
		q.cursor = (q.cursor + 1) % len(pq.Options)
		q.layout()
		q.keepCursorVisible()
	case key.Matches(msg, k.Enter, k.Toggle):
		return action{kind: actChoose, pos: q.cursor}
	case key.Matches(msg, k.Strike):
		return action{kind: actStrike, pos: q.cursor}
	case key.Matches(msg, k.Choose):
		return action{kind: actChoose, pos: optionKey(msg.String())}
	}
	return none
}

// keepCursorVisible scrolls so the option under the cursor is on screen.
func (q *questionModel) keepCursorVisible() {
	if q.cursor < 0 || q.cursor >= len(q.rows) {
		return
	}
	r, h, y := q.rows[q.cursor], q.vp.Height(), q.vp.YOffset()
	switch {
	case r[1] >= y+h:
		q.vp.SetYOffset(r[1] - h + 1)
	case r[0] < y:
		q.vp.SetYOffset(r[0])
	}
}

// layout sizes the viewport to the body under the two header lines and fills it, keeping the scroll position.
// A question that fits uses the line the "more below" hint would take.
func (q *questionModel) layout() {
	q.vp.SetWidth(max(q.ctx.Width, 1))
	q.vp.SetHeight(max(q.ctx.BodyHeight()-3, 1))
	if q.sess == nil {
		return
	}
	content, rows := q.body(q.cur, q.revealed(q.cur), q.cursor, q.link)
	q.rows = rows
	fill(&q.vp, q.ctx.BodyHeight()-2, content)
}

// view draws the header the coordinator gives, what the question asks for, and the scrolled question.
func (q *questionModel) view(header string) string {
	w := q.ctx.Width
	return common.Truncate(header, w) + "\n" + common.Truncate(q.kindLine(), w) + "\n" + scrolled(q.ctx, &q.vp)
}

// kindLine says what the question asks for: "Multiple response · Choose 2".
func (q *questionModel) kindLine() string {
	st := q.ctx.Styles
	pq := q.question(q.cur)
	if pq == nil {
		return st.Error.Render("✗ This question is no longer in the content pack")
	}
	var parts []string
	if pq.Select > 1 {
		s := st.Title.Render(fmt.Sprintf("Multiple response · Choose %d", pq.Select))
		switch n := len(q.sess.Choice(q.cur)); {
		case n > pq.Select:
			s += " · " + st.Warn.Render(fmt.Sprintf("%d chosen, too many: it scores 0", n))
		case n > 0 && n < pq.Select:
			s += " · " + st.Warn.Render(fmt.Sprintf("◐ incomplete: %d of %d chosen, scores 0 as it is", n, pq.Select))
		case n > 0:
			s += " · " + fmt.Sprintf("%d chosen", n)
		}
		parts = append(parts, s)
	} else {
		parts = append(parts, st.Title.Render("Single response · Choose 1"))
	}
	if q.sess.Flagged(q.cur) {
		parts = append(parts, st.Warn.Render("⚑ marked for review"))
	}
	if q.sess.Config.ShowAnswers {
		parts = append(parts, st.Subtle.Render("Task "+pq.Task))
	}
	return strings.Join(parts, " · ")
}
