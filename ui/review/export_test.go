package review

import (
	"slices"
	"testing"
	"time"

	"dvaprep/pack"
	"dvaprep/store"
)

// The screen tests were written against the pack's order of options; TestOptionsAreShuffled covers the
// shuffle itself.
func init() { optionOrder = packOrder }

func packOrder(n int, _ store.Card) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	return order
}

func TestOptionsAreShuffled(t *testing.T) {
	node := &pack.Node{ID: "n", Choices: []pack.Choice{
		{Text: "best", Verdict: pack.Best}, {Text: "ok", Verdict: pack.OK}, {Text: "poor", Verdict: pack.Poor}}}
	firsts := map[string]bool{}
	base := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	for i := range 40 {
		it := item{card: store.Card{ItemID: "s/n", Due: base.Add(time.Duration(i) * time.Hour)}, node: node}
		order := shuffled(3, it.card)
		optionOrder = func(int, store.Card) []int { return order }
		opts := it.options()
		optionOrder = packOrder
		for d, o := range opts {
			if o.text != node.Choices[order[d]].Text {
				t.Fatalf("option %d is %q, want %q", d, o.text, node.Choices[order[d]].Text)
			}
		}
		firsts[opts[0].text] = true
	}
	if len(firsts) != 3 {
		t.Errorf("over 40 cards the first option was only ever %v", firsts)
	}
	c := store.Card{ItemID: "q1", Due: base}
	if !slices.Equal(shuffled(4, c), shuffled(4, c)) {
		t.Error("the order changed for the same card")
	}
}

// A card's short title is its question's first sentence without markdown, cut after a whole word with "…".
func TestShortTitle(t *testing.T) {
	for _, c := range []struct {
		stem string
		w    int
		want string
	}{
		{"Three teams need every order event. Which service fans out?", 60, "Three teams need every order event."},
		{"A **Lambda** function reads `orders` from SQS: it times out.", 60, "A Lambda function reads orders from SQS:"},
		{"A start-up is launching a ticketing app on DynamoDB with unpredictable traffic. Which?", 40, "A start-up is launching a ticketing app…"},
		{"Which?", 8, ""},
	} {
		if got := shortTitle(c.stem, c.w); got != c.want {
			t.Errorf("shortTitle(%q, %d) = %q, want %q", c.stem, c.w, got, c.want)
		}
	}
}
