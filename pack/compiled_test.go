package pack_test

import (
	"bytes"
	"testing"

	"dvaprep/content"
	"dvaprep/pack"
)

// Compiling the same pack twice gives the same bytes, so `go generate ./content/` changes the committed
// .pack only when the content does. gob writes a map (a scenario's nodes) in Go's random iteration order,
// and the scenarios part differed from one run to the next.
func TestCompileIsDeterministic(t *testing.T) {
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	first, err := pack.Compile(p, pack.Hash{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		again, err := pack.Compile(p, pack.Hash{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, first) {
			at := 0
			for at < min(len(first), len(again)) && first[at] == again[at] {
				at++
			}
			t.Fatalf("compile %d differs from the first at byte %d of %d", i+2, at, len(first))
		}
	}
}
