// Package study is the application layer between the screens and the store. Every use case that writes is
// one call here ("finish this exam: its result, its attempts and their review cards"), and each is one
// transaction or idempotent, so a write that failed half way can simply be retried whole: it completes the
// work instead of skipping it or counting it twice.
//
// Screens hold a *Study (through common.Context) and never import the store: the store's record types are
// re-exported here as aliases. The one write queue that runs these calls in order and retries them lives
// in ui/common.
package study

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"dvaprep/pack"
	"dvaprep/practice"
	"dvaprep/store"
)

// The store's record types, so that screens need not import the store.
type (
	Attempt        = store.Attempt
	Answer         = store.Answer
	Bookmark       = store.Bookmark
	NotePosition   = store.NotePosition
	Card           = store.Card
	ExamSession    = store.ExamSession
	ExamKind       = store.ExamKind
	Kind           = store.Kind
	Mark           = store.Mark
	Missed         = store.Missed
	ScenarioRecord = store.ScenarioRecord
	Source         = store.Source
	Summary        = store.Summary
)

// The store's constants that screens use.
const (
	KindQuestion = store.KindQuestion
	KindDecision = store.KindDecision

	SourceExam     = store.SourceExam
	SourceDrill    = store.SourceDrill
	SourceScenario = store.SourceScenario
	SourceReview   = store.SourceReview

	MarkUnscored  = store.MarkUnscored
	MarkAbandoned = store.MarkAbandoned

	ExamMock   = store.ExamMock
	ExamDrill  = store.ExamDrill
	ExamMissed = store.ExamMissed
	ExamCustom = store.ExamCustom

	StatusActive    = store.StatusActive
	StatusSubmitted = store.StatusSubmitted
	StatusAbandoned = store.StatusAbandoned

	// ChoiceSep separates option labels in a multiple-response choice.
	ChoiceSep = store.ChoiceSep
)

var (
	// ErrExamInProgress means a new exam was asked for while another is in progress and abandoning it
	// was not allowed. The error is an *InProgressError, which says which exam.
	ErrExamInProgress = errors.New("an exam is in progress")
	// ErrTakenOver means the exam was closed elsewhere (another window started a new exam, or submitted
	// this one): what this window still had to save cannot be added to it.
	ErrTakenOver = errors.New("this exam was closed in another window")
	// ErrAnswersKept comes with ErrTakenOver when the exam was abandoned elsewhere: the answers given in
	// this window were recorded anyway, marked abandoned.
	ErrAnswersKept = errors.New("your answers are in your progress, marked abandoned")
	// ErrNoUID means a write was asked for an attempt without a UID: without one a retry could count it
	// twice. Give it NewUID when the answer is made.
	ErrNoUID = errors.New("an attempt needs a UID before it is written")
)

// InProgressError is ErrExamInProgress with the exam that is in progress.
type InProgressError struct {
	Session ExamSession
	Count   ExamCount // how far it is
}

func (e *InProgressError) Error() string {
	s := fmt.Sprintf("a %s exam started %s is in progress (%s)", e.Session.Kind,
		e.Session.CreatedAt.Local().Format("Jan 2 15:04"), e.Count)
	if !e.Session.Deadline.IsZero() {
		s += fmt.Sprintf(", ending %s", e.Session.Deadline.Local().Format("Jan 2 15:04"))
	}
	return s
}

// Is makes errors.Is(err, ErrExamInProgress) true.
func (e *InProgressError) Is(target error) bool { return target == ErrExamInProgress }

// IsPermanent reports whether retrying err cannot help: the exam was closed elsewhere, the row does not
// exist, or the request itself is wrong. The write queue gives up on such a write and tells the screen.
func IsPermanent(err error) bool {
	return errors.Is(err, ErrTakenOver) || errors.Is(err, ErrExamInProgress) || errors.Is(err, ErrNoUID) ||
		errors.Is(err, store.ErrSessionClosed) || errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrSetChanged)
}

// IsBusy reports whether err means another program (most often another dvaprep) held the progress
// database's write lock for as long as a write waits: the write queue says so, and tries again.
func IsBusy(err error) bool { return store.IsBusy(err) }

// NewUID returns a fresh UUIDv7 with the time at, for an attempt made at that time.
func NewUID(at time.Time) string { return store.NewUID(at) }

// Study runs the use cases on one store and pack. It is safe for concurrent use.
type Study struct {
	st   *store.Store
	pack *pack.Pack
	now  func() time.Time
}

// New returns the application layer over st. p scores the answers of abandoned exams; now is the clock.
func New(st *store.Store, p *pack.Pack, now func() time.Time) *Study {
	if now == nil {
		now = time.Now
	}
	return &Study{st: st, pack: p, now: now}
}

// Path is where progress is kept, for messages.
func (s *Study) Path() string { return s.st.Path() }

// recordAttempts stores attempts that are new (by UID) and updates their review cards, in tx.
func (s *Study) recordAttempts(ctx context.Context, tx *store.Tx, as []Attempt) error {
	var fresh []Attempt
	for i := range as {
		if as[i].UID == "" {
			return ErrNoUID
		}
		ok, err := tx.InsertAttempt(ctx, &as[i])
		if err != nil {
			return err
		}
		if ok {
			fresh = append(fresh, as[i])
		}
	}
	return practice.Record(ctx, tx, s.now(), fresh...)
}

// RecordAttempt stores one answer outside an exam (a scenario decision, a drill answer) and updates its
// review card, in one transaction. It is idempotent: an attempt whose UID is stored already changes nothing.
func (s *Study) RecordAttempt(ctx context.Context, a Attempt) error {
	return s.st.Update(ctx, "record "+a.ItemID, func(tx *store.Tx) error {
		return s.recordAttempts(ctx, tx, []Attempt{a})
	})
}

// RecordReview stores one review (the attempt, with whether the learner was sure) and reschedules its
// card, in one transaction, and returns the card. ok is false when the card did not change (a retry of a
// review already stored).
func (s *Study) RecordReview(ctx context.Context, a Attempt) (c Card, ok bool, err error) {
	if a.Source == "" {
		a.Source = SourceReview
	}
	err = s.st.Update(ctx, "record review of "+a.ItemID, func(tx *store.Tx) error {
		if a.UID == "" {
			return ErrNoUID
		}
		fresh, err := tx.InsertAttempt(ctx, &a)
		if err != nil || !fresh {
			return err
		}
		prev, err := tx.GetCard(ctx, a.ItemID)
		if err != nil {
			return err
		}
		c, ok = practice.Next(prev, practice.FromAttempt(a, s.now()))
		if !ok {
			return nil
		}
		return tx.PutCard(ctx, c)
	})
	return c, ok, err
}

// MarkRead records that a notes section was read.
func (s *Study) MarkRead(ctx context.Context, section string) error {
	return s.st.MarkRead(ctx, section)
}

// SetBookmark bookmarks a section or removes its bookmark; doing it twice is doing it once.
func (s *Study) SetBookmark(ctx context.Context, section, label string, on bool) error {
	return s.st.SetBookmark(ctx, section, label, on)
}

// SetNotePosition records where the reader stopped in a note, so it reopens there.
func (s *Study) SetNotePosition(ctx context.Context, noteID string, p NotePosition) error {
	return s.st.SetNotePosition(ctx, noteID, p)
}

// StartScenarioRun records that a scenario was started and returns the run's ID. uid (NewUID, made when
// the play starts) makes a retry start the same run, not a second one.
func (s *Study) StartScenarioRun(ctx context.Context, uid, scenarioID string, at time.Time) (int64, error) {
	if uid == "" {
		return 0, ErrNoUID
	}
	return s.st.StartScenarioRunOnce(ctx, uid, scenarioID, at)
}

// FinishScenarioRun stores how a run ended. Doing it twice stores the same.
func (s *Study) FinishScenarioRun(ctx context.Context, runID int64, path json.RawMessage, score, maxScore float64) error {
	return s.st.FinishScenarioRun(ctx, runID, path, score, maxScore)
}

// SaveScenarioPosition keeps where the learner is in a scenario (any JSON the player likes), so a later
// visit can resume it; nil forgets it.
func (s *Study) SaveScenarioPosition(ctx context.Context, scenarioID string, position json.RawMessage) error {
	return s.st.SaveScenarioPosition(ctx, scenarioID, position)
}

// LoadScenarioPosition returns the position kept for a scenario, or nil.
func (s *Study) LoadScenarioPosition(ctx context.Context, scenarioID string) (json.RawMessage, error) {
	return s.st.ScenarioPosition(ctx, scenarioID)
}
