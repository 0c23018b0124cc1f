package exam

import (
	"cmp"
	"slices"
	"time"

	"dvaprep/pack"
)

// notesToRead is how many note links a practice report suggests.
const notesToRead = 5

// Practice is the report of a drill or a custom exam: how it went per task statement, with no scaled score and
// no pass or fail, which belong to a full mock. A skipped question is counted as skipped, not as wrong, and the
// accuracy rests on the questions answered.
type Practice struct {
	Count                  // every item that could be scored
	Tasks   []TaskPractice // task statements with items, in pack order
	Time    time.Duration  // time on screen over every item
	PerItem time.Duration  // the time on the items answered over their number (0 if none)
	Notes   []string       // note links of the questions missed, skipped or incomplete, the most linked first
}

// Count is how a set of questions went. Incomplete answers are answered and wrong.
type Count struct {
	Answered   int
	Skipped    int
	Right      int
	Incomplete int
}

// Accuracy is the share right of the questions answered, 0 when none was.
func (c Count) Accuracy() float64 {
	if c.Answered == 0 {
		return 0
	}
	return float64(c.Right) / float64(c.Answered)
}

func (c *Count) add(it ItemResult) {
	switch {
	case !it.Answered:
		c.Skipped++
		return
	case it.Correct:
		c.Right++
	case it.Incomplete:
		c.Incomplete++
	}
	c.Answered++
}

// TaskPractice is one task statement's line of a practice report.
type TaskPractice struct {
	ID, Domain, Name string
	Count
	Time    time.Duration // time on screen over its items
	PerItem time.Duration // the time on its items answered over their number (0 if none), as Practice.PerItem
}

// PracticeReport builds the practice report of a scored session. Unscored items count here: practice has no
// score to protect. Items no longer in the pack are left out.
func PracticeReport(p *pack.Pack, r Result) Practice {
	var out Practice
	byID := map[string]*pack.Question{}
	tasks := map[string]*TaskPractice{}
	var order []string
	if p != nil {
		byID = questionIndex(p)
		for _, d := range p.Domains {
			for _, t := range d.Tasks {
				if tasks[t.ID] == nil {
					tasks[t.ID] = &TaskPractice{ID: t.ID, Domain: d.ID, Name: t.Name}
					order = append(order, t.ID)
				}
			}
		}
	}
	var answeredTime time.Duration
	taskAnswered := map[string]time.Duration{}
	links := map[string]int{}
	first := map[string]int{}
	for _, it := range r.Items {
		if it.Missing {
			continue
		}
		out.add(it)
		out.Time += it.Time
		if it.Answered {
			answeredTime += it.Time
		}
		t := tasks[it.Task]
		if t == nil {
			t = &TaskPractice{ID: it.Task, Domain: it.Domain}
			tasks[it.Task] = t
			order = append(order, it.Task)
		}
		t.add(it)
		t.Time += it.Time
		if it.Answered {
			taskAnswered[it.Task] += it.Time
		}
		if q := byID[it.QuestionID]; q != nil && !it.Correct {
			for _, l := range q.Notes {
				if _, ok := first[l]; !ok {
					first[l] = len(first)
				}
				links[l]++
			}
		}
	}
	for _, id := range order {
		if t := tasks[id]; t.Answered+t.Skipped > 0 {
			if t.Answered > 0 {
				t.PerItem = taskAnswered[id] / time.Duration(t.Answered)
			}
			out.Tasks = append(out.Tasks, *t)
		}
	}
	if out.Answered > 0 {
		out.PerItem = answeredTime / time.Duration(out.Answered)
	}
	for l := range links {
		out.Notes = append(out.Notes, l)
	}
	slices.SortFunc(out.Notes, func(a, b string) int {
		if c := cmp.Compare(links[b], links[a]); c != 0 {
			return c
		}
		return cmp.Compare(first[a], first[b])
	})
	out.Notes = out.Notes[:min(len(out.Notes), notesToRead)]
	return out
}

// Pace is how a time per question compares with the exam's budget.
type Pace int

// The paces. Rushing is a warning too: answers given far under the budget are often guesses.
const (
	OnPace  Pace = iota
	Rushing      // under RushShare of the budget
	TooSlow      // over the budget
)

// RushShare is the share of the time budget under which a pace counts as rushing: a quarter, 30 s of DVA-C02's
// 120 s a question.
const RushShare = 0.25

// PaceOf compares a time per question with the budget per question; with no budget every pace is OnPace.
func PaceOf(per, budget time.Duration) Pace {
	switch {
	case budget <= 0:
		return OnPace
	case per > budget:
		return TooSlow
	case float64(per) < RushShare*float64(budget):
		return Rushing
	}
	return OnPace
}

// String names the pace for reports.
func (p Pace) String() string {
	switch p {
	case Rushing:
		return "rushing: far under the budget"
	case TooSlow:
		return "too slow: over the budget"
	}
	return "on pace"
}
