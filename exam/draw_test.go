package exam

import (
	"errors"
	"slices"
	"testing"
	"time"

	"dvaprep/pack"
)

func TestApportion(t *testing.T) {
	w := []int{32, 26, 24, 18}
	tests := []struct {
		n    int
		caps []int
		want []int
	}{
		{65, nil, []int{21, 17, 16, 11}}, // the split quoted for the real exam
		{50, nil, []int{16, 13, 12, 9}},  // exact shares
		{100, nil, []int{32, 26, 24, 18}},
		{5, nil, []int{2, 1, 1, 1}},
		{10, nil, []int{3, 3, 2, 2}},
		{20, nil, []int{7, 5, 5, 3}},
		{1, nil, []int{1, 0, 0, 0}},
		{0, nil, []int{0, 0, 0, 0}},
		{65, []int{100, 100, 100, 5}, []int{24, 19, 17, 5}}, // domain 4's places go to the others by weight
		{65, []int{3, 3, 3, 3}, []int{3, 3, 3, 3}},          // not enough anywhere
		{10, []int{0, 100, 100, 100}, []int{0, 4, 4, 2}},
	}
	for _, tt := range tests {
		got := apportion(w, tt.caps, tt.n)
		if !slices.Equal(got, tt.want) {
			t.Errorf("apportion(%v, caps %v, %d) = %v, want %v", w, tt.caps, tt.n, got, tt.want)
		}
	}
	// Parties of weight 0 only fill what the others cannot take.
	if got := apportion([]int{1, 0}, []int{2, 5}, 4); !slices.Equal(got, []int{2, 2}) {
		t.Errorf("zero-weight fill = %v, want [2 2]", got)
	}
}

func TestDrawCountsByWeight(t *testing.T) {
	p := testPack(10, nil) // 30/30/40/30 questions
	tests := []struct {
		n    int
		want []int
	}{
		{65, []int{21, 17, 16, 11}},
		{5, []int{2, 1, 1, 1}},
		{10, []int{3, 3, 2, 2}},
		{20, []int{7, 5, 5, 3}},
	}
	for _, tt := range tests {
		for seed := range uint64(5) {
			items, err := Draw(p, CustomMock(tt.n, 0), nil, rng(seed))
			if err != nil {
				t.Fatalf("n=%d: %v", tt.n, err)
			}
			if len(items) != tt.n {
				t.Fatalf("n=%d: got %d items", tt.n, len(items))
			}
			if got := domainCounts(t, p, items); !slices.Equal(got, tt.want) {
				t.Errorf("n=%d seed %d: domain counts %v, want %v", tt.n, seed, got, tt.want)
			}
		}
	}
}

func TestDrawFullMock(t *testing.T) {
	p := testPack(10, nil)
	cfg := FullMock(p)
	if cfg.Kind != Mock || cfg.Questions != 65 || cfg.Duration != 130*time.Minute || cfg.Unscored != 15 {
		t.Fatalf("FullMock = %+v", cfg)
	}
	items, err := Draw(p, cfg, nil, rng(1))
	if err != nil {
		t.Fatal(err)
	}
	unscored := 0
	ids := map[string]bool{}
	qs := byQuestion(t, p, items)
	for i, it := range items {
		if ids[it.QuestionID] {
			t.Errorf("question %s drawn twice", it.QuestionID)
		}
		ids[it.QuestionID] = true
		if it.Unscored {
			unscored++
		}
		if len(it.Perm) != len(qs[i].Options) || !isPerm(it.Perm) {
			t.Errorf("item %d: perm %v is not a permutation of %d options", i, it.Perm, len(qs[i].Options))
		}
	}
	if unscored != 15 {
		t.Errorf("unscored items = %d, want 15", unscored)
	}
	// The order is shuffled: the first 21 are not all domain 1.
	if got := domainCounts(t, p, items[:21]); got[0] == 21 {
		t.Errorf("items are not shuffled across domains: %v", got)
	}
}

func TestDrawNoRepeats(t *testing.T) {
	p := testPack(6, nil) // 18/18/24/18 = 78 questions
	for seed := range uint64(20) {
		items, err := Draw(p, CustomMock(78, 0), nil, rng(seed))
		if !usable(err) {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, it := range items {
			if seen[it.QuestionID] {
				t.Fatalf("seed %d: %s drawn twice", seed, it.QuestionID)
			}
			seen[it.QuestionID] = true
		}
		if len(seen) != 78 {
			t.Fatalf("seed %d: drew %d distinct questions, want all 78", seed, len(seen))
		}
	}
}

func TestDrawSpreadsOverTasks(t *testing.T) {
	p := testPack(10, nil)
	items, err := Draw(p, FullMock(p), nil, rng(3))
	if err != nil {
		t.Fatal(err)
	}
	perTask := map[string]int{}
	for _, q := range byQuestion(t, p, items) {
		perTask[q.Task]++
	}
	for _, d := range blueprint {
		lo, hi := 1<<30, 0
		for _, task := range d.tasks {
			lo, hi = min(lo, perTask[task]), max(hi, perTask[task])
		}
		if hi-lo > 1 {
			t.Errorf("domain %s: tasks drawn unevenly (%d to %d): %v", d.id, lo, hi, perTask)
		}
	}
}

func TestDrawUnseenFirst(t *testing.T) {
	p := testPack(10, nil)
	seen := map[string]bool{}
	unseen := map[string]int{} // per domain
	for i, q := range p.Questions {
		if i%3 != 0 {
			seen[q.ID] = true
		} else {
			unseen[q.Domain]++
		}
	}
	quota := map[string]int{"1": 21, "2": 17, "3": 16, "4": 11}
	for seed := range uint64(10) {
		items, err := Draw(p, FullMock(p), seen, rng(seed))
		if err != nil {
			t.Fatal(err)
		}
		fresh, old := map[string]int{}, map[string]int{}
		for _, q := range byQuestion(t, p, items) {
			if seen[q.ID] {
				old[q.Domain]++
			} else {
				fresh[q.Domain]++
			}
		}
		for d, want := range quota {
			if wantFresh := min(want, unseen[d]); fresh[d] != wantFresh {
				t.Errorf("seed %d domain %s: %d unseen drawn, want %d (seen drawn %d, unseen available %d)",
					seed, d, fresh[d], wantFresh, old[d], unseen[d])
			}
		}
	}
}

func TestDrawShortDomainFills(t *testing.T) {
	p := testPack(10, map[string]int{"4": 1}) // domain 4 has 3 questions
	items, err := Draw(p, FullMock(p), nil, rng(1))
	var sf *Shortfall
	if !errors.As(err, &sf) {
		t.Fatalf("err = %v, want a *Shortfall", err)
	}
	if len(items) != 65 {
		t.Fatalf("got %d items, want 65 filled from other domains", len(items))
	}
	want := []DomainShortfall{{Domain: "4", Wanted: 11, Had: 3}}
	if !slices.Equal(sf.Domains, want) || sf.Got != 65 || sf.Wanted != 65 {
		t.Errorf("shortfall = %+v, want domains %v and 65 of 65", sf, want)
	}
	if got := domainCounts(t, p, items); got[3] != 3 {
		t.Errorf("domain counts %v: domain 4 should give all 3", got)
	}
	if sf.Error() == "" {
		t.Error("shortfall has no message")
	}
}

func TestDrawTooFewQuestions(t *testing.T) {
	p := testPack(1, nil) // 13 questions
	items, err := Draw(p, FullMock(p), nil, rng(1))
	var sf *Shortfall
	if !errors.As(err, &sf) {
		t.Fatalf("err = %v, want a *Shortfall", err)
	}
	if len(items) != 13 || sf.Got != 13 || sf.Wanted != 65 {
		t.Fatalf("got %d items, shortfall %+v", len(items), sf)
	}
	unscored := 0
	for _, it := range items {
		if it.Unscored {
			unscored++
		}
	}
	if unscored != 15*13/65 {
		t.Errorf("unscored = %d, want %d (scaled with the draw)", unscored, 15*13/65)
	}
}

func TestDrawUnscoredNeverAll(t *testing.T) {
	p := testPack(10, nil)
	cfg := CustomMock(3, 0)
	cfg.Unscored = 10
	items, err := Draw(p, cfg, nil, rng(1))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, it := range items {
		if it.Unscored {
			n++
		}
	}
	if n != 2 {
		t.Errorf("unscored = %d of 3, want 2", n)
	}
}

func TestDrawDrill(t *testing.T) {
	p := testPack(10, map[string]int{"3": 2})
	tests := []struct {
		name       string
		domain     string
		task       string
		n          int
		wantN      int
		wantDomain string
		wantTask   string
		short      bool
	}{
		{"domain", "2", "", 10, 10, "2", "", false},
		{"task", "", "1.2", 5, 5, "1", "1.2", false},
		{"task and domain", "1", "1.3", 4, 4, "1", "1.3", false},
		{"task short", "", "3.1", 5, 2, "3", "3.1", true},
		{"domain short", "3", "", 10, 8, "3", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DomainDrill(tt.domain, tt.task, tt.n)
			if !cfg.ShowAnswers || cfg.Duration != 0 || cfg.Kind != Drill {
				t.Fatalf("DomainDrill = %+v, want untimed with answers shown", cfg)
			}
			items, err := Draw(p, cfg, nil, rng(2))
			var sf *Shortfall
			if isShort := errors.As(err, &sf); isShort != tt.short || (err != nil && !isShort) {
				t.Fatalf("err = %v, want shortfall %v", err, tt.short)
			}
			if len(items) != tt.wantN {
				t.Fatalf("got %d items, want %d", len(items), tt.wantN)
			}
			per := map[string]int{}
			for _, q := range byQuestion(t, p, items) {
				per[q.Task]++
				if q.Domain != tt.wantDomain || (tt.wantTask != "" && q.Task != tt.wantTask) {
					t.Errorf("drew %s from %s/%s", q.ID, q.Domain, q.Task)
				}
			}
			if tt.name == "domain" && (per["2.1"] < 3 || per["2.2"] < 3 || per["2.3"] < 3) {
				t.Errorf("drill not spread over tasks: %v", per)
			}
		})
	}
}

func TestDrawMissed(t *testing.T) {
	p := testPack(2, nil)
	ids := []string{"q2.1-01", "q1.1-00", "gone", "q2.1-01", "q4.3-00"}
	items, err := Draw(p, MissedDrill(ids), nil, rng(1))
	var sf *Shortfall
	if !errors.As(err, &sf) || !slices.Equal(sf.Unknown, []string{"gone"}) {
		t.Fatalf("err = %v, want a shortfall naming the unknown ID", err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.QuestionID)
	}
	if want := []string{"q2.1-01", "q1.1-00", "q4.3-00"}; !slices.Equal(got, want) {
		t.Errorf("missed drill = %v, want %v in the given order, without repeats", got, want)
	}

	cfg := MissedDrill(ids[:2])
	cfg.Questions = 1
	items, err = Draw(p, cfg, nil, rng(1))
	if err != nil || len(items) != 1 || items[0].QuestionID != "q2.1-01" {
		t.Errorf("capped missed drill = %v, %v", items, err)
	}
}

func TestDrawDeterministic(t *testing.T) {
	p := testPack(10, nil)
	cfg := FullMock(p)
	cfg.Seed = 42
	a, err := Draw(p, cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Draw(p, cfg, nil, nil)
	if !slices.EqualFunc(a, b, itemEqual) {
		t.Error("the same seed drew differently")
	}
	cfg.Seed = 43
	c, _ := Draw(p, cfg, nil, nil)
	if slices.EqualFunc(a, c, itemEqual) {
		t.Error("different seeds drew the same")
	}
}

// usable reports whether err leaves a usable draw: none, or a shortfall.
func usable(err error) bool {
	var sf *Shortfall
	return err == nil || errors.As(err, &sf)
}

func itemEqual(a, b Item) bool {
	return a.QuestionID == b.QuestionID && a.Unscored == b.Unscored && slices.Equal(a.Perm, b.Perm)
}

func TestDrawErrors(t *testing.T) {
	p := testPack(2, nil)
	empty := &pack.Pack{Domains: p.Domains}
	tests := []struct {
		name  string
		p     *pack.Pack
		cfg   Config
		noQns bool
	}{
		{"nil pack", nil, FullMock(p), false},
		{"no kind", p, Config{Questions: 5}, false},
		{"bad kind", p, Config{Kind: "quiz", Questions: 5}, false},
		{"zero questions", p, CustomMock(0, 0), false},
		{"negative questions", p, CustomMock(-1, 0), false},
		{"too many questions", p, CustomMock(maxQuestions+1, 0), false},
		{"negative unscored", p, Config{Kind: Mock, Questions: 5, Unscored: -1}, false},
		{"negative duration", p, CustomMock(5, -time.Minute), false},
		{"unknown domain", p, DomainDrill("9", "", 5), false},
		{"unknown task", p, DomainDrill("", "9.9", 5), false},
		{"task of another domain", p, DomainDrill("1", "2.1", 5), false},
		{"empty pack", empty, FullMock(p), true},
		{"missed without IDs", p, MissedDrill(nil), true},
		{"missed all gone", p, MissedDrill([]string{"x", "y"}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := Draw(tt.p, tt.cfg, nil, rng(1))
			if err == nil || items != nil {
				t.Fatalf("Draw = %d items, %v; want an error and no items", len(items), err)
			}
			var sf *Shortfall
			if errors.As(err, &sf) {
				t.Errorf("err is a shortfall, want a hard error: %v", err)
			}
			if got := errors.Is(err, ErrNoQuestions); got != tt.noQns {
				t.Errorf("errors.Is(%v, ErrNoQuestions) = %v, want %v", err, got, tt.noQns)
			}
		})
	}
}

func TestDrawOddPacks(t *testing.T) {
	// Weights that are all zero, a question in a domain missing from the blueprint, a nil question, and a
	// question with no task: never a panic, always a usable draw.
	p := testPack(2, nil)
	for i := range p.Domains {
		p.Domains[i].Weight = 0
	}
	p.Questions = append(p.Questions, nil, single("stray", "9", "9.1", 0), single("notask", "1", "", 1))
	items, err := Draw(p, CustomMock(len(p.Questions)-1, 0), nil, rng(1))
	if !usable(err) {
		t.Fatalf("err = %v", err)
	}
	if len(items) != len(p.Questions)-1 {
		t.Errorf("got %d items, want every non-nil question", len(items))
	}
	items, err = Draw(p, CustomMock(8, 0), nil, rng(1))
	if err != nil || !slices.Equal(domainCounts(t, p, items), []int{2, 2, 2, 2}) {
		t.Errorf("equal shares without weights: %v, %v", domainCounts(t, p, items), err)
	}
}

func TestItemDisplay(t *testing.T) {
	it := Item{Perm: []int{2, 0, 3, 1}}
	for d, o := range it.Perm {
		if it.Original(d) != o || it.Display(o) != d {
			t.Errorf("display %d <-> original %d broken", d, o)
		}
	}
	if it.Original(4) != -1 || it.Original(-1) != -1 || it.Display(7) != -1 {
		t.Error("out-of-range positions should give -1")
	}
}

// unscoredCounts counts the scored and the unscored items per domain, in blueprint order.
func unscoredCounts(t *testing.T, p *pack.Pack, items []Item) (scored, unscored []int) {
	t.Helper()
	scored, unscored = make([]int, len(blueprint)), make([]int, len(blueprint))
	for i, q := range byQuestion(t, p, items) {
		for d, b := range blueprint {
			if b.id != q.Domain {
				continue
			}
			if items[i].Unscored {
				unscored[d]++
			} else {
				scored[d]++
			}
		}
	}
	return scored, unscored
}

// The scored questions of a mock follow the blueprint, whatever its length: the unscored ones are drawn by
// domain weight too.
func TestDrawScoredFollowBlueprint(t *testing.T) {
	p := testPack(15, nil) // 45/45/60/45 questions: no domain runs short
	fixed := []struct {
		n, unscored        int
		scored, unscoredBy []int
	}{
		{65, 15, []int{16, 13, 12, 9}, []int{5, 4, 4, 2}}, // the real exam
		{50, 12, []int{12, 10, 9, 7}, []int{4, 3, 3, 2}},
		{20, 5, []int{5, 4, 4, 2}, []int{2, 1, 1, 1}},
		{5, 1, []int{1, 1, 1, 1}, []int{1, 0, 0, 0}}, // D'Hondt gives 4 seats 1/1/1/1
	}
	for _, tt := range fixed {
		cfg := Config{Kind: Mock, Questions: tt.n, Unscored: tt.unscored}
		for seed := range uint64(5) {
			items, err := Draw(p, cfg, nil, rng(seed))
			if err != nil {
				t.Fatal(err)
			}
			scored, unscored := unscoredCounts(t, p, items)
			if !slices.Equal(scored, tt.scored) || !slices.Equal(unscored, tt.unscoredBy) {
				t.Errorf("n=%d seed %d: scored %v unscored %v, want %v and %v", tt.n, seed, scored, unscored,
					tt.scored, tt.unscoredBy)
			}
		}
	}
	// Shares announces the same split, for the briefing.
	want := []Share{{"1", 21, 16}, {"2", 17, 13}, {"3", 16, 12}, {"4", 11, 9}}
	if got := Shares(p, 65, 15); !slices.Equal(got, want) {
		t.Errorf("Shares(65, 15) = %v, want %v", got, want)
	}
	// Every mock length, with the real exam's share of unscored items: each domain's scored count is within one
	// question of its exact share by weight, and the unscored count is what was asked for.
	for n := 2; n <= 130; n++ {
		u := n * 15 / 65
		items, err := Draw(p, Config{Kind: Mock, Questions: n, Unscored: u}, nil, rng(uint64(n)))
		if err != nil {
			t.Fatal(err)
		}
		scored, unscored := unscoredCounts(t, p, items)
		total := 0
		for d, b := range blueprint {
			total += unscored[d]
			exact := float64((n-u)*b.weight) / 100
			if diff := float64(scored[d]) - exact; diff <= -1 || diff >= 1 {
				t.Errorf("n=%d: domain %s has %d scored, exact share %.2f", n, b.id, scored[d], exact)
			}
		}
		if total != u {
			t.Errorf("n=%d: %d unscored, want %d", n, total, u)
		}
	}
}
