package notes

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
	"testing/fstest"

	"dvaprep/content"
	"dvaprep/pack"
)

func loadFS(t *testing.T, fsys fstest.MapFS) *pack.Pack {
	t.Helper()
	p, probs, err := pack.Load(fsys)
	if err != nil || len(probs) > 0 {
		t.Fatalf("load: %v %v", err, probs)
	}
	return p
}

// oddPack has what the common case does not: words with letters beyond ASCII, camelCase names, a
// glossary with terms of several words, an "up to" limit, a note whose title has no words.
func oddPack(t *testing.T) *pack.Pack {
	const head = "id: t\ntitle: T\nexam: {questions: 2, minutes: 2, scale_min: 100, scale_max: 1000, passing: 720}\n" +
		"domains:\n  - id: \"1\"\n    name: One\n    weight: 100\n    tasks: [{id: \"1.1\", name: T}]\n"
	return loadFS(t, fstest.MapFS{
		"pack.yaml": {Data: []byte(head)},
		"notes/a.md": {Data: []byte("---\nid: a\ntitle: Café Straße\ndomain: \"1\"\ntasks: [\"1.1\"]\ntags: [naïve, GenerateDataKey]\n---\n" +
			"Intro with LambdaCanary10Percent5Minutes and HTTPRequest.\n\n## Größe\n\nUp to 10 GB, at most 5.\n\n" +
			"```json\n{\"visibilityTimeout\": 30}\n```\n\n| a | b |\n|---|---|\n| dead-letter queue | yes |\n\n## Empty\n\n## Zürich façade\n\n> quoted text\n")},
		"notes/b.md":    {Data: []byte("---\nid: b\ntitle: \"–\"\ndomain: \"1\"\ntasks: [\"1.1\"]\n---\nSecond note, dead letter queues.\n")},
		"glossary.yaml": {Data: []byte("dlq: dead-letter queue\nenv var: [environment variable, env]\n")},
	})
}

// TestCompiledIndexEqualsBuilt checks that the compiled index decodes into exactly the index that building
// it from the notes gives, for the embedded pack and for an unusual one.
func TestCompiledIndexEqualsBuilt(t *testing.T) {
	real, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	for name, p := range map[string]*pack.Pack{"embedded": real, "odd": oddPack(t)} {
		built := build(p)
		got, err := decodeIndex(built.encode())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got.loadAll()
		if got.lazy == nil {
			t.Fatalf("%s: the decoded index has nothing left to decode on use", name)
		}
		got.lazy = nil
		if !reflect.DeepEqual(got, built) {
			t.Errorf("%s: the decoded index differs from the built one", name)
		}
		if len(built.toks) == 0 || len(built.gloss) == 0 && name == "odd" {
			t.Errorf("%s: the index holds nothing to compare", name)
		}
	}
}

// TestIndexFromCompiled checks that an index made from a pack's compiled index searches exactly as one built
// from its notes, and that an unreadable compiled index is reported and replaced by a built one.
func TestIndexFromCompiled(t *testing.T) {
	p := oddPack(t)
	built := NewIndex(p)
	withIndex := *p
	withIndex.CompiledIndex = CompileIndex(p)
	onlyIndex := pack.Pack{CompiledIndex: withIndex.CompiledIndex} // as `search` loads it: no notes
	damaged := *p
	damaged.CompiledIndex = append([]byte(nil), withIndex.CompiledIndex[:len(withIndex.CompiledIndex)/2]...)

	compiled, bare, rebuilt := NewIndex(&withIndex), NewIndex(&onlyIndex), NewIndex(&damaged)
	if err := compiled.Prepare(); err != nil {
		t.Fatal(err)
	}
	if err := bare.Prepare(); err != nil {
		t.Fatal(err)
	}
	if err := rebuilt.Prepare(); !errors.Is(err, ErrIndexFormat) {
		t.Errorf("a damaged compiled index: err = %v, want ErrIndexFormat", err)
	}
	for _, q := range []string{"café", "cafe", "grosse", "größe", "canary", "http request", "dlq", "env var", "max 10",
		"visibility timeout", "visib", "zurich facade", "quoted", "second", "dead letter", "zzz", "strase"} {
		want := built.Search(q, 10)
		for name, ix := range map[string]*Index{"compiled": compiled, "compiled, no notes": bare, "rebuilt": rebuilt} {
			if got := ix.Search(q, 10); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %q: %+v, want %+v", name, q, got, want)
			}
			if got, want := ix.Suggest(q), built.Suggest(q); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: suggest %q: %v, want %v", name, q, got, want)
			}
		}
	}
}

// TestDamagedCompiledIndex decodes a compiled index cut short at every length and with bytes changed at
// random: the checksum refuses each. Past the checksum, the decoder itself must refuse damage or give an
// index that searches without panicking, whatever it decodes later.
func TestDamagedCompiledIndex(t *testing.T) {
	good := CompileIndex(oddPack(t))
	for n := range len(good) {
		if _, err := decodeIndex(good[:n]); err == nil {
			t.Fatalf("cut to %d of %d bytes: no error", n, len(good))
		}
	}
	headLen := len(indexMagic) + 1 + 4*len(rankingParams) + 4
	rng := rand.New(rand.NewPCG(1, 2))
	decoded := 0
	for range 3000 {
		bad := append([]byte(nil), good...)
		for range 1 + rng.IntN(3) {
			bad[headLen+rng.IntN(len(bad)-headLen)] ^= byte(1 + rng.IntN(255))
		}
		if _, err := decodeIndex(bad); err == nil {
			t.Fatal("a changed compiled index passed its checksum")
		}
		d, err := decodeBody(&decoder{s: string(bad), off: headLen})
		if err != nil {
			continue
		}
		decoded++
		ix := &Index{d: d}
		ix.once.Do(func() {})
		for _, q := range []string{"café", "canary", "dlq", "dead letter", "env var", "grose", "zurich", "up to"} {
			ix.Search(q, 5)
			ix.Suggest(q)
			ix.Highlighter(q)
		}
		d.loadAll()
	}
	if decoded == 0 {
		t.Error("no damaged index got past the decoder: the searches on damaged data were not tried")
	}
}

// TestCompiledIndexConcurrent searches a compiled index from several goroutines at once, while its parts
// are decoded on first use (run with -race).
func TestCompiledIndexConcurrent(t *testing.T) {
	p := oddPack(t)
	want := NewIndex(p).Search("dead letter queue canary", 10)
	ix := NewIndex(&pack.Pack{CompiledIndex: CompileIndex(p)})
	done := make(chan []Result)
	for range 8 {
		go func() { done <- ix.Search("dead letter queue canary", 10) }()
	}
	for range 8 {
		if got := <-done; !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
	}
}

// BenchmarkDecodeIndex is what `dvaprep search` pays for the index: decoding the compiled one.
func BenchmarkDecodeIndex(b *testing.B) {
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		b.Fatal(err, probs)
	}
	data := CompileIndex(p)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := decodeIndex(data); err != nil {
			b.Fatal(err)
		}
	}
}
