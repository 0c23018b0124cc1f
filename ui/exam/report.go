package exam

import (
	engine "dvaprep/exam"
	prog "dvaprep/progress"
	"dvaprep/ui/common"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// resultModel is the end of a session: a full mock's score report with its estimate, or the practice report of a
// drill or a custom exam, and the review of every answer after it. It keeps its own scroll, the selected note and
// the review's filter; the coordinator tells it whether the review of answers is on screen.
type resultModel struct {
	sheet
	keys   KeyMap
	result *engine.Result
	auto   bool     // the clock ran out and submitted the exam
	saved  []string // whether the result is stored yet, from the coordinator
	link   int      // the selected note of a practice report
	review answers
	vp     viewport.Model
}

func newResultModel(ctx *common.Context, keys KeyMap) resultModel {
	return resultModel{sheet: sheet{ctx: ctx}, keys: keys, vp: newViewport()}
}

// update turns a key into an action: on the report, or, with answering set, in the review of answers.
func (r *resultModel) update(msg tea.KeyPressMsg, answering bool) action {
	if answering {
		return r.updateAnswers(msg)
	}
	k := r.keys
	switch {
	case key.Matches(msg, k.Up):
		r.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		r.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		r.vp.PageUp()
	case key.Matches(msg, k.PageDown, k.Toggle):
		r.vp.PageDown()
	case key.Matches(msg, k.Answers, k.Enter):
		return action{kind: actAnswers, filter: filterAll}
	case key.Matches(msg, k.NextLink):
		if n := len(r.practiceNotes()); n > 0 {
			r.link = (r.link + 1) % n
			r.layoutResult()
		}
	case key.Matches(msg, k.OpenLink):
		if ns := r.practiceNotes(); len(ns) > 0 {
			return action{kind: actNote, text: ns[min(r.link, len(ns)-1)]}
		}
	case key.Matches(msg, k.Back):
		return action{kind: actBack}
	}
	return none
}

// show puts a fresh result on screen, at the top.
func (r *resultModel) show(res *engine.Result, auto bool) {
	r.result, r.auto, r.link = res, auto, 0
	r.layout(false)
	r.vp.GotoTop()
}

// layout sizes the viewport and fills it with the report or, answering, the answer under review.
func (r *resultModel) layout(answering bool) {
	r.vp.SetWidth(max(r.ctx.Width, 1))
	if answering {
		r.vp.SetHeight(max(r.ctx.BodyHeight()-3, 1))
		r.layoutAnswer()
		return
	}
	r.vp.SetHeight(max(r.ctx.BodyHeight()-1, 1))
	r.layoutResult()
}

// view draws the report, or the answer under review.
func (r *resultModel) view(answering bool) string {
	if answering {
		return r.answerView()
	}
	return scrolled(r.ctx, &r.vp)
}

func (r *resultModel) layoutResult() {
	if r.result == nil {
		return
	}
	y := r.vp.YOffset()
	if r.practice() {
		r.vp.SetContent(r.practiceText())
	} else {
		r.vp.SetContent(r.resultText())
	}
	r.vp.SetYOffset(y)
}

// practiceNotes are the notes a practice report suggests, none for a full mock.
func (r *resultModel) practiceNotes() []string {
	if !r.practice() {
		return nil
	}
	return r.practiceReport().Notes
}

// resultText is a full mock's score report: the estimate, the domains against the cut, the tasks, the unscored
// items and the pacing.
func (rm *resultModel) resultText() string {
	st, r, w := rm.ctx.Styles, rm.result, rm.ctx.Width
	f := rm.ctx.Pack.Exam
	scaleMax := f.ScaleMax
	if scaleMax <= 0 {
		scaleMax = 1000
	}
	var lines []string
	add := func(s ...string) { lines = append(lines, s...) }

	verdict := st.Good.Render("✓ PASS")
	if !r.Pass {
		verdict = st.Bad.Render("✗ FAIL")
	}
	add(st.Title.Render(fmt.Sprintf("Estimated score %d / %d", r.Scaled, scaleMax))+" — "+verdict+
		st.Subtle.Render(" (estimate: AWS does not publish its scaling)"),
		fmt.Sprintf("%d of %d scored questions right (%.0f%%) · pass mark %d, about %.0f%% right",
			r.Scored.Correct, r.Scored.Total, r.Scored.Percent(), r.Passing, r.Cut))
	if rm.auto {
		add(st.Warn.Render("⏱ Submitted automatically when the time ran out."))
	}
	add(rm.saved...)
	if c := rm.sess.Counts(rm.ctx.Pack); c.Incomplete > 0 {
		add(st.Warn.Render(fmt.Sprintf("◐ %s incomplete (fewer options chosen than asked): scored 0.",
			plural(c.Incomplete, "answer was", "answers were"))))
	}

	barW := 20
	add("", st.Title.Render("By domain")+st.Subtle.Render(fmt.Sprintf(" (┃ marks %.0f%%, the line for “meets competencies”)", r.Cut)))
	thinDomain := false
	for _, d := range r.Domains {
		name := d.Name
		if name == "" {
			name = "Domain " + d.ID
		} else {
			name = fmt.Sprintf("Domain %s · %s", d.ID, d.Name)
		}
		add(common.Truncate(name, w))
		if d.Standing == engine.NotTested {
			add("  " + st.Subtle.Render(strings.Repeat("░", barW)+"   –  not tested"))
			continue
		}
		word := st.Good.Render("✓ meets competencies")
		if d.Standing != engine.Meets {
			word = st.Bad.Render("✗ needs improvement")
		}
		mark := ""
		if !prog.Enough(d.Total) {
			mark, thinDomain = "*", true
		}
		add(fmt.Sprintf("  %s %4.0f%%  %d/%d%s  %s", cutBar(d.Percent()/100, r.Cut/100, barW), d.Percent(),
			d.Correct, d.Total, mark, word))
	}
	if thinDomain {
		add(st.Subtle.Render(fmt.Sprintf("  * fewer than %d scored questions: too little data to read much into", prog.MinFigure)))
	}

	if len(r.Tasks) > 0 {
		add("", st.Title.Render("By task statement"))
		nameW := max(w-17, 10)
		thin := false
		for _, t := range r.Tasks {
			name := common.Truncate(strings.TrimSpace(t.ID+" "+t.Name), nameW)
			mark := ""
			if !prog.Enough(t.Total) {
				mark, thin = "*", true
			}
			add(fmt.Sprintf("  %-*s %3d/%-3d %4.0f%%%s", nameW, name, t.Correct, t.Total, t.Percent(), mark))
		}
		if thin {
			add(st.Subtle.Render(fmt.Sprintf("  * fewer than %d scored questions: too little data to read much into", prog.MinFigure)))
		}
	}

	var unscored []int
	for _, it := range r.Items {
		if it.Unscored {
			unscored = append(unscored, it.Position)
		}
	}
	if len(unscored) > 0 {
		add("", st.Title.Render("Unscored"))
		add(wrapIndent(fmt.Sprintf("%s, as in the real exam: %s. You got %d of them right; they do not count.",
			plural(len(unscored), "unscored question", "unscored questions"), positions(unscored), r.Unscored.Correct), w))
	}
	if len(r.Missing) > 0 {
		add("", st.Warn.Render(fmt.Sprintf("⚠ %s no longer in the content pack, so not scored.",
			plural(len(r.Missing), "question is", "questions are"))))
	}

	add("", st.Title.Render("Pacing"))
	add(rm.timeUsed())
	budget := r.Pace
	if budget <= 0 && f.Questions > 0 {
		budget = time.Duration(f.Minutes) * time.Minute / time.Duration(f.Questions)
	}
	if n, t := r.Seen(); n > 0 {
		avg := t / time.Duration(n)
		line := fmt.Sprintf("  Average %.0f s a question on screen, over the %d opened (budget ~%.0f s)", avg.Seconds(), n,
			budget.Seconds())
		if p := engine.PaceOf(avg, budget); p != engine.OnPace {
			line += " · " + st.Warn.Render("⚠ "+p.String())
		}
		add(line)
	}
	if len(r.Slowest) > 0 {
		parts := make([]string, len(r.Slowest))
		for k, p := range r.Slowest {
			parts[k] = fmt.Sprintf("Q%d %s", p+1, minSec(r.Items[p].Time))
		}
		add(wrapIndent("Slowest: "+strings.Join(parts, " · "), w))
	}
	add("", st.Subtle.Render("r reviews every answer with its explanation · esc goes back"))
	return strings.Join(lines, "\n")
}

// cutBar draws a proportion with a mark at the cut.
func cutBar(frac, cut float64, w int) string {
	b := []rune(common.Bar(frac, w))
	c := min(max(int(cut*float64(w)+0.5), 0), w-1)
	b[c] = '┃'
	return string(b)
}

// minSec formats a duration as M:SS.
func minSec(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d/time.Minute), int(d%time.Minute/time.Second))
}

// wrapIndent wraps plain text to the width with a two-space indent.
func wrapIndent(s string, w int) string {
	lines := strings.Split(wrap(s, max(w-2, 10)), "\n")
	for k, l := range lines {
		lines[k] = "  " + l
	}
	return strings.Join(lines, "\n")
}

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
	case key.Matches(msg, k.Up):
		r.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		r.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		r.vp.PageUp()
	case key.Matches(msg, k.PageDown, k.Toggle):
		r.vp.PageDown()
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
	y := r.vp.YOffset()
	content, _ := r.body(p, true, -1, r.review.link)
	r.vp.SetContent(content)
	r.vp.SetYOffset(y)
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

// practice reports whether the session ends in a practice report (a drill, a missed-questions drill or a custom
// exam) rather than a full mock's score estimate.
func (r *resultModel) practice() bool { return r.sess != nil && r.sess.Config.Kind != engine.Mock }

// practiceReport is the practice report of the finished session.
func (r *resultModel) practiceReport() engine.Practice {
	if r.result == nil {
		return engine.Practice{}
	}
	return engine.PracticeReport(r.ctx.Pack, *r.result)
}

// practiceText is the report of a drill or a custom exam: accuracy per task statement, answered, skipped and
// right, time per question and the notes to read next. It has no scaled score and no pass or fail: those belong
// to a full mock. A skipped question is reported as skipped, not wrong.
func (r *resultModel) practiceText() string {
	st, w := r.ctx.Styles, r.ctx.Width
	rep := r.practiceReport()
	var lines []string
	add := func(s ...string) { lines = append(lines, s...) }

	total := rep.Answered + rep.Skipped
	add(st.Title.Render("Practice report")+st.Subtle.Render(" · no score estimate or pass mark: those belong to a full mock"),
		wrapIndent(fmt.Sprintf("Answered %d of %d · right %d · skipped %d", rep.Answered, total, rep.Right, rep.Skipped), w))
	if rep.Answered > 0 {
		add("  Accuracy " + prog.Figure(rep.Accuracy(), rep.Answered) + st.Subtle.Render(" (of the questions answered)"))
	}
	if rep.Skipped > 0 {
		add(st.Subtle.Render(wrapIndent(fmt.Sprintf("%s skipped: not counted as wrong.",
			plural(rep.Skipped, "question", "questions")), w)))
	}
	if rep.Incomplete > 0 {
		add(st.Warn.Render(wrapIndent(fmt.Sprintf("◐ %s incomplete (fewer options chosen than asked): scored as wrong.",
			plural(rep.Incomplete, "answer", "answers")), w)))
	}
	if r.auto {
		add(st.Warn.Render("⏱ Submitted automatically when the time ran out."))
	}
	add(r.saved...)

	if len(rep.Tasks) > 0 {
		nameW := max(w-41, 10)
		add("", st.Title.Render("By task statement"),
			st.Subtle.Render(fmt.Sprintf("  %-*s %8s %7s %5s %8s %6s", nameW, "", "answered", "skipped", "right", "accuracy", "time/q")))
		thin := false
		for _, t := range rep.Tasks {
			name := common.Truncate(strings.TrimSpace(t.ID+" "+t.Name), nameW)
			acc := "— "
			if t.Answered > 0 {
				acc = fmt.Sprintf("%.0f%% ", 100*t.Accuracy())
				if !prog.Enough(t.Answered) {
					acc = acc[:len(acc)-1] + "*"
					thin = true
				}
			}
			per := "–"
			if n := t.Answered + t.Skipped; n > 0 && t.Time > 0 {
				per = minSec(t.Time / time.Duration(n))
			}
			add(fmt.Sprintf("  %-*s %8d %7d %5d %8s %6s", nameW, name, t.Answered, t.Skipped, t.Right, acc, per))
		}
		if thin {
			add(st.Subtle.Render(fmt.Sprintf("  * fewer than %d answers: too little data to read much into", prog.MinFigure)))
		}
	}

	add("", st.Title.Render("Time"))
	add(r.timeUsed())
	if rep.Answered > 0 {
		line := fmt.Sprintf("  %s a question answered", minSec(rep.PerItem))
		if budget := r.result.Pace; budget > 0 {
			line += fmt.Sprintf(" · budget %s", minSec(budget))
			if p := engine.PaceOf(rep.PerItem, budget); p != engine.OnPace {
				line += " · " + st.Warn.Render("⚠ "+p.String())
			}
		}
		add(line)
	}

	if len(rep.Notes) > 0 {
		add("", st.Title.Render("Notes to read next")+st.Subtle.Render(" (from the questions missed or skipped · tab selects, o opens)"))
		for k, l := range rep.Notes {
			label := l
			if n, sec, ok := r.ctx.Pack.Section(l); ok {
				label = n.Title
				if sec.Heading != "" && sec.Heading != n.Title {
					label += " › " + sec.Heading
				}
			}
			line := "  " + label + st.Subtle.Render("  "+l)
			if k == r.link {
				line = st.Selected.Render("› " + label)
			}
			add(common.Truncate(line, w))
		}
	}
	add("", st.Subtle.Render("r reviews every answer with its explanation · esc goes back"))
	return strings.Join(lines, "\n")
}

// timeUsed is the time the session took, against its limit when it had one.
func (r *resultModel) timeUsed() string {
	used := r.sess.Submitted.Sub(r.sess.Started)
	if r.sess.Timed() {
		used = min(max(used, 0), r.sess.Config.Duration)
		return fmt.Sprintf("  Time used %s of %s", clock(used), clock(r.sess.Config.Duration))
	}
	return fmt.Sprintf("  Time used %s (untimed)", clock(max(used, 0)))
}
