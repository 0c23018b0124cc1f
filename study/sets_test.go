package study

import (
	"context"
	"slices"
	"testing"
	"time"

	engine "dvaprep/exam"
)

// Starting an exam on a practice set freezes the set; a set with other questions under the same number
// is refused, and the stored sets come back from PracticeSets unchanged.
func TestStartExamFreezesTheSet(t *testing.T) {
	s, _, _ := fixture(t)
	ctx := context.Background()
	sets, err := s.PracticeSets(ctx)
	if err != nil || len(sets) == 0 {
		t.Skipf("the fixture pack makes no practice set (%v)", err)
	}
	set := sets[0]
	sess, err := engine.Start(s.pack, engine.SetMock(s.pack, set), nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	state, _ := sess.MarshalState()
	if _, err := s.StartExam(ctx, ExamSession{UID: NewUID(t0), Kind: ExamMock, Config: state, Set: set.Number}, false); err != nil {
		t.Fatal(err)
	}
	again, err := s.PracticeSets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := engine.FindSet(again, set.Number)
	if got == nil || !got.Frozen || !slices.Equal(slices.Sorted(slices.Values(got.IDs)), slices.Sorted(slices.Values(set.IDs))) {
		t.Fatalf("set %d after its start: %+v", set.Number, got)
	}
}

func TestSetRecordsAndPrevious(t *testing.T) {
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	as := []SetAttempt{
		{SessionID: 1, Set: 1, At: at(1), Result: engine.Result{Scaled: 600}},
		{SessionID: 2, Set: 2, At: at(2), Result: engine.Result{Scaled: 700}},
		{SessionID: 3, Set: 1, At: at(3), Result: engine.Result{Scaled: 750}},
		{SessionID: 4, Set: 1, At: at(4), Result: engine.Result{Scaled: 640}},
	}
	r := SetRecords(as)
	if r[1].Attempts != 3 || r[1].Last.SessionID != 4 || r[1].Best.SessionID != 3 || r[2].Attempts != 1 {
		t.Errorf("records %+v", r)
	}
	if p, ok := PreviousAttempt(as, 1, 4); !ok || p.SessionID != 3 {
		t.Errorf("before session 4: %+v %v", p, ok)
	}
	if p, ok := PreviousAttempt(as, 1, 9); !ok || p.SessionID != 4 { // not stored yet: the latest is the previous
		t.Errorf("before an unstored session: %+v %v", p, ok)
	}
	if _, ok := PreviousAttempt(as, 1, 1); ok {
		t.Error("the first attempt has a previous one")
	}
}

func TestExamDate(t *testing.T) {
	s, _, _ := fixture(t)
	ctx := context.Background()
	if _, ok, err := s.ExamDate(ctx); ok || err != nil {
		t.Fatalf("no date yet: %v %v", ok, err)
	}
	d, err := ParseExamDate("2027-01-31")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetExamDate(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.ExamDate(ctx)
	if err != nil || !ok || !got.Equal(d) {
		t.Errorf("date %v %v %v", got, ok, err)
	}
	data, err := s.Progress(ctx, t0)
	if err != nil || !data.ExamDate.Equal(d) {
		t.Errorf("progress data has date %v (%v)", data.ExamDate, err)
	}
	if _, err := ParseExamDate("31/01/2027"); err == nil {
		t.Error("a malformed date was accepted")
	}
}
