package exam

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"dvaprep/pack"
)

// PracticeSet is one fixed practice exam: the same questions every time it is taken, so that attempts at it
// can be compared. The bank is cut into such sets by the blueprint, with no question in two sets.
type PracticeSet struct {
	Number int      // 1, 2, 3…
	IDs    []string // its questions, in hash order
	Frozen bool     // taken before: its questions are stored and never change
	// Short lists the domains that could not supply their blueprint share (others filled their places);
	// empty for a set that follows the blueprint.
	Short []DomainShortfall
}

// FormSets cuts the bank into fixed sets of p.Exam.Questions questions (65 for DVA-C02).
//
// frozen holds the sets already taken, by number, as the store keeps them: they never change, whatever
// is added to the bank. Every other question forms the remaining sets: the numbers not frozen, in order,
// each drawn by the blueprint (21/17/16/11), taking each domain's questions in the order of a hash of
// their IDs, round-robin over the domain's task statements. So the untaken sets are a function of the bank
// and the frozen sets alone, and a question added to the bank moves only untaken sets. Sets are formed
// while the pool left can fill a whole set; a domain that runs short gives its places to the others (the
// set says so in Short).
func FormSets(p *pack.Pack, frozen map[int][]string) []PracticeSet {
	if p == nil {
		return nil
	}
	size := p.Exam.Questions
	if size <= 0 {
		return nil
	}
	used := map[string]bool{}
	for _, ids := range frozen {
		for _, id := range ids {
			used[id] = true
		}
	}

	// The pool: every question not in a frozen set, per domain, in hash order.
	var doms []string
	weights := []int{}
	at := map[string]int{}
	for _, d := range p.Domains {
		if _, dup := at[d.ID]; dup {
			continue
		}
		at[d.ID] = len(doms)
		doms = append(doms, d.ID)
		weights = append(weights, min(max(d.Weight, 0), 1_000_000))
	}
	pools := make([][]*pack.Question, len(doms))
	seen := map[string]bool{}
	for _, q := range p.Questions {
		if q == nil || used[q.ID] || seen[q.ID] {
			continue
		}
		seen[q.ID] = true
		i, ok := at[q.Domain]
		if !ok {
			continue // a domain outside the blueprint never counts towards a set
		}
		pools[i] = append(pools[i], q)
	}
	for _, pool := range pools {
		slices.SortFunc(pool, func(a, b *pack.Question) int {
			ha, hb := idHash(a.ID), idHash(b.ID)
			switch {
			case ha < hb:
				return -1
			case ha > hb:
				return 1
			}
			return cmp.Compare(a.ID, b.ID)
		})
	}
	share := apportion(weights, nil, size)

	var sets []PracticeSet
	for n := range frozen {
		if n > 0 {
			ids := slices.Clone(frozen[n])
			sets = append(sets, PracticeSet{Number: n, IDs: ids, Frozen: true})
		}
	}
	total := func() int {
		t := 0
		for _, pool := range pools {
			t += len(pool)
		}
		return t
	}
	for n := 1; total() >= size; n++ {
		if _, ok := frozen[n]; ok {
			continue
		}
		caps := make([]int, len(pools))
		for i, pool := range pools {
			caps[i] = len(pool)
		}
		seats := apportion(weights, caps, size)
		set := PracticeSet{Number: n}
		for i := range pools {
			if share[i] > caps[i] {
				set.Short = append(set.Short, DomainShortfall{Domain: doms[i], Wanted: share[i], Had: caps[i]})
			}
			var picked []*pack.Question
			picked, pools[i] = takeSpread(pools[i], seats[i])
			for _, q := range picked {
				set.IDs = append(set.IDs, q.ID)
			}
		}
		sets = append(sets, set)
	}
	slices.SortFunc(sets, func(a, b PracticeSet) int { return a.Number - b.Number })
	return sets
}

// takeSpread takes k questions from a hash-ordered pool, round-robin over their task statements (the task
// picked least so far, then the task whose next question comes first), and returns them and what is left.
func takeSpread(pool []*pack.Question, k int) (picked, rest []*pack.Question) {
	taken := map[string]int{}
	gone := make([]bool, len(pool))
	for len(picked) < k {
		best := -1
		for i, q := range pool {
			if gone[i] {
				continue
			}
			if best < 0 || taken[q.Task] < taken[pool[best].Task] {
				best = i
			}
		}
		if best < 0 {
			break
		}
		gone[best] = true
		taken[pool[best].Task]++
		picked = append(picked, pool[best])
	}
	for i, q := range pool {
		if !gone[i] {
			rest = append(rest, q)
		}
	}
	return picked, rest
}

// idHash orders questions within a domain: FNV-1a of the ID, stable across runs and machines.
func idHash(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// FindSet returns set n of sets, or nil.
func FindSet(sets []PracticeSet, n int) *PracticeSet {
	for i := range sets {
		if sets[i].Number == n {
			return &sets[i]
		}
	}
	return nil
}

// SetMock is the configuration of a full mock on practice set s: its questions, the pack's time and
// unscored count. The unscored items are the same at every attempt (they are seeded by the set), so two
// attempts at a set score the same questions; only the order of questions and options is shuffled anew.
func SetMock(p *pack.Pack, s PracticeSet) Config {
	c := FullMock(p)
	c.Set = s.Number
	c.IDs = slices.Clone(s.IDs)
	c.Questions = len(s.IDs)
	return c
}

// drawSet draws a practice set: its questions still in the pack, shuffled by rng, with the unscored items
// chosen by a generator seeded from the set's number and questions.
func drawSet(p *pack.Pack, cfg Config, rng *rand.Rand) ([]Item, error) {
	byID := questionIndex(p)
	var qs []*pack.Question
	short := Shortfall{Wanted: len(cfg.IDs)}
	done := map[string]bool{}
	for _, id := range cfg.IDs {
		if done[id] {
			continue
		}
		done[id] = true
		if q := byID[id]; q != nil {
			qs = append(qs, q)
		} else {
			short.Unknown = append(short.Unknown, id)
		}
	}
	short.Got = len(qs)
	if len(qs) == 0 {
		return nil, fmt.Errorf("exam draw: none of the questions of set %d is in the pack: %w", cfg.Set, ErrNoQuestions)
	}
	// The unscored items depend on the set only: a generator seeded by its number and its questions.
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(cfg.Set))
	h.Write(b[:])
	for _, q := range qs {
		h.Write([]byte(q.ID))
		h.Write([]byte{0})
	}
	seed := h.Sum64()
	fixed := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	items := make([]Item, len(qs))
	for i, q := range qs {
		items[i] = Item{QuestionID: q.ID}
	}
	unscored := cfg.Unscored
	if short.Got < short.Wanted && short.Wanted > 0 {
		unscored = unscored * short.Got / short.Wanted
	}
	markUnscored(p, items, qs, max(min(unscored, len(items)-1), 0), fixed)
	// Then the order of questions and of each question's options is new at every attempt.
	order := rng.Perm(len(items))
	out := make([]Item, len(items))
	for k, i := range order {
		out[k] = items[i]
		out[k].Perm = rng.Perm(len(qs[i].Options))
	}
	if len(short.Unknown) > 0 {
		return out, &short
	}
	return out, nil
}
