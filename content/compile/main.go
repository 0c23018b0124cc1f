// Command compile writes the compiled form of the embedded pack (see pack.Compile), with the search index
// of its notes (notes.CompileIndex), which dvaprep decodes at start instead of parsing the YAML and
// indexing the notes. `go generate ./content/` runs it; it refuses a pack with problems.
package main

import (
	"fmt"
	"os"

	"dvaprep/notes"
	"dvaprep/pack"
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
	data, err := pack.Compile(p, hash)
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
