package exam

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"dvaprep/pack"
)

// ErrSubmitted means that a submitted session was asked to change an answer or a flag.
var ErrSubmitted = errors.New("the exam has already been submitted")

// ErrStruck means an option struck out was chosen: it must be un-struck first, as in the real test driver.
var ErrStruck = errors.New("that option is struck out: un-strike it first")

// ErrChosenStrike means a chosen option was struck out: unchoose it first (choose another, or toggle it off).
var ErrChosenStrike = errors.New("that option is your answer: choose another before striking it out")

// Session is an exam in progress or finished: the drawn items with the answers, flags and time given to each, and
// the deadline. The deadline is a wall-clock time rather than a countdown, so a session restored after a restart
// knows how much time is truly left. A Session is not safe for concurrent use.
type Session struct {
	Config    Config
	Items     []Item
	Started   time.Time
	Deadline  time.Time // zero for an untimed session
	Submitted time.Time // zero until Submit

	answers []answer // parallel to Items
}

// answer is what the user has done with one item.
type answer struct {
	choice  []int // original option indexes, sorted, no repeats
	struck  []int // original option indexes struck out, sorted, no repeats; never chosen
	flagged bool
	spent   time.Duration
}

// Counts summarises a session for the review screen before submission.
type Counts struct {
	Answered   int // items with as many options chosen as they ask for (or more)
	Incomplete int // multiple-response items with some options chosen, but fewer than they ask for: they score 0
	Unanswered int // items with nothing chosen
	Flagged    int
}

// Fill is how far an item's answer goes. Multiple response is all or nothing, so an incomplete answer scores 0
// and the screens say so before the exam is submitted.
type Fill int

// The fills of an answer.
const (
	Blank      Fill = iota // nothing chosen
	Incomplete             // fewer options chosen than the question asks for
	Complete               // as many as it asks for, or more (too many is wrong, but no longer incomplete)
)

// FillOf is the fill of a choice of chosen options for a question that asks for sel.
func FillOf(chosen, sel int) Fill {
	switch {
	case chosen <= 0:
		return Blank
	case chosen < sel:
		return Incomplete
	}
	return Complete
}

// NewSession starts a session on drawn items at now. A Config with a Duration gets a deadline of now+Duration.
func NewSession(cfg Config, items []Item, now time.Time) *Session {
	s := &Session{Config: cfg, Items: items, Started: now, answers: make([]answer, len(items))}
	if cfg.Duration > 0 {
		s.Deadline = now.Add(cfg.Duration)
	}
	return s
}

// Start draws a session with Draw (seeded by cfg.Seed) and starts it at now. As with Draw, a *Shortfall error
// comes with a usable session; any other error comes with none.
func Start(p *pack.Pack, cfg Config, seen map[string]bool, now time.Time) (*Session, error) {
	items, err := Draw(p, cfg, seen, nil)
	if items == nil {
		return nil, err
	}
	return NewSession(cfg, items, now), err
}

// NewSeed returns a random seed for Config.Seed, so that each new session draws differently.
func NewSeed() int64 { return rand.Int64() }

// at returns the answer of item i for changing.
func (s *Session) at(i int) (*answer, error) {
	if i < 0 || i >= len(s.Items) {
		return nil, fmt.Errorf("exam: no question %d (the exam has %d)", i+1, len(s.Items))
	}
	if len(s.answers) < len(s.Items) {
		s.answers = append(s.answers, make([]answer, len(s.Items)-len(s.answers))...)
	}
	return &s.answers[i], nil
}

// editable is the answer of item i for a change: an error for a question the exam does not have, and
// ErrSubmitted once the exam is submitted.
func (s *Session) editable(i int) (*answer, error) {
	a, err := s.at(i)
	if err != nil {
		return nil, err
	}
	if !s.Submitted.IsZero() {
		return nil, ErrSubmitted
	}
	return a, nil
}

// editableOption is editable, plus the original index of the option at display position d.
func (s *Session) editableOption(i, d int) (*answer, int, error) {
	a, err := s.editable(i)
	if err != nil {
		return nil, 0, err
	}
	o := s.Items[i].Original(d)
	if o < 0 {
		return nil, 0, fmt.Errorf("exam: question %d has no option %d", i+1, d+1)
	}
	return a, o, nil
}

// get returns the answer of item i, or the zero answer if there is none.
func (s *Session) get(i int) answer {
	if i < 0 || i >= len(s.answers) {
		return answer{}
	}
	return s.answers[i]
}

// Answer sets the choice for item i to the given ORIGINAL option indexes (use Item.Original to convert from
// display positions). An empty list clears the answer. Indexes out of range are an error.
func (s *Session) Answer(i int, opts []int) error {
	a, err := s.editable(i)
	if err != nil {
		return err
	}
	choice, err := normChoice(opts, len(s.Items[i].Perm))
	if err != nil {
		return fmt.Errorf("exam: question %d: %w", i+1, err)
	}
	for _, o := range choice {
		if slices.Contains(a.struck, o) {
			return fmt.Errorf("exam: question %d: %w", i+1, ErrStruck)
		}
	}
	a.choice = choice
	return nil
}

// Toggle chooses or unchooses the option at display position d of item i, as a multiple-response question does
// when the user presses its key. For a single-response question use Answer, which replaces the choice.
func (s *Session) Toggle(i, d int) error {
	a, o, err := s.editableOption(i, d)
	if err != nil {
		return err
	}
	if k, found := slices.BinarySearch(a.choice, o); found {
		a.choice = slices.Delete(slices.Clone(a.choice), k, k+1)
	} else {
		if slices.Contains(a.struck, o) {
			return fmt.Errorf("exam: question %d: %w", i+1, ErrStruck)
		}
		a.choice = slices.Insert(slices.Clone(a.choice), k, o)
	}
	if len(a.choice) == 0 {
		a.choice = nil
	}
	return nil
}

// Strike strikes out the option at display position d of item i, or un-strikes it if it is struck: a note
// to self that it is wrong, as the real test driver allows. A struck option cannot be chosen, and a chosen
// option cannot be struck (ErrChosenStrike).
func (s *Session) Strike(i, d int) error {
	a, o, err := s.editableOption(i, d)
	if err != nil {
		return err
	}
	k, found := slices.BinarySearch(a.struck, o)
	switch {
	case found:
		a.struck = slices.Delete(slices.Clone(a.struck), k, k+1)
	case slices.Contains(a.choice, o):
		return ErrChosenStrike
	default:
		a.struck = slices.Insert(slices.Clone(a.struck), k, o)
	}
	if len(a.struck) == 0 {
		a.struck = nil
	}
	return nil
}

// Struck reports whether the option at display position d of item i is struck out.
func (s *Session) Struck(i, d int) bool {
	if i < 0 || i >= len(s.Items) {
		return false
	}
	o := s.Items[i].Original(d)
	return o >= 0 && slices.Contains(s.get(i).struck, o)
}

// Flag flags item i for review, or unflags it if it is flagged.
func (s *Session) Flag(i int) error {
	a, err := s.editable(i)
	if err != nil {
		return err
	}
	a.flagged = !a.flagged
	return nil
}

// AddTime adds d to the time spent on item i; the UI calls it when the user leaves a question. It is allowed
// after submission, so the last question's time can be booked as the exam ends. Negative d is ignored.
func (s *Session) AddTime(i int, d time.Duration) error {
	a, err := s.at(i)
	if err != nil {
		return err
	}
	if d > 0 {
		a.spent += d
	}
	return nil
}

// Submit ends the session at now; answers and flags are frozen from then on. Submitting twice keeps the first time.
func (s *Session) Submit(now time.Time) {
	if s.Submitted.IsZero() {
		s.Submitted = now
	}
}

// Done reports whether the session has been submitted.
func (s *Session) Done() bool { return !s.Submitted.IsZero() }

// Choice returns the original option indexes chosen for item i, sorted; nil if unanswered.
func (s *Session) Choice(i int) []int { return slices.Clone(s.get(i).choice) }

// Chosen reports whether the option at display position d of item i is chosen, for drawing a check mark.
func (s *Session) Chosen(i, d int) bool {
	if i < 0 || i >= len(s.Items) {
		return false
	}
	o := s.Items[i].Original(d)
	return o >= 0 && slices.Contains(s.get(i).choice, o)
}

// Answered reports whether at least one option of item i is chosen.
func (s *Session) Answered(i int) bool { return len(s.get(i).choice) > 0 }

// Flagged reports whether item i is flagged for review.
func (s *Session) Flagged(i int) bool { return s.get(i).flagged }

// Spent returns the time spent on item i so far.
func (s *Session) Spent(i int) time.Duration { return s.get(i).spent }

// Fill returns the fill of item i, given its question (nil if the pack no longer has it: then any choice is
// Complete, since nothing more can be asked).
func (s *Session) Fill(i int, q *pack.Question) Fill {
	sel := 1
	if q != nil {
		sel = max(q.Select, 1)
	}
	return FillOf(len(s.get(i).choice), sel)
}

// Counts tallies answered, incomplete, unanswered and flagged items. p tells how many options each question asks
// for; with a nil p every item with a choice counts as answered.
func (s *Session) Counts(p *pack.Pack) Counts {
	var c Counts
	for i, it := range s.Items {
		switch s.Fill(i, lookup(p, it.QuestionID)) {
		case Complete:
			c.Answered++
		case Incomplete:
			c.Incomplete++
		default:
			c.Unanswered++
		}
		if s.get(i).flagged {
			c.Flagged++
		}
	}
	return c
}

// Check reports whether the session still fits the pack: every question exists and has the number of options it
// had when drawn. Call it before resuming a session saved under an older pack.
func (s *Session) Check(p *pack.Pack) error {
	if p == nil {
		return errors.New("exam: no pack loaded")
	}
	byID := questionIndex(p)
	for i, it := range s.Items {
		q := byID[it.QuestionID]
		switch {
		case q == nil:
			return fmt.Errorf("exam: question %d (%s) is no longer in the pack", i+1, it.QuestionID)
		case len(q.Options) != len(it.Perm):
			return fmt.Errorf("exam: question %d (%s) now has %d options, not %d", i+1, it.QuestionID,
				len(q.Options), len(it.Perm))
		}
	}
	return nil
}

// normChoice sorts and dedupes a choice of original option indexes and checks them against n options.
func normChoice(opts []int, n int) ([]int, error) {
	if len(opts) == 0 {
		return nil, nil
	}
	c := slices.Clone(opts)
	slices.Sort(c)
	c = slices.Compact(c)
	if c[0] < 0 || c[len(c)-1] >= n {
		return nil, fmt.Errorf("option index out of range 0..%d in %v", n-1, opts)
	}
	return c, nil
}

// StoredFill is the fill of an answer as the store keeps it: a question ID and an encoded choice (see
// EncodeChoice). A question the pack no longer has counts any choice as Complete; an unreadable choice is Blank.
func StoredFill(p *pack.Pack, questionID, choice string) Fill {
	c, err := DecodeChoice(choice)
	if err != nil {
		return Blank
	}
	sel := 1
	if q := lookup(p, questionID); q != nil {
		sel = max(q.Select, 1)
	}
	return FillOf(len(c), sel)
}

// lookup finds a question by ID through the pack's index, or by a scan in a pack built in code (which has none);
// nil if p is nil or has no such question. The screens call it on every frame, so it avoids building a map.
func lookup(p *pack.Pack, id string) *pack.Question {
	if p == nil {
		return nil
	}
	if q := p.Question(id); q != nil {
		return q
	}
	for _, q := range p.Questions {
		if q != nil && q.ID == id {
			return q
		}
	}
	return nil
}
