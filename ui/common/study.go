package common

import (
	"context"
	"encoding/json"
	"time"

	"dvaprep/exam"
	"dvaprep/progress"
	"dvaprep/study"
)

// The study layer as the screens see it: one small interface per screen, so a screen can do only what it
// needs and a test can hand it a fake. *study.Study implements them all.
type (
	// ExamStudy is what the exam screen needs.
	ExamStudy interface {
		StartExam(ctx context.Context, e study.ExamSession, abandon bool) (int64, error)
		SaveAnswer(ctx context.Context, sessionID int64, a study.Answer) error
		FinishExam(ctx context.Context, id int64, result json.RawMessage, attempts []study.Attempt) error
		ExamInProgress(ctx context.Context) (*study.ExamSession, study.ExamCount, error)
		ExamSession(ctx context.Context, id int64) (*study.ExamSession, error)
		ExamAnswers(ctx context.Context, id int64) ([]study.Answer, error)
		SeenQuestionIDs(ctx context.Context) (map[string]bool, error)
		MostMissed(ctx context.Context, limit int) ([]study.Missed, error)
		PracticeSets(ctx context.Context) ([]exam.PracticeSet, error)
		SetAttempts(ctx context.Context) ([]study.SetAttempt, error)
	}
	// ScenarioStudy is what the scenario screen needs.
	ScenarioStudy interface {
		StartScenarioRun(ctx context.Context, uid, scenarioID string, at time.Time) (int64, error)
		RecordAttempt(ctx context.Context, a study.Attempt) error
		FinishScenarioRun(ctx context.Context, runID int64, path json.RawMessage, score, maxScore float64) error
		ScenarioBest(ctx context.Context) (map[string]study.ScenarioRecord, error)
		SaveScenarioPosition(ctx context.Context, scenarioID string, position json.RawMessage) error
		LoadScenarioPosition(ctx context.Context, scenarioID string) (json.RawMessage, error)
	}
	// ReviewStudy is what the review screen needs.
	ReviewStudy interface {
		RecordReview(ctx context.Context, a study.Attempt) (study.Card, bool, error)
		DueCards(ctx context.Context, now time.Time, limit int) ([]study.Card, error)
	}
	// NotesStudy is what the notes screen needs.
	NotesStudy interface {
		MarkRead(ctx context.Context, section string) error
		SetBookmark(ctx context.Context, section, label string, on bool) error
		ReadSections(ctx context.Context) (map[string]bool, error)
		Bookmarks(ctx context.Context) ([]study.Bookmark, error)
		SetNotePosition(ctx context.Context, noteID string, p study.NotePosition) error
		NotePositions(ctx context.Context) (map[string]study.NotePosition, error)
	}
	// HomeStudy is what the home screen needs.
	HomeStudy interface {
		Summary(ctx context.Context) (study.Summary, error)
		CountDue(ctx context.Context, now time.Time) (int, error)
		ExamInProgress(ctx context.Context) (*study.ExamSession, study.ExamCount, error)
		Progress(ctx context.Context, now time.Time) (progress.Data, error)
		SetExamDate(ctx context.Context, d time.Time) error
	}
	// ProgressStudy is what the progress screen needs.
	ProgressStudy interface {
		Progress(ctx context.Context, now time.Time) (progress.Data, error)
	}
	// Study is every screen's part together: what the Context holds.
	Study interface {
		ExamStudy
		ScenarioStudy
		ReviewStudy
		NotesStudy
		HomeStudy
		ProgressStudy
	}
)

var _ Study = (*study.Study)(nil)
