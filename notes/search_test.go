package notes_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"dvaprep/content"
	"dvaprep/notes"
	"dvaprep/pack"
)

func realPack(tb testing.TB) *pack.Pack {
	tb.Helper()
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		tb.Fatalf("embedded pack: %v %v", err, probs)
	}
	return p
}

// smallPack is a pack of one note with the given body and an optional glossary.
func smallPack(t *testing.T, body, glossary string) *pack.Pack {
	t.Helper()
	fsys := testPack("---\nid: a\ntitle: Alpha\ndomain: \"1\"\ntasks: [\"1.1\"]\n---\n" + body)
	if glossary != "" {
		fsys["glossary.yaml"] = &fstest.MapFile{Data: []byte(glossary)}
	}
	p, probs, err := pack.Load(fsys)
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	return p
}

func links(rs []notes.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Link())
	}
	return out
}

func TestWordsInAnyOrderWithoutStopWords(t *testing.T) {
	ix := notes.NewIndex(realPack(t))
	want := ix.Search("visibility timeout", 1)
	for _, q := range []string{"timeout visibility", "what is the visibility timeout?", "Visibility  TIMEOUT", "how does visibility timeout work"} {
		got := ix.Search(q, 1)
		if len(got) == 0 || got[0].Link() != want[0].Link() {
			t.Errorf("%q: got %v, want %s", q, links(got), want[0].Link())
		}
	}
}

func TestTypoPrefixAndWholeWord(t *testing.T) {
	ix := notes.NewIndex(realPack(t))
	cases := []struct{ query, note string }{
		{"kenesis", "kinesis"}, // one edit, 7 letters
		{"cognto", "cognito"},  // one edit, 6 letters
		{"dynamdb streams", "dynamodb"},
		{"visib", "sqs"}, // a prefix while typing
	}
	for _, c := range cases {
		got := ix.Search(c.query, 1)
		if len(got) == 0 || got[0].NoteID != c.note {
			t.Errorf("%q: got %v, want a section of %s", c.query, links(got), c.note)
		}
	}
	// Words under five letters get no typo tolerance: "sqz" is not "sqs".
	if got := ix.Search("sqz", 5); len(got) != 0 {
		t.Errorf("sqz matched %v", links(got))
	}
}

func TestAllTermsBeatSomeTermsAndSomeStillShow(t *testing.T) {
	p := smallPack(t, "## Queues\n\nqueue queue queue queue retention.\n\n## Other\n\nA queue with a dead letter target.\n\n## Third\n\nnothing here.\n", "")
	ix := notes.NewIndex(p)
	got := ix.Search("queue dead letter", 5)
	if len(got) != 2 || got[0].Link() != "a#other" || !got[0].AllTerms || got[1].AllTerms {
		t.Fatalf("got %v", links(got))
	}
	if got[0].Score <= 0 || got[1].Link() != "a#queues" {
		t.Errorf("some-terms section missing or wrong: %v", links(got))
	}
}

func TestGlossaryExpandsBelowLiteral(t *testing.T) {
	p := smallPack(t, "## Literal\n\nThe DLQ gets failed messages.\n\n## Expanded\n\nThe dead letter queue gets failed messages.\n\n## None\n\nnothing.\n",
		"dlq: dead letter queue\n")
	ix := notes.NewIndex(p)
	got := ix.Search("dlq", 5)
	if len(got) != 2 || got[0].Link() != "a#literal" || got[1].Link() != "a#expanded" {
		t.Fatalf("got %v, want the literal section first, then the expanded one", links(got))
	}
	if !got[0].Literal || got[1].Literal || got[1].Score >= got[0].Score {
		t.Errorf("literal %v/%v scores %v/%v", got[0].Literal, got[1].Literal, got[0].Score, got[1].Score)
	}
	if strings.Join(markedWords(got[1].Snippet, got[1].Matched), " ") != "dead letter queue" {
		t.Errorf("expanded snippet marks %q", markedWords(got[1].Snippet, got[1].Matched))
	}
}

func TestOneResultPerSection(t *testing.T) {
	ix := notes.NewIndex(realPack(t))
	seen := map[string]bool{}
	for _, r := range ix.Search("visibility timeout", 40) {
		if seen[r.Link()] {
			t.Errorf("%s twice", r.Link())
		}
		seen[r.Link()] = true
	}
}

// markedWords returns the runs of marked runes in text.
func markedWords(text string, pos []int) []string {
	runes := []rune(text)
	set := map[int]bool{}
	for _, p := range pos {
		set[p] = true
	}
	var out []string
	var cur []rune
	for i, r := range runes {
		if set[i] {
			cur = append(cur, r)
		} else if len(cur) > 0 {
			out = append(out, string(cur))
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}

func TestSnippetStartsAtBoundaryAndMarksWords(t *testing.T) {
	long := strings.Repeat("Some words come first here. ", 6) + "Then the visibility timeout hides a message."
	p := smallPack(t, "## S\n\n"+long+"\n", "")
	got := notes.NewIndex(p).Search("visibility timeout", 1)
	if len(got) != 1 {
		t.Fatal("no result")
	}
	r := got[0]
	if r.Snippet != "…Then the visibility timeout hides a message." {
		t.Errorf("snippet %q, want it to start at the sentence", r.Snippet)
	}
	if w := markedWords(r.Snippet, r.Matched); strings.Join(w, ",") != "visibility,timeout" {
		t.Errorf("marked %q", w)
	}
	if r.Line != 2 {
		t.Errorf("line %d, want 2", r.Line)
	}
	if w := markedWords(r.Heading, r.HeadingMatched); len(w) != 0 {
		t.Errorf("heading marked %q", w)
	}
}

func TestSnippetOfAVeryLongWord(t *testing.T) {
	p := smallPack(t, "## S\n\n"+strings.Repeat("x", 500)+" visibility "+strings.Repeat("y ", 300)+"\n", "")
	got := notes.NewIndex(p).Search("visibility", 1)
	if len(got) != 1 || !strings.Contains(got[0].Snippet, "visibility") || len([]rune(got[0].Snippet)) > 230 {
		t.Errorf("snippet %v", got)
	}
}

func TestSuggest(t *testing.T) {
	ix := notes.NewIndex(realPack(t))
	if got := ix.Search("zkinesiz", 5); len(got) != 0 {
		t.Fatalf("zkinesiz (two edits) found %v", links(got))
	}
	s := ix.Suggest("zkinesiz")
	if len(s) == 0 || s[0] != "kinesis" {
		t.Errorf("suggest zkinesiz = %v, want kinesis first", s)
	}
	// Words that are nowhere in the notes fall back to a fuzzy match over the headings.
	if got := ix.Search("vsblty tmout", 3); len(got) == 0 || got[0].Link() != "sqs#visibility-timeout" {
		t.Errorf("vsblty tmout: %v", links(got))
	}
	if s := ix.Suggest("zzqxw"); len(s) != 0 {
		t.Errorf("suggest zzqxw = %v", s)
	}
	if s := ix.Suggest("visibility"); len(s) != 0 {
		t.Errorf("a known word got suggestions %v", s)
	}
}

func TestHighlighterFindsSearchWords(t *testing.T) {
	ix := notes.NewIndex(realPack(t))
	h := ix.Highlighter("kenesis shards")
	text := "Each Kinesis shard takes 1 MB/s; add shards to scale."
	var got []string
	runes := []rune(text)
	for _, sp := range h.Find(text) {
		got = append(got, string(runes[sp[0]:sp[1]]))
	}
	if strings.Join(got, ",") != "Kinesis,shard,shards" {
		t.Errorf("found %q", got)
	}
	if !ix.Highlighter("   ").Empty() {
		t.Error("empty query highlights")
	}
}

func TestEmptyAndOddQueries(t *testing.T) {
	ix := notes.NewIndex(realPack(t))
	for _, q := range []string{"", "   ", "\x1b[2J", "((((", "ü", strings.Repeat("a", 500), "#", "\u202e", strings.Repeat("lambda ", 20000), "the a of"} {
		for _, r := range ix.Search(q, 10) { // must not panic
			checkPositions(t, q, r)
		}
		_ = ix.Suggest(q)
	}
	if got := ix.Search("", 10); got != nil {
		t.Errorf("empty query returned %d results", len(got))
	}
	if got := ix.Search("visibility", 0); got != nil {
		t.Errorf("limit 0 returned %d results", len(got))
	}
}

func checkPositions(t *testing.T, q string, r notes.Result) {
	t.Helper()
	for _, c := range []struct {
		text string
		pos  []int
	}{{r.Snippet, r.Matched}, {r.Heading, r.HeadingMatched}} {
		n := len([]rune(c.text))
		for _, i := range c.pos {
			if i < 0 || i >= n {
				t.Fatalf("query %q: position %d outside %q", q, i, c.text)
			}
		}
	}
}

func TestSectionMarkdown(t *testing.T) {
	p := realPack(t)
	n := p.Note("sqs")
	md, ok := notes.SectionMarkdown(n, "visibility-timeout")
	if !ok || !strings.HasPrefix(md, "## Visibility timeout") || strings.Contains(md, "## Dead-letter queues") {
		t.Errorf("section markdown:\n%s", md)
	}
	if _, ok := notes.SectionMarkdown(n, "nope"); ok {
		t.Error("unknown section found")
	}
}

func TestCheckGlossary(t *testing.T) {
	p := smallPack(t, "## S\n\nThe dead letter queue.\n", "dlq: dead letter queue\nxyz: [dead letter, qqqq www]\n")
	probs := notes.CheckGlossary(p)
	if len(probs) != 1 || probs[0].Line != 2 || !strings.Contains(probs[0].Msg, `"qqqq www"`) {
		t.Errorf("problems %v", probs)
	}
	if probs := notes.CheckGlossary(realPack(t)); len(probs) > 0 {
		t.Errorf("the embedded glossary: %v", probs)
	}
}

func FuzzSearch(f *testing.F) {
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		f.Fatal(err, probs)
	}
	ix := notes.NewIndex(p)
	for _, s := range []string{"dlq", "kms rotation", "é", "\xff", "a b c", "kenesis shard", "env var"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, r := range ix.Search(q, 20) {
			checkPositions(t, q, r)
		}
		_ = ix.Suggest(q)
	})
}

// bigPack is the pack's notes ten times over, for the budget over a corpus ten times larger.
func bigPack(b *testing.B) (*pack.Pack, *pack.Pack) {
	p := realPack(b)
	big := &pack.Pack{Glossary: p.Glossary}
	for i := 0; i < 10; i++ {
		for _, n := range p.Notes {
			c := *n
			c.ID = fmt.Sprintf("%s-%d", n.ID, i)
			big.Notes = append(big.Notes, &c)
		}
	}
	return p, big
}

// BenchmarkSearch measures one keystroke (one operation: a query from the list, in turn) over the pack and
// over a corpus ten times larger.
func BenchmarkSearch(b *testing.B) {
	p, big := bigPack(b)
	for _, corpus := range []struct {
		name string
		p    *pack.Pack
	}{{"pack", p}, {"10x", big}} {
		ix := notes.NewIndex(corpus.p)
		ix.Prepare()
		b.Run(corpus.name, func(b *testing.B) {
			queries := []string{"v", "vi", "vis", "visi", "visibility", "visibility t", "visibility timeout",
				"how long does a message stay in queue", "kms rotation", "dlq", "kenesis shard", "zzqx"}
			i := 0
			for b.Loop() {
				ix.Search(queries[i%len(queries)], 40)
				i++
			}
		})
	}
}

// BenchmarkIndexBuild measures building the index, which happens once, on first use.
func BenchmarkIndexBuild(b *testing.B) {
	p, big := bigPack(b)
	for _, corpus := range []struct {
		name string
		p    *pack.Pack
	}{{"pack", p}, {"10x", big}} {
		b.Run(corpus.name, func(b *testing.B) {
			for b.Loop() {
				notes.NewIndex(corpus.p).Prepare()
			}
		})
	}
}
