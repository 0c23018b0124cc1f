package exam

import (
	"fmt"
	"strings"

	engine "dvaprep/exam"
	"dvaprep/ui/common"
)

// briefView is the one screen shown before a full mock's clock starts: what the exam is like, how it is scored
// and the keys, so nothing about the real thing is a surprise. enter starts it, esc goes back to the menu.
func (m *Model) briefView(w int) string {
	st, f := m.ctx.Styles, m.menu.format
	scored := f.Questions - f.Unscored
	var split []string
	for _, s := range engine.Shares(m.ctx.Pack, f.Questions, f.Unscored) {
		split = append(split, fmt.Sprintf("%d from domain %s", s.Scored, s.Domain))
	}
	para := func(s string) string { return wrapIndent(s, w) }
	lines := []string{
		st.Title.Render("Full mock exam"),
		"  " + st.Title.Render(fmt.Sprintf("%d questions · %d minutes · %d unscored", f.Questions, f.Minutes, f.Unscored)),
		para(fmt.Sprintf("As in the real exam, nothing marks the %d unscored questions; the report reveals them. "+
			"The score estimate rests on the other %d, drawn by the blueprint: %s.", f.Unscored, scored, strings.Join(split, ", "))),
		para("Multiple response is all or nothing: choose as many as the question asks. An unanswered question is " +
			"wrong, so guessing costs nothing."),
		para("The clock starts when you press enter, warns at 10 and 5 minutes left and submits the exam at 0:00. " +
			"Every answer is saved as you give it: after a crash, resume from Home."),
		"",
		st.Title.Render("Keys"),
		para("1–6 or a–f choose · space toggles in multiple response · m marks for review"),
		para("n/p next/previous · g all questions, to jump to any · s review and submit"),
		para("esc or q asks before leaving; the exam stays saved and its clock keeps running"),
		"",
		st.Selected.Render("enter starts the clock") + st.Subtle.Render(" · esc goes back"),
	}
	return common.Fit(strings.Join(lines, "\n"), w, m.ctx.BodyHeight())
}
