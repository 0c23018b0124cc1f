// Package progress turns what the store remembers into what a learner wants to know: how well each
// domain and task statement is mastered, how ready they are for the exam, where they are weakest and what
// to do about it. It is pure Go: Load reads the store once, Compute does the arithmetic on plain values,
// so the dashboard, `dvaprep stats` and the tests all see the same numbers.
//
// # Mastery
//
// For a domain or a task statement, over every attempt at its questions and scenario decisions (exams,
// drills, scenarios and reviews alike):
//
//	recent    = Σ wᵢ·scoreᵢ / Σ wᵢ,  wᵢ = 0.5^(ageᵢ / HalfLife)        recency-weighted accuracy
//	retention = mean over its items of Rᵢ                               FSRS retrievability
//	mastery   = recent × retention
//
// ageᵢ is the time since the attempt in days (HalfLife is 14 days: an answer a fortnight old counts half as
// much as one given today). The items are the questions and decisions attempted, plus any that have a
// review card. Rᵢ is the FSRS retrievability of the item's card now; an item without a card (never
// missed) has Rᵢ = 1. So a miss lowers mastery twice: at once through accuracy, and again as its card's
// memory fades, until a review brings it back. With no attempt, mastery is 0 and Tried is false.
//
// # Readiness
//
// A predicted scaled score, labelled as an estimate everywhere it shows. For each domain take the
// RecentPerDomain most recent question answers (decisions are not exam questions), p_d their accuracy
// and n_d their count. With blueprint weights w_d (summing to W):
//
//	p   = Σ (w_d/W)·p_d
//	se  = √( Σ (w_d/W)²·p̃_d(1−p̃_d)/n_d ),  p̃_d = (correct_d+1)/(n_d+2)
//	range = p ± 1.96·se, clamped to 0..100 %
//
// p and both ends of the range go through exam.Scale, the same documented mapping the mock exam uses.
// p̃ (Laplace's rule) keeps a perfect or hopeless domain from claiming a range of zero width. Below
// MinAnswers answers in all, or MinPerDomain in any domain, there is not enough data and no score.
package progress

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/review"
	"dvaprep/store"
)

// The constants of the formulas in the package documentation.
const (
	HalfLife        = 14 * 24 * time.Hour // the age at which an answer counts half
	RecentPerDomain = 40                  // answers per domain the readiness estimate looks at
	MinAnswers      = 30                  // answers needed in all for an estimate
	MinPerDomain    = 5                   // answers needed in every domain for an estimate
	WeakSpots       = 5                   // how many weak spots a report lists
	Weeks           = 8                   // weeks of accuracy a report lists
	z95             = 1.96
)

// Data is everything the store knows that a report needs, read in one go by Load.
type Data struct {
	Attempts   []store.Attempt       // every attempt, oldest first
	Cards      []store.Card          // every review card
	Exams      []store.ExamSession   // submitted exam sessions, newest first
	Days       []time.Time           // days with any attempt, oldest first, local midnights
	Confusions []store.ConfusionPair // most frequent first
	Read       map[string]bool       // notes sections read, "note#slug"
	ExamDate   time.Time             // the learner's exam date; zero without one (Load leaves it to the caller)
}

// Reader is what Load needs of the store.
type Reader interface {
	Attempts(ctx context.Context, f store.AttemptFilter) ([]store.Attempt, error)
	DueCards(ctx context.Context, now time.Time, limit int) ([]store.Card, error)
	ExamHistory(ctx context.Context) ([]store.ExamSession, error)
	ActiveDays(ctx context.Context, loc *time.Location) ([]time.Time, error)
	ConfusionPairs(ctx context.Context, limit int) ([]store.ConfusionPair, error)
	ReadSections(ctx context.Context) (map[string]bool, error)
}

// Load reads what Compute needs. Days fall in now's location.
func Load(ctx context.Context, st Reader, now time.Time) (Data, error) {
	var d Data
	var err error
	if d.Attempts, err = st.Attempts(ctx, store.AttemptFilter{}); err != nil {
		return d, err
	}
	// FSRS never schedules further than 100 years ahead: this horizon lists every card.
	if d.Cards, err = st.DueCards(ctx, now.AddDate(200, 0, 0), 0); err != nil {
		return d, err
	}
	if d.Exams, err = st.ExamHistory(ctx); err != nil {
		return d, err
	}
	if d.Days, err = st.ActiveDays(ctx, now.Location()); err != nil {
		return d, err
	}
	if d.Confusions, err = st.ConfusionPairs(ctx, 50); err != nil {
		return d, err
	}
	if d.Read, err = st.ReadSections(ctx); err != nil {
		return d, err
	}
	return d, nil
}

// Report is the whole progress picture at one moment.
type Report struct {
	Now        time.Time
	Questions  store.Tally // every question answer
	Decisions  store.Tally // every scenario decision
	Domains    []Mastery   // every blueprint domain, in pack order
	Tasks      []Mastery   // every task statement, in pack order
	Readiness  Readiness
	Weak       []WeakSpot
	Confusions []Confusion
	Pacing     Pacing
	Streak     Streak
	Exams      []ExamPoint // full mock exams, oldest first
	Weeks      []Week      // the last Weeks weeks, oldest first, empty ones included
	Notes      Count       // notes sections read out of every section
	Cards      int         // review cards
	Plan       Plan        // what to do today, up to the exam date
}

// Count is a part out of a whole.
type Count struct{ Done, Total int }

// Mastery is how well one domain or task statement is known (see the package documentation).
type Mastery struct {
	ID        string // "2" or "2.1"
	Domain    string // the domain ID (the same as ID for a domain)
	Name      string
	Weight    int     // the domain's exam weight in percent
	Answered  int     // attempts: Questions + Decisions, which Accuracy, Recent and Mastery all rest on
	Questions int     // of them, answers to questions (exams, drills, review)
	Decisions int     // of them, scenario decisions
	Accuracy  float64 // plain mean score, 0..1
	Recent    float64 // recency-weighted mean score, 0..1
	Retention float64 // mean retrievability of its items, 0..1
	Cards     int     // items with a review card
	Mastery   float64 // Recent × Retention, 0..1
	Tried     bool    // at least one attempt
	Sections  Count   // notes sections read, of the notes that cover it
}

// Compute builds the report from the data at now.
func Compute(p *pack.Pack, d Data, now time.Time) Report {
	r := Report{Now: now, Cards: len(d.Cards)}
	for _, a := range d.Attempts {
		t := &r.Questions
		if a.Kind == store.KindDecision {
			t = &r.Decisions
		}
		t.Answered++
		t.Score += a.Score
	}
	r.Domains, r.Tasks = mastery(p, d, now)
	r.Readiness = readiness(p, d.Attempts)
	r.Weak = weakSpots(p, r.Tasks)
	r.Confusions = confusions(d.Confusions, 5)
	r.Exams, r.Pacing = exams(p, d.Exams)
	r.Streak = streak(d.Days, now)
	r.Weeks = weeks(d.Attempts, now)
	r.Notes = notesRead(p, d.Read, func(*pack.Note) bool { return true })
	r.Plan = PlanFor(p, d, r, now)
	return r
}

// itemStats gathers one domain's or task's attempts and items.
type itemStats struct {
	answered     int
	decisions    int
	score        float64
	wScore, wSum float64
	items        map[string]bool
}

func mastery(p *pack.Pack, d Data, now time.Time) (domains, tasks []Mastery) {
	byDomain, byTask := map[string]*itemStats{}, map[string]*itemStats{}
	get := func(m map[string]*itemStats, k string) *itemStats {
		s := m[k]
		if s == nil {
			s = &itemStats{items: map[string]bool{}}
			m[k] = s
		}
		return s
	}
	for _, a := range d.Attempts {
		w := math.Pow(0.5, max(now.Sub(a.At), 0).Hours()/HalfLife.Hours())
		for _, s := range []*itemStats{get(byDomain, a.Domain), get(byTask, a.Task)} {
			s.answered++
			if a.Kind == store.KindDecision {
				s.decisions++
			}
			s.score += a.Score
			s.wScore += w * a.Score
			s.wSum += w
			s.items[a.ItemID] = true
		}
	}
	cards := map[string]store.Card{}
	for _, c := range d.Cards {
		cards[c.ItemID] = c
		get(byDomain, c.Domain).items[c.ItemID] = true
		get(byTask, c.Task).items[c.ItemID] = true
	}
	finish := func(s *itemStats, m *Mastery) {
		if s == nil {
			return
		}
		m.Answered = s.answered
		m.Decisions = s.decisions
		m.Questions = s.answered - s.decisions
		m.Tried = s.answered > 0
		if s.answered > 0 {
			m.Accuracy = s.score / float64(s.answered)
		}
		if s.wSum > 0 {
			m.Recent = s.wScore / s.wSum
		}
		var rSum float64
		for id := range s.items {
			c, ok := cards[id]
			if !ok {
				rSum++
				continue
			}
			m.Cards++
			rSum += review.Retrievability(review.Card{State: review.State(c.State), Stability: c.Stability,
				Difficulty: c.Difficulty, Due: c.Due, LastReview: c.LastReview, Reps: c.Reps, Lapses: c.Lapses}, now)
		}
		if len(s.items) > 0 {
			m.Retention = rSum / float64(len(s.items))
		}
		m.Mastery = m.Recent * m.Retention
	}
	for _, dom := range p.Domains {
		m := Mastery{ID: dom.ID, Domain: dom.ID, Name: dom.Name, Weight: dom.Weight}
		finish(byDomain[dom.ID], &m)
		m.Sections = notesRead(p, d.Read, func(n *pack.Note) bool { return n.Domain == dom.ID })
		domains = append(domains, m)
		for _, t := range dom.Tasks {
			tm := Mastery{ID: t.ID, Domain: dom.ID, Name: t.Name, Weight: dom.Weight}
			finish(byTask[t.ID], &tm)
			tm.Sections = notesRead(p, d.Read, func(n *pack.Note) bool { return slices.Contains(n.Tasks, t.ID) })
			tasks = append(tasks, tm)
		}
	}
	return domains, tasks
}

// notesRead counts the sections read among the notes keep accepts.
func notesRead(p *pack.Pack, read map[string]bool, keep func(*pack.Note) bool) Count {
	var c Count
	for _, n := range p.Notes {
		if !keep(n) {
			continue
		}
		for _, s := range n.Sections {
			c.Total++
			if read[n.ID+"#"+s.Slug] {
				c.Done++
			}
		}
	}
	return c
}

// Readiness is the predicted exam score (an ESTIMATE; see the package documentation).
type Readiness struct {
	Enough     bool    // false: not enough data, and the numbers below are not set
	Answers    int     // question answers it rests on (at most RecentPerDomain per domain)
	Fewest     int     // answers in the domain with the fewest
	FewestID   string  // that domain
	Percent    float64 // predicted raw percent
	Low, High  float64 // its range, raw percent
	Scaled     int     // Percent on the exam's scale
	ScaledLow  int
	ScaledHigh int
	Passing    int // the pass mark on that scale
}

// Reason says why there is no estimate yet, or "" when there is one.
func (r Readiness) Reason() string {
	if r.Enough {
		return ""
	}
	if r.Answers < MinAnswers {
		return fmt.Sprintf("not enough data: %d of the %d answers needed", r.Answers, MinAnswers)
	}
	return fmt.Sprintf("not enough data: domain %s has %d answers, %d needed in every domain", r.FewestID, r.Fewest, MinPerDomain)
}

func readiness(p *pack.Pack, attempts []store.Attempt) Readiness {
	r := Readiness{Passing: exam.Passing(p.Exam)}
	type tally struct {
		n       int
		correct float64
	}
	per := map[string]*tally{}
	for i := len(attempts) - 1; i >= 0; i-- { // newest first
		a := attempts[i]
		if a.Kind != store.KindQuestion {
			continue
		}
		t := per[a.Domain]
		if t == nil {
			t = &tally{}
			per[a.Domain] = t
		}
		if t.n < RecentPerDomain {
			t.n++
			t.correct += a.Score
		}
	}
	W := 0
	r.Fewest = math.MaxInt
	for _, d := range p.Domains {
		W += d.Weight
		n := 0
		if t := per[d.ID]; t != nil {
			n = t.n
		}
		r.Answers += n
		if n < r.Fewest {
			r.Fewest, r.FewestID = n, d.ID
		}
	}
	if len(p.Domains) == 0 || W == 0 {
		r.Fewest = 0
		return r
	}
	if r.Answers < MinAnswers || r.Fewest < MinPerDomain {
		return r
	}
	var pct, variance float64
	for _, d := range p.Domains {
		t := per[d.ID]
		share := float64(d.Weight) / float64(W)
		n := float64(t.n)
		pct += share * t.correct / n
		lp := (t.correct + 1) / (n + 2)
		variance += share * share * lp * (1 - lp) / n
	}
	half := z95 * math.Sqrt(variance)
	r.Enough = true
	r.Percent = 100 * pct
	r.Low, r.High = 100*max(pct-half, 0), 100*min(pct+half, 1)
	r.Scaled, r.ScaledLow, r.ScaledHigh = exam.Scale(r.Percent, p.Exam), exam.Scale(r.Low, p.Exam), exam.Scale(r.High, p.Exam)
	return r
}

// ActionKind is what a weak spot suggests doing.
type ActionKind int

// The actions.
const (
	Drill ActionKind = iota // a drill of the task's questions
	Read                    // read the note that covers the task best
)

// WeakSpot is one of the weakest task statements, with what to do about it.
type WeakSpot struct {
	Mastery
	Action    ActionKind
	NoteID    string // for Read, and the best note for the task in any case ("" if none)
	NoteTitle string
}

// Suggestion is the action in words: "drill 1.3" or "read Amazon DynamoDB notes".
func (w WeakSpot) Suggestion() string {
	if w.Action == Read {
		return "read " + w.NoteTitle + " notes"
	}
	return "drill " + w.ID
}

// weakSpots ranks the task statements by mastery, lowest first. A task never tried is unknown, so it
// ranks as a coin flip (UntriedRank): below a task mostly answered right, above one mostly answered
// wrong, and after a tried task of the same rank. Ties go to the heavier domain, then to blueprint
// order. A tried task answered less than half right (recently), with notes, suggests reading them;
// any other, a drill.
func weakSpots(p *pack.Pack, tasks []Mastery) []WeakSpot {
	order := make([]int, len(tasks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ta, tb := tasks[a], tasks[b]
		if c := cmp.Compare(rank(ta), rank(tb)); c != 0 {
			return c
		}
		if ta.Tried != tb.Tried {
			if ta.Tried {
				return -1
			}
			return 1
		}
		return cmp.Compare(tb.Weight, ta.Weight)
	})
	var out []WeakSpot
	for _, i := range order[:min(WeakSpots, len(order))] {
		w := WeakSpot{Mastery: tasks[i]}
		if n := bestNote(p, w.ID); n != nil {
			w.NoteID, w.NoteTitle = n.ID, n.Title
			if w.Tried && w.Recent < 0.5 {
				w.Action = Read
			}
		}
		out = append(out, w)
	}
	return out
}

// UntriedRank is the mastery a task never tried ranks at among the weak spots.
const UntriedRank = 0.5

func rank(m Mastery) float64 {
	if !m.Tried {
		return UntriedRank
	}
	return m.Mastery
}

// bestNote is the note with the most sections for a task, the first in pack order on a tie.
func bestNote(p *pack.Pack, task string) *pack.Note {
	var best *pack.Note
	for _, n := range p.Notes {
		if slices.Contains(n.Tasks, task) && (best == nil || len(n.Sections) > len(best.Sections)) {
			best = n
		}
	}
	return best
}

// Confusion is an answer given when another was right, and how often.
type Confusion struct {
	Chosen, Correct string
	Count, Items    int
}

// String reads "EventBridge when the answer was SNS: 4 times".
func (c Confusion) String() string {
	times := "times"
	if c.Count == 1 {
		times = "time"
	}
	return fmt.Sprintf("%s when the answer was %s: %d %s", c.Chosen, c.Correct, c.Count, times)
}

// confusions converts the store's pairs (single answers only: the store leaves out choices of several).
func confusions(pairs []store.ConfusionPair, limit int) []Confusion {
	var out []Confusion
	for _, p := range pairs {
		out = append(out, Confusion{Chosen: p.Chosen, Correct: p.Correct, Count: p.Count, Items: p.Items})
		if len(out) == limit {
			break
		}
	}
	return out
}

// ExamPoint is one submitted full mock exam.
type ExamPoint struct {
	At      time.Time // when it started
	Kind    store.ExamKind
	Scaled  int // an ESTIMATE
	Percent float64
	Correct int
	Total   int
	Pass    bool
}

// Pacing compares the time spent per question in timed exams with the exam's budget.
type Pacing struct {
	Exams     int           // timed exams counted
	Questions int           // their questions
	Average   time.Duration // time per question
	Last      time.Duration // in the latest timed exam
	Budget    time.Duration // the real exam's time per question (130 min / 65 = 2 min)
	Pace      exam.Pace     // Average against Budget: on pace, too slow, or rushing (far under it)
}

// exams reads the submitted sessions' results: the mock history and the pacing.
func exams(p *pack.Pack, sessions []store.ExamSession) ([]ExamPoint, Pacing) {
	var pace Pacing
	if p.Exam.Questions > 0 {
		pace.Budget = time.Duration(p.Exam.Minutes) * time.Minute / time.Duration(p.Exam.Questions)
	}
	var points []ExamPoint
	var spent time.Duration
	for i := len(sessions) - 1; i >= 0; i-- { // oldest first
		s := sessions[i]
		var r exam.Result
		if len(s.Result) == 0 || json.Unmarshal(s.Result, &r) != nil {
			continue
		}
		if r.Pace > 0 {
			if n, t := r.Seen(); n > 0 {
				pace.Exams++
				pace.Questions += n
				spent += t
				pace.Last = t / time.Duration(n)
			}
		}
		if s.Kind != store.ExamMock { // only a full mock has a scaled estimate; drills and custom exams report practice
			continue
		}
		points = append(points, ExamPoint{At: s.CreatedAt, Kind: s.Kind, Scaled: r.Scaled, Percent: r.Scored.Percent(),
			Correct: r.Scored.Correct, Total: r.Scored.Total, Pass: r.Pass})
	}
	if pace.Questions > 0 {
		pace.Average = spent / time.Duration(pace.Questions)
		pace.Pace = exam.PaceOf(pace.Average, pace.Budget)
	}
	return points, pace
}

// Streak counts study days.
type Streak struct {
	Current int  // consecutive days up to today, or up to yesterday when today has nothing yet
	Longest int  // the longest run ever
	Days    int  // days with any answer
	Today   bool // today has an answer
}

func streak(days []time.Time, now time.Time) Streak {
	s := Streak{Days: len(days)}
	key := func(t time.Time) time.Time {
		y, m, d := t.In(now.Location()).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	run := 0
	var prev time.Time
	for i, d := range days {
		k := key(d)
		if i > 0 && k.Equal(prev.AddDate(0, 0, 1)) {
			run++
		} else if i == 0 || !k.Equal(prev) {
			run = 1
		}
		prev = k
		s.Longest = max(s.Longest, run)
	}
	today := key(now)
	if len(days) > 0 {
		switch {
		case prev.Equal(today):
			s.Current, s.Today = run, true
		case prev.Equal(today.AddDate(0, 0, -1)):
			s.Current = run
		}
	}
	return s
}

// Week is one week's answers, Monday to Sunday.
type Week struct {
	Start time.Time // Monday 00:00 in the report's location
	store.Tally
}

func weeks(attempts []store.Attempt, now time.Time) []Week {
	loc := now.Location()
	monday := func(t time.Time) time.Time {
		t = t.In(loc)
		y, m, d := t.Date()
		back := (int(t.Weekday()) + 6) % 7
		return time.Date(y, m, d-back, 0, 0, 0, 0, loc)
	}
	this := monday(now)
	out := make([]Week, Weeks)
	for i := range out {
		out[i].Start = this.AddDate(0, 0, -7*(Weeks-1-i))
	}
	first := out[0].Start
	for _, a := range attempts {
		if a.At.Before(first) {
			continue
		}
		w := monday(a.At)
		i := Weeks - 1 - int(this.Sub(w).Round(24*time.Hour).Hours()/24/7)
		if i >= 0 && i < Weeks {
			out[i].Answered++
			out[i].Score += a.Score
		}
	}
	return out
}
