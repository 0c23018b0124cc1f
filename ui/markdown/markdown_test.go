package markdown_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"dvaprep/content"
	"dvaprep/pack"
	"dvaprep/ui/markdown"
)

func TestRenderCachesPerWidthAndTheme(t *testing.T) {
	r := markdown.New()
	md := "## Title\n\n- a list item that is long enough to wrap at a narrow width when it is rendered\n  with a soft break inside it.\n"
	narrow, err := r.Render("doc", md, 30, markdown.Dark)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := r.Cached("doc", 30, markdown.Dark); !ok || got != narrow {
		t.Error("render not cached")
	}
	if _, ok := r.Cached("doc", 31, markdown.Dark); ok {
		t.Error("cached at another width")
	}
	if _, ok := r.Cached("doc", 30, markdown.Light); ok {
		t.Error("cached for another theme")
	}
	for _, l := range strings.Split(narrow, "\n") {
		if w := ansi.StringWidth(l); w > 30 {
			t.Errorf("line %q is %d wide, over 30", ansi.Strip(l), w)
		}
	}
	// The soft break inside the list item is joined, so the item reflows instead of breaking mid-sentence.
	wide, _ := r.Render("doc", md, 120, markdown.Plain)
	if !strings.Contains(ansi.Strip(wide), "rendered with a soft break") {
		t.Errorf("soft break kept:\n%s", ansi.Strip(wide))
	}
}

func TestRenderConcurrently(t *testing.T) {
	r := markdown.New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := r.Render("", "# Hi\n\ntext", 40+i%2, markdown.Dark); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func longestNote(b *testing.B) *pack.Note {
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		b.Fatal(err, probs)
	}
	var longest *pack.Note
	for _, n := range p.Notes {
		if longest == nil || len(n.Body) > len(longest.Body) {
			longest = n
		}
	}
	return longest
}

// BenchmarkRenderNote is the first render of the longest note at width 100, whole and its first screenful
// alone, and a cached one.
func BenchmarkRenderNote(b *testing.B) {
	n := longestNote(b)
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			r := markdown.New()
			if _, err := r.Render("note", n.Body, 100, markdown.Dark); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The first screenful at 100×30, as the pager renders it before the rest (budget 10 ms).
	b.Run("firstScreen", func(b *testing.B) {
		head := markdown.Head(n.Body, 0, 100*30)
		for b.Loop() {
			r := markdown.New()
			if _, err := r.Render("", head, 100, markdown.Dark); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		r := markdown.New()
		if _, err := r.Render("note", n.Body, 100, markdown.Dark); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			_, _ = r.Render("note", n.Body, 100, markdown.Dark)
		}
	})
}

func BenchmarkRenderNoteWarm(b *testing.B) {
	n := longestNote(b)
	r := markdown.New()
	if _, err := r.Render("", "warm", 100, markdown.Dark); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := r.Render("", n.Body, 100, markdown.Dark); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSplitRenderMatchesWhole checks that rendering a long note in parts shows the same text as rendering
// it whole.
func TestSplitRenderMatchesWhole(t *testing.T) {
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	for _, id := range []string{"lambda", "dynamodb", "sqs"} {
		n := p.Note(id)
		whole, err := markdown.RenderWhole(n.Body, 100, markdown.Dark)
		if err != nil {
			t.Fatal(err)
		}
		split, err := markdown.New().Render("", n.Body, 100, markdown.Dark)
		if err != nil {
			t.Fatal(err)
		}
		w, s := visible(whole), visible(split)
		if len(w) != len(s) {
			t.Fatalf("%s: %d lines whole, %d split", id, len(w), len(s))
		}
		for i := range w {
			if w[i] != s[i] {
				t.Errorf("%s line %d:\n whole %q\n split %q", id, i, w[i], s[i])
			}
		}
	}
}

func visible(s string) []string {
	lines := strings.Split(ansi.Strip(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// TestCacheIsBoundedInBytes renders a note at many widths into a small cache: the cache keeps the most
// recent renders within its limit and drops the least recently used.
func TestCacheIsBoundedInBytes(t *testing.T) {
	const limit = 64 << 10
	r := markdown.NewWithLimit(limit)
	md := "## Heading\n\n" + strings.Repeat("Some text that wraps and wraps again at every width. ", 40)
	sizes := map[int]int{}
	for w := 30; w < 90; w++ {
		out, err := r.Render("doc", md, w, markdown.Plain)
		if err != nil {
			t.Fatal(err)
		}
		sizes[w] = len(out)
		if _, ok := r.Cached("doc", 30, markdown.Plain); ok && w > 30 {
			r.Render("doc", md, 30, markdown.Plain) // keep width 30 recently used
		}
	}
	total, kept := 0, 0
	for w := 30; w < 90; w++ {
		if out, ok := r.Cached("doc", w, markdown.Plain); ok {
			total += len(out)
			kept++
		}
	}
	if total > limit {
		t.Errorf("the cache holds %d bytes of renders, over its limit of %d", total, limit)
	}
	if kept == 0 || kept == 60 {
		t.Errorf("the cache kept %d of 60 renders; want some but not all", kept)
	}
	if _, ok := r.Cached("doc", 89, markdown.Plain); !ok {
		t.Error("the most recent render was dropped")
	}
	if _, ok := r.Cached("doc", 30, markdown.Plain); !ok {
		t.Error("a render used again and again was dropped before older ones")
	}
	if _, ok := r.Cached("doc", 31, markdown.Plain); ok {
		t.Error("the least recently used render was kept")
	}
	// A render bigger than a quarter of the cache is returned but not kept.
	big, err := r.Render("big", strings.Repeat("word ", 20000), 80, markdown.Plain)
	if err != nil || len(big) < limit/4 {
		t.Fatalf("big render: %d bytes, %v", len(big), err)
	}
	if _, ok := r.Cached("big", 80, markdown.Plain); ok {
		t.Error("a render over a quarter of the cache was kept")
	}
}

func TestHead(t *testing.T) {
	md := "# T\n\nintro line\n\n## A\n\n```\ncode\n\nmore code\n```\n\npara one\n\n## B\n\nlast\n"
	cases := []struct {
		from, max int
		want      string
	}{
		{0, 1000, md},                                    // short enough: whole
		{0, 5, "# T\n\nintro line\n"},                    // cut at the first blank line past 5 bytes
		{4, 12, "## A\n\n```\ncode\n\nmore code\n```\n"}, // from a line
		{6, 10, "```\ncode\n\nmore code\n```\n"},         // never inside a code fence
		{14, 3, "## B\n"},                                // near the end
		{99, 10, ""},                                     // past the end
	}
	for _, c := range cases {
		if got := markdown.Head(md, c.from, c.max); got != c.want {
			t.Errorf("Head(from %d, max %d) = %q, want %q", c.from, c.max, got, c.want)
		}
	}
}
