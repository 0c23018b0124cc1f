package exam

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"dvaprep/content"
	"dvaprep/pack"
)

// setDomains counts a set's questions per blueprint domain.
func setDomains(p *pack.Pack, s PracticeSet) map[string]int {
	out := map[string]int{}
	for _, id := range s.IDs {
		out[lookup(p, id).Domain]++
	}
	return out
}

func indexed(p *pack.Pack) *pack.Pack { return p }

func TestFormSetsBlueprintNoOverlap(t *testing.T) {
	// 20 a task: 60/60/80/60 questions; shares 21/17/16/11 → domain 1 allows 2 sets, 2 allows 3…
	p := indexed(testPack(20, nil))
	sets := FormSets(p, nil)
	total := len(p.Questions)
	if want := total / 65; len(sets) != want {
		t.Fatalf("%d sets from %d questions, want %d", len(sets), total, want)
	}
	seen := map[string]int{}
	for _, s := range sets {
		if len(s.IDs) != 65 {
			t.Errorf("set %d has %d questions, want 65", s.Number, len(s.IDs))
		}
		for _, id := range s.IDs {
			if n, dup := seen[id]; dup {
				t.Errorf("%s is in set %d and set %d", id, n, s.Number)
			}
			seen[id] = s.Number
		}
	}
	// The first two sets fit the blueprint exactly (domain 1 has 60 questions: 21+21 then 18 left).
	for _, s := range sets[:2] {
		if got := setDomains(p, s); got["1"] != 21 || got["2"] != 17 || got["3"] != 16 || got["4"] != 11 {
			t.Errorf("set %d domains %v, want 21/17/16/11", s.Number, got)
		}
		if len(s.Short) != 0 {
			t.Errorf("set %d says it is short: %v", s.Number, s.Short)
		}
	}
	// The third: domain 1 has 18 for its 21 and says so.
	if s := sets[2]; len(s.Short) != 1 || s.Short[0].Domain != "1" || s.Short[0].Had != 18 {
		t.Errorf("set 3 shortfall %+v, want domain 1 with 18", s.Short)
	}
}

func TestFormSetsSpreadOverTasks(t *testing.T) {
	p := indexed(testPack(30, nil))
	s := FormSets(p, nil)[0]
	per := map[string]int{}
	for _, id := range s.IDs {
		per[lookup(p, id).Task]++
	}
	// Domain 1 has three tasks for 21 places: 7 each.
	for _, task := range []string{"1.1", "1.2", "1.3"} {
		if per[task] != 7 {
			t.Errorf("task %s has %d questions in set 1, want 7 (%v)", task, per[task], per)
		}
	}
}

func TestFormSetsDeterministic(t *testing.T) {
	p := indexed(testPack(25, nil))
	a, b := FormSets(p, nil), FormSets(p, nil)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("two formations of the same bank differ")
	}
	// The pack's order does not matter: the hash does.
	q := indexed(testPack(25, nil))
	slices.Reverse(q.Questions)
	if c := FormSets(q, nil); fmt.Sprint(a) != fmt.Sprint(c) {
		t.Fatal("reordering the bank changed the sets")
	}
}

// A set taken (frozen) keeps its questions when questions are added; the others are formed from the rest.
func TestFormSetsStableWhenQuestionsAreAdded(t *testing.T) {
	p := indexed(testPack(25, nil))
	before := FormSets(p, nil)
	frozen := map[int][]string{2: before[1].IDs}

	bigger := indexed(testPack(25, nil))
	for _, d := range blueprint {
		for _, task := range d.tasks {
			for k := range 10 {
				bigger.Questions = append(bigger.Questions, single(fmt.Sprintf("new%s-%02d", task, k), d.id, task, 1))
			}
		}
	}
	after := FormSets(bigger, frozen)
	if len(after) <= len(before) {
		t.Fatalf("%d sets after adding questions, want more than %d", len(after), len(before))
	}
	s2 := FindSet(after, 2)
	if s2 == nil || !s2.Frozen || !slices.Equal(s2.IDs, before[1].IDs) {
		t.Fatalf("set 2 changed after questions were added: %v", s2)
	}
	seen := map[string]bool{}
	for _, s := range after {
		for _, id := range s.IDs {
			if seen[id] {
				t.Fatalf("%s is in two sets", id)
			}
			seen[id] = true
		}
	}
	// Without the frozen set, the same bank forms the same untaken sets again: they are a function of it.
	if fmt.Sprint(FormSets(bigger, frozen)) != fmt.Sprint(after) {
		t.Fatal("forming twice differs")
	}
}

func TestFormSetsEmbeddedBank(t *testing.T) {
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		t.Fatalf("load: %v %v", err, probs)
	}
	sets := FormSets(p, nil)
	want := 6
	if len(p.Questions) >= 460 {
		want = 7
	}
	if len(sets) < want {
		t.Errorf("the bank of %d questions makes %d sets, want at least %d", len(p.Questions), len(sets), want)
	}
	for _, s := range sets[:min(6, len(sets))] {
		if got := setDomains(p, s); got["1"] != 21 || got["2"] != 17 || got["3"] != 16 || got["4"] != 11 {
			t.Errorf("set %d domains %v, want 21/17/16/11", s.Number, got)
		}
	}
}

func TestDrawSet(t *testing.T) {
	p := indexed(testPack(25, nil))
	s := FormSets(p, nil)[0]
	cfg := SetMock(p, s)
	a, err := Draw(p, cfg, nil, rng(1))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Draw(p, cfg, nil, rng(2))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(items []Item) (all, unscored []string) {
		for _, it := range items {
			all = append(all, it.QuestionID)
			if it.Unscored {
				unscored = append(unscored, it.QuestionID)
			}
		}
		slices.Sort(all)
		slices.Sort(unscored)
		return all, unscored
	}
	aa, au := ids(a)
	ba, bu := ids(b)
	want := slices.Sorted(slices.Values(s.IDs))
	if !slices.Equal(aa, want) || !slices.Equal(ba, want) {
		t.Fatal("a set's draw is not its questions")
	}
	if len(au) != 15 || !slices.Equal(au, bu) {
		t.Errorf("unscored items differ between attempts at a set: %v vs %v", au, bu)
	}
	// A question gone from the pack: the rest is drawn, and the draw says so.
	cfg.IDs = append(cfg.IDs, "gone")
	_, err = Draw(p, cfg, nil, rng(3))
	var sf *Shortfall
	if !errors.As(err, &sf) || len(sf.Unknown) != 1 {
		t.Errorf("draw with a missing question: %v", err)
	}
}

func TestSetStateRoundTrip(t *testing.T) {
	p := indexed(testPack(25, nil))
	s := FormSets(p, nil)[1]
	sess, err := Start(p, SetMock(p, s), nil, time.Unix(1e9, 0))
	if err != nil {
		t.Fatal(err)
	}
	data, err := sess.MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalState(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Config.Set != s.Number || back.Config.Kind != Mock {
		t.Errorf("restored config %+v, want set %d", back.Config, s.Number)
	}
}

// 460 questions make 7 sets even when the domains do not hold them in blueprint proportions: the last set
// fills a short domain's places from the others and says so.
func TestFormSetsSevenFrom460(t *testing.T) {
	// Per task: domain 1 has 3 tasks, 2 has 3, 3 has 4, 4 has 3. 60·3 + 40·3 + 25·4 + 20·3 = 460.
	p := testPack(0, map[string]int{"1": 60, "2": 40, "3": 25, "4": 20})
	if len(p.Questions) != 460 {
		t.Fatalf("%d questions", len(p.Questions))
	}
	sets := FormSets(p, nil)
	if len(sets) != 7 {
		t.Fatalf("%d sets from 460 questions, want 7", len(sets))
	}
	short := 0
	for _, s := range sets {
		if len(s.IDs) != 65 {
			t.Errorf("set %d has %d questions", s.Number, len(s.IDs))
		}
		if len(s.Short) > 0 {
			short++
		}
	}
	if short == 0 || len(sets[0].Short) != 0 {
		t.Errorf("domain 4 (60 questions) cannot give 7 × 11: the later sets should say so, the first not (%d short)", short)
	}
}
