// Command compile writes the compiled form of the embedded pack (see pack.Compile), with the search index
// of its notes (notes.CompileIndex), which dvaprep decodes at start instead of parsing the YAML and
// indexing the notes, and every note and section rendered as `dvaprep notes show` prints them at the
// common widths (see Prerenders), so that it prints them without rendering. `go generate ./content/` runs it; it refuses a pack with problems.
package main

import (
	"fmt"
	"os"

	"dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/ui/markdown"
)

func main() {
	if err := compile("dva-c02", "dva-c02.pack"); err != nil {
		fmt.Fprintln(os.Stderr, "compile:", err)
		os.Exit(1)
	}
}

func compile(dir, out string) error {
	fsys, err := pack.DirFS(dir)
	if err != nil {
		return err
	}
	p, probs, err := pack.Load(fsys)
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		return fmt.Errorf("the pack has %d problems (run `dvaprep validate %s`); the first: %v", len(probs), dir, probs[0])
	}
	hash, err := pack.SourceHash(fsys)
	if err != nil {
		return err
	}
	p.CompiledIndex = notes.CompileIndex(p)
	if p.CompiledRenders, err = markdown.CompilePrerenders(Prerenders(p)); err != nil {
		return err
	}
	data, err := pack.Compile(p, hash)
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}

// Prerenders lists what `notes show` prints for every note and section of p, at each width and theme of
// markdown.PrerenderWidths and markdown.PrerenderThemes.
func Prerenders(p *pack.Pack) []markdown.Prerender {
	var docs []markdown.Prerender
	for _, n := range p.Notes {
		slugs := []string{""}
		for _, s := range n.Sections {
			slugs = append(slugs, s.Slug)
		}
		for _, slug := range slugs {
			md, ok := notes.ShowMarkdown(n, slug)
			if !ok {
				continue
			}
			for _, w := range markdown.PrerenderWidths {
				for _, th := range markdown.PrerenderThemes {
					docs = append(docs, markdown.Prerender{MD: md, Width: w, Theme: th})
				}
			}
		}
	}
	return docs
}
