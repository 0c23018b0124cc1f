package exam

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/study"
	"dvaprep/ui/common"
)

// Why an exam was submitted without the user asking.
const (
	byUser    = ""
	byClock   = "Time is up: the exam was submitted with the answers you gave."
	whileAway = "Time ran out while the exam was closed: it was submitted with the answers saved."
)

// submit ends the session, scores it and queues the finish: the result and one attempt per answered, scored
// question, written in one transaction. why is byUser, or the notice to show when the clock ran out.
func (m *Model) submit(why string) tea.Cmd {
	if !m.active() {
		return nil
	}
	cmds := []tea.Cmd{m.leave()}
	at := m.ctx.Now()
	if m.sess.Timed() && at.After(m.sess.Deadline) {
		at = m.sess.Deadline
	}
	m.sess.Submit(at)
	m.leaving = false
	r := engine.Score(m.ctx.Pack, m.sess)
	m.result = &r
	data, err := json.Marshal(r)
	if err != nil {
		data = nil
		cmds = append(cmds, common.Status("The result could not be encoded, so only the answers are kept: "+err.Error(), true))
	}
	cmds = append(cmds, m.enqueue(op{kind: opFinish, result: data, attempts: m.attempts(r, at)}))
	m.auto = why != byUser
	m.mode = modeResult
	m.relayout()
	m.vp.GotoTop()
	cmds = append(cmds, statusIf(why))
	return tea.Batch(cmds...)
}

// attempts are what the progress statistics learn from the session: one per answered question. Every
// answer counts: the unscored ones are marked, not left out.
func (m *Model) attempts(r engine.Result, at time.Time) []study.Attempt {
	return study.ExamAttempts(m.ctx.Pack, m.sess.Config.Kind, r, at, "")
}

// close leaves the screen. Writes still waiting go on in the root's queue and complete later.
func (m *Model) close(note string) tea.Cmd {
	return tea.Batch(m.back(), statusIf(note))
}

func statusIf(note string) tea.Cmd {
	if note == "" {
		return nil
	}
	return common.Status(note, false)
}

func (m *Model) updateResult(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		m.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, k.PageDown, k.Toggle):
		m.vp.PageDown()
	case key.Matches(msg, k.Answers, k.Enter):
		return m.openAnswers(filterAll)
	case key.Matches(msg, k.Back):
		return m.close("")
	}
	return nil
}

func (m *Model) layoutResult() {
	if m.result == nil {
		return
	}
	y := m.vp.YOffset()
	m.vp.SetContent(m.resultText())
	m.vp.SetYOffset(y)
}

// resultText is the score report: the estimate, the domains against the cut, the tasks, the unscored items and
// the pacing.
func (m *Model) resultText() string {
	st, r, w := m.ctx.Styles, m.result, m.ctx.Width
	f := m.ctx.Pack.Exam
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
	if m.auto {
		add(st.Warn.Render("⏱ Submitted automatically when the time ran out."))
	}
	switch {
	case m.saves.takenOver != nil:
		add(st.Error.Render("✗ Not saved: this exam was closed in another window."))
		if errors.Is(m.saves.takenOver, study.ErrAnswersKept) {
			add(st.Subtle.Render("  Your answers count in your progress, marked abandoned; this result is not kept."))
		}
		add(st.Subtle.Render("  esc, then x, opens the exam in progress."))
	case m.saves.saved:
		add(st.Subtle.Render("✓ Saved to your progress."))
	case m.saves.err != nil:
		add(st.Error.Render("✗ Not saved: " + m.saves.err.Error()))
	case m.failing() != nil:
		add(st.Error.Render("✗ Not saved yet, retrying: " + m.failing().Error()))
	case m.ctx.Study != nil:
		add(st.Subtle.Render("Saving…"))
	}

	barW := 20
	add("", st.Title.Render("By domain")+st.Subtle.Render(fmt.Sprintf(" (┃ marks %.0f%%, the line for “meets competencies”)", r.Cut)))
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
		add(fmt.Sprintf("  %s %4.0f%%  %d/%d  %s", cutBar(d.Percent()/100, r.Cut/100, barW), d.Percent(),
			d.Correct, d.Total, word))
	}

	if len(r.Tasks) > 0 {
		add("", st.Title.Render("By task statement"))
		nameW := max(w-16, 10)
		for _, t := range r.Tasks {
			name := common.Truncate(strings.TrimSpace(t.ID+" "+t.Name), nameW)
			add(fmt.Sprintf("  %-*s %3d/%-3d %4.0f%%", nameW, name, t.Correct, t.Total, t.Percent()))
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
	used := m.sess.Submitted.Sub(m.sess.Started)
	if m.sess.Timed() {
		used = min(max(used, 0), m.sess.Config.Duration)
		add(fmt.Sprintf("  Time used %s of %s", clock(used), clock(m.sess.Config.Duration)))
	} else {
		add(fmt.Sprintf("  Time used %s (untimed)", clock(max(used, 0))))
	}
	budget := r.Pace
	if budget <= 0 && f.Questions > 0 {
		budget = time.Duration(f.Minutes) * time.Minute / time.Duration(f.Questions)
	}
	if n := len(r.Items); n > 0 {
		avg := r.Time / time.Duration(n)
		add(fmt.Sprintf("  Average %.0f s a question on screen (budget ~%.0f s)", avg.Seconds(), budget.Seconds()))
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
