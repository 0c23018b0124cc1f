package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestExamSessionLifecycle(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()

	if got, err := s.ActiveExamSession(ctx); err != nil || got != nil {
		t.Fatalf("ActiveExamSession on an empty store = %v, %v; want nil", got, err)
	}
	config := json.RawMessage(`{"order":["q1","q2","q3"],"unscored":["q3"]}`)
	deadline := t0.Add(130 * time.Minute)
	id, err := s.CreateExamSession(ctx, ExamSession{Kind: ExamMock, Deadline: deadline, Config: config})
	if err != nil {
		t.Fatal(err)
	}
	want := ExamSession{ID: id, Kind: ExamMock, CreatedAt: t0, Deadline: deadline, Status: StatusActive, Config: config}
	got, err := s.ExamSession(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !sameSession(*got, want) {
		t.Errorf("ExamSession:\n got %+v\nwant %+v", *got, want)
	}
	if active, err := s.ActiveExamSession(ctx); err != nil || active == nil || active.ID != id {
		t.Errorf("ActiveExamSession = %+v, %v; want session %d", active, err, id)
	}

	// Answer, change the answer, flag, and flag an unanswered question.
	steps := []func() error{
		func() error {
			return s.SaveAnswer(ctx, id, Answer{Position: 0, QuestionID: "q1", Choice: "B", Elapsed: 20 * time.Second})
		},
		func() error {
			return s.SaveAnswer(ctx, id, Answer{Position: 0, QuestionID: "q1", Choice: "C", Elapsed: 45 * time.Second})
		},
		func() error { return s.SetFlag(ctx, id, 0, "q1", true) },
		func() error { return s.SetFlag(ctx, id, 2, "q3", true) },
		func() error {
			return s.SaveAnswer(ctx, id, Answer{Position: 1, QuestionID: "q2", Choice: "A,D", Flagged: true, Elapsed: time.Second})
		},
		func() error { return s.SetFlag(ctx, id, 1, "q2", false) },
	}
	for i, step := range steps {
		s.now = func() time.Time { return t0.Add(time.Duration(i+1) * time.Minute) }
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	answers, err := s.ExamAnswers(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	wantAnswers := []Answer{
		{Position: 0, QuestionID: "q1", Choice: "C", Flagged: true, Elapsed: 45 * time.Second, UpdatedAt: t0.Add(3 * time.Minute)},
		{Position: 1, QuestionID: "q2", Choice: "A,D", Flagged: false, Elapsed: time.Second, UpdatedAt: t0.Add(6 * time.Minute)},
		{Position: 2, QuestionID: "q3", Choice: "", Flagged: true, UpdatedAt: t0.Add(4 * time.Minute)},
	}
	if !slices.Equal(answers, wantAnswers) {
		t.Errorf("ExamAnswers:\n got %+v\nwant %+v", answers, wantAnswers)
	}

	// Submit with the attempts it produced.
	s.now = func() time.Time { return t0.Add(time.Hour) }
	result := json.RawMessage(`{"scaled":760,"pass":true}`)
	attempts := []Attempt{
		{ItemID: "q1", Kind: KindQuestion, Score: 1, Choice: "C", CorrectChoice: "C", Source: SourceExam, SessionID: id},
		{ItemID: "q2", Kind: KindQuestion, Score: 0, Choice: "A + D", CorrectChoice: "A + B", Source: SourceExam, SessionID: id},
	}
	if err := s.FinishExamSession(ctx, id, StatusSubmitted, result, attempts); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ExamSession(ctx, id)
	want.Status, want.FinishedAt, want.Result = StatusSubmitted, t0.Add(time.Hour), result
	if !sameSession(*got, want) {
		t.Errorf("after submit:\n got %+v\nwant %+v", *got, want)
	}
	if stored, _ := s.Attempts(ctx, AttemptFilter{SessionID: id}); len(stored) != 2 {
		t.Errorf("%d attempts stored with the session, want 2", len(stored))
	}
	if active, err := s.ActiveExamSession(ctx); err != nil || active != nil {
		t.Errorf("ActiveExamSession after submit = %+v, %v; want nil", active, err)
	}

	// A finished session changes no more, and its attempts are not counted twice.
	closed := []struct {
		name string
		err  error
	}{
		{"save", s.SaveAnswer(ctx, id, Answer{Position: 0, QuestionID: "q1", Choice: "A"})},
		{"flag", s.SetFlag(ctx, id, 0, "q1", false)},
		{"submit again", s.FinishExamSession(ctx, id, StatusSubmitted, result, attempts)},
		{"abandon", s.FinishExamSession(ctx, id, StatusAbandoned, nil, nil)},
	}
	for _, c := range closed {
		if !errors.Is(c.err, ErrSessionClosed) {
			t.Errorf("%s: %v, want ErrSessionClosed", c.name, c.err)
		}
	}
	if stored, _ := s.Attempts(ctx, AttemptFilter{SessionID: id}); len(stored) != 2 {
		t.Errorf("%d attempts after a second submit, want 2", len(stored))
	}
	if again, _ := s.ExamAnswers(ctx, id); !slices.Equal(again, wantAnswers) {
		t.Errorf("answers changed after submit: %+v", again)
	}
}

func sameSession(a, b ExamSession) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.CreatedAt.Equal(b.CreatedAt) && a.Deadline.Equal(b.Deadline) &&
		a.Status == b.Status && string(a.Config) == string(b.Config) && a.FinishedAt.Equal(b.FinishedAt) &&
		string(a.Result) == string(b.Result)
}

func TestExamErrors(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.ExamSession(ctx, 42); !errors.Is(err, ErrNotFound) {
		t.Errorf("ExamSession(42): %v, want ErrNotFound", err)
	}
	if err := s.FinishExamSession(ctx, 42, StatusSubmitted, nil, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("FinishExamSession(42): %v, want ErrNotFound", err)
	}
	if err := s.SaveAnswer(ctx, 42, Answer{QuestionID: "q1"}); !errors.Is(err, ErrSessionClosed) {
		t.Errorf("SaveAnswer to a missing session: %v, want ErrSessionClosed", err)
	}
	bad := []struct {
		name string
		err  error
	}{
		{"unknown kind", func() error { _, err := s.CreateExamSession(ctx, ExamSession{Kind: "quiz"}); return err }()},
		{"bad config", func() error {
			_, err := s.CreateExamSession(ctx, ExamSession{Kind: ExamDrill, Config: json.RawMessage("{")})
			return err
		}()},
		{"negative position", s.SaveAnswer(ctx, 1, Answer{Position: -1, QuestionID: "q1"})},
		{"no question", s.SaveAnswer(ctx, 1, Answer{Position: 0})},
	}
	for _, b := range bad {
		if b.err == nil {
			t.Errorf("%s: accepted", b.name)
		}
	}
	id, err := s.CreateExamSession(ctx, ExamSession{Kind: ExamDrill})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []ExamStatus{StatusActive, "done"} {
		if err := s.FinishExamSession(ctx, id, st, nil, nil); err == nil {
			t.Errorf("finish with status %q: accepted", st)
		}
	}
	if err := s.FinishExamSession(ctx, id, StatusSubmitted, json.RawMessage("nope"), nil); err == nil {
		t.Error("finish with invalid result JSON: accepted")
	}
	// A bad attempt rolls the whole submit back.
	bogus := []Attempt{{ItemID: "q1", Kind: KindQuestion, Source: SourceExam}, {ItemID: "q2", Kind: "x", Source: SourceExam}}
	if err := s.FinishExamSession(ctx, id, StatusSubmitted, nil, bogus); err == nil {
		t.Error("finish with a bad attempt: accepted")
	}
	if got, _ := s.ExamSession(ctx, id); got.Status != StatusActive {
		t.Errorf("status after a failed submit = %s, want active", got.Status)
	}
	if got, _ := s.Attempts(ctx, AttemptFilter{}); len(got) != 0 {
		t.Errorf("%d attempts after a failed submit, want 0", len(got))
	}
	got, _ := s.ExamSession(ctx, id)
	if string(got.Config) != "{}" || !got.Deadline.IsZero() || got.Result != nil {
		t.Errorf("defaults: %+v", got)
	}
}

func TestExamHistoryAndActive(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	type step struct {
		kind   ExamKind
		finish ExamStatus // "" leaves it active
	}
	steps := []step{
		{ExamMock, StatusSubmitted},   // 1
		{ExamDrill, StatusAbandoned},  // 2
		{ExamMock, ""},                // 3
		{ExamCustom, StatusSubmitted}, // 4
		{ExamMissed, ""},              // 5
	}
	for i, st := range steps {
		at := t0.Add(time.Duration(i) * time.Hour)
		s.now = func() time.Time { return at }
		id, err := s.CreateExamSession(ctx, ExamSession{Kind: st.kind})
		if err != nil {
			t.Fatal(err)
		}
		if st.finish != "" {
			s.now = func() time.Time { return at.Add(time.Minute) }
			if err := s.FinishExamSession(ctx, id, st.finish, json.RawMessage(`{"n":1}`), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	hist, err := s.ExamHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, h := range hist {
		got = append(got, h.ID)
		if string(h.Result) != `{"n":1}` || h.Status != StatusSubmitted {
			t.Errorf("history entry %+v", h)
		}
	}
	if !slices.Equal(got, []int64{4, 1}) {
		t.Errorf("ExamHistory IDs = %v, want [4 1]", got)
	}
	active, err := s.ActiveExamSession(ctx)
	if err != nil || active == nil || active.ID != 5 || active.Kind != ExamMissed {
		t.Errorf("ActiveExamSession = %+v, %v; want session 5", active, err)
	}
}
