package exam

import "time"

// Warning is how close a timed exam is to its end, so the UI can warn once at each level.
type Warning int

// The warning levels, in increasing urgency. A short exam warns in proportion: a 10-minute drill would
// otherwise start in the warning.
const (
	NoWarning Warning = iota // plenty of time left, or untimed
	Soon                     // the last 10 minutes or the last 10% of the time, whichever is shorter
	Urgent                   // the last 5 minutes or the last 5% of the time, whichever is shorter
)

// String names the level for messages and tests.
func (w Warning) String() string {
	switch w {
	case Soon:
		return "soon"
	case Urgent:
		return "urgent"
	}
	return "none"
}

// WarningLevel returns the warning due with remaining time left of total: Urgent in the last 5 minutes or 5%,
// whichever is shorter, Soon in the last 10 minutes or 10%, NoWarning otherwise. A total of 0 (not known)
// uses the minutes alone.
func WarningLevel(remaining, total time.Duration) Warning {
	threshold := func(minutes time.Duration, percent int64) time.Duration {
		t := minutes * time.Minute
		if total > 0 {
			t = min(t, total*time.Duration(percent)/100)
		}
		return t
	}
	switch {
	case remaining <= threshold(5, 5):
		return Urgent
	case remaining <= threshold(10, 10):
		return Soon
	}
	return NoWarning
}

// Timed reports whether the session has a deadline.
func (s *Session) Timed() bool { return !s.Deadline.IsZero() }

// Remaining returns the time left at now, from the stored deadline, never below zero. It is 0 for an untimed
// session too, so check Timed first.
func (s *Session) Remaining(now time.Time) time.Duration {
	if !s.Timed() {
		return 0
	}
	return max(s.Deadline.Sub(now), 0)
}

// Expired reports whether a timed session has reached its deadline at now, when it must be submitted.
func (s *Session) Expired(now time.Time) bool {
	return s.Timed() && !now.Before(s.Deadline)
}

// Warning returns the warning level of the session at now; NoWarning for an untimed one.
func (s *Session) Warning(now time.Time) Warning {
	if !s.Timed() {
		return NoWarning
	}
	return WarningLevel(s.Remaining(now), s.Deadline.Sub(s.Started))
}
