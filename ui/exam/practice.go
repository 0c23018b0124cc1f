package exam

import (
	"fmt"
	"strings"

	engine "dvaprep/exam"
	prog "dvaprep/progress"
	"dvaprep/ui/common"
)

// The practice report, part of the result model: what a drill, a missed-questions drill or a custom exam ends in
// instead of a full mock's score estimate.

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
			if t.PerItem > 0 {
				per = minSec(t.PerItem)
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
			label := common.LinkTitle(r.ctx.Pack, l)
			line := "  " + label
			if k == r.link {
				line = st.Selected.Render("› " + label)
			}
			add(common.Truncate(line, w))
		}
	}
	add("", st.Subtle.Render("r reviews every answer with its explanation · esc goes back"))
	return strings.Join(lines, "\n")
}

// practiceNotes are the notes a practice report suggests, none for a full mock.
func (r *resultModel) practiceNotes() []string {
	if !r.practice() {
		return nil
	}
	return r.practiceReport().Notes
}
