package study

import (
	"context"
	"time"

	"dvaprep/practice"
	"dvaprep/progress"
	"dvaprep/store"
)

// The reads the screens need. They go straight to the store: a read changes nothing, so it needs no queue.

// Summary is the headline of the progress dashboard.
func (s *Study) Summary(ctx context.Context) (Summary, error) { return s.st.Summary(ctx) }

// CountDue counts the review cards due at or before now.
func (s *Study) CountDue(ctx context.Context, now time.Time) (int, error) {
	return s.st.CountDue(ctx, now)
}

// DueCards lists up to limit cards due at or before now (0 for all), most overdue first.
func (s *Study) DueCards(ctx context.Context, now time.Time, limit int) ([]Card, error) {
	return s.st.DueCards(ctx, now, limit)
}

// ExamSession returns one exam session.
func (s *Study) ExamSession(ctx context.Context, id int64) (*ExamSession, error) {
	return s.st.ExamSession(ctx, id)
}

// ExamAnswers lists the saved answers of an exam session, by position.
func (s *Study) ExamAnswers(ctx context.Context, id int64) ([]Answer, error) {
	return s.st.ExamAnswers(ctx, id)
}

// SeenQuestionIDs is the set of questions ever answered, so a new exam draws unseen ones first.
func (s *Study) SeenQuestionIDs(ctx context.Context) (map[string]bool, error) {
	return s.st.SeenQuestionIDs(ctx)
}

// MostMissed lists up to limit items by misses (0 for all).
func (s *Study) MostMissed(ctx context.Context, limit int) ([]Missed, error) {
	return s.st.MostMissed(ctx, limit)
}

// ReadSections is the set of notes sections ever read.
func (s *Study) ReadSections(ctx context.Context) (map[string]bool, error) {
	return s.st.ReadSections(ctx)
}

// NotePositions is where the reader stopped in each note, by note ID.
func (s *Study) NotePositions(ctx context.Context) (map[string]NotePosition, error) {
	return s.st.NotePositions(ctx)
}

// Bookmarks lists bookmarks, newest first.
func (s *Study) Bookmarks(ctx context.Context) ([]Bookmark, error) { return s.st.Bookmarks(ctx) }

// ScenarioBest returns a record for every scenario ever started.
func (s *Study) ScenarioBest(ctx context.Context) (map[string]ScenarioRecord, error) {
	return s.st.ScenarioBest(ctx)
}

// Progress reads what the progress dashboard and the plan for today compute from, the exam date included.
func (s *Study) Progress(ctx context.Context, now time.Time) (progress.Data, error) {
	d, err := progress.Load(ctx, s.st, now)
	if err != nil {
		return d, err
	}
	d.ExamDate, _, err = s.ExamDate(ctx)
	return d, err
}

// RecomputeCards rebuilds every review card from the attempts alone, replaying them in time order as they
// were recorded. For attempts recorded by this version it equals the stored cards: the cards are a cache of
// the attempts, so two devices' cards can be rebuilt from their merged attempts.
func (s *Study) RecomputeCards(ctx context.Context) ([]Card, error) {
	as, err := s.st.Attempts(ctx, store.AttemptFilter{})
	if err != nil {
		return nil, err
	}
	return practice.CardUpdates(nil, as, s.now()), nil
}
