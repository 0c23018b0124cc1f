package study

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	engine "dvaprep/exam"
	"dvaprep/store"
)

// ErrSetChanged means a practice set was started elsewhere with other questions (a different bank): start
// it again to get the stored ones.
var ErrSetChanged = store.ErrSetChanged

// freezeSet stores the questions of the practice set an exam sits, the first time the set is taken, in tx.
func (s *Study) freezeSet(ctx context.Context, tx *store.Tx, e ExamSession) error {
	if e.Set <= 0 {
		return nil
	}
	sess, err := engine.UnmarshalState(e.Config)
	if err != nil {
		return fmt.Errorf("practice set %d: %w", e.Set, err)
	}
	ids := make([]string, len(sess.Items))
	for i, it := range sess.Items {
		ids[i] = it.QuestionID
	}
	return tx.FreezePracticeSet(ctx, s.packID(), e.Set, ids)
}

func (s *Study) packID() string {
	if s.pack == nil {
		return ""
	}
	return s.pack.ID
}

// PracticeSets cuts the bank into its fixed practice sets: the ones taken before as they were frozen, the
// others formed from the rest of the bank (see exam.FormSets).
func (s *Study) PracticeSets(ctx context.Context) ([]engine.PracticeSet, error) {
	frozen, err := s.st.PracticeSets(ctx, s.packID())
	if err != nil {
		return nil, err
	}
	return engine.FormSets(s.pack, frozen), nil
}

// SetAttempt is one submitted attempt at a practice set, with its scored result.
type SetAttempt struct {
	SessionID int64
	Set       int
	At        time.Time // when it was submitted
	Result    engine.Result
}

// SetAttempts lists the submitted attempts at practice sets, oldest first. An attempt whose result cannot
// be read is left out.
func (s *Study) SetAttempts(ctx context.Context) ([]SetAttempt, error) {
	es, err := s.st.SetAttempts(ctx)
	if err != nil {
		return nil, err
	}
	var out []SetAttempt
	for _, e := range es {
		var r engine.Result
		if len(e.Result) == 0 || json.Unmarshal(e.Result, &r) != nil {
			continue
		}
		out = append(out, SetAttempt{SessionID: e.ID, Set: e.Set, At: e.FinishedAt, Result: r})
	}
	return out, nil
}

// SetRecord is a practice set's history: how many attempts, the last and the best.
type SetRecord struct {
	Attempts   int
	Last, Best SetAttempt
}

// SetRecords sums up the attempts by set.
func SetRecords(as []SetAttempt) map[int]SetRecord {
	out := map[int]SetRecord{}
	for _, a := range as { // oldest first: the last one seen is the last
		r := out[a.Set]
		r.Attempts++
		r.Last = a
		if r.Attempts == 1 || a.Result.Scaled > r.Best.Result.Scaled {
			r.Best = a
		}
		out[a.Set] = r
	}
	return out
}

// PreviousAttempt is the attempt at set before session id (the latest submitted earlier), if any.
func PreviousAttempt(as []SetAttempt, set int, id int64) (SetAttempt, bool) {
	var prev SetAttempt
	found := false
	for _, a := range as {
		if a.SessionID == id {
			break
		}
		if a.Set == set {
			prev, found = a, true
		}
	}
	return prev, found
}

// examDateKey is the setting that holds the exam date.
const examDateKey = "exam_date"

// DateLayout is how an exam date is written: 2027-01-31.
const DateLayout = time.DateOnly

// ExamDate returns the learner's exam date (a calendar date, at midnight UTC) and whether one is set.
func (s *Study) ExamDate(ctx context.Context) (time.Time, bool, error) {
	v, ok, err := s.st.Setting(ctx, examDateKey)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	d, err := time.Parse(DateLayout, v)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("the stored exam date %q is not a date: set it again", v)
	}
	return d, true, nil
}

// SetExamDate stores the exam date; the zero time clears it. Setting it twice is setting it once.
func (s *Study) SetExamDate(ctx context.Context, d time.Time) error {
	v := ""
	if !d.IsZero() {
		v = d.Format(DateLayout)
	}
	return s.st.SetSetting(ctx, examDateKey, v)
}

// ParseExamDate reads a date typed as YYYY-MM-DD.
func ParseExamDate(s string) (time.Time, error) {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, errors.New("the exam date must be written YYYY-MM-DD, such as 2027-01-31")
	}
	return d, nil
}
