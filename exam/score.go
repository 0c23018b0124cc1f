package exam

import (
	"slices"
	"time"

	"dvaprep/pack"
)

// slowestCount is how many of the slowest questions a Result lists for pacing.
const slowestCount = 5

// Tally counts correct answers out of a total.
type Tally struct {
	Correct int
	Total   int
}

// Percent returns the raw percent correct, 0 for an empty tally.
func (t Tally) Percent() float64 {
	if t.Total == 0 {
		return 0
	}
	return 100 * float64(t.Correct) / float64(t.Total)
}

// add counts one answer.
func (t *Tally) add(correct bool) {
	t.Total++
	if correct {
		t.Correct++
	}
}

// ItemResult is how one item went, for the review screen and the store.
type ItemResult struct {
	Position   int
	QuestionID string
	Domain     string
	Task       string
	Unscored   bool
	Missing    bool  // the question is no longer in the pack (or changed its options): not scored
	Answered   bool  // at least one option chosen
	Incomplete bool  // a multiple-response answer with fewer options than asked for (scored as wrong)
	Correct    bool  // the choice is exactly the set of correct options
	Choice     []int // the original option indexes chosen
	Right      []int // the original option indexes that are correct
	Flagged    bool
	Time       time.Duration
}

// DomainResult is one domain's line of the score report.
type DomainResult struct {
	ID       string
	Name     string
	Weight   int
	Tally    // scored items only
	Standing Standing
}

// TaskResult is one task statement's scored tally, for finding weak spots.
type TaskResult struct {
	ID     string
	Domain string
	Name   string
	Tally  // scored items only
}

// Result is the scored outcome of a session. Only scored items count towards Scored, the domains, the tasks, the
// scaled estimate and Pass; unscored items are tallied apart in Unscored.
type Result struct {
	Items    []ItemResult   // in session order
	Scored   Tally          // all scored items
	Unscored Tally          // the unscored items, revealed after the exam
	Domains  []DomainResult // every blueprint domain, in pack order, then any other domain seen
	Tasks    []TaskResult   // task statements with scored items, in pack order
	Cut      float64        // the raw percent taken as the pass mark (see CutPercent)
	Scaled   int            // the scaled score ESTIMATE (see Scale); label it as an estimate
	Passing  int            // the scaled score needed to pass
	Pass     bool           // Scaled >= Passing
	Time     time.Duration  // total time spent on the items
	Pace     time.Duration  // the time limit per item, 0 if untimed (130 min / 65 = 2 min)
	Slowest  []int          // positions of the slowest items (up to 5), slowest first
	Missing  []string       // IDs of items that could not be scored
}

// Score marks a session against the pack. Multiple response is all or nothing, and an unanswered item is wrong.
func Score(p *pack.Pack, s *Session) Result {
	var f pack.ExamFormat
	var byID map[string]*pack.Question
	if p != nil {
		f = p.Exam
		byID = questionIndex(p)
	}
	r := Result{Cut: CutPercent(f), Passing: Passing(f)}
	if s == nil {
		r.Scaled = Scale(0, f)
		return r
	}

	domains := map[string]*DomainResult{}
	tasks := map[string]*Tally{}
	var order []string // domain IDs in report order
	if p != nil {
		for _, d := range p.Domains {
			if domains[d.ID] == nil {
				domains[d.ID] = &DomainResult{ID: d.ID, Name: d.Name, Weight: d.Weight}
				order = append(order, d.ID)
			}
		}
	}

	r.Items = make([]ItemResult, len(s.Items))
	for i, it := range s.Items {
		a := s.get(i)
		ir := ItemResult{Position: i, QuestionID: it.QuestionID, Unscored: it.Unscored, Flagged: a.flagged,
			Time: a.spent, Choice: slices.Clone(a.choice), Answered: len(a.choice) > 0}
		r.Time += a.spent
		q := byID[it.QuestionID]
		if q == nil || len(q.Options) != len(it.Perm) {
			ir.Missing = true
			r.Missing = append(r.Missing, it.QuestionID)
			r.Items[i] = ir
			continue
		}
		ir.Domain, ir.Task = q.Domain, q.Task
		for o, opt := range q.Options {
			if opt.Correct {
				ir.Right = append(ir.Right, o)
			}
		}
		ir.Correct = ir.Answered && slices.Equal(ir.Choice, ir.Right)
		ir.Incomplete = FillOf(len(ir.Choice), max(q.Select, len(ir.Right))) == Incomplete
		r.Items[i] = ir
		if it.Unscored {
			r.Unscored.add(ir.Correct)
			continue
		}
		r.Scored.add(ir.Correct)
		d := domains[q.Domain]
		if d == nil {
			d = &DomainResult{ID: q.Domain}
			domains[q.Domain] = d
			order = append(order, q.Domain)
		}
		d.add(ir.Correct)
		t := tasks[q.Task]
		if t == nil {
			t = &Tally{}
			tasks[q.Task] = t
		}
		t.add(ir.Correct)
	}

	for _, id := range order {
		d := domains[id]
		d.Standing = StandingOf(d.Tally, f)
		r.Domains = append(r.Domains, *d)
	}
	r.Tasks = taskResults(p, r.Items, tasks)
	r.Scaled = Scale(r.Scored.Percent(), f)
	r.Pass = r.Scaled >= r.Passing
	if s.Config.Duration > 0 && len(s.Items) > 0 {
		r.Pace = s.Config.Duration / time.Duration(len(s.Items))
	}
	r.Slowest = slowest(r.Items)
	return r
}

// taskResults lists the tallied tasks in blueprint order, then any task the blueprint lacks in item order.
func taskResults(p *pack.Pack, items []ItemResult, tallies map[string]*Tally) []TaskResult {
	var out []TaskResult
	done := map[string]bool{}
	if p != nil {
		for _, d := range p.Domains {
			for _, t := range d.Tasks {
				if tl := tallies[t.ID]; tl != nil && !done[t.ID] {
					done[t.ID] = true
					out = append(out, TaskResult{ID: t.ID, Domain: d.ID, Name: t.Name, Tally: *tl})
				}
			}
		}
	}
	for _, it := range items {
		if tl := tallies[it.Task]; tl != nil && !done[it.Task] {
			done[it.Task] = true
			out = append(out, TaskResult{ID: it.Task, Domain: it.Domain, Tally: *tl})
		}
	}
	return out
}

// slowest returns the positions of the items that took longest, slowest first, ties in session order.
func slowest(items []ItemResult) []int {
	var pos []int
	for i, it := range items {
		if it.Time > 0 {
			pos = append(pos, i)
		}
	}
	slices.SortStableFunc(pos, func(a, b int) int {
		switch {
		case items[a].Time > items[b].Time:
			return -1
		case items[a].Time < items[b].Time:
			return 1
		}
		return 0
	})
	return pos[:min(len(pos), slowestCount)]
}

// Seen counts the items that were on screen (some time was booked to them) and the time they took, for pacing:
// questions never opened would otherwise pull the time per question down.
func (r Result) Seen() (n int, spent time.Duration) {
	for _, it := range r.Items {
		if !it.Missing && it.Time > 0 {
			n++
			spent += it.Time
		}
	}
	return n, spent
}
