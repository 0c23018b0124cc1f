package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ExamKind says what sort of exam session it is.
type ExamKind string

// The kinds of exam session.
const (
	ExamMock   ExamKind = "mock"
	ExamDrill  ExamKind = "drill"
	ExamMissed ExamKind = "missed"
	ExamCustom ExamKind = "custom"
)

// ExamStatus is where an exam session is in its life.
type ExamStatus string

// The statuses of an exam session. Only an active session takes answers.
const (
	StatusActive    ExamStatus = "active"
	StatusSubmitted ExamStatus = "submitted"
	StatusAbandoned ExamStatus = "abandoned"
)

// ExamSession is one sitting of a mock exam or drill, kept so that it can be
// resumed after a restart and reviewed afterwards.
type ExamSession struct {
	ID         int64
	UID        string // a UUIDv7, unique across devices; the store assigns one when empty. Creating a UID twice creates one session
	Kind       ExamKind
	CreatedAt  time.Time       // zero means now on create
	Deadline   time.Time       // zero for an untimed session
	Status     ExamStatus      // set by the store: active on create
	Config     json.RawMessage // the exam package's own state: order, shuffles, unscored set; nil means {}
	FinishedAt time.Time       // when it was submitted or abandoned; zero while active
	Result     json.RawMessage // the exam package's result, set on finish; nil before
	Set        int             // the fixed practice set it sits, 0 for none
}

// Answer is the state of one position in an exam session.
type Answer struct {
	Position   int           // 0-based place in the session's question order
	QuestionID string        // the question at that position
	Choice     string        // the chosen option(s) as the caller labels them; "" for none yet
	Struck     string        // the options struck out, labelled as Choice is; "" for none
	Flagged    bool          // marked for review
	Elapsed    time.Duration // time spent on it so far, kept to the millisecond
	UpdatedAt  time.Time     // set by the store
}

func validJSON(what string, v json.RawMessage) error {
	if v != nil && !json.Valid(v) {
		return fmt.Errorf("%s is not valid JSON", what)
	}
	return nil
}

// CreateExamSession starts a session and returns its ID. Its status is active.
func (s *Store) CreateExamSession(ctx context.Context, e ExamSession) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.createExamSession(ctx, tx, e)
		return err
	})
	if err != nil {
		return 0, s.wrap("create exam session", err)
	}
	return id, nil
}

func (s *Store) createExamSession(ctx context.Context, q querier, e ExamSession) (int64, error) {
	switch e.Kind {
	case ExamMock, ExamDrill, ExamMissed, ExamCustom:
	default:
		return 0, fmt.Errorf("unknown kind %q", e.Kind)
	}
	if err := validJSON("config", e.Config); err != nil {
		return 0, err
	}
	config := "{}"
	if e.Config != nil {
		config = string(e.Config)
	}
	created := s.nowOr(e.CreatedAt)
	if e.UID == "" {
		e.UID = NewUID(created)
	}
	var id int64
	err := q.QueryRowContext(ctx, "SELECT id FROM exam_sessions WHERE uid = ?", e.UID).Scan(&id)
	if err == nil {
		return id, nil // created before, by a try whose reply was lost
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if e.Set < 0 {
		return 0, fmt.Errorf("practice set %d is not a set number", e.Set)
	}
	res, err := q.ExecContext(ctx, `INSERT INTO exam_sessions (uid, kind, created_at, deadline, status, config, practice_set)
		VALUES (?, ?, ?, ?, 'active', ?, ?)`,
		e.UID, string(e.Kind), created.UnixMilli(), ms(e.Deadline), config, e.Set)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// CreateExamSession starts a session inside the transaction.
func (t *Tx) CreateExamSession(ctx context.Context, e ExamSession) (int64, error) {
	return t.s.createExamSession(ctx, t.tx, e)
}

const selectSession = `SELECT id, coalesce(uid, ''), kind, created_at, deadline, status, config, finished_at, result,
	practice_set
	FROM exam_sessions`

func scanSession(sc interface{ Scan(...any) error }) (ExamSession, error) {
	var (
		e                    ExamSession
		kind, status, config string
		created              int64
		deadline, finished   sql.NullInt64
		result               sql.NullString
	)
	if err := sc.Scan(&e.ID, &e.UID, &kind, &created, &deadline, &status, &config, &finished, &result, &e.Set); err != nil {
		return e, err
	}
	e.Kind, e.Status = ExamKind(kind), ExamStatus(status)
	e.CreatedAt = time.UnixMilli(created).UTC()
	e.Deadline, e.FinishedAt = fromMS(deadline), fromMS(finished)
	e.Config = json.RawMessage(config)
	if result.Valid {
		e.Result = json.RawMessage(result.String)
	}
	return e, nil
}

// ExamSession returns one session, or ErrNotFound.
func (s *Store) ExamSession(ctx context.Context, id int64) (*ExamSession, error) {
	return s.examSession(ctx, s.db, id)
}

// ExamSession returns one session, or ErrNotFound.
func (t *Tx) ExamSession(ctx context.Context, id int64) (*ExamSession, error) {
	return t.s.examSession(ctx, t.tx, id)
}

func (s *Store) examSession(ctx context.Context, q querier, id int64) (*ExamSession, error) {
	e, err := scanSession(q.QueryRowContext(ctx, selectSession+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("read exam session %d", id), err)
	}
	return &e, nil
}

// ActiveExamSession returns the newest session still active, so the app can
// offer to resume it, or nil if there is none.
func (s *Store) ActiveExamSession(ctx context.Context) (*ExamSession, error) {
	e, err := scanSession(s.db.QueryRowContext(ctx,
		selectSession+" WHERE status = 'active' ORDER BY created_at DESC, id DESC LIMIT 1"))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.wrap("find the active exam session", err)
	}
	return &e, nil
}

// ActiveExamSessions lists every session still active, newest first. There is at most one unless two
// windows raced.
func (t *Tx) ActiveExamSessions(ctx context.Context) ([]ExamSession, error) {
	rows, err := t.tx.QueryContext(ctx, selectSession+" WHERE status = 'active' ORDER BY created_at DESC, id DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ExamSession
	for rows.Next() {
		e, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ExamHistory lists submitted sessions with their results, newest first.
func (s *Store) ExamHistory(ctx context.Context) ([]ExamSession, error) {
	rows, err := s.db.QueryContext(ctx,
		selectSession+" WHERE status = 'submitted' ORDER BY finished_at DESC, id DESC")
	if err != nil {
		return nil, s.wrap("list exam history", err)
	}
	defer rows.Close()
	var out []ExamSession
	for rows.Next() {
		e, err := scanSession(rows)
		if err != nil {
			return nil, s.wrap("list exam history", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list exam history", err)
	}
	return out, nil
}

// SaveAnswer commits the whole state of one position (choice, flag and time)
// the moment it changes, so a killed process loses nothing already given. It
// appends an answer event; the latest event of a position is its state. It
// returns ErrSessionClosed if the session is no longer active.
func (s *Store) SaveAnswer(ctx context.Context, sessionID int64, a Answer) error {
	what := fmt.Sprintf("save answer %d of exam session %d", a.Position+1, sessionID)
	if a.Position < 0 || a.QuestionID == "" || a.Elapsed < 0 {
		return s.wrap(what, fmt.Errorf("invalid answer %+v", a))
	}
	if err := s.write(ctx, func(tx *sql.Tx) error { return s.saveAnswer(ctx, tx, sessionID, a) }); err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// SaveAnswer appends an answer event inside the transaction; see Store.SaveAnswer.
func (t *Tx) SaveAnswer(ctx context.Context, sessionID int64, a Answer) error {
	return t.s.saveAnswer(ctx, t.tx, sessionID, a)
}

func (s *Store) saveAnswer(ctx context.Context, q querier, sessionID int64, a Answer) error {
	if a.Position < 0 || a.QuestionID == "" || a.Elapsed < 0 {
		return fmt.Errorf("invalid answer %+v", a)
	}
	now := s.now()
	res, err := q.ExecContext(ctx, `INSERT INTO exam_answer_events
			(uid, session_id, position, question_id, choice, flagged, time_ms, at, struck)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9
		WHERE EXISTS (SELECT 1 FROM exam_sessions WHERE id = ?2 AND status = 'active')`,
		NewUID(now), sessionID, a.Position, a.QuestionID, a.Choice, a.Flagged, a.Elapsed.Milliseconds(), now.UnixMilli(),
		a.Struck)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrSessionClosed
	}
	return nil
}

// SetFlag marks or unmarks one position for review without touching its
// answer. It returns ErrSessionClosed if the session is no longer active.
func (s *Store) SetFlag(ctx context.Context, sessionID int64, position int, questionID string, flagged bool) error {
	what := fmt.Sprintf("flag question %d of exam session %d", position+1, sessionID)
	if position < 0 || questionID == "" {
		return s.wrap(what, fmt.Errorf("invalid position %d or question %q", position, questionID))
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		a := Answer{Position: position, QuestionID: questionID, Flagged: flagged}
		err := tx.QueryRowContext(ctx, `SELECT choice, struck, time_ms FROM exam_answers
			WHERE session_id = ? AND position = ?`, sessionID, position).Scan(&a.Choice, &a.Struck, &a.Elapsed)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		a.Elapsed *= time.Millisecond
		return s.saveAnswer(ctx, tx, sessionID, a)
	})
	if err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// ExamAnswers lists the saved answers of a session in position order.
// Positions never answered or flagged have no row.
func (s *Store) ExamAnswers(ctx context.Context, sessionID int64) ([]Answer, error) {
	out, err := s.examAnswers(ctx, s.db, sessionID)
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("read answers of exam session %d", sessionID), err)
	}
	return out, nil
}

// ExamAnswers lists the saved answers of a session inside the transaction.
func (t *Tx) ExamAnswers(ctx context.Context, sessionID int64) ([]Answer, error) {
	return t.s.examAnswers(ctx, t.tx, sessionID)
}

func (s *Store) examAnswers(ctx context.Context, q querier, sessionID int64) ([]Answer, error) {
	rows, err := q.QueryContext(ctx, `SELECT position, question_id, choice, struck, flagged, time_ms, updated_at
		FROM exam_answers WHERE session_id = ? ORDER BY position`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Answer
	for rows.Next() {
		var (
			a                Answer
			elapsed, updated int64
		)
		if err := rows.Scan(&a.Position, &a.QuestionID, &a.Choice, &a.Struck, &a.Flagged, &elapsed, &updated); err != nil {
			return nil, err
		}
		a.Elapsed = time.Duration(elapsed) * time.Millisecond
		a.UpdatedAt = time.UnixMilli(updated).UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// CloseExamSession submits or abandons an active session inside the transaction, storing its result (nil
// for none). It returns ErrSessionClosed if the session is no longer active and ErrNotFound if it does not
// exist.
func (t *Tx) CloseExamSession(ctx context.Context, id int64, status ExamStatus, result json.RawMessage) error {
	return t.s.closeExamSession(ctx, t.tx, id, status, result)
}

func (s *Store) closeExamSession(ctx context.Context, q querier, id int64, status ExamStatus, result json.RawMessage) error {
	if status != StatusSubmitted && status != StatusAbandoned {
		return fmt.Errorf("cannot finish with status %q", status)
	}
	if err := validJSON("result", result); err != nil {
		return err
	}
	var res any
	if result != nil {
		res = string(result)
	}
	var current string
	err := q.QueryRowContext(ctx, "SELECT status FROM exam_sessions WHERE id = ?", id).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if ExamStatus(current) != StatusActive {
		return ErrSessionClosed
	}
	_, err = q.ExecContext(ctx, "UPDATE exam_sessions SET status = ?, result = ?, finished_at = ? WHERE id = ?",
		string(status), res, s.now().UnixMilli(), id)
	return err
}

// FinishExamSession submits or abandons an active session. In the same
// transaction it stores the result and the attempts the session produced, so
// a session is counted once or not at all. It returns ErrSessionClosed if the
// session was already finished, and ErrNotFound if it does not exist.
func (s *Store) FinishExamSession(ctx context.Context, id int64, status ExamStatus, result json.RawMessage, attempts []Attempt) error {
	what := fmt.Sprintf("finish exam session %d", id)
	if status != StatusSubmitted && status != StatusAbandoned {
		return s.wrap(what, fmt.Errorf("cannot finish with status %q", status))
	}
	if err := validJSON("result", result); err != nil {
		return s.wrap(what, err)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.closeExamSession(ctx, tx, id, status, result); err != nil {
			return err
		}
		return s.insertAttempts(ctx, tx, attempts)
	})
	if err != nil {
		return s.wrap(what, err)
	}
	return nil
}
