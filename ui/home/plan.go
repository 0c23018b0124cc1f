package home

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	prog "dvaprep/progress"
	"dvaprep/study"
	"dvaprep/ui/common"
)

// The plan for today on Home: the countdown to the exam date and what to do today (progress.PlanFor), and
// the field that sets the date.

// dateSavedMsg says the exam date was stored.
type dateSavedMsg struct {
	owner common.Owner
	date  time.Time
}

// openDate opens the field that sets the exam date, filled with the one set.
func (m *Model) openDate() {
	m.date = common.NewInput("Exam date: ", "YYYY-MM-DD", 10)
	if m.plan != nil && m.plan.HasDate() {
		m.date.SetValue(m.plan.Date.Format(study.DateLayout))
		m.date.CursorEnd()
	}
	m.date.Focus()
	m.dating = true
}

// updateDate types into the date field: enter saves it (empty removes the date), esc closes it.
func (m *Model) updateDate(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.dating = false
		return nil
	case "enter":
		v := strings.TrimSpace(m.date.Value())
		var d time.Time
		if v != "" {
			var err error
			if d, err = study.ParseExamDate(v); err != nil {
				return common.Status(err.Error(), true)
			}
		}
		m.dating = false
		return m.saveDate(d)
	}
	var cmd tea.Cmd
	m.date, cmd = m.date.Update(msg)
	return cmd
}

// saveDate queues the exam date's write; Home reloads once it is stored.
func (m *Model) saveDate(d time.Time) tea.Cmd {
	st := m.study()
	if st == nil {
		return common.Status("No progress database is open: the exam date cannot be kept", true)
	}
	owner := m.owner
	return m.ctx.Write(common.Write{Owner: owner, Key: "exam-date", What: "your exam date",
		Do: func(ctx context.Context) (tea.Msg, error) {
			if err := st.SetExamDate(ctx, d); err != nil {
				return nil, err
			}
			return dateSavedMsg{owner: owner, date: d}, nil
		}})
}

// planView is the countdown and the steps for today, or the offer to set a date.
func (m *Model) planView(w int) string {
	st := m.ctx.Styles
	var lines []string
	if m.dating {
		lines = append(lines, m.date.View(),
			st.Subtle.Render("enter saves (empty removes the date) · esc cancels"))
		return strings.Join(lines, "\n")
	}
	pl := m.plan
	if pl == nil {
		return ""
	}
	switch {
	case !pl.HasDate():
		lines = append(lines, st.Title.Render("No exam date yet")+st.Subtle.Render(" · d sets it, and Home plans each day up to it"))
	case pl.DaysLeft > 0:
		mocks := "1 full mock fits"
		if pl.MocksFit != 1 {
			mocks = fmt.Sprintf("%d full mocks fit", pl.MocksFit)
		}
		lines = append(lines, st.Title.Render("Exam "+pl.Countdown())+
			st.Subtle.Render(fmt.Sprintf(" · %s before it, one every %d days · d changes the date", mocks, prog.MockEvery)))
	default:
		lines = append(lines, st.Title.Render("Exam "+pl.Countdown())+st.Subtle.Render(" · d changes the date"))
	}
	if len(pl.Steps) == 0 {
		lines = append(lines, st.Subtle.Render("Today: nothing is due; any drill or note is a bonus."))
	} else {
		lines = append(lines, "Today"+st.Subtle.Render(fmt.Sprintf(" (1–%d starts a step):", len(pl.Steps))))
		for i, s := range pl.Steps {
			lines = append(lines, common.Truncate(fmt.Sprintf("  %d. %s", i+1, s.Text)+st.Subtle.Render(" · "+s.Why), w))
		}
	}
	return strings.Join(lines, "\n")
}

// stepNav is where a step of the plan is done: the review, a drill of its task, the exam menu, or its note.
func stepNav(s prog.Step) common.NavigateMsg {
	switch s.Kind {
	case prog.StepReview:
		return common.NavigateMsg{To: common.ReviewScreen}
	case prog.StepDrill:
		return common.NavigateMsg{To: common.ExamScreen, Exam: common.ExamArg{Start: &common.ExamStart{Task: s.Task, Questions: s.Count}}}
	case prog.StepRead:
		return common.NavigateMsg{To: common.NotesScreen, Notes: common.NotesArg{Link: s.Note}}
	}
	return common.NavigateMsg{To: common.ExamScreen}
}

// step returns the step a key 1–5 names, if the plan has it.
func (m *Model) step(k string) (prog.Step, bool) {
	if m.plan == nil || len(k) != 1 || k[0] < '1' || k[0] > '9' {
		return prog.Step{}, false
	}
	i := int(k[0] - '1')
	if i >= len(m.plan.Steps) {
		return prog.Step{}, false
	}
	return m.plan.Steps[i], true
}

// dateKey is the binding that opens the date field.
var dateKey = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "exam date"))

// stepKey is the binding that starts a step of the plan.
var stepKey = key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1–5", "start a step of today's plan"))
