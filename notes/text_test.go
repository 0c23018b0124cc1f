package notes

import (
	"slices"
	"testing"
)

func spans(text string, f func(string, func(span))) []span {
	var out []span
	f(text, func(s span) { out = append(out, s) })
	return out
}

// TestTokenizeFastPathAgrees checks the ASCII fast path against the general one, offsets included.
func TestTokenizeFastPathAgrees(t *testing.T) {
	for _, text := range []string{
		"Producer → [SQS queue] → Consumer (polls with ReceiveMessage).",
		"LambdaCanary10Percent5Minutes – HTTPRequest · SSE-KMS ≤ 256 KB",
		"x-ray's SigV4 iam:PassRole", "", "→→", "a",
	} {
		fast := spans(text, func(s string, emit func(span)) {
			if !tokenizeASCII(s, map[string]string{}, emit) {
				t.Fatalf("%q: fast path refused", s)
			}
		})
		if slow := spans(text, tokenizeRunes); !slices.Equal(fast, slow) {
			t.Errorf("%q:\nfast %v\nslow %v", text, fast, slow)
		}
	}
	if tokenizeASCII("café au lait", nil, func(span) {}) {
		t.Error("fast path took a non-ASCII word")
	}
	got := spans("LambdaCanary10Percent5Minutes", tokenize)
	var words []string
	for _, s := range got {
		words = append(words, s.word)
	}
	if want := []string{"lambdacanary10percent5minutes", "lambda", "canary", "10", "percent", "5", "minutes"}; !slices.Equal(words, want) {
		t.Errorf("camelCase parts %v, want %v", words, want)
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("Producer → ReceiveMessage")
	f.Add("HTTPRequest2xx")
	f.Fuzz(func(t *testing.T, text string) {
		n := len([]rune(text))
		var fast []span
		ok := tokenizeASCII(text, nil, func(s span) { fast = append(fast, s) })
		slow := spans(text, tokenizeRunes)
		if ok && !slices.Equal(fast, slow) {
			t.Fatalf("%q: fast %v slow %v", text, fast, slow)
		}
		for _, s := range slow {
			if s.start < 0 || s.end > n || s.start >= s.end {
				t.Fatalf("%q: span %v outside %d runes", text, s, n)
			}
		}
	})
}

func TestPlainLine(t *testing.T) {
	for in, want := range map[string]string{
		"- **Max** `size`: __1 MiB__":     "Max size: 1 MiB",
		"> **Exam tip:** use [SQS](x.md)": "Exam tip: use SQS",
		"| a | b |":                       "a · b",
		"### Heading":                     "Heading",
		"snake_case stays":                "snake_case stays",
	} {
		if got := PlainLine(in); got != want {
			t.Errorf("PlainLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBlocksJoinWrappedLines(t *testing.T) {
	body := []string{
		"- A list item the author",
		"  wrapped onto two lines.",
		"- Another item.",
		"",
		"A paragraph",
		"on two lines.",
		"> **Exam tip:** a quote",
		"> that goes on.",
		"| a | b |",
		"| c | d |",
		"```json",
		"{ \"x\": 1 }",
		"```",
		"1. First step",
		"   continued.",
	}
	var got []string
	var bs blocks
	emit := func(b block) { got = append(got, b.text) }
	for i, l := range body {
		bs.add(i, l, emit)
	}
	bs.flush(emit)
	want := []string{
		"A list item the author wrapped onto two lines.", "Another item.",
		"A paragraph on two lines.", "Exam tip: a quote that goes on.",
		"a · b", "c · d", `{ "x": 1 }`, "1. First step continued.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks:\n%q\nwant\n%q", got, want)
	}
}
