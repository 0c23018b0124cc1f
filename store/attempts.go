package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Kind says what was answered: a question or a scenario decision. Both are
// scored on the same 0..1 scale, so statistics can mix them.
type Kind string

// The kinds of item.
const (
	KindQuestion Kind = "question"
	KindDecision Kind = "decision"
)

func (k Kind) valid() bool { return k == KindQuestion || k == KindDecision }

// Source says where an attempt was made, so statistics can tell a mock exam
// from practice.
type Source string

// The sources of an attempt.
const (
	SourceExam     Source = "exam"
	SourceDrill    Source = "drill"
	SourceScenario Source = "scenario"
	SourceReview   Source = "review"
)

func (s Source) valid() bool {
	switch s {
	case SourceExam, SourceDrill, SourceScenario, SourceReview:
		return true
	}
	return false
}

// ChoiceSep separates option labels when a choice holds more than one (a
// multiple-response answer). ConfusionPairs relies on it to tell single
// answers apart. Option labels may hold commas, so the separator is " + ".
const ChoiceSep = " + "

// Mark says why an attempt does not count towards a mock's score, though it counts everywhere else
// (statistics, mastery, review): every answer counts.
type Mark string

// The marks of an attempt.
const (
	MarkNone      Mark = ""          // a scored answer
	MarkUnscored  Mark = "unscored"  // one of a mock's unscored items
	MarkAbandoned Mark = "abandoned" // given in an exam that was abandoned
)

func (m Mark) valid() bool { return m == MarkNone || m == MarkUnscored || m == MarkAbandoned }

// Attempt is one answer to a question or one decision in a scenario. It is an event: once stored it never
// changes, and its UID makes it unique across devices.
type Attempt struct {
	ID            int64         // set by the store: the local row number
	UID           string        // a UUIDv7 (NewUID); the store assigns one when empty. Recording the same UID twice stores it once
	ItemID        string        // question ID, or "scenario-id/node-id" for a decision
	Kind          Kind          // KindQuestion or KindDecision
	Domain        string        // exam domain the item tests
	Task          string        // task statement the item tests, e.g. "1.2"
	Score         float64       // 0..1: 1 right, 0 wrong, 0.5 an acceptable decision
	Choice        string        // what was chosen, as the caller labels it; ChoiceSep between several
	CorrectChoice string        // what was right, in the same form
	Elapsed       time.Duration // time taken, kept to the millisecond
	Source        Source        // where it was made
	SessionID     int64         // the exam session or scenario run it belongs to; 0 for none
	At            time.Time     // when; zero means now. Kept to the millisecond, returned in UTC
	Mark          Mark          // unscored or abandoned; empty for a scored answer
	Unsure        bool          // the learner said they were not sure (only review asks)
}

func (a *Attempt) check() error {
	switch {
	case a.ItemID == "":
		return fmt.Errorf("attempt has no item ID")
	case !a.Kind.valid():
		return fmt.Errorf("attempt %s: unknown kind %q", a.ItemID, a.Kind)
	case !a.Source.valid():
		return fmt.Errorf("attempt %s: unknown source %q", a.ItemID, a.Source)
	case !(a.Score >= 0 && a.Score <= 1):
		return fmt.Errorf("attempt %s: score %v is outside 0..1", a.ItemID, a.Score)
	case a.Elapsed < 0:
		return fmt.Errorf("attempt %s: negative time %v", a.ItemID, a.Elapsed)
	case !a.Mark.valid():
		return fmt.Errorf("attempt %s: unknown mark %q", a.ItemID, a.Mark)
	case a.UID != "" && len(a.UID) != 36:
		return fmt.Errorf("attempt %s: UID %q is not a UUID", a.ItemID, a.UID)
	}
	return nil
}

const insertAttempt = `INSERT INTO attempts
	(uid, item_id, kind, domain, task, score, choice, correct_choice, time_ms, source, session_id, at, mark, sure)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (uid) DO NOTHING`

// attemptArgs fills in the time and UID of a and returns the insert's arguments.
func (s *Store) attemptArgs(a *Attempt) []any {
	var session any
	if a.SessionID != 0 {
		session = a.SessionID
	}
	a.At = s.nowOr(a.At)
	if a.UID == "" {
		a.UID = NewUID(a.At)
	}
	return []any{a.UID, a.ItemID, string(a.Kind), a.Domain, a.Task, a.Score, a.Choice, a.CorrectChoice,
		a.Elapsed.Milliseconds(), string(a.Source), session, a.At.UnixMilli(), string(a.Mark), !a.Unsure}
}

// RecordAttempt stores one answer or decision as soon as it is made and
// returns its ID. An attempt whose UID is already stored is not stored again.
func (s *Store) RecordAttempt(ctx context.Context, a Attempt) (int64, error) {
	if err := a.check(); err != nil {
		return 0, s.wrap("record attempt", err)
	}
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.insertAttempt(ctx, tx, &a); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "SELECT id FROM attempts WHERE uid = ?", a.UID).Scan(&id)
	})
	if err != nil {
		return 0, s.wrap("record attempt "+a.ItemID, err)
	}
	return id, nil
}

// insertAttempt stores one attempt inside a caller's transaction and reports whether it is new: false when
// an attempt with its UID was stored before.
func (s *Store) insertAttempt(ctx context.Context, q querier, a *Attempt) (bool, error) {
	if err := a.check(); err != nil {
		return false, err
	}
	res, err := q.ExecContext(ctx, insertAttempt, s.attemptArgs(a)...)
	if err != nil {
		return false, fmt.Errorf("attempt %s: %w", a.ItemID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// insertAttempts stores several attempts inside a caller's transaction.
func (s *Store) insertAttempts(ctx context.Context, tx *sql.Tx, as []Attempt) error {
	for i := range as {
		if _, err := s.insertAttempt(ctx, tx, &as[i]); err != nil {
			return err
		}
	}
	return nil
}

// AttemptFilter narrows Attempts. Zero fields match everything.
type AttemptFilter struct {
	Kind      Kind
	Source    Source
	Domain    string
	Task      string
	ItemID    string
	SessionID int64
	Since     time.Time // at or after
	Until     time.Time // before
	Limit     int       // at most this many, oldest first; 0 for all
}

// Attempts lists attempts oldest first, for export and for screens that show
// an item's history.
func (s *Store) Attempts(ctx context.Context, f AttemptFilter) ([]Attempt, error) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.Kind != "" {
		add("kind = ?", string(f.Kind))
	}
	if f.Source != "" {
		add("source = ?", string(f.Source))
	}
	if f.Domain != "" {
		add("domain = ?", f.Domain)
	}
	if f.Task != "" {
		add("task = ?", f.Task)
	}
	if f.ItemID != "" {
		add("item_id = ?", f.ItemID)
	}
	if f.SessionID != 0 {
		add("session_id = ?", f.SessionID)
	}
	if !f.Since.IsZero() {
		add("at >= ?", f.Since.UnixMilli())
	}
	if !f.Until.IsZero() {
		add("at < ?", f.Until.UnixMilli())
	}
	q := `SELECT id, uid, item_id, kind, domain, task, score, choice, correct_choice, time_ms, source,
		coalesce(session_id, 0), at, mark, sure FROM attempts`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY at, id"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap("list attempts", err)
	}
	defer rows.Close()
	var out []Attempt
	for rows.Next() {
		var (
			a               Attempt
			kind, src, mark string
			elapsed         int64
			at              int64
			sure            bool
		)
		if err := rows.Scan(&a.ID, &a.UID, &a.ItemID, &kind, &a.Domain, &a.Task, &a.Score, &a.Choice,
			&a.CorrectChoice, &elapsed, &src, &a.SessionID, &at, &mark, &sure); err != nil {
			return nil, s.wrap("list attempts", err)
		}
		a.Kind, a.Source, a.Mark, a.Unsure = Kind(kind), Source(src), Mark(mark), !sure
		a.Elapsed = time.Duration(elapsed) * time.Millisecond
		a.At = time.UnixMilli(at).UTC()
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list attempts", err)
	}
	return out, nil
}

// SeenQuestionIDs is the set of questions ever attempted or answered in an
// exam session (even one never submitted), so a new mock can draw unseen
// questions first.
func (s *Store) SeenQuestionIDs(ctx context.Context) (map[string]bool, error) {
	return s.stringSet(ctx, s.db, "list seen questions", `
		SELECT item_id FROM attempts WHERE kind = 'question'
		UNION
		SELECT question_id FROM exam_answers WHERE choice <> ''`)
}

// stringSet runs a query that returns one text column and collects it.
func (s *Store) stringSet(ctx context.Context, q querier, what, query string, args ...any) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.wrap(what, err)
	}
	defer rows.Close()
	set := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, s.wrap(what, err)
		}
		set[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(what, err)
	}
	return set, nil
}
