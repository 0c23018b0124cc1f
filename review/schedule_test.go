package review

import (
	"testing"
	"time"
)

var t0 = time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)

const day = 24 * time.Hour

func TestNewCard(t *testing.T) {
	tests := []struct {
		r          Rating
		wait       time.Duration
		state      State
		step       int
		stability  float64
		difficulty float64
	}{
		{Again, time.Minute, Learning, 0, 0.212, 6.4133},
		{Hard, 330 * time.Second, Learning, 0, 1.2931, 5.112171}, // halfway between 1 and 10 minutes
		{Good, 10 * time.Minute, Learning, 1, 2.3065, 2.118104},
		{Easy, 8 * day, Review, 0, 8.2956, 1}, // graduates at once: round(S0(Easy)) days
	}
	prev := time.Duration(0)
	for _, tt := range tests {
		c := Schedule(Card{}, tt.r, t0)
		wait := c.Due.Sub(t0)
		if wait != tt.wait || c.State != tt.state || c.Step != tt.step {
			t.Errorf("%v: wait %v, %v step %d; want %v, %v step %d", tt.r, wait, c.State, c.Step, tt.wait, tt.state, tt.step)
		}
		if !near(c.Stability, tt.stability, 1e-6) || !near(c.Difficulty, tt.difficulty, 1e-6) {
			t.Errorf("%v: S %v D %v; want S %v D %v", tt.r, c.Stability, c.Difficulty, tt.stability, tt.difficulty)
		}
		if c.Reps != 1 || c.Lapses != 0 || !c.LastReview.Equal(t0) {
			t.Errorf("%v: reps %d lapses %d last %v", tt.r, c.Reps, c.Lapses, c.LastReview)
		}
		if wait <= prev {
			t.Errorf("%v: wait %v is not longer than the rating below's %v", tt.r, wait, prev)
		}
		prev = wait
	}
}

func TestReviewCard(t *testing.T) {
	// Due exactly at its stability, so R = 0.9; the stabilities are those of TestReferenceValues.
	card := Card{State: Review, Stability: 10, Difficulty: 5, LastReview: t0, Due: t0.Add(10 * day), Reps: 3}
	now := t0.Add(10 * day)
	tests := []struct {
		r         Rating
		wait      time.Duration
		state     State
		stability float64
		lapses    int
	}{
		{Again, 10 * time.Minute, Relearning, 1.391987, 1},
		{Hard, 23 * day, Review, 23.246875, 0},
		{Good, 32 * day, Review, 32.026729, 0},
		{Easy, 51 * day, Review, 51.253862, 0},
	}
	prev := time.Duration(0)
	for _, tt := range tests {
		c := Schedule(card, tt.r, now)
		wait := c.Due.Sub(now)
		if wait != tt.wait || c.State != tt.state || c.Lapses != tt.lapses || c.Reps != 4 {
			t.Errorf("%v: wait %v, %v, lapses %d, reps %d; want %v, %v, lapses %d, reps 4",
				tt.r, wait, c.State, c.Lapses, c.Reps, tt.wait, tt.state, tt.lapses)
		}
		if !near(c.Stability, tt.stability, 1e-5) {
			t.Errorf("%v: stability %v, want %v", tt.r, c.Stability, tt.stability)
		}
		if wait <= prev {
			t.Errorf("%v: wait %v is not longer than the rating below's %v", tt.r, wait, prev)
		}
		prev = wait
	}
	if card.Reps != 3 || card.State != Review {
		t.Error("Schedule changed the card passed in")
	}
}

// Without relearning steps a lapse stays in Review and still comes back sooner than Hard.
func TestLapseWithoutRelearningSteps(t *testing.T) {
	s := DefaultScheduler()
	s.RelearningSteps = nil
	card := Card{State: Review, Stability: 10, Difficulty: 5, LastReview: t0}
	again := s.Schedule(card, Again, t0.Add(10*day))
	hard := s.Schedule(card, Hard, t0.Add(10*day))
	if again.State != Review || again.Lapses != 1 || again.Due.Sub(again.LastReview) != day {
		t.Errorf("Again: %v, lapses %d, wait %v; want review, 1, 24h", again.State, again.Lapses, again.Due.Sub(again.LastReview))
	}
	if !again.Due.Before(hard.Due) {
		t.Errorf("Again due %v, not before Hard due %v", again.Due, hard.Due)
	}
}

func TestSteps(t *testing.T) {
	std := DefaultScheduler().LearningSteps
	one := []time.Duration{10 * time.Minute}
	learning := Card{State: Learning, Step: 1, Stability: 2.3065, Difficulty: 2.1, LastReview: t0}
	past, negative := learning, learning
	past.Step, negative.Step = 5, -3
	relearning := Card{State: Relearning, Stability: 1.4, Difficulty: 8.3, LastReview: t0}
	tests := []struct {
		name  string
		steps []time.Duration // learning steps
		card  Card
		r     Rating
		wait  time.Duration
		state State
		step  int
	}{
		{"no learning steps: Good graduates", nil, Card{}, Good, 2 * day, Review, 0},
		{"no learning steps: Again graduates", nil, Card{}, Again, day, Review, 0},
		{"one step: Hard waits 1.5 steps", one, Card{}, Hard, 15 * time.Minute, Learning, 0},
		{"one step: Good graduates", one, Card{}, Good, 2 * day, Review, 0},
		{"Hard on a later step repeats it", std, learning, Hard, 10 * time.Minute, Learning, 1},
		{"Again on a later step restarts", std, learning, Again, time.Minute, Learning, 0},
		// Same day, so S = S's(Hard) of 2.3065 = 1.333379: one day.
		{"step past the end graduates", std, past, Hard, day, Review, 0},
		{"negative step is the first", std, negative, Good, 10 * time.Minute, Learning, 1},
		{"relearning Good graduates", std, relearning, Good, day, Review, 0},
		{"relearning Again repeats", std, relearning, Again, 10 * time.Minute, Relearning, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultScheduler()
			s.LearningSteps = tt.steps
			c := s.Schedule(tt.card, tt.r, t0)
			if wait := c.Due.Sub(t0); wait != tt.wait || c.State != tt.state || c.Step != tt.step {
				t.Errorf("wait %v, %v step %d; want %v, %v step %d", wait, c.State, c.Step, tt.wait, tt.state, tt.step)
			}
		})
	}
}

// The published py-fsrs test suite (tests/test_basic.py, FSRS-6 default parameters, no fuzz)
// reviews a card with these ratings, each at the moment it falls due, and expects these whole-day
// intervals; and after Again, Good ×5 at day offsets 0, 0, 1, 3, 8, 21 it expects S ≈ 53.62691 and
// D ≈ 6.3574867. Matching them checks the whole state machine against the reference.
func TestMatchesPyFSRS(t *testing.T) {
	ratings := []Rating{Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good}
	want := []int{0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21}
	c, now := Card{}, t0
	for i, r := range ratings {
		c = Schedule(c, r, now)
		if got := int(c.Due.Sub(c.LastReview) / day); got != want[i] {
			t.Fatalf("review %d (%v): interval %d days, want %d", i+1, r, got, want[i])
		}
		now = c.Due
	}
	if c.Reps != len(ratings) || c.Lapses != 1 {
		t.Errorf("reps %d lapses %d, want %d and 1", c.Reps, c.Lapses, len(ratings))
	}

	c, now = Card{}, t0
	for i, r := range []Rating{Again, Good, Good, Good, Good, Good} {
		now = now.Add(time.Duration([]int{0, 0, 1, 3, 8, 21}[i]) * day)
		c = Schedule(c, r, now)
	}
	if !near(c.Stability, 53.62691, 1e-4) || !near(c.Difficulty, 6.3574867, 1e-4) {
		t.Errorf("S %v D %v, want 53.62691 and 6.3574867", c.Stability, c.Difficulty)
	}
}

// Easy again and again drives difficulty to its floor, as in py-fsrs.
func TestRepeatedEasy(t *testing.T) {
	c := Card{}
	for i := range 10 {
		c = Schedule(c, Easy, t0.Add(time.Duration(i)*time.Microsecond))
	}
	if c.Difficulty != 1 {
		t.Errorf("difficulty %v, want 1", c.Difficulty)
	}
}

func TestMaximumInterval(t *testing.T) {
	s := DefaultScheduler()
	s.MaximumInterval = 10
	c := s.Schedule(Card{State: Review, Stability: 10, Difficulty: 5, LastReview: t0}, Easy, t0.Add(10*day))
	if wait := c.Due.Sub(c.LastReview); wait != 10*day {
		t.Errorf("wait %v, want 10 days", wait)
	}
	c = Schedule(Card{State: Review, Stability: 36000, Difficulty: 1, LastReview: t0}, Easy, t0.Add(36000*day))
	if wait := c.Due.Sub(c.LastReview); wait != 36500*day || c.Stability > maxStability {
		t.Errorf("wait %v, S %v; want 36500 days and S at most %v", wait, c.Stability, maxStability)
	}
}

func TestSchedulePureAndSafe(t *testing.T) {
	card := Card{State: Review, Stability: 10, Difficulty: 5, LastReview: t0}
	now := t0.Add(7 * day)
	if a, b := Schedule(card, Good, now), Schedule(card, Good, now); a != b {
		t.Errorf("same input, different cards: %+v and %+v", a, b)
	}
	odd := []Card{
		{State: Review}, // no memory state: treated as new
		{State: State(42), Stability: 3, Difficulty: 4}, // unknown state: treated as learning
		{State: Review, Stability: -1, Difficulty: 99, LastReview: t0},
		{State: Review, Stability: 5, Difficulty: 5}, // never reviewed, yet in review
	}
	for _, c := range odd {
		for _, r := range []Rating{0, Again, Hard, Good, Easy, 9} {
			got := Schedule(c, r, now)
			if !(got.Stability >= minStability && got.Difficulty >= 1 && got.Difficulty <= 10) || !got.Due.After(now) {
				t.Errorf("Schedule(%+v, %v) = %+v", c, r, got)
			}
		}
	}
}

func TestIsDue(t *testing.T) {
	c := Schedule(Card{}, Good, t0)
	if !(Card{}).IsDue(t0) {
		t.Error("a new card is not due")
	}
	if c.IsDue(t0.Add(9*time.Minute)) || !c.IsDue(t0.Add(10*time.Minute)) {
		t.Error("a card learned at t0 with Good should fall due at t0+10m, not before")
	}
}
