// Package review schedules the questions a learner got wrong with FSRS-6, the Free Spaced
// Repetition Scheduler, so that each one comes back just before it would be forgotten.
//
// It is written from the published algorithm (the open-spaced-repetition py-fsrs scheduler):
// pure functions of (card, rating, time), with no randomness ("fuzz") and no I/O. A card moves
// New → Learning → Review, and a lapse sends it to Relearning. Learning and relearning use short
// steps measured in minutes; a card in Review comes back after whole days.
package review

// Rating is how well an answer was recalled, on FSRS's four-point scale. The numeric values are
// FSRS's own and are stable, so they may be stored.
type Rating int

// The four ratings.
const (
	Again Rating = iota + 1 // forgot: answered wrong
	Hard                    // recalled, but unsure
	Good                    // recalled and sure
	Easy                    // recalled, sure and fast
)

// String names the rating as FSRS does.
func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return "invalid"
}

// RatingFor turns an answer into a rating, so a learner never has to grade themselves: wrong is
// Again; right but unsure is Hard; right and sure is Good; right, sure and fast is Easy.
func RatingFor(correct, sure, fast bool) Rating {
	switch {
	case !correct:
		return Again
	case !sure:
		return Hard
	case !fast:
		return Good
	}
	return Easy
}

// valid returns r moved into Again..Easy, so that a bad value cannot index past the weights.
func (r Rating) valid() Rating { return min(max(r, Again), Easy) }
