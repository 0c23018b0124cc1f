package notes_test

import (
	"testing"

	"dvaprep/content"
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
