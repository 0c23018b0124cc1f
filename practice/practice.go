// Package practice turns answers into spaced-repetition cards. Every question and every scenario decision
// is a card, named by its item ID; a wrong answer anywhere (exam, drill, scenario or review) creates its
// card or sends it back to the start, so it comes back within minutes, and a later answer to an item that
// has a card reschedules it with FSRS.
//
// The rules:
//   - An answer is correct when its score is 1. A scenario choice that was only acceptable (0.5) is a
//     miss, as it is in the statistics: the best choice is what should be learned.
//   - A correct answer to an item without a card creates nothing: review is for what was missed.
//   - Outside the review screen nobody says how sure they were, so a committed answer counts as sure; it
//     is fast when it took less than FastAnswer. The review screen asks, and passes its own answer.
//   - An answer made at or before the card's last review is already counted and changes nothing, so a
//     write that is retried after a failure never reviews the same answer twice.
//
// The store keeps no learning step, so Card infers it from the wait the scheduler gave (see stepOf).
package practice

import (
	"context"
	"time"

	"dvaprep/review"
	"dvaprep/store"
)

// FastAnswer is the time under which a correct, sure answer rates Easy rather than Good.
const FastAnswer = 30 * time.Second

// Answer is one answer to an item, in the terms the scheduler needs.
type Answer struct {
	ItemID  string
	Kind    store.Kind
	Domain  string
	Task    string
	Correct bool
	Sure    bool
	Fast    bool
	At      time.Time // when it was answered
}

// Rating is the FSRS grade the answer earns.
func (a Answer) Rating() review.Rating { return review.RatingFor(a.Correct, a.Sure, a.Fast) }

// FromAttempt reads a stored attempt as an answer: correct at score 1, sure unless the learner said
// otherwise (review asks), fast under FastAnswer.
// A zero At is taken as now.
func FromAttempt(a store.Attempt, now time.Time) Answer {
	at := a.At
	if at.IsZero() {
		at = now
	}
	return Answer{ItemID: a.ItemID, Kind: a.Kind, Domain: a.Domain, Task: a.Task, Correct: a.Score >= 1,
		Sure: !a.Unsure, Fast: a.Elapsed > 0 && a.Elapsed < FastAnswer, At: at}
}

// scheduler is the FSRS scheduler every card uses.
var scheduler = review.DefaultScheduler()

// Next returns the card after answer a. prev is the item's stored card, or nil if it has none. ok is false
// when nothing changes: a correct answer to an item without a card, or an answer already counted.
func Next(prev *store.Card, a Answer) (c store.Card, ok bool) {
	if prev == nil && a.Correct {
		return store.Card{}, false
	}
	var rc review.Card
	if prev != nil {
		if !prev.LastReview.IsZero() && a.At.UnixMilli() <= prev.LastReview.UnixMilli() { // the store keeps ms
			return *prev, false
		}
		rc = ToReview(*prev)
	}
	rc = scheduler.Schedule(rc, a.Rating(), a.At)
	c = FromReview(rc)
	c.ItemID, c.Kind, c.Domain, c.Task = a.ItemID, a.Kind, a.Domain, a.Task
	return c, true
}

// ToReview converts a stored card for the scheduler.
func ToReview(c store.Card) review.Card {
	rc := review.Card{State: review.State(c.State), Stability: c.Stability, Difficulty: c.Difficulty,
		Due: c.Due, LastReview: c.LastReview, Reps: c.Reps, Lapses: c.Lapses}
	rc.Step = stepOf(rc, scheduler)
	return rc
}

// FromReview converts a scheduled card for the store; the caller sets what it is a card of.
func FromReview(rc review.Card) store.Card {
	return store.Card{State: int(rc.State), Stability: rc.Stability, Difficulty: rc.Difficulty, Due: rc.Due,
		LastReview: rc.LastReview, Reps: rc.Reps, Lapses: rc.Lapses}
}

// stepOf recovers a Learning or Relearning card's step from the wait between its last review and its due
// time. The scheduler sends a card to step i > 0 with a wait of exactly steps[i]; every other wait (the
// first step, or Hard's halfway wait on it) is step 0.
func stepOf(c review.Card, s review.Scheduler) int {
	steps := s.LearningSteps
	switch c.State {
	case review.Learning:
	case review.Relearning:
		steps = s.RelearningSteps
	default:
		return 0
	}
	if c.LastReview.IsZero() {
		return 0
	}
	wait := c.Due.Sub(c.LastReview)
	for i := len(steps) - 1; i > 0; i-- {
		if wait == steps[i] {
			return i
		}
	}
	return 0
}

// CardUpdates applies answers in order to the cards given (keyed by item ID; it may be nil or miss items)
// and returns the cards that changed, one per item, in order of first change. It is pure: the caller
// reads the cards before and writes the result after.
func CardUpdates(cards map[string]*store.Card, attempts []store.Attempt, now time.Time) []store.Card {
	cur := map[string]*store.Card{}
	var order []string
	for _, at := range attempts {
		a := FromAttempt(at, now)
		prev, seen := cur[a.ItemID]
		if !seen {
			prev = cards[a.ItemID]
		}
		c, ok := Next(prev, a)
		if !ok {
			continue
		}
		if !seen {
			order = append(order, a.ItemID)
		}
		cur[a.ItemID] = &c
	}
	out := make([]store.Card, 0, len(order))
	for _, id := range order {
		out = append(out, *cur[id])
	}
	return out
}

// Cards is what Record needs of the store.
type Cards interface {
	GetCard(ctx context.Context, itemID string) (*store.Card, error)
	PutCard(ctx context.Context, c store.Card) error
}

// Record updates the cards of the attempts just recorded. now stands in for an attempt's zero time: pass
// the program's clock. The study layer calls it in the transaction that stores the attempts.
func Record(ctx context.Context, st Cards, now time.Time, attempts ...store.Attempt) error {
	if len(attempts) == 0 {
		return nil
	}
	cards := map[string]*store.Card{}
	for _, a := range attempts {
		if _, ok := cards[a.ItemID]; ok {
			continue
		}
		c, err := st.GetCard(ctx, a.ItemID)
		if err != nil {
			return err
		}
		cards[a.ItemID] = c
	}
	for _, c := range CardUpdates(cards, attempts, now) {
		if err := st.PutCard(ctx, c); err != nil {
			return err
		}
	}
	return nil
}
