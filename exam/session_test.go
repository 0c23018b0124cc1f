package exam

import (
	"errors"
	"slices"
	"testing"
	"time"

	"dvaprep/pack"
)

var t0 = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

// newTestSession is a session of two items: a single-response item with 4 options and a multiple-response item
// with 5, with fixed permutations.
func newTestSession(d time.Duration) *Session {
	items := []Item{
		{QuestionID: "s", Perm: []int{2, 0, 3, 1}},
		{QuestionID: "m", Perm: []int{4, 3, 2, 1, 0}, Unscored: true},
	}
	return NewSession(Config{Kind: Custom, Questions: 2, Duration: d}, items, t0)
}

func TestSessionAnswers(t *testing.T) {
	s := newTestSession(0)
	if err := s.Answer(0, []int{s.Items[0].Original(0)}); err != nil { // the user picks the first option shown
		t.Fatal(err)
	}
	if got := s.Choice(0); !slices.Equal(got, []int{2}) {
		t.Errorf("choice = %v, want original [2]", got)
	}
	if !s.Chosen(0, 0) || s.Chosen(0, 1) {
		t.Error("Chosen does not follow the display order")
	}
	_ = s.Answer(0, []int{1})
	if got := s.Choice(0); !slices.Equal(got, []int{1}) {
		t.Errorf("Answer should replace: %v", got)
	}

	for _, d := range []int{0, 2, 4, 2} { // display 0 -> 4, 2 -> 2, 4 -> 0, 2 again unchooses
		if err := s.Toggle(1, d); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.Choice(1); !slices.Equal(got, []int{0, 4}) {
		t.Errorf("toggled choice = %v, want [0 4]", got)
	}
	_ = s.Flag(1)
	_ = s.AddTime(1, 90*time.Second)
	_ = s.AddTime(1, -time.Second)
	if !s.Flagged(1) || s.Spent(1) != 90*time.Second {
		t.Errorf("flag %v, time %v", s.Flagged(1), s.Spent(1))
	}
	if c := s.Counts(nil); c != (Counts{Answered: 2, Flagged: 1}) {
		t.Errorf("counts = %+v", c)
	}
	_ = s.Flag(1)
	_ = s.Answer(0, nil)
	if c := s.Counts(nil); c != (Counts{Answered: 1, Unanswered: 1}) {
		t.Errorf("counts after unflag and clear = %+v", c)
	}
}

func TestSessionRejects(t *testing.T) {
	s := newTestSession(0)
	tests := []struct {
		name string
		err  error
	}{
		{"answer out of range", s.Answer(0, []int{4})},
		{"answer negative", s.Answer(0, []int{-1})},
		{"no such item", s.Answer(2, []int{0})},
		{"toggle no option", s.Toggle(1, 5)},
		{"toggle no item", s.Toggle(-1, 0)},
		{"flag no item", s.Flag(9)},
		{"time no item", s.AddTime(9, time.Second)},
	}
	for _, tt := range tests {
		if tt.err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	if s.Chosen(5, 0) || s.Flagged(-1) || s.Choice(7) != nil || s.Spent(3) != 0 {
		t.Error("reads out of range should be zero")
	}

	s.Submit(t0.Add(time.Minute))
	s.Submit(t0.Add(time.Hour))
	if !s.Done() || !s.Submitted.Equal(t0.Add(time.Minute)) {
		t.Errorf("submitted at %v, want the first submission", s.Submitted)
	}
	for name, err := range map[string]error{
		"answer": s.Answer(0, []int{1}), "toggle": s.Toggle(1, 0), "flag": s.Flag(0),
	} {
		if !errors.Is(err, ErrSubmitted) {
			t.Errorf("%s after submit: %v, want ErrSubmitted", name, err)
		}
	}
	if err := s.AddTime(0, time.Second); err != nil {
		t.Errorf("booking time after submit: %v", err)
	}
}

func TestStart(t *testing.T) {
	p := testPack(10, nil)
	cfg := FullMock(p)
	cfg.Seed = 7
	s, err := Start(p, cfg, nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Items) != 65 || !s.Deadline.Equal(t0.Add(130*time.Minute)) || !s.Started.Equal(t0) {
		t.Errorf("started %d items, deadline %v", len(s.Items), s.Deadline)
	}
	if err := s.Check(p); err != nil {
		t.Errorf("Check: %v", err)
	}
	if _, err := Start(p, Config{Kind: "bad"}, nil, t0); err == nil {
		t.Error("Start with a bad config: no error")
	}
	short, err := Start(testPack(1, nil), cfg, nil, t0)
	var sf *Shortfall
	if short == nil || !errors.As(err, &sf) {
		t.Errorf("Start on a small pack = %v, %v; want a session and a shortfall", short, err)
	}
	if a, b := NewSeed(), NewSeed(); a == b {
		t.Error("NewSeed repeats")
	}
}

func TestSessionCheck(t *testing.T) {
	p := testPack(1, nil)
	s := NewSession(Config{Kind: Custom, Questions: 1}, []Item{{QuestionID: "q1.1-00", Perm: []int{0, 1, 2, 3}}}, t0)
	if err := s.Check(p); err != nil {
		t.Errorf("Check: %v", err)
	}
	s.Items[0].Perm = []int{0, 1, 2}
	if err := s.Check(p); err == nil {
		t.Error("Check passed a question whose option count changed")
	}
	s.Items[0].QuestionID = "gone"
	if err := s.Check(p); err == nil {
		t.Error("Check passed a question no longer in the pack")
	}
	if err := s.Check(nil); err == nil {
		t.Error("Check passed a nil pack")
	}
}

// A multiple-response answer with fewer choices than asked for is incomplete, not answered: it scores 0.
func TestIncompleteAnswers(t *testing.T) {
	p := &pack.Pack{Questions: []*pack.Question{single("s", "1", "1.1", 0), multiple("m", "1", "1.1", 0, 1, 2)}}
	s := NewSession(Config{Kind: Custom, Questions: 2}, []Item{
		{QuestionID: "s", Perm: []int{0, 1, 2, 3}},
		{QuestionID: "m", Perm: []int{0, 1, 2, 3, 4}},
	}, t0)
	steps := []struct {
		toggle int // display position toggled on the multiple-response item, -1 for none
		fill   Fill
		counts Counts
	}{
		{-1, Blank, Counts{Unanswered: 2}},
		{0, Incomplete, Counts{Incomplete: 1, Unanswered: 1}},
		{1, Incomplete, Counts{Incomplete: 1, Unanswered: 1}},
		{2, Complete, Counts{Answered: 1, Unanswered: 1}},
		{3, Complete, Counts{Answered: 1, Unanswered: 1}}, // too many: wrong, but not incomplete
		{3, Complete, Counts{Answered: 1, Unanswered: 1}},
		{0, Incomplete, Counts{Incomplete: 1, Unanswered: 1}},
	}
	for k, st := range steps {
		if st.toggle >= 0 {
			if err := s.Toggle(1, st.toggle); err != nil {
				t.Fatal(err)
			}
		}
		if got := s.Fill(1, p.Questions[1]); got != st.fill {
			t.Errorf("step %d: fill %v, want %v", k, got, st.fill)
		}
		if got := s.Counts(p); got != st.counts {
			t.Errorf("step %d: counts %+v, want %+v", k, got, st.counts)
		}
	}
	// Scored, the incomplete answer is wrong, and the result says it was incomplete.
	r := Score(p, s)
	if it := r.Items[1]; it.Correct || !it.Incomplete {
		t.Errorf("incomplete item scored as %+v", it)
	}
	if FillOf(0, 1) != Blank || FillOf(1, 1) != Complete || FillOf(1, 2) != Incomplete {
		t.Error("FillOf")
	}
	// As the store keeps it.
	for _, tt := range []struct {
		id, choice string
		want       Fill
	}{{"m", "", Blank}, {"m", "0,3", Incomplete}, {"m", "0,1,3", Complete}, {"s", "2", Complete},
		{"gone", "1", Complete}, {"m", "x", Blank}} {
		if got := StoredFill(p, tt.id, tt.choice); got != tt.want {
			t.Errorf("StoredFill(%s, %q) = %v, want %v", tt.id, tt.choice, got, tt.want)
		}
	}
}
