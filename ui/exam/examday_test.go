package exam

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"dvaprep/pack"
	"dvaprep/ui/common"
	"dvaprep/ui/uitest"
)

// x strikes out the option under the cursor: it is saved with the answer, a resume keeps it, and it cannot
// be chosen until it is un-struck.
func TestStrikeSavedResumedAndBlocking(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	i := e.find(pack.Single)
	e.run(m.open(i))
	e.press("x") // the cursor is on A
	if !m.sess.Struck(i, 0) {
		t.Fatal("x did not strike out A")
	}
	contains(t, e.view(), "(~) A.")
	as := e.answers()
	if len(as) != 1 || as[0].Struck == "" {
		t.Fatalf("the strike was not saved: %+v", as)
	}
	e.press("a")
	if m.sess.Answered(i) {
		t.Fatal("a struck option was chosen")
	}
	contains(t, e.lastStatus(), "A is struck out")
	e.press("b")
	e.press("x") // the cursor moved to B, the answer: it cannot be struck
	contains(t, e.lastStatus(), "B is your answer")

	// A new window resumes the exam: the strike is there and still blocks a choice.
	r := e.open(common.ExamArg{Resume: m.id})
	if !r.sess.Struck(i, 0) || r.sess.Struck(i, 1) {
		t.Fatal("the strike did not survive the resume")
	}
	e.run(r.open(i))
	e.press("a")
	if !r.sess.Chosen(i, 1) || r.sess.Chosen(i, 0) {
		t.Fatal("the resumed strike did not block A")
	}
	r.quest.cursor = 0
	e.press("x", "a") // un-strike, then choose
	if !r.sess.Chosen(i, 0) || r.sess.Struck(i, 0) {
		t.Fatal("after un-striking, A could not be chosen")
	}
	if as := e.answers(); as[0].Struck != "" {
		t.Fatalf("the un-strike was not saved: %+v", as[0])
	}
}

// A practice set started from the command line is frozen in the store, keeps its questions, and its second
// attempt is compared with the first.
func TestPracticeSetRetakeComparesWithTheLastAttempt(t *testing.T) {
	e := newEnv(t)
	st := uitest.StoreOf(e.ctx)
	take := func(answer string) (*Model, []string) {
		m := e.open(common.ExamArg{Start: &common.ExamStart{Set: 1, Questions: 1}, FromCLI: true})
		if m.sess == nil || m.sess.Config.Set != 1 {
			t.Fatalf("set 1 did not start: %v", e.statuses)
		}
		var ids []string
		for i, it := range m.sess.Items {
			ids = append(ids, it.QuestionID)
			if answer != "" {
				e.run(m.open(i))
				e.press(answer)
			}
		}
		e.press("s", "y")
		if m.mode != modeResult {
			t.Fatalf("not submitted: mode %v", m.mode)
		}
		slices.Sort(ids)
		return m, ids
	}
	_, first := take("")
	contains(t, e.view(), "Practice set 1 · your first attempt")
	frozen, err := st.PracticeSets(context.Background(), e.ctx.Pack.ID)
	if err != nil || !slices.Equal(slices.Sorted(slices.Values(frozen[1])), first) {
		t.Fatalf("set 1 frozen as %v (%v), want %v", frozen[1], err, first)
	}
	e.clock.advance(24 * time.Hour)
	m, second := take("a")
	if !slices.Equal(first, second) {
		t.Fatalf("the retake has other questions: %v vs %v", second, first)
	}
	v := strings.Join(strings.Fields(e.view()), " ")
	if !strings.Contains(v, "Practice set 1, against your last attempt") || m.res.prev == nil {
		t.Fatalf("no comparison:\n%s", e.view())
	}
	if m.res.prev.Result.Scaled != 100 {
		t.Errorf("previous estimate %d, want 100 (nothing answered)", m.res.prev.Result.Scaled)
	}

	// The menu lists the set with its last and best estimates.
	e.open(common.ExamArg{})
	e.press("down", "enter")
	contains(t, e.view(), "Set 1 · last ")
	contains(t, e.view(), "2 attempts")
}
