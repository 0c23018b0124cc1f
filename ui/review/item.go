package review

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"

	"dvaprep/pack"
	"dvaprep/study"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
)

// item is one due card with what it asks: a question, or a scenario decision.
type item struct {
	card study.Card
	q    *pack.Question
	sc   *pack.Scenario
	node *pack.Node
}

// optionOrder orders an item's options on screen; tests replace it with the pack's order.
var optionOrder = shuffled

// shuffled orders n options for a card. Authors tend to write a scenario's best choice first, so the pack's
// order would give answers away. The order depends on the card and its due time only, so it holds while the
// card is on screen.
func shuffled(n int, c study.Card) []int {
	h := fnv.New64a()
	h.Write([]byte(c.ItemID))
	seed := h.Sum64() ^ uint64(c.Due.UnixNano())
	return rand.New(rand.NewPCG(seed, seed>>1|1)).Perm(n)
}

// option is one answer the item offers, whatever its kind.
type option struct {
	text    string
	why     string
	label   string  // what an attempt records
	right   bool    // correct, or the best choice
	score   float64 // a decision's credit: best 1, ok 0.5, poor 0
	verdict pack.Verdict
	works   bool // a wrong answer that would work but is worse for the question's constraint
}

// resolve finds what a card asks in the pack. ok is false when the pack no longer has it.
func resolve(p *pack.Pack, c study.Card) (item, bool) {
	it := item{card: c}
	switch c.Kind {
	case study.KindQuestion:
		it.q = p.Question(c.ItemID)
		return it, it.q != nil
	case study.KindDecision:
		i := strings.LastIndex(c.ItemID, "/")
		if i < 0 {
			return it, false
		}
		it.sc = p.Scenario(c.ItemID[:i])
		if it.sc == nil {
			return it, false
		}
		it.node = it.sc.Nodes[c.ItemID[i+1:]]
		return it, it.node != nil && !it.node.IsEnding()
	}
	return it, false
}

// options are the item's answers in the order shown.
func (it item) options() []option {
	opts := it.packOptions()
	order := optionOrder(len(opts), it.card)
	out := make([]option, len(opts))
	for d, i := range order {
		out[d] = opts[i]
	}
	return out
}

func (it item) packOptions() []option {
	var out []option
	if it.q != nil {
		for _, o := range it.q.Options {
			l := o.Label
			if l == "" {
				l = o.Text
			}
			s := 0.0
			if o.Correct {
				s = 1
			}
			out = append(out, option{text: o.Text, why: o.Why, label: l, right: o.Correct, score: s, works: o.Works})
		}
		return out
	}
	for _, c := range it.node.Choices {
		out = append(out, option{text: c.Text, why: c.Explain, label: c.Text, right: c.Verdict == pack.Best,
			score: c.Verdict.Score(), verdict: c.Verdict})
	}
	return out
}

// selects is how many options an answer takes.
func (it item) selects() int {
	if it.q != nil {
		return max(it.q.Select, 1)
	}
	return 1
}

// body is the markdown that asks, and its render cache ID.
func (it item) body() (id, md string) {
	if it.q != nil {
		return markdown.StemID(it.q.ID), it.q.Stem
	}
	return markdown.PromptID(it.sc.ID, it.node.ID), it.node.Prompt
}

// explanation is the markdown shown after the answer, and its cache ID; "" for a decision.
func (it item) explanation() (id, md string) {
	if it.q != nil {
		return markdown.ExplanationID(it.q.ID), common.Explanation(it.q)
	}
	return "", ""
}

// where names the item and its task statement for the line above it.
func (it item) where(p *pack.Pack) (kind, domain, task string) {
	domain, task = it.card.Domain, it.card.Task
	if it.q != nil {
		kind, domain, task = "Question", it.q.Domain, it.q.Task
	} else {
		kind = "Scenario decision"
		if it.sc != nil {
			kind += " · " + it.sc.Title
		}
	}
	if t := p.Task(task); t != nil {
		task = "Task " + t.ID + " " + t.Name
	}
	if d := p.Domain(domain); d != nil {
		domain = "Domain " + d.ID + " " + d.Name
	} else {
		domain = "Domain " + domain
	}
	return kind, domain, task
}
