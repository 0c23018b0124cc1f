package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestPracticeSetsFreezeOnce(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	freeze := func(n int, ids ...string) error {
		return s.Update(ctx, "freeze", func(tx *Tx) error { return tx.FreezePracticeSet(ctx, "p", n, ids) })
	}
	if err := freeze(2, "a", "b"); err != nil {
		t.Fatal(err)
	}
	if err := freeze(2, "b", "a"); err != nil {
		t.Errorf("freezing again with the same questions: %v", err)
	}
	if err := freeze(2, "a", "c"); !errors.Is(err, ErrSetChanged) {
		t.Errorf("freezing with other questions: %v, want ErrSetChanged", err)
	}
	if _, err := s.db.Exec("UPDATE practice_sets SET questions = '[]'"); err == nil {
		t.Error("a frozen set could be changed")
	}
	got, err := s.PracticeSets(ctx, "p")
	if err != nil || len(got) != 1 || !slices.Equal(got[2], []string{"a", "b"}) {
		t.Errorf("sets %v, %v", got, err)
	}
	if other, _ := s.PracticeSets(ctx, "other-pack"); len(other) != 0 {
		t.Errorf("another pack sees %v", other)
	}
}

func TestStrikesAreSavedWithTheAnswer(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	id, err := s.CreateExamSession(ctx, ExamSession{Kind: ExamMock, Set: 3})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(ctx, id, Answer{Position: 0, QuestionID: "q", Choice: "1", Struck: "0,2"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFlag(ctx, id, 0, "q", true); err != nil {
		t.Fatal(err)
	}
	as, err := s.ExamAnswers(ctx, id)
	if err != nil || len(as) != 1 {
		t.Fatalf("answers %v, %v", as, err)
	}
	if a := as[0]; a.Struck != "0,2" || a.Choice != "1" || !a.Flagged {
		t.Errorf("answer %+v: the flag lost the strikes or the choice", a)
	}
	e, err := s.ExamSession(ctx, id)
	if err != nil || e.Set != 3 {
		t.Errorf("session set %v, %v", e, err)
	}
}

func TestSettings(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, ok, err := s.Setting(ctx, "exam_date"); ok || err != nil {
		t.Fatalf("unset setting: %v %v", ok, err)
	}
	for _, v := range []string{"2027-01-10", "2027-02-01"} {
		if err := s.SetSetting(ctx, "exam_date", v); err != nil {
			t.Fatal(err)
		}
		if got, ok, _ := s.Setting(ctx, "exam_date"); !ok || got != v {
			t.Errorf("setting %q, want %q", got, v)
		}
	}
	if err := s.SetSetting(ctx, "exam_date", ""); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Setting(ctx, "exam_date"); ok {
		t.Error("an emptied setting is still set")
	}
}
