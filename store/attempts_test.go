package store

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"
)

// seed is the known data that the attempt and statistics tests query.
// Days are in UTC: day 1 is 2025-03-10.
var seed = []Attempt{
	{ItemID: "q1", Kind: KindQuestion, Domain: "d1", Task: "1.1", Score: 1, Choice: "A", CorrectChoice: "A", Elapsed: 30 * time.Second, Source: SourceExam, SessionID: 7, At: t0},
	{ItemID: "q1", Kind: KindQuestion, Domain: "d1", Task: "1.1", Score: 0, Choice: "B", CorrectChoice: "A", Elapsed: 12500 * time.Millisecond, Source: SourceDrill, At: t0.Add(1 * time.Hour)},
	{ItemID: "q2", Kind: KindQuestion, Domain: "d1", Task: "1.2", Score: 0, Choice: "C", CorrectChoice: "A", Source: SourceDrill, At: t0.Add(2 * time.Hour)},
	{ItemID: "q3", Kind: KindQuestion, Domain: "d2", Task: "2.1", Score: 0, Choice: "A + C", CorrectChoice: "A + B", Source: SourceExam, SessionID: 8, At: t0.Add(24 * time.Hour)},
	{ItemID: "q3", Kind: KindQuestion, Domain: "d2", Task: "2.1", Score: 1, Choice: "A + B", CorrectChoice: "A + B", Source: SourceReview, At: t0.Add(25 * time.Hour)},
	{ItemID: "fanout/n1", Kind: KindDecision, Domain: "d1", Task: "1.1", Score: 0.5, Choice: "sns", CorrectChoice: "eventbridge", Source: SourceScenario, SessionID: 3, At: t0.Add(26 * time.Hour)},
	{ItemID: "fanout/n2", Kind: KindDecision, Domain: "d2", Task: "2.1", Score: 1, Choice: "dlq", CorrectChoice: "dlq", Source: SourceScenario, SessionID: 3, At: t0.Add(48 * time.Hour)},
	{ItemID: "q4", Kind: KindQuestion, Domain: "d2", Task: "2.2", Score: 0, Choice: "B", CorrectChoice: "A", Source: SourceDrill, At: t0.Add(49 * time.Hour)},
	{ItemID: "q5", Kind: KindQuestion, Domain: "d3", Task: "3.1", Score: 0, Choice: "C", CorrectChoice: "A", Source: SourceDrill, At: t0.Add(50 * time.Hour)},
	{ItemID: "q1", Kind: KindQuestion, Domain: "d1", Task: "1.1", Score: 0, Choice: "B", CorrectChoice: "A", Source: SourceReview, At: t0.Add(72 * time.Hour)},
}

func seeded(t *testing.T) *Store {
	t.Helper()
	s, _ := openTemp(t)
	ctx := context.Background()
	for i, a := range seed {
		id, err := s.RecordAttempt(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if id != int64(i+1) {
			t.Fatalf("attempt %d got ID %d", i+1, id)
		}
	}
	return s
}

func ids(as []Attempt) []int64 {
	var out []int64
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestAttemptsRoundTrip(t *testing.T) {
	s := seeded(t)
	got, err := s.Attempts(context.Background(), AttemptFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(seed) {
		t.Fatalf("%d attempts, want %d", len(got), len(seed))
	}
	for i, a := range got {
		want := seed[i]
		want.ID = int64(i + 1)
		if len(a.UID) != 36 || a.UID[14] != '7' {
			t.Errorf("attempt %d: UID %q is not a UUIDv7", i+1, a.UID)
		}
		want.UID = a.UID
		if a != want {
			t.Errorf("attempt %d:\n got %+v\nwant %+v", i+1, a, want)
		}
	}
}

func TestAttemptFilter(t *testing.T) {
	s := seeded(t)
	tests := []struct {
		name string
		f    AttemptFilter
		want []int64
	}{
		{"kind", AttemptFilter{Kind: KindDecision}, []int64{6, 7}},
		{"source", AttemptFilter{Source: SourceReview}, []int64{5, 10}},
		{"domain and task", AttemptFilter{Domain: "d1", Task: "1.1"}, []int64{1, 2, 6, 10}},
		{"item", AttemptFilter{ItemID: "q1"}, []int64{1, 2, 10}},
		{"session", AttemptFilter{SessionID: 3}, []int64{6, 7}},
		{"since until", AttemptFilter{Since: t0.Add(24 * time.Hour), Until: t0.Add(49 * time.Hour)}, []int64{4, 5, 6, 7}},
		{"limit", AttemptFilter{Kind: KindQuestion, Limit: 2}, []int64{1, 2}},
		{"nothing", AttemptFilter{ItemID: "nope"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Attempts(context.Background(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tt.want) {
				t.Errorf("got %v, want %v", ids(got), tt.want)
			}
		})
	}
}

func TestRecordAttemptRejectsBadInput(t *testing.T) {
	s, _ := openTemp(t)
	good := Attempt{ItemID: "q1", Kind: KindQuestion, Source: SourceDrill, Score: 1}
	tests := []struct {
		name   string
		change func(a *Attempt)
	}{
		{"no item", func(a *Attempt) { a.ItemID = "" }},
		{"kind", func(a *Attempt) { a.Kind = "quiz" }},
		{"source", func(a *Attempt) { a.Source = "" }},
		{"score above 1", func(a *Attempt) { a.Score = 1.5 }},
		{"negative score", func(a *Attempt) { a.Score = -0.1 }},
		{"NaN score", func(a *Attempt) { a.Score = math.NaN() }},
		{"negative time", func(a *Attempt) { a.Elapsed = -time.Second }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := good
			tt.change(&a)
			if _, err := s.RecordAttempt(context.Background(), a); err == nil {
				t.Error("accepted")
			}
		})
	}
	if got, _ := s.Attempts(context.Background(), AttemptFilter{}); len(got) != 0 {
		t.Errorf("%d attempts stored", len(got))
	}
}

func TestRecordAttemptDefaultsToNow(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.RecordAttempt(ctx, Attempt{ItemID: "q1", Kind: KindQuestion, Source: SourceDrill}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Attempts(ctx, AttemptFilter{})
	if len(got) != 1 || !got[0].At.Equal(t0) || got[0].SessionID != 0 {
		t.Errorf("got %+v, want one attempt at %v with no session", got, t0)
	}
}

func TestSeenQuestionIDs(t *testing.T) {
	s := seeded(t)
	ctx := context.Background()
	id, err := s.CreateExamSession(ctx, ExamSession{Kind: ExamMock})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(ctx, id, Answer{Position: 0, QuestionID: "q9", Choice: "A"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFlag(ctx, id, 1, "q8", true); err != nil { // shown and flagged, never answered
		t.Fatal(err)
	}
	got, err := s.SeenQuestionIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"q1": true, "q2": true, "q3": true, "q4": true, "q5": true, "q9": true}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for k := range want {
		if !got[k] {
			t.Errorf("got %v, want %v", got, want)
		}
	}
}
