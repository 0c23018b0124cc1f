package review

import "time"

// State is where a card is in its life. The numeric values are stable, so they may be stored.
type State int

// The four states of a card.
const (
	New        State = iota // never reviewed; the zero value
	Learning                // first seen, going through the learning steps (minutes)
	Review                  // learned; comes back after whole days
	Relearning              // forgotten in review, going through the relearning steps
)

// String names the state.
func (s State) String() string {
	switch s {
	case New:
		return "new"
	case Learning:
		return "learning"
	case Review:
		return "review"
	case Relearning:
		return "relearning"
	}
	return "invalid"
}

// Card is the memory state of one item under review. The zero value is a new card, due at once.
type Card struct {
	State      State
	Step       int       // index into the learning or relearning steps; 0 otherwise
	Stability  float64   // days until recall probability falls to 90%; 0 while new
	Difficulty float64   // 1 (easiest) to 10 (hardest); 0 while new
	Due        time.Time // when the card should be reviewed next; zero while new
	LastReview time.Time // zero while new
	Reps       int       // reviews so far
	Lapses     int       // times forgotten while in Review
}

// IsDue reports whether the card should be shown at now.
func (c Card) IsDue(now time.Time) bool { return !now.Before(c.Due) }
