package exam

import "time"

// Warning is how close a timed exam is to its end, so the UI can warn once at each level.
type Warning int

// The warning levels, in increasing urgency.
const (
	NoWarning   Warning = iota // more than ten minutes left, or untimed
	TenMinutes                 // ten minutes or less left
	FiveMinutes                // five minutes or less left
)

// String names the level for messages and tests.
func (w Warning) String() string {
	switch w {
	case TenMinutes:
		return "10 minutes left"
	case FiveMinutes:
		return "5 minutes left"
	}
	return "none"
}

// WarningLevel returns the warning due with remaining time left: FiveMinutes at 5 minutes or less, TenMinutes at
// 10 minutes or less, NoWarning otherwise.
func WarningLevel(remaining time.Duration) Warning {
	switch {
	case remaining <= 5*time.Minute:
		return FiveMinutes
	case remaining <= 10*time.Minute:
		return TenMinutes
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
	return WarningLevel(s.Remaining(now))
}
