package study

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/store"
)

// ExamInProgress returns the exam still in progress and how far it is, or nil.
func (s *Study) ExamInProgress(ctx context.Context) (*ExamSession, ExamCount, error) {
	e, err := s.st.ActiveExamSession(ctx)
	if err != nil || e == nil {
		return nil, ExamCount{}, err
	}
	as, err := s.st.ExamAnswers(ctx, e.ID)
	if err != nil {
		return nil, ExamCount{}, err
	}
	return e, s.count(as), nil
}

// ExamCount is how far an exam in progress is: the questions answered in full, and the multiple-response
// questions with fewer options chosen than they ask, which score 0 as they stand.
type ExamCount struct{ Answered, Incomplete int }

// String is "3 answered", or "3 answered · 1 incomplete".
func (c ExamCount) String() string {
	if c.Incomplete == 0 {
		return fmt.Sprintf("%d answered", c.Answered)
	}
	return fmt.Sprintf("%d answered · %d incomplete", c.Answered, c.Incomplete)
}

// count sorts stored answers by how complete they are, as the exam screen does (engine.StoredFill).
func (s *Study) count(as []Answer) ExamCount {
	var c ExamCount
	for _, a := range as {
		switch engine.StoredFill(s.pack, a.QuestionID, a.Choice) {
		case engine.Complete:
			c.Answered++
		case engine.Incomplete:
			c.Incomplete++
		}
	}
	return c
}

// StartExam creates an exam session and returns its ID. One exam at a time: if another is in progress it
// fails with an *InProgressError, unless abandon is true; then the exam in progress is abandoned first, in
// the same transaction, and its answers are recorded as attempts marked abandoned (they count, and feed
// review). An exam on a practice set (e.Set) freezes the set's questions, read from its state, the first
// time the set is taken, in the same transaction. e.UID (NewUID, made when the exam is drawn) makes a retry
// find the session it created.
func (s *Study) StartExam(ctx context.Context, e ExamSession, abandon bool) (int64, error) {
	if e.UID == "" {
		return 0, ErrNoUID
	}
	var id int64
	err := s.st.Update(ctx, "start an exam", func(tx *store.Tx) error {
		if prev, err := tx.ExamSessionByUID(ctx, e.UID); err != nil || prev != nil {
			if prev != nil {
				id = prev.ID // created by a try whose reply was lost
			}
			return err
		}
		active, err := tx.ActiveExamSessions(ctx)
		if err != nil {
			return err
		}
		for _, a := range active {
			if !abandon {
				as, err := tx.ExamAnswers(ctx, a.ID)
				if err != nil {
					return err
				}
				return &InProgressError{Session: a, Count: s.count(as)}
			}
			if err := s.abandon(ctx, tx, a); err != nil {
				return err
			}
		}
		if err := s.freezeSet(ctx, tx, e); err != nil {
			return err
		}
		id, err = tx.CreateExamSession(ctx, e)
		return err
	})
	return id, err
}

// AbandonExam closes an exam in progress without a score. Its answers are recorded as attempts marked
// abandoned and feed review. Abandoning an exam that is already closed does nothing.
func (s *Study) AbandonExam(ctx context.Context, id int64) error {
	return s.st.Update(ctx, fmt.Sprintf("abandon exam %d", id), func(tx *store.Tx) error {
		e, err := tx.ExamSession(ctx, id)
		if err != nil {
			return err
		}
		if e.Status != store.StatusActive {
			return nil
		}
		return s.abandon(ctx, tx, *e)
	})
}

// abandon closes an active session in tx and records its answers.
func (s *Study) abandon(ctx context.Context, tx *store.Tx, e ExamSession) error {
	rows, err := tx.ExamAnswers(ctx, e.ID)
	if err != nil {
		return err
	}
	if err := tx.CloseExamSession(ctx, e.ID, store.StatusAbandoned, nil); err != nil {
		return err
	}
	at := s.now()
	as, err := s.savedAttempts(e, rows, at)
	if err != nil {
		// The answers cannot be scored (the session's state is unreadable): the exam is still closed,
		// and its answers stay stored with it.
		return nil
	}
	return s.recordAttempts(ctx, tx, as)
}

// savedAttempts scores the stored answers of a session against the pack and returns them as attempts
// marked abandoned.
func (s *Study) savedAttempts(e ExamSession, saved []Answer, at time.Time) ([]Attempt, error) {
	rows := make([]engine.AnswerRow, 0, len(saved))
	for _, a := range saved {
		c, err := engine.DecodeChoice(a.Choice)
		if err != nil {
			return nil, err
		}
		rows = append(rows, engine.AnswerRow{Position: a.Position, Choice: c, Flagged: a.Flagged, TimeMs: a.Elapsed.Milliseconds()})
	}
	sess, err := engine.Restore(e.Config, rows)
	if err != nil {
		return nil, err
	}
	r := engine.Score(s.pack, sess)
	as := ExamAttempts(s.pack, sess.Config.Kind, r, at, store.MarkAbandoned)
	for i := range as {
		as[i].SessionID = e.ID
	}
	// Abandoning happens once: it runs only while the session is active, in the transaction that closes it.
	return as, nil
}

// FinishExam submits an exam in progress: in one transaction it stores the result, the attempts (each
// with its UID) and their review cards. Retried after a failure, it completes what is missing. If the exam
// was closed elsewhere meanwhile, it fails with ErrTakenOver and keeps no result; if it was abandoned there
// (another window started a new exam), the answers given here since still count: those not yet recorded
// are stored, marked abandoned.
func (s *Study) FinishExam(ctx context.Context, id int64, result json.RawMessage, attempts []Attempt) error {
	as := make([]Attempt, len(attempts))
	copy(as, attempts)
	var takenOver error
	err := s.st.Update(ctx, fmt.Sprintf("finish exam %d", id), func(tx *store.Tx) error {
		takenOver = nil
		e, err := tx.ExamSession(ctx, id)
		if err != nil {
			return err
		}
		for i := range as {
			if as[i].UID == "" {
				return ErrNoUID
			}
			as[i].SessionID = id
		}
		switch e.Status {
		case store.StatusActive:
			if err := tx.CloseExamSession(ctx, id, store.StatusSubmitted, result); err != nil {
				return err
			}
			return s.recordAttempts(ctx, tx, as)
		case store.StatusSubmitted:
			// Submitted already: by this very call, whose reply was lost, if its attempts are stored.
			for _, a := range as {
				ok, err := tx.AttemptExists(ctx, a.UID)
				if err != nil {
					return err
				}
				if !ok {
					takenOver = fmt.Errorf("%w: it was submitted there", ErrTakenOver)
					return nil
				}
			}
			return nil
		}
		// Abandoned elsewhere: what was saved then is recorded; add the answers given here since.
		takenOver = fmt.Errorf("%w; %w", ErrTakenOver, ErrAnswersKept)
		recorded, err := tx.SessionItems(ctx, id)
		if err != nil {
			return err
		}
		var extra []Attempt
		for _, a := range as {
			if !recorded[a.ItemID] {
				a.Mark = store.MarkAbandoned
				extra = append(extra, a)
			}
		}
		return s.recordAttempts(ctx, tx, extra)
	})
	if err == nil && takenOver != nil {
		err = takenOver
	}
	return err
}

// SaveAnswer commits the state of one exam question (choice, flag, time) as it changes. An exam closed
// elsewhere fails with ErrTakenOver.
func (s *Study) SaveAnswer(ctx context.Context, sessionID int64, a Answer) error {
	return takenOver(s.st.SaveAnswer(ctx, sessionID, a))
}

// SetFlag marks or unmarks one exam question for review.
func (s *Study) SetFlag(ctx context.Context, sessionID int64, position int, questionID string, flagged bool) error {
	return takenOver(s.st.SetFlag(ctx, sessionID, position, questionID, flagged))
}

func takenOver(err error) error {
	if errors.Is(err, store.ErrSessionClosed) {
		return fmt.Errorf("%w: %w", ErrTakenOver, err)
	}
	return err
}

// ExamAttempts turns a scored session into attempts: one per answered question still in the pack. Every
// answer counts: unscored items are marked unscored, and mark (MarkAbandoned, or "" for a submitted exam)
// marks them all. Drills are recorded with SourceDrill. The UIDs are fresh; the caller keeps them so a
// retry writes the same attempts.
func ExamAttempts(p *pack.Pack, kind engine.Kind, r engine.Result, at time.Time, mark Mark) []Attempt {
	src := store.SourceExam
	if kind == engine.Drill || kind == engine.Missed {
		src = store.SourceDrill
	}
	var out []Attempt
	for _, it := range r.Items {
		var q *pack.Question
		if p != nil {
			q = p.Question(it.QuestionID)
		}
		if it.Missing || !it.Answered || q == nil {
			continue
		}
		score := 0.0
		if it.Correct {
			score = 1
		}
		m := mark
		if m == "" && it.Unscored {
			m = store.MarkUnscored
		}
		out = append(out, Attempt{UID: NewUID(at), ItemID: it.QuestionID, Kind: store.KindQuestion,
			Domain: it.Domain, Task: it.Task, Score: score, Choice: OptionLabels(q, it.Choice),
			CorrectChoice: OptionLabels(q, it.Right), Elapsed: it.Time, Source: src, At: at, Mark: m})
	}
	return out
}

// OptionLabels names options by their short label, or their text when they have none: "SQS + SNS".
func OptionLabels(q *pack.Question, originals []int) string {
	parts := make([]string, 0, len(originals))
	for _, o := range originals {
		if o < 0 || o >= len(q.Options) {
			continue
		}
		l := q.Options[o].Label
		if l == "" {
			l = q.Options[o].Text
		}
		parts = append(parts, l)
	}
	return strings.Join(parts, store.ChoiceSep)
}
