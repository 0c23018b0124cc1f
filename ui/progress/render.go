package progress

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"dvaprep/exam"
	prog "dvaprep/progress"
	"dvaprep/ui/common"
)

// content lays the report out at the context's width.
func (m *Model) content() string {
	if m.err != nil {
		return m.ctx.Styles.Error.Render("Could not read your progress.") + "\n" + m.err.Error() + "\n\nr tries again."
	}
	if m.report == nil {
		return ""
	}
	r := render{st: m.ctx.Styles, w: min(m.ctx.Width, 100), r: m.report}
	return strings.Join(r.all(), "\n")
}

// render lays out one report.
type render struct {
	st common.Styles
	w  int
	r  *prog.Report
}

// wrapped breaks long lines at the report's width.
func (r render) wrapped(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.Split(ansi.Wrap(l, r.w, ""), "\n")...)
	}
	return out
}

func (r render) all() []string {
	var out []string
	for _, part := range [][]string{r.headline(), r.domains(), r.weak(), r.tasks(), r.exams(), r.weeks(), r.confusions()} {
		if len(part) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, part...)
	}
	return out
}

func pct(f float64) string { return fmt.Sprintf("%3.0f%%", 100*f) }

// thin marks a percentage that rests on fewer than prog.MinFigure answers; footnote explains the mark.
const thin = "*"

// value is a percentage for a table column, marked when it rests on too few answers (n > 0).
func (r render) value(f float64, n int) string {
	if n > 0 && !prog.Enough(n) {
		return pct(f) + r.st.Warn.Render(thin)
	}
	return pct(f) + " "
}

// footnote explains the mark under a table that has one.
func (r render) footnote() string {
	return r.st.Subtle.Render(fmt.Sprintf("  %s fewer than %d answers: too little data to read much into", thin, prog.MinFigure))
}

// headline: readiness, streak, totals and pacing.
func (r render) headline() []string {
	st, rep := r.st, r.r
	rd := rep.Readiness
	var ready string
	if rd.Enough {
		verdict := st.Good.Render("✓ above")
		if rd.Scaled < rd.Passing {
			verdict = st.Bad.Render("✗ below")
		}
		ready = fmt.Sprintf("%s %s %s (range %d–%d) · %s the %d pass mark · %d answers",
			st.Title.Render("Readiness"), st.Subtle.Render("estimate"), st.Title.Render(fmt.Sprint(rd.Scaled)),
			rd.ScaledLow, rd.ScaledHigh, verdict, rd.Passing, rd.Answers)
	} else {
		ready = st.Title.Render("Readiness") + " " + st.Warn.Render(rd.Reason())
	}
	q := rep.Questions
	lines := []string{ready}
	if pl := rep.Plan; pl.HasDate() {
		line := st.Title.Render("Exam") + " " + pl.Countdown()
		if pl.DaysLeft > 0 {
			line += fmt.Sprintf(" · %s before it, one every %d days", plural(pl.MocksFit, "full mock fits", "full mocks fit"),
				prog.MockEvery)
		}
		lines = append(lines, line+st.Subtle.Render(" · today's plan is on Home"))
	}
	if !rd.Enough && q.Answered == 0 && rep.Decisions.Answered == 0 {
		lines = append(lines, st.Subtle.Render("No answers yet: start with a drill or a scenario (e or s on the home screen)."))
	}
	streak := fmt.Sprintf("%d-day streak", rep.Streak.Current)
	days := plural(rep.Streak.Days, "day", "days")
	if !rep.Streak.Today && rep.Streak.Current > 0 {
		streak += " (study today to keep it)"
	}
	lines = append(lines, fmt.Sprintf("%s · %s studied · questions %s · %s · notes %d/%d read",
		streak, days, prog.Figure(q.Accuracy(), q.Answered), plural(rep.Decisions.Answered, "decision", "decisions"),
		rep.Notes.Done, rep.Notes.Total))
	if p := rep.Pacing; p.Exams > 0 {
		pace := st.Good.Render(p.Pace.String())
		if p.Pace != exam.OnPace {
			pace = st.Warn.Render("⚠ " + p.Pace.String())
		}
		lines = append(lines, fmt.Sprintf("Pacing %s a question over %s in %s (last %s) · budget %s · %s",
			secs(p.Average), plural(p.Questions, "question", "questions"), plural(p.Exams, "timed exam", "timed exams"),
			secs(p.Last), secs(p.Budget), pace))
		if !prog.Enough(p.Questions) {
			lines = append(lines, st.Subtle.Render("  too little data: pacing rests on fewer than "+fmt.Sprint(prog.MinFigure)+" questions"))
		}
	}
	return r.wrapped(lines)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func secs(d time.Duration) string { return fmt.Sprintf("%.0f s", d.Seconds()) }

// barWidth is the width of the mastery bars.
func (r render) barWidth() int { return min(max(r.w/5, 8), 20) }

// row lays out "lead name bar pct rest", cutting the name to what is left. n is the answers the figure rests
// on: with none the value is a dash, under prog.MinFigure it is marked and the bar drawn without a verdict colour.
func (r render) row(lead, name string, frac float64, n int, rest string) string {
	bw := r.barWidth()
	value, bar := r.value(frac, n), r.bar(frac)
	if n == 0 {
		value = "   — "
	}
	if !prog.Enough(n) {
		bar = r.st.Subtle.Render(common.Bar(frac, bw))
	}
	nameW := max(r.w-common.Width(lead)-bw-common.Width(value)-common.Width(rest)-3, 8)
	name = common.Truncate(name, nameW)
	name += strings.Repeat(" ", nameW-common.Width(name))
	return lead + name + " " + bar + " " + value + rest
}

// anyThin reports whether a table has a figure that rests on too few answers.
func anyThin(ms []prog.Mastery) bool {
	for _, m := range ms {
		if m.Answered > 0 && !prog.Enough(m.Answered) {
			return true
		}
	}
	return false
}

// bar draws a mastery bar, coloured by how far it is from the pass mark; the blocks read without colour.
func (r render) bar(frac float64) string {
	b := common.Bar(frac, r.barWidth())
	switch {
	case frac >= 0.72:
		return r.st.Good.Render(b)
	case frac >= 0.5:
		return r.st.Warn.Render(b)
	}
	return r.st.Bad.Render(b)
}

func (r render) domains() []string {
	st := r.st
	head := st.Title.Render("Mastery by domain")
	// Questions answered and scenario decisions apart, as `dvaprep stats` counts them. Under 80 columns the
	// exam weight gives way, so that the names keep some room.
	wide := r.w >= 80
	cols := " questions decisions"
	if wide {
		cols = " weight " + cols
	}
	head += strings.Repeat(" ", max(r.w-common.Width(head)-len(cols), 1)) + st.Subtle.Render(cols)
	lines := []string{head}
	for _, d := range r.r.Domains {
		rest := fmt.Sprintf(" %9d %9d", d.Questions, d.Decisions)
		if wide {
			rest = fmt.Sprintf(" %5d%% ", d.Weight) + rest
		}
		lines = append(lines, r.row(fmt.Sprintf("  %-2s ", d.ID), d.Name, d.Mastery, d.Answered, rest))
	}
	if anyThin(r.r.Domains) {
		lines = append(lines, r.footnote())
	}
	return lines
}

func (r render) tasks() []string {
	st := r.st
	head := st.Title.Render("Mastery by task statement")
	cols := " questions decisions"
	head += strings.Repeat(" ", max(r.w-common.Width(head)-len(cols), 1)) + st.Subtle.Render(cols)
	lines := []string{head}
	for _, t := range r.r.Tasks {
		lines = append(lines, r.row(fmt.Sprintf("  %-4s ", t.ID), t.Name, t.Mastery, t.Answered,
			fmt.Sprintf(" %9d %9d", t.Questions, t.Decisions)))
	}
	if anyThin(r.r.Tasks) {
		lines = append(lines, r.footnote())
	}
	return lines
}

func (r render) weak() []string {
	st := r.st
	lines := []string{st.Title.Render("Weak spots") + st.Subtle.Render(" · press the number to work on one")}
	actions := make([]string, len(r.r.Weak))
	actionW := 0
	for i, w := range r.r.Weak {
		actions[i] = "→ " + w.Suggestion()
		if !w.Tried {
			actions[i] += " (new)"
		}
		actionW = max(actionW, common.Width(actions[i]))
	}
	for i, w := range r.r.Weak {
		lead := fmt.Sprintf("  %s %-4s ", st.Selected.Render(fmt.Sprint(i+1)), w.ID)
		value := r.value(w.Mastery.Mastery, w.Answered) + fmt.Sprintf(" of %-3d", w.Answered)
		if !w.Tried {
			value = "   —        "
		}
		nameW := max(r.w-common.Width(lead)-common.Width(value)-actionW-3, 8)
		name := common.Truncate(w.Name, nameW)
		lines = append(lines, lead+name+strings.Repeat(" ", nameW-common.Width(name))+" "+value+" "+st.Selected.Render(actions[i]))
	}
	if anyThin(masteries(r.r.Weak)) {
		lines = append(lines, r.footnote())
	}
	return lines
}

func masteries(ws []prog.WeakSpot) []prog.Mastery {
	out := make([]prog.Mastery, len(ws))
	for i, w := range ws {
		out[i] = w.Mastery
	}
	return out
}

// sparkBlocks draw a scaled score from the bottom of the scale to its top.
var sparkBlocks = []rune("▁▂▃▄▅▆▇█")

func (r render) exams() []string {
	st, ex := r.st, r.r.Exams
	if len(ex) == 0 {
		return []string{st.Title.Render("Mock exams") + st.Subtle.Render(" · none yet: e on the home screen starts one")}
	}
	var spark strings.Builder
	for _, e := range ex {
		f := float64(e.Scaled-100) / 900
		spark.WriteRune(sparkBlocks[int(math.Round(min(max(f, 0), 1)*float64(len(sparkBlocks)-1)))])
	}
	lines := []string{fmt.Sprintf("%s %s %s", st.Title.Render("Mock exams"), st.Subtle.Render("(scaled score, an estimate)"), spark.String())}
	thinExam := false
	for _, e := range ex[max(len(ex)-6, 0):] {
		verdict := st.Good.Render("✓ pass")
		if !e.Pass {
			verdict = st.Bad.Render("✗ fail")
		}
		mark := " "
		if !prog.Enough(e.Total) {
			mark, thinExam = st.Warn.Render(thin), true
		}
		lines = append(lines, fmt.Sprintf("  %s  %s %4d%s %s  %s", e.At.In(r.r.Now.Location()).Format("Jan 02"),
			r.bar(float64(e.Scaled-100)/900), e.Scaled, mark, verdict,
			st.Subtle.Render(fmt.Sprintf("%d/%d scored questions right", e.Correct, e.Total))))
	}
	if thinExam {
		lines = append(lines, r.footnote())
	}
	return lines
}

func (r render) weeks() []string {
	st := r.st
	lines := []string{st.Title.Render("Accuracy per week")}
	any, thinWeek := false, false
	for _, w := range r.r.Weeks {
		if w.Answered == 0 && !any {
			continue // leave out the empty weeks before the first answer
		}
		any = true
		value := st.Subtle.Render("   — ")
		bar := st.Subtle.Render(common.Bar(0, r.barWidth()))
		if w.Answered > 0 {
			value, bar = r.value(w.Accuracy(), w.Answered), r.bar(w.Accuracy())
			thinWeek = thinWeek || !prog.Enough(w.Answered)
		}
		lines = append(lines, fmt.Sprintf("  %s  %s %s %s", w.Start.Format("Jan 02"), bar, value,
			st.Subtle.Render(prog.Answers(w.Answered))))
	}
	if !any {
		return nil
	}
	if thinWeek {
		lines = append(lines, r.footnote())
	}
	return lines
}

func (r render) confusions() []string {
	if len(r.r.Confusions) == 0 {
		return nil
	}
	lines := []string{r.st.Title.Render("Answers you confuse")}
	for _, c := range r.r.Confusions {
		lines = append(lines, "  "+common.Truncate(c.String(), r.w-2))
	}
	return lines
}
