package review

import "time"

// Schedule returns the card after a review rated r at now: its new stability and difficulty,
// state, step and due time. It is a pure function of its arguments; the card passed in is not
// changed. A rating outside Again..Easy is treated as the nearest valid one.
//
// A new card takes its initial stability and difficulty from the rating and enters Learning. A
// review on the same day as the last one uses the short-term stability formula; a later one, the
// recall or lapse formula. Learning and Relearning cards step through their steps (Again goes
// back to the first step, Hard repeats the step, Good moves on, Easy graduates) and reach Review
// after the last one. Again on a Review card is a lapse and starts the relearning steps.
func (s Scheduler) Schedule(c Card, r Rating, now time.Time) Card {
	r = r.valid()
	c.Stability, c.Difficulty = s.memory(c, r, now)
	var wait time.Duration
	switch c.State {
	case Review:
		wait = s.review(&c, r)
	case Relearning:
		wait = s.step(&c, r, s.RelearningSteps)
	default: // New, Learning, or an unknown state treated as Learning
		c.State = Learning
		wait = s.step(&c, r, s.LearningSteps)
	}
	c.LastReview = now
	c.Due = now.Add(wait)
	c.Reps++
	return c
}

// memory returns the stability and difficulty after the review.
func (s Scheduler) memory(c Card, r Rating, now time.Time) (stability, difficulty float64) {
	if c.State == New || !(c.Stability > 0) {
		return s.initStability(r), s.initDifficulty(r)
	}
	old, d := clampStability(c.Stability), clampDifficulty(c.Difficulty)
	t := elapsedDays(c.LastReview, now)
	switch {
	case t < 1:
		stability = s.shortTermStability(old, r)
	case r == Again:
		stability = s.forgetStability(d, old, s.forgettingCurve(t, old))
	default:
		stability = s.recallStability(d, old, s.forgettingCurve(t, old), r)
	}
	return clampStability(stability), s.nextDifficulty(d, r)
}

// review moves a Review card on and returns the wait until it is due.
func (s Scheduler) review(c *Card, r Rating) time.Duration {
	if r == Again {
		c.Lapses++
		if len(s.RelearningSteps) > 0 {
			c.State, c.Step = Relearning, 0
			return s.RelearningSteps[0]
		}
	}
	return s.graduate(c)
}

// step moves a Learning or Relearning card through steps and returns the wait until it is due.
func (s Scheduler) step(c *Card, r Rating, steps []time.Duration) time.Duration {
	i := max(c.Step, 0)
	if len(steps) == 0 || r == Easy || (i >= len(steps) && r != Again) {
		return s.graduate(c)
	}
	switch r {
	case Again:
		c.Step = 0
		return steps[0]
	case Hard:
		c.Step = i
		switch {
		case i > 0:
			return steps[i]
		case len(steps) == 1:
			return steps[0] * 3 / 2
		}
		return (steps[0] + steps[1]) / 2
	}
	if i+1 >= len(steps) { // Good on the last step
		return s.graduate(c)
	}
	c.Step = i + 1
	return steps[i+1]
}

// graduate puts the card in Review and returns its interval.
func (s Scheduler) graduate(c *Card) time.Duration {
	c.State, c.Step = Review, 0
	return time.Duration(s.Interval(c.Stability)) * 24 * time.Hour
}
