package progress

import (
	"fmt"
	"slices"
	"time"

	"dvaprep/pack"
)

// The constants of the plan for today.
const (
	MockEvery   = 3  // days between full mocks: one, then time to review it and work on what it showed
	PlanDrill   = 10 // questions in the drill the plan suggests
	PlanReads   = 2  // notes the plan suggests reading at most
	WeakToRead  = 3  // the weakest task statements whose unread notes the plan looks at
	planMaxStep = 5
)

// StepKind is what a step of the plan does.
type StepKind string

// The steps of a plan.
const (
	StepReview StepKind = "review" // answer the review cards due
	StepDrill  StepKind = "drill"  // a drill on the weakest task statement
	StepMock   StepKind = "mock"   // a full mock exam
	StepRead   StepKind = "read"   // read the unread sections of a weak task's note
)

// Step is one thing to do today, with why.
type Step struct {
	Kind  StepKind
	Text  string // "Review 12 due cards"
	Why   string // "what you missed comes back before you forget it"
	Task  string // StepDrill: the task statement
	Note  string // StepRead: the note ID
	Count int    // StepReview: cards due; StepDrill: questions; StepRead: sections unread
}

// Plan is the plan for today, worked out from the learner's data and exam date.
type Plan struct {
	Date     time.Time // the exam date (a calendar date at 00:00 UTC); zero without one
	DaysLeft int       // calendar days from today to the exam date: 0 on the day, negative once past
	MocksFit int       // full mocks that fit before the date, one every MockEvery days from today
	LastMock int       // days since the last full mock; -1 without one
	Steps    []Step
}

// HasDate reports whether the learner set an exam date.
func (p Plan) HasDate() bool { return !p.Date.IsZero() }

// Countdown says how far the exam is: "in 23 days (Dec 25)", "tomorrow", "today", "was 2 days ago".
func (p Plan) Countdown() string {
	day := p.Date.Format("Mon Jan 2")
	switch {
	case !p.HasDate():
		return ""
	case p.DaysLeft == 0:
		return "today (" + day + ")"
	case p.DaysLeft == 1:
		return "tomorrow (" + day + ")"
	case p.DaysLeft < 0:
		return fmt.Sprintf("was %s ago (%s)", days(-p.DaysLeft), day)
	}
	return fmt.Sprintf("in %s (%s)", days(p.DaysLeft), day)
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// civil is the calendar date of t in its location, as 00:00 UTC, so that dates subtract to whole days.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// PlanFor works out the plan for today at now, a pure function of the pack, the data and the report
// Compute made of them, and the exam date in d.ExamDate (zero for none):
//
//   - the review cards due now, if any;
//   - a drill of PlanDrill questions on the weakest task statement;
//   - a full mock when the readiness estimate has too little data, or the last full mock is MockEvery days
//     old or more (or there is none); never on the exam day itself;
//   - the unread sections of the notes of the WeakToRead weakest task statements (PlanReads notes at most).
//
// MocksFit counts the full mocks that fit before the exam, one every MockEvery days from today.
func PlanFor(p *pack.Pack, d Data, r Report, now time.Time) Plan {
	pl := Plan{LastMock: -1}
	today := civil(now)
	if !d.ExamDate.IsZero() {
		pl.Date = civil(d.ExamDate)
		pl.DaysLeft = int(pl.Date.Sub(today).Hours() / 24)
		if pl.DaysLeft > 0 {
			pl.MocksFit = (pl.DaysLeft + MockEvery - 1) / MockEvery
		}
	}
	if n := len(r.Exams); n > 0 {
		pl.LastMock = int(today.Sub(civil(r.Exams[n-1].At.In(now.Location()))).Hours() / 24)
	}

	due := 0
	for _, c := range d.Cards {
		if !c.Due.After(now) {
			due++
		}
	}
	if due > 0 {
		pl.Steps = append(pl.Steps, Step{Kind: StepReview, Count: due,
			Text: fmt.Sprintf("Review %s due", plural(due, "card", "cards")),
			Why:  "what you missed comes back before you forget it"})
	}

	if len(r.Weak) > 0 {
		w := r.Weak[0]
		// With no answers for it, a task is not "weak", only untried: say so.
		why := "not tried yet: a first measure of this task statement"
		if w.Tried {
			why = fmt.Sprintf("your weakest task statement: mastery %.0f%% over %s", 100*w.Mastery.Mastery,
				plural(w.Answered, "answer", "answers"))
		}
		pl.Steps = append(pl.Steps, Step{Kind: StepDrill, Task: w.ID, Count: PlanDrill,
			Text: fmt.Sprintf("Drill task %s %s (%d questions)", w.ID, w.Name, PlanDrill), Why: why})
	}

	examDay := pl.HasDate() && pl.DaysLeft == 0
	if !examDay {
		mock := Step{Kind: StepMock, Text: fmt.Sprintf("Take a full mock (%d questions, %d minutes)",
			p.Exam.Questions, p.Exam.Minutes)}
		switch {
		case !r.Readiness.Enough:
			mock.Why = "readiness estimate: " + r.Readiness.Reason()
		case pl.LastMock < 0:
			mock.Why = "you have not taken a full mock yet"
		case pl.LastMock >= MockEvery:
			mock.Why = fmt.Sprintf("your last full mock was %s ago", days(pl.LastMock))
		}
		if mock.Why != "" {
			pl.Steps = append(pl.Steps, mock)
		}
	}

	reads := 0
	seen := map[string]bool{}
	for _, w := range r.Weak[:min(WeakToRead, len(r.Weak))] {
		if reads == PlanReads || w.NoteID == "" || seen[w.NoteID] {
			continue
		}
		seen[w.NoteID] = true
		n := p.Note(w.NoteID)
		if n == nil {
			n = noteByID(p, w.NoteID)
		}
		if n == nil {
			continue
		}
		unread := 0
		for _, s := range n.Sections {
			if !d.Read[n.ID+"#"+s.Slug] {
				unread++
			}
		}
		if unread == 0 {
			continue
		}
		reads++
		pl.Steps = append(pl.Steps, Step{Kind: StepRead, Note: n.ID, Task: w.ID, Count: unread,
			Text: fmt.Sprintf("Read %s (%d of %d sections unread)", n.Title, unread, len(n.Sections)),
			Why:  readWhy(w)})
	}
	pl.Steps = pl.Steps[:min(len(pl.Steps), planMaxStep)]
	return pl
}

// readWhy says why a note is in the plan: its task is one of the weakest, or, with no answers yet, untried.
func readWhy(w WeakSpot) string {
	if !w.Tried {
		return fmt.Sprintf("it covers task %s, which you have not tried yet", w.ID)
	}
	return fmt.Sprintf("it covers task %s, one of your weakest", w.ID)
}

// noteByID finds a note by scanning, for a pack built in code without an index.
func noteByID(p *pack.Pack, id string) *pack.Note {
	i := slices.IndexFunc(p.Notes, func(n *pack.Note) bool { return n.ID == id })
	if i < 0 {
		return nil
	}
	return p.Notes[i]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
