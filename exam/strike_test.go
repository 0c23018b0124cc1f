package exam

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestStrikeBlocksAChoice(t *testing.T) {
	p := testPack(5, nil)
	sess, err := Start(p, CustomMock(10, 0), nil, time.Unix(1e9, 0))
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	if err := sess.Strike(i, 1); err != nil {
		t.Fatal(err)
	}
	if !sess.Struck(i, 1) || sess.Struck(i, 0) {
		t.Fatal("the strike is not on option B alone")
	}
	// A struck option cannot be chosen, by Answer or by Toggle.
	if err := sess.Answer(i, []int{sess.Items[i].Original(1)}); !errors.Is(err, ErrStruck) {
		t.Errorf("choosing a struck option: %v, want ErrStruck", err)
	}
	if err := sess.Toggle(i, 1); !errors.Is(err, ErrStruck) {
		t.Errorf("toggling a struck option: %v, want ErrStruck", err)
	}
	if sess.Answered(i) {
		t.Fatal("a struck option was chosen")
	}
	// Un-struck, it can be chosen; once chosen it cannot be struck.
	if err := sess.Strike(i, 1); err != nil || sess.Struck(i, 1) {
		t.Fatalf("un-strike: %v", err)
	}
	if err := sess.Toggle(i, 1); err != nil {
		t.Fatal(err)
	}
	if err := sess.Strike(i, 1); !errors.Is(err, ErrChosenStrike) {
		t.Errorf("striking the chosen option: %v, want ErrChosenStrike", err)
	}
	sess.Submit(time.Unix(1e9+60, 0))
	if err := sess.Strike(i, 2); !errors.Is(err, ErrSubmitted) {
		t.Errorf("strike after submit: %v", err)
	}
}

func TestStrikesSurviveStateAndRows(t *testing.T) {
	p := testPack(5, nil)
	sess, err := Start(p, CustomMock(10, 0), nil, time.Unix(1e9, 0))
	if err != nil {
		t.Fatal(err)
	}
	_ = sess.Strike(2, 0)
	_ = sess.Strike(2, 3)
	row := sess.Row(2)
	want := []int{sess.Items[2].Original(0), sess.Items[2].Original(3)}
	slices.Sort(want)
	if !slices.Equal(row.Struck, want) {
		t.Fatalf("row strikes %v, want %v", row.Struck, want)
	}
	// Resumed from the start state and the rows, as after a crash.
	start, _ := Start(p, CustomMock(10, 0), nil, time.Unix(1e9, 0))
	data, _ := start.MarshalState()
	back, err := Restore(data, []AnswerRow{row})
	if err != nil {
		t.Fatal(err)
	}
	if !back.Struck(2, 0) || !back.Struck(2, 3) || back.Struck(2, 1) {
		t.Error("strikes lost on restore")
	}
	// And in the saved state itself.
	data, _ = sess.MarshalState()
	again, err := UnmarshalState(data)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Struck(2, 0) || !again.Struck(2, 3) {
		t.Error("strikes lost in the state JSON")
	}
	// A damaged row that strikes the chosen option keeps the choice.
	bad := AnswerRow{Position: 1, Choice: []int{0}, Struck: []int{0, 1}}
	got, err := Restore(data, []AnswerRow{bad})
	if err != nil {
		t.Fatal(err)
	}
	if o := got.Items[1].Display(0); got.Struck(1, o) || !got.Chosen(1, o) {
		t.Error("a row striking its own choice was not resolved in favour of the choice")
	}
}
