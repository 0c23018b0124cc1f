package exam

import (
	"math"
	"slices"
	"testing"
	"time"

	"dvaprep/pack"
)

// scorePack has one single-response question (option 1 right) and one multiple-response question (options 0
// and 3 right) per domain, with IDs s<domain> and m<domain>.
func scorePack() *pack.Pack {
	p := testPack(0, nil)
	for _, d := range blueprint {
		p.Questions = append(p.Questions, single("s"+d.id, d.id, d.tasks[0], 1),
			multiple("m"+d.id, d.id, d.tasks[1], 0, 3))
	}
	return p
}

func TestScoreItems(t *testing.T) {
	p := scorePack()
	tests := []struct {
		name     string
		id       string
		choice   []int
		unscored bool
		correct  bool
	}{
		{"single right", "s1", []int{1}, false, true},
		{"single wrong", "s1", []int{0}, false, false},
		{"single unanswered", "s1", nil, false, false},
		{"single two chosen", "s1", []int{1, 2}, false, false},
		{"multiple right", "m1", []int{0, 3}, false, true},
		{"multiple partial", "m1", []int{0}, false, false},
		{"multiple superset", "m1", []int{0, 1, 3}, false, false},
		{"multiple wrong", "m1", []int{1, 2}, false, false},
		{"multiple unanswered", "m1", nil, false, false},
		{"unscored right", "s1", []int{1}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := len(questionIndex(p)[tt.id].Options)
			perm := make([]int, n)
			for i := range perm {
				perm[i] = n - 1 - i
			}
			s := NewSession(CustomMock(1, 0), []Item{{QuestionID: tt.id, Perm: perm, Unscored: tt.unscored}}, t0)
			if err := s.Answer(0, tt.choice); err != nil {
				t.Fatal(err)
			}
			r := Score(p, s)
			ir := r.Items[0]
			if ir.Correct != tt.correct || ir.Answered != (len(tt.choice) > 0) || ir.Unscored != tt.unscored {
				t.Errorf("item = %+v, want correct %v", ir, tt.correct)
			}
			want := Tally{Total: 1}
			if tt.correct {
				want.Correct = 1
			}
			scored, unscored := r.Scored, r.Unscored
			if tt.unscored {
				scored, unscored = unscored, scored
			}
			if scored != want || unscored != (Tally{}) {
				t.Errorf("scored %+v unscored %+v, want %+v in the %v tally only", r.Scored, r.Unscored, want,
					map[bool]string{true: "unscored", false: "scored"}[tt.unscored])
			}
		})
	}
}

func TestScoreReport(t *testing.T) {
	p := scorePack()
	// Domain 1: both right. Domain 2: single right, multiple partial. Domain 3: nothing answered.
	// Domain 4: only an unscored item, answered right.
	answers := []struct {
		id       string
		choice   []int
		unscored bool
		time     time.Duration
	}{
		{"s1", []int{1}, false, 30 * time.Second},
		{"m1", []int{0, 3}, false, 3 * time.Minute},
		{"s2", []int{1}, false, time.Minute},
		{"m2", []int{3}, false, 4 * time.Minute},
		{"s3", nil, false, 0},
		{"m3", nil, false, 10 * time.Second},
		{"s4", []int{1}, true, 5 * time.Minute},
	}
	var items []Item
	for _, a := range answers {
		perm := make([]int, len(questionIndex(p)[a.id].Options))
		for i := range perm {
			perm[i] = i
		}
		items = append(items, Item{QuestionID: a.id, Perm: perm, Unscored: a.unscored})
	}
	s := NewSession(CustomMock(len(items), 14*time.Minute), items, t0)
	for i, a := range answers {
		_ = s.Answer(i, a.choice)
		_ = s.AddTime(i, a.time)
	}
	_ = s.Flag(4)
	r := Score(p, s)

	if r.Scored != (Tally{Correct: 3, Total: 6}) || r.Unscored != (Tally{Correct: 1, Total: 1}) {
		t.Errorf("scored %+v unscored %+v", r.Scored, r.Unscored)
	}
	wantDomains := []struct {
		tally    Tally
		standing Standing
	}{
		{Tally{2, 2}, Meets},
		{Tally{1, 2}, NeedsImprovement},
		{Tally{0, 2}, NeedsImprovement},
		{Tally{}, NotTested},
	}
	if len(r.Domains) != 4 {
		t.Fatalf("domains = %+v", r.Domains)
	}
	for i, w := range wantDomains {
		d := r.Domains[i]
		if d.ID != blueprint[i].id || d.Tally != w.tally || d.Standing != w.standing || d.Weight != blueprint[i].weight {
			t.Errorf("domain %d = %+v, want %+v %s", i+1, d, w.tally, w.standing)
		}
	}
	var tasks []string
	for _, tr := range r.Tasks {
		tasks = append(tasks, tr.ID)
	}
	if want := []string{"1.1", "1.2", "2.1", "2.2", "3.1", "3.2"}; !slices.Equal(tasks, want) {
		t.Errorf("tasks = %v, want %v (scored only, in blueprint order)", tasks, want)
	}
	if r.Tasks[3].Tally != (Tally{0, 1}) || r.Tasks[3].Name != "Task 2.2" || r.Tasks[3].Domain != "2" {
		t.Errorf("task 2.2 = %+v", r.Tasks[3])
	}
	if want := []int{6, 3, 1, 2, 0}; !slices.Equal(r.Slowest, want) {
		t.Errorf("slowest = %v, want %v", r.Slowest, want)
	}
	if r.Time != 13*time.Minute+40*time.Second || r.Pace != 2*time.Minute {
		t.Errorf("time %v pace %v", r.Time, r.Pace)
	}
	if !r.Items[4].Flagged || r.Items[4].Answered || !slices.Equal(r.Items[1].Right, []int{0, 3}) {
		t.Errorf("item details: %+v %+v", r.Items[4], r.Items[1])
	}
	if r.Scaled != Scale(50, p.Exam) || r.Pass || r.Passing != 720 || r.Cut != 72 {
		t.Errorf("scaled %d pass %v passing %d cut %v", r.Scaled, r.Pass, r.Passing, r.Cut)
	}
}

func TestScaleMapping(t *testing.T) {
	f := pack.ExamFormat{ScaleMin: 100, ScaleMax: 1000, Passing: 720}
	tests := []struct {
		raw  float64
		want int
	}{
		{0, 100},
		{72, 720},
		{100, 1000},
		{100 * 36.0 / 50, 720}, // 36 of 50 scored questions
		{100 * 35.0 / 50, 702}, // 70%: 100 + 620*70/72 = 702.8, rounded down
		{50, 530},              // 100 + 620*50/72 = 530.6
		{71.99, 719},
		{86, 860},
		{99, 990},
		{-5, 100},
		{150, 1000},
		{math.NaN(), 100},
	}
	for _, tt := range tests {
		if got := Scale(tt.raw, f); got != tt.want {
			t.Errorf("Scale(%v) = %d, want %d", tt.raw, got, tt.want)
		}
	}
	// Monotonic over every raw score out of 50 and out of 65.
	for _, n := range []int{50, 65} {
		prev := 0
		for c := 0; c <= n; c++ {
			got := Scale(100*float64(c)/float64(n), f)
			if got < prev {
				t.Errorf("Scale drops at %d of %d", c, n)
			}
			prev = got
		}
	}
	// A pack with no usable scale falls back to 100..1000 passing at 720.
	for _, bad := range []pack.ExamFormat{{}, {ScaleMin: 500, ScaleMax: 100, Passing: 300}, {ScaleMax: 1000}} {
		if Scale(72, bad) != 720 || Passing(bad) != 720 || CutPercent(bad) != 72 {
			t.Errorf("format %+v: no fallback", bad)
		}
	}
	// Another exam's scale is followed: passing 700 of 1000 cuts at 70%.
	other := pack.ExamFormat{ScaleMin: 100, ScaleMax: 1000, Passing: 700}
	if Scale(70, other) != 700 || CutPercent(other) != 70 {
		t.Errorf("other scale: %d at 70%%, cut %v", Scale(70, other), CutPercent(other))
	}
}

func TestPassFail(t *testing.T) {
	p := testPack(10, nil)
	tests := []struct {
		right int // of 50 scored
		pass  bool
	}{
		{50, true},
		{36, true},
		{35, false},
		{0, false},
	}
	for _, tt := range tests {
		cfg := FullMock(p)
		cfg.Seed = int64(tt.right)
		s, err := Start(p, cfg, nil, t0)
		if err != nil {
			t.Fatal(err)
		}
		qs := byQuestion(t, p, s.Items)
		right := 0
		for i, it := range s.Items {
			// Answer every unscored item right and the scored ones right until the target; the rest wrong.
			if it.Unscored || right < tt.right {
				_ = s.Answer(i, rightChoice(qs[i]))
				if !it.Unscored {
					right++
				}
				continue
			}
			_ = s.Answer(i, []int{(rightChoice(qs[i])[0] + 1) % len(qs[i].Options)})
		}
		r := Score(p, s)
		if r.Scored.Total != 50 || r.Unscored.Total != 15 || r.Scored.Correct != tt.right {
			t.Fatalf("%d right: scored %+v unscored %+v", tt.right, r.Scored, r.Unscored)
		}
		if r.Pass != tt.pass || r.Pass != (r.Scaled >= 720) {
			t.Errorf("%d of 50: scaled %d, pass %v; want pass %v", tt.right, r.Scaled, r.Pass, tt.pass)
		}
		if tt.right == 50 && r.Scaled != 1000 {
			t.Errorf("all right: scaled %d, want 1000", r.Scaled)
		}
		if tt.right == 0 && r.Scaled != 100 {
			t.Errorf("none right: scaled %d, want 100", r.Scaled)
		}
	}
}

func TestStanding(t *testing.T) {
	f := pack.ExamFormat{ScaleMin: 100, ScaleMax: 1000, Passing: 720}
	tests := []struct {
		t    Tally
		want Standing
	}{
		{Tally{18, 25}, Meets}, // exactly 72%
		{Tally{17, 25}, NeedsImprovement},
		{Tally{21, 21}, Meets},
		{Tally{0, 3}, NeedsImprovement},
		{Tally{}, NotTested},
	}
	for _, tt := range tests {
		if got := StandingOf(tt.t, f); got != tt.want {
			t.Errorf("StandingOf(%+v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestScoreMissingQuestions(t *testing.T) {
	p := scorePack()
	s := NewSession(CustomMock(2, 0), []Item{
		{QuestionID: "gone", Perm: []int{0, 1, 2, 3}},
		{QuestionID: "s1", Perm: []int{0, 1, 2}}, // the question gained an option since the draw
	}, t0)
	r := Score(p, s)
	if !slices.Equal(r.Missing, []string{"gone", "s1"}) || r.Scored.Total != 0 || !r.Items[0].Missing {
		t.Errorf("missing = %v, scored %+v", r.Missing, r.Scored)
	}
	if r := Score(nil, s); len(r.Missing) != 2 || r.Scaled != 100 {
		t.Errorf("nil pack: %+v", r)
	}
	if r := Score(p, nil); r.Scaled != 100 || r.Pass {
		t.Errorf("nil session: %+v", r)
	}
}
