package review

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Bounds on a card's memory state, as in the published implementations.
const (
	minStability  = 0.001 // days
	maxStability  = 36500 // days
	minDifficulty = 1
	maxDifficulty = 10
	maxDays       = 36500 // the longest interval any Scheduler gives, about 100 years
)

// Scheduler holds the FSRS-6 parameters. Build one with DefaultScheduler and change the fields
// the user may configure; a Scheduler is a plain value, safe to copy and to share.
type Scheduler struct {
	// Weights are FSRS-6's w0..w20, as fitted by the FSRS optimiser.
	Weights [21]float64
	// DesiredRetention is the recall probability at which a Review card falls due, in (0, 1).
	// Higher means shorter intervals and more reviews.
	DesiredRetention float64
	// MaximumInterval caps a Review interval, in days (1 to 36500).
	MaximumInterval int
	// LearningSteps are the short waits between reviews of a Learning card. Empty means a new
	// card goes straight to Review.
	LearningSteps []time.Duration
	// RelearningSteps are the waits between reviews of a Relearning card. Empty means a lapsed
	// card stays in Review and comes back after its new interval.
	RelearningSteps []time.Duration
}

// DefaultScheduler returns FSRS-6's default weights with 90% desired retention, a 36500-day
// maximum interval, learning steps of 1 and 10 minutes and one relearning step of 10 minutes,
// the defaults of py-fsrs.
func DefaultScheduler() Scheduler {
	return Scheduler{
		Weights: [21]float64{
			0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
			1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
		},
		DesiredRetention: 0.9,
		MaximumInterval:  maxDays,
		LearningSteps:    []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps:  []time.Duration{10 * time.Minute},
	}
}

// Validate reports every parameter that is out of range, so a bad setting is caught where it is
// read rather than turning into odd intervals. Schedule never panics on one either way.
func (s Scheduler) Validate() error {
	var errs []error
	for i, w := range s.Weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			errs = append(errs, fmt.Errorf("weight w%d is %v, want a finite number", i, w))
		}
	}
	if !(s.Weights[20] > 0) {
		errs = append(errs, fmt.Errorf("weight w20 (decay) is %v, want more than 0", s.Weights[20]))
	}
	if !(s.DesiredRetention > 0 && s.DesiredRetention < 1) {
		errs = append(errs, fmt.Errorf("desired retention is %v, want between 0 and 1", s.DesiredRetention))
	}
	if s.MaximumInterval < 1 || s.MaximumInterval > maxDays {
		errs = append(errs, fmt.Errorf("maximum interval is %d days, want 1 to %d", s.MaximumInterval, maxDays))
	}
	for i, d := range s.LearningSteps {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("learning step %d is %v, want more than 0", i+1, d))
		}
	}
	for i, d := range s.RelearningSteps {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("relearning step %d is %v, want more than 0", i+1, d))
		}
	}
	return errors.Join(errs...)
}

// Interval is the number of whole days after which a card of the given stability has fallen to
// the desired retention: I = S/FACTOR·(r^(1/DECAY) − 1), rounded, at least 1 and at most
// MaximumInterval. At 90% retention it equals the stability.
func (s Scheduler) Interval(stability float64) int {
	decay, factor := s.curve()
	days := math.Round(stability / factor * (math.Pow(s.DesiredRetention, 1/decay) - 1))
	limit := min(max(s.MaximumInterval, 1), maxDays)
	switch {
	case !(days >= 1): // also NaN
		return 1
	case days > float64(limit):
		return limit
	}
	return int(days)
}

// Retrievability is the probability that the card is recalled at now, from 0 to 1. It counts
// whole days since the last review, as the scheduler does. A new card has none: 0.
func (s Scheduler) Retrievability(c Card, now time.Time) float64 {
	if c.State == New || !(c.Stability > 0) {
		return 0
	}
	return s.forgettingCurve(elapsedDays(c.LastReview, now), clampStability(c.Stability))
}

// Schedule is DefaultScheduler().Schedule.
func Schedule(c Card, r Rating, now time.Time) Card { return DefaultScheduler().Schedule(c, r, now) }

// Retrievability is DefaultScheduler().Retrievability.
func Retrievability(c Card, now time.Time) float64 {
	return DefaultScheduler().Retrievability(c, now)
}

// elapsedDays counts the whole days from last to now, never fewer than 0.
func elapsedDays(last, now time.Time) float64 {
	return float64(max(now.Sub(last)/(24*time.Hour), 0))
}

func clampStability(v float64) float64 {
	if !(v >= minStability) { // also NaN
		return minStability
	}
	return min(v, maxStability)
}

func clampDifficulty(v float64) float64 {
	if !(v >= minDifficulty) { // also NaN
		return minDifficulty
	}
	return min(v, maxDifficulty)
}
