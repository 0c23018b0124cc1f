package practice

import (
	"strconv"
	"time"

	"dvaprep/store"
)

// Forecast counts the cards coming due, for the review screen's header and its empty state.
type Forecast struct {
	Cards    int       // every card
	Now      int       // due at or before now
	Today    int       // due before the end of today (includes Now)
	Tomorrow int       // due during tomorrow
	Week     int       // due within seven days from now (includes Now)
	Next     time.Time // the earliest due time after now; zero if none
}

// ForecastOf counts cards by when they fall due. Days are calendar days in now's location.
func ForecastOf(cards []store.Card, now time.Time) Forecast {
	y, m, d := now.Date()
	endToday := time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())
	endTomorrow := time.Date(y, m, d+2, 0, 0, 0, 0, now.Location())
	week := now.Add(7 * 24 * time.Hour)
	f := Forecast{Cards: len(cards)}
	for _, c := range cards {
		due := c.Due
		if !due.After(now) {
			f.Now++
		} else if f.Next.IsZero() || due.Before(f.Next) {
			f.Next = due
		}
		if due.Before(endToday) {
			f.Today++
		} else if due.Before(endTomorrow) {
			f.Tomorrow++
		}
		if !due.After(week) {
			f.Week++
		}
	}
	return f
}

// Horizon is a due time past any card's: store.DueCards(ctx, Horizon(now), 0) lists every card, since FSRS
// never schedules further than 100 years ahead.
func Horizon(now time.Time) time.Time { return now.AddDate(200, 0, 0) }

// Until says how long until t, in the words of "next review in 2 days": minutes, hours or days.
func Until(t, now time.Time) string {
	d := t.Sub(now)
	switch {
	case d < 30*time.Second:
		return "less than a minute"
	case d < time.Hour:
		return plural(max(int(d.Round(time.Minute)/time.Minute), 1), "minute")
	case d < 20*time.Hour:
		return plural(int(d.Round(time.Hour)/time.Hour), "hour")
	}
	return plural(max(int((d+12*time.Hour)/(24*time.Hour)), 1), "day")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
