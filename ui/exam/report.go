package exam

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	engine "dvaprep/exam"
	prog "dvaprep/progress"
	"dvaprep/study"
	"dvaprep/ui/common"
)

// resultModel is the end of a session: a full mock's score report with its estimate, or the practice report of a
// drill or a custom exam, and the review of every answer after it. It keeps its own scroll, the selected note and
// the review's filter; the coordinator tells it whether the review of answers is on screen.
type resultModel struct {
	sheet
	keys   *KeyMap
	result *engine.Result
	auto   bool     // the clock ran out and submitted the exam
	saved  []string // whether the result is stored yet, from the coordinator
	link   int      // the selected note of a practice report
	review answers
	vp     viewport.Model

	prev     *study.SetAttempt // the attempt before this one at the same practice set
	compared bool              // the attempts were read: no prev means a first attempt
}

func newResultModel(ctx *common.Context, keys *KeyMap) resultModel {
	return resultModel{sheet: sheet{ctx: ctx}, keys: keys, vp: newViewport()}
}

// update turns a key into an action: on the report, or, with answering set, in the review of answers.
func (r *resultModel) update(msg tea.KeyPressMsg, answering bool) action {
	if answering {
		return r.updateAnswers(msg)
	}
	if r.scroll(msg) {
		return none
	}
	k := r.keys
	switch {
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

// scroll moves the report or the answer under review by a line or a page; it reports whether msg was a
// scroll key.
func (r *resultModel) scroll(msg tea.KeyPressMsg) bool {
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
	default:
		return false
	}
	return true
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
		r.vp.SetContent(hangWrap(r.practiceText(), r.ctx.Width))
	} else {
		r.vp.SetContent(hangWrap(r.resultText(), r.ctx.Width))
	}
	r.vp.SetYOffset(y)
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
	add(rm.comparison()...)
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

// comparison sets a practice set's result beside the previous attempt at the same set: the estimate and
// each domain's share right.
func (rm *resultModel) comparison() []string {
	if rm.sess == nil || rm.sess.Config.Set <= 0 || !rm.compared {
		return nil
	}
	st, r := rm.ctx.Styles, rm.result
	set := rm.sess.Config.Set
	if rm.prev == nil {
		return []string{"", st.Title.Render(fmt.Sprintf("Practice set %d", set)) +
			st.Subtle.Render(" · your first attempt: retake it later to compare")}
	}
	p := rm.prev.Result
	lines := []string{"", st.Title.Render(fmt.Sprintf("Practice set %d, against your last attempt (%s)", set,
		rm.prev.At.Local().Format("Jan 2 15:04")))}
	lines = append(lines, fmt.Sprintf("  Estimate %d → %d (%s) · %d/%d → %d/%d right", p.Scaled, r.Scaled,
		signed(r.Scaled-p.Scaled), p.Scored.Correct, p.Scored.Total, r.Scored.Correct, r.Scored.Total))
	before := map[string]engine.DomainResult{}
	for _, d := range p.Domains {
		before[d.ID] = d
	}
	var parts []string
	for _, d := range r.Domains {
		b, ok := before[d.ID]
		if !ok || d.Total == 0 || b.Total == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s: %.0f%% → %.0f%%", d.ID, b.Percent(), d.Percent()))
	}
	if len(parts) > 0 {
		lines = append(lines, wrapIndent("By domain "+strings.Join(parts, " · "), rm.ctx.Width))
	}
	return lines
}

// signed writes a change with its sign: +58, -12, ±0.
func signed(n int) string {
	switch {
	case n > 0:
		return fmt.Sprintf("+%d", n)
	case n < 0:
		return fmt.Sprint(n)
	}
	return "±0"
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

// timeUsed is the time the session took, against its limit when it had one.
func (r *resultModel) timeUsed() string {
	used := r.sess.Submitted.Sub(r.sess.Started)
	if r.sess.Timed() {
		used = min(max(used, 0), r.sess.Config.Duration)
		return fmt.Sprintf("  Time used %s of %s", clock(used), clock(r.sess.Config.Duration))
	}
	return fmt.Sprintf("  Time used %s (untimed)", clock(max(used, 0)))
}

// hangWrap wraps each line wider than w at word boundaries, keeping its styles, and indents the lines it adds two
// columns past the line's own indent, so a long line reads as one item instead of being cut mid-word.
func hangWrap(text string, w int) string {
	if w <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if ansi.StringWidth(l) <= w {
			out = append(out, l)
			continue
		}
		plain := ansi.Strip(l)
		indent := len(plain) - len(strings.TrimLeft(plain, " "))
		hang := strings.Repeat(" ", min(indent+2, w/2))
		first := true
		rest := l
		for rest != "" {
			width := w
			prefix := ""
			if !first {
				width, prefix = w-len(hang), hang
			}
			wrapped := strings.SplitN(ansi.Wrap(rest, width, ""), "\n", 2)
			out = append(out, prefix+wrapped[0])
			if len(wrapped) < 2 {
				break
			}
			rest = strings.TrimLeft(wrapped[1], " ")
			first = false
		}
	}
	return strings.Join(out, "\n")
}
