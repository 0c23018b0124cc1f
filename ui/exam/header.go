package exam

import (
	"errors"
	"fmt"
	"strings"

	engine "dvaprep/exam"
	"dvaprep/study"
)

// statusLine is the exam header: "Q 17/65 · 12 answered · 1 incomplete · 2 marked · 1:42:10 left".
func (m *Model) statusLine() string {
	st := m.ctx.Styles
	c := m.sess.Counts(m.ctx.Pack)
	parts := []string{
		st.Title.Render(fmt.Sprintf("Q %d/%d", m.quest.cur+1, len(m.sess.Items))),
		fmt.Sprintf("%d answered", c.Answered),
	}
	if c.Incomplete > 0 {
		parts = append(parts, st.Warn.Render(fmt.Sprintf("◐ %d incomplete", c.Incomplete)))
	}
	parts = append(parts, fmt.Sprintf("%d marked", c.Flagged))
	if t := m.timeLeft(); t != "" {
		parts = append(parts, t)
	}
	if s := m.saveState(); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " · ")
}

// timeLeft is the clock, in the warning style near the end and the error style at the very end (see
// engine.WarningLevel); untimed sessions have none.
func (m *Model) timeLeft() string {
	if m.sess == nil || !m.sess.Timed() {
		return ""
	}
	st := m.ctx.Styles
	now := m.ctx.Now()
	left := clock(m.sess.Remaining(now)) + " left"
	switch m.sess.Warning(now) {
	case engine.Urgent:
		return st.Error.Render("⚠ " + left + "!")
	case engine.Soon:
		return st.Warn.Render("⚠ " + left)
	}
	return left
}

// savedLine says whether the result is stored yet, and never "Saved" for what is not.
func (m *Model) savedLine() []string {
	st := m.ctx.Styles
	switch {
	case m.saves.takenOver != nil:
		lines := []string{st.Error.Render("✗ Not saved: this exam was closed in another window.")}
		if errors.Is(m.saves.takenOver, study.ErrAnswersKept) {
			lines = append(lines, st.Subtle.Render("  Your answers count in your progress, marked abandoned; this result is not kept."))
		}
		return append(lines, st.Subtle.Render("  esc, then x, opens the exam in progress."))
	case m.saves.saved:
		return []string{st.Subtle.Render("✓ Saved to your progress.")}
	case m.saves.err != nil:
		return []string{st.Error.Render("✗ Not saved: " + m.saves.err.Error())}
	case m.failing() != nil:
		return []string{st.Error.Render("✗ Not saved yet, retrying: " + m.failing().Error())}
	case m.ctx.Study != nil:
		return []string{st.Subtle.Render("Saving…")}
	}
	return nil
}
