package exam

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dvaprep/pack"
)

// blueprint is the DVA-C02 blueprint: domain ID, weight and task IDs.
var blueprint = []struct {
	id     string
	weight int
	tasks  []string
}{
	{"1", 32, []string{"1.1", "1.2", "1.3"}},
	{"2", 26, []string{"2.1", "2.2", "2.3"}},
	{"3", 24, []string{"3.1", "3.2", "3.3", "3.4"}},
	{"4", 18, []string{"4.1", "4.2", "4.3"}},
}

// testPack builds a pack in code with the DVA-C02 blueprint and perTask[domain] questions per task statement,
// alternating single and multiple response. A domain missing from perTask gets def questions per task.
func testPack(def int, perTask map[string]int) *pack.Pack {
	p := &pack.Pack{
		ID:   "test",
		Exam: pack.ExamFormat{Questions: 65, Minutes: 130, Unscored: 15, ScaleMin: 100, ScaleMax: 1000, Passing: 720},
	}
	for _, d := range blueprint {
		dom := pack.Domain{ID: d.id, Name: "Domain " + d.id, Weight: d.weight}
		n, ok := perTask[d.id]
		if !ok {
			n = def
		}
		for _, t := range d.tasks {
			dom.Tasks = append(dom.Tasks, pack.Task{ID: t, Name: "Task " + t, Domain: d.id})
			for k := range n {
				id := fmt.Sprintf("q%s-%02d", t, k)
				if k%2 == 0 {
					p.Questions = append(p.Questions, single(id, d.id, t, k%4))
				} else {
					p.Questions = append(p.Questions, multiple(id, d.id, t, 0, 2))
				}
			}
		}
		p.Domains = append(p.Domains, dom)
	}
	return p
}

// single is a single-response question whose option right is correct.
func single(id, domain, task string, right int) *pack.Question {
	q := &pack.Question{ID: id, Domain: domain, Task: task, Type: pack.Single, Select: 1}
	for o := range 4 {
		q.Options = append(q.Options, pack.Option{Text: fmt.Sprintf("%s option %d", id, o), Correct: o == right})
	}
	return q
}

// multiple is a five-option multiple-response question whose options right are correct.
func multiple(id, domain, task string, right ...int) *pack.Question {
	q := &pack.Question{ID: id, Domain: domain, Task: task, Type: pack.Multiple, Select: len(right)}
	for o := range 5 {
		ok := false
		for _, r := range right {
			ok = ok || r == o
		}
		q.Options = append(q.Options, pack.Option{Text: fmt.Sprintf("%s option %d", id, o), Correct: ok})
	}
	return q
}

// rng returns a seeded generator.
func rng(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed+1)) }

// byQuestion returns the questions of items, failing on an unknown ID.
func byQuestion(t *testing.T, p *pack.Pack, items []Item) []*pack.Question {
	t.Helper()
	idx := questionIndex(p)
	out := make([]*pack.Question, len(items))
	for i, it := range items {
		q := idx[it.QuestionID]
		if q == nil {
			t.Fatalf("item %d: unknown question %q", i, it.QuestionID)
		}
		out[i] = q
	}
	return out
}

// domainCounts counts items per domain ID in blueprint order.
func domainCounts(t *testing.T, p *pack.Pack, items []Item) []int {
	t.Helper()
	c := make([]int, len(blueprint))
	for _, q := range byQuestion(t, p, items) {
		for i, d := range blueprint {
			if d.id == q.Domain {
				c[i]++
			}
		}
	}
	return c
}

// rightChoice returns the original indexes of q's correct options.
func rightChoice(q *pack.Question) []int {
	var c []int
	for o, opt := range q.Options {
		if opt.Correct {
			c = append(c, o)
		}
	}
	return c
}
