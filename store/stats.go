package store

import (
	"context"
	"math"
	"time"
)

// Tally is a count of attempts and the sum of their scores.
type Tally struct {
	Answered int     // attempts counted
	Score    float64 // sum of their scores (0..1 each)
}

// Accuracy is the mean score, 0..1, or 0 when nothing was answered.
func (t Tally) Accuracy() float64 {
	if t.Answered == 0 {
		return 0
	}
	return t.Score / float64(t.Answered)
}

// Stat is the tally of one domain, or of one task statement within it.
type Stat struct {
	Domain string
	Task   string // empty in StatsByDomain
	Tally
}

// StatsByDomain tallies attempts per domain, sorted by domain. An empty kind
// counts questions and decisions together.
func (s *Store) StatsByDomain(ctx context.Context, kind Kind) ([]Stat, error) {
	return s.stats(ctx, "read statistics by domain", `SELECT domain, '', count(*), total(score)
		FROM attempts WHERE ?1 = '' OR kind = ?1 GROUP BY domain ORDER BY domain`, kind)
}

// StatsByTask tallies attempts per task statement, sorted by domain and task.
// An empty kind counts questions and decisions together.
func (s *Store) StatsByTask(ctx context.Context, kind Kind) ([]Stat, error) {
	return s.stats(ctx, "read statistics by task", `SELECT domain, task, count(*), total(score)
		FROM attempts WHERE ?1 = '' OR kind = ?1 GROUP BY domain, task ORDER BY domain, task`, kind)
}

func (s *Store) stats(ctx context.Context, what, query string, kind Kind) ([]Stat, error) {
	rows, err := s.db.QueryContext(ctx, query, string(kind))
	if err != nil {
		return nil, s.wrap(what, err)
	}
	defer rows.Close()
	var out []Stat
	for rows.Next() {
		var st Stat
		if err := rows.Scan(&st.Domain, &st.Task, &st.Answered, &st.Score); err != nil {
			return nil, s.wrap(what, err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(what, err)
	}
	return out, nil
}

// DayStat is the tally of one calendar day.
type DayStat struct {
	Day time.Time // midnight starting the day, in the location asked for
	Tally
}

// quarterMS is 15 minutes in milliseconds. Every time zone in use is offset
// from UTC by a multiple of 15 minutes, so grouping attempts into UTC quarter
// hours in SQL and the quarters into local days in Go counts each attempt on
// its local day without sending every row.
const quarterMS = 15 * 60 * 1000

// DailyAccuracy tallies attempts made at or after since, per calendar day in
// since's location, oldest first. Days without attempts are left out.
func (s *Store) DailyAccuracy(ctx context.Context, since time.Time) ([]DayStat, error) {
	var out []DayStat
	err := s.quarters(ctx, "read daily accuracy", since.UnixMilli(), since.Location(), func(day time.Time, t Tally) {
		if n := len(out); n > 0 && out[n-1].Day.Equal(day) {
			out[n-1].Answered += t.Answered
			out[n-1].Score += t.Score
			return
		}
		out = append(out, DayStat{Day: day, Tally: t})
	})
	return out, err
}

// ActiveDays lists, oldest first, the calendar days in loc on which anything
// was answered, for streaks. A nil loc means UTC.
func (s *Store) ActiveDays(ctx context.Context, loc *time.Location) ([]time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	var out []time.Time
	err := s.quarters(ctx, "read active days", math.MinInt64, loc, func(day time.Time, _ Tally) {
		if n := len(out); n == 0 || !out[n-1].Equal(day) {
			out = append(out, day)
		}
	})
	return out, err
}

// quarters calls fn, in time order, for every quarter hour from the Unix
// millisecond `from` on with attempts in it, passing the day in loc it falls on.
func (s *Store) quarters(ctx context.Context, what string, from int64, loc *time.Location, fn func(day time.Time, t Tally)) error {
	rows, err := s.db.QueryContext(ctx, `SELECT at / ?1, count(*), total(score) FROM attempts
		WHERE at >= ?2 GROUP BY at / ?1 ORDER BY 1`, quarterMS, from)
	if err != nil {
		return s.wrap(what, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			q int64
			t Tally
		)
		if err := rows.Scan(&q, &t.Answered, &t.Score); err != nil {
			return s.wrap(what, err)
		}
		local := time.UnixMilli(q * quarterMS).In(loc)
		y, m, d := local.Date()
		fn(time.Date(y, m, d, 0, 0, 0, 0, loc), t)
	}
	if err := rows.Err(); err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// Missed is an item answered wrongly at least once. A decision that was only
// acceptable (score below 1) counts as a miss.
type Missed struct {
	ItemID        string
	Kind          Kind
	Domain        string // as of the latest attempt
	Task          string
	Misses        int       // attempts scoring below 1
	Attempts      int       // all attempts
	LastChoice    string    // the latest attempt's choice
	CorrectChoice string    // and what was right then
	LastScore     float64   // the latest attempt's score
	LastAt        time.Time // the latest attempt's time
}

// MostMissed lists up to limit items by misses, most first, then by the
// latest attempt, newest first. A limit of 0 or less lists them all.
func (s *Store) MostMissed(ctx context.Context, limit int) ([]Missed, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `
		WITH ranked AS (
			SELECT item_id, kind, domain, task, choice, correct_choice, score, at,
				ROW_NUMBER() OVER w AS rn,
				count(*) OVER (PARTITION BY kind, item_id) AS attempts,
				sum(score < 1) OVER (PARTITION BY kind, item_id) AS misses
			FROM attempts
			WINDOW w AS (PARTITION BY kind, item_id ORDER BY at DESC, id DESC))
		SELECT item_id, kind, domain, task, misses, attempts, choice, correct_choice, score, at
		FROM ranked WHERE rn = 1 AND misses > 0
		ORDER BY misses DESC, at DESC, item_id LIMIT ?`, limit)
	if err != nil {
		return nil, s.wrap("list most missed items", err)
	}
	defer rows.Close()
	var out []Missed
	for rows.Next() {
		var (
			m    Missed
			kind string
			at   int64
		)
		if err := rows.Scan(&m.ItemID, &kind, &m.Domain, &m.Task, &m.Misses, &m.Attempts,
			&m.LastChoice, &m.CorrectChoice, &m.LastScore, &at); err != nil {
			return nil, s.wrap("list most missed items", err)
		}
		m.Kind, m.LastAt = Kind(kind), time.UnixMilli(at).UTC()
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list most missed items", err)
	}
	return out, nil
}

// ConfusionPair counts how often one answer was given when another was right.
type ConfusionPair struct {
	Chosen  string
	Correct string
	Count   int // wrong attempts with this pair
	Items   int // distinct questions among them
}

// ConfusionPairs lists up to limit (chosen, correct) pairs of wrong
// single-answer questions, most frequent first. A single answer is one whose
// choice and correct choice hold one value each (no ChoiceSep). A limit of 0
// or less lists them all.
func (s *Store) ConfusionPairs(ctx context.Context, limit int) ([]ConfusionPair, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT choice, correct_choice, count(*) AS n, count(DISTINCT item_id)
		FROM attempts
		WHERE kind = 'question' AND score = 0 AND choice <> '' AND correct_choice <> ''
			AND instr(choice, ?1) = 0 AND instr(correct_choice, ?1) = 0
		GROUP BY choice, correct_choice
		ORDER BY n DESC, choice, correct_choice LIMIT ?2`, ChoiceSep, limit)
	if err != nil {
		return nil, s.wrap("list confusion pairs", err)
	}
	defer rows.Close()
	var out []ConfusionPair
	for rows.Next() {
		var p ConfusionPair
		if err := rows.Scan(&p.Chosen, &p.Correct, &p.Count, &p.Items); err != nil {
			return nil, s.wrap("list confusion pairs", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list confusion pairs", err)
	}
	return out, nil
}

// Summary is the headline of the progress dashboard.
type Summary struct {
	Questions         Tally // every question attempt
	DistinctQuestions int   // different questions attempted
	Decisions         Tally // every scenario decision
	SectionsRead      int   // notes sections ever opened
	ExamsSubmitted    int   // exam sessions submitted
}

// Summary reads the dashboard headline in one consistent snapshot.
func (s *Store) Summary(ctx context.Context) (Summary, error) {
	var sum Summary
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM attempts WHERE kind = 'question'),
		(SELECT total(score) FROM attempts WHERE kind = 'question'),
		(SELECT count(DISTINCT item_id) FROM attempts WHERE kind = 'question'),
		(SELECT count(*) FROM attempts WHERE kind = 'decision'),
		(SELECT total(score) FROM attempts WHERE kind = 'decision'),
		(SELECT count(*) FROM notes_read),
		(SELECT count(*) FROM exam_sessions WHERE status = 'submitted')`).
		Scan(&sum.Questions.Answered, &sum.Questions.Score, &sum.DistinctQuestions,
			&sum.Decisions.Answered, &sum.Decisions.Score, &sum.SectionsRead, &sum.ExamsSubmitted)
	if err != nil {
		return Summary{}, s.wrap("read summary", err)
	}
	return sum, nil
}
