package content_test

import (
	"testing"

	"dvaprep/content"
	"dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/ui/markdown"
)

// TestPrerendersMatchLive checks that the compiled pack holds a pre-render of everything `notes show` can
// print at the pre-rendered widths and themes, and that each equals what Render prints now, byte for byte (Dark
// renders are deterministic: ui/markdown breaks colour ties by palette order): a change to the notes, to
// ui/markdown (with RenderVersion bumped) or to glamour needs `go generate ./content/`.
func TestPrerendersMatchLive(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every note four times")
	}
	p, err := pack.LoadCompiled(content.Compiled(), content.FS(), pack.Notes)
	if err != nil {
		t.Skipf("no current compiled pack (%v): TestCompiledPackIsCurrent reports it", err)
	}
	if len(p.CompiledRenders) == 0 {
		t.Fatal("the compiled pack holds no pre-rendered notes: run `go generate ./content/`")
	}
	r := markdown.New()
	checked := 0
	for _, n := range p.Notes {
		slugs := []string{""}
		for _, s := range n.Sections {
			slugs = append(slugs, s.Slug)
		}
		for _, slug := range slugs {
			md, ok := notes.ShowMarkdown(n, slug)
			if !ok {
				t.Fatalf("%s#%s: no markdown", n.ID, slug)
			}
			for _, w := range markdown.PrerenderWidths {
				for _, th := range markdown.PrerenderThemes {
					got, ok, err := markdown.LookupPrerender(p.CompiledRenders, md, w, th)
					if err != nil || !ok {
						t.Fatalf("%s#%s at %d columns, theme %d: no pre-render (%v): run `go generate ./content/`", n.ID, slug, w, th, err)
					}
					want, err := r.Render("", md, w, th)
					if err != nil {
						t.Fatal(err)
					}
					if got != want {
						t.Fatalf("%s#%s at %d columns, theme %d: the pre-render differs from a live render: "+
							"run `go generate ./content/`", n.ID, slug, w, th)
					}
					checked++
				}
			}
		}
	}
	// Another width is not pre-rendered: notes show renders it live.
	md, _ := notes.ShowMarkdown(p.Notes[0], "")
	if _, ok, _ := markdown.LookupPrerender(p.CompiledRenders, md, 81, markdown.Plain); ok {
		t.Error("found a pre-render at 81 columns, which go generate does not make")
	}
	t.Logf("%d pre-renders equal live renders", checked)
}
