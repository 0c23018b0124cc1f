package content_test

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"dvaprep/content"
	"dvaprep/notes"
	"dvaprep/pack"
)

var allParts = []pack.Parts{0, pack.Notes, pack.Questions, pack.Scenarios, pack.All}

// TestCompileRoundTrip compiles the YAML pack and decodes it again: every part must come back equal to
// what the YAML loader builds, so the compiled form can stand in for it.
func TestCompileRoundTrip(t *testing.T) {
	hash, err := pack.SourceHash(content.FS())
	if err != nil {
		t.Fatal(err)
	}
	data, err := pack.Compile(load(t), hash)
	if err != nil {
		t.Fatal(err)
	}
	for _, parts := range allParts {
		want, probs, err := pack.LoadParts(content.FS(), parts)
		if err != nil || len(probs) > 0 {
			t.Fatal(err, probs)
		}
		got, err := pack.LoadCompiled(data, content.FS(), parts)
		if err != nil {
			t.Fatalf("parts %d: %v", parts, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("parts %d: the compiled pack differs from the YAML", parts)
		}
	}
}

// TestCompiledPackIsCurrent checks the compiled pack in the binary against the YAML beside it. When the YAML
// has changed since `go generate ./content/`, dvaprep loads the YAML instead (slower, never wrong), so a
// stale compiled pack is not an error while authors edit the YAML; CI (.ci/run) sets DVAPREP_REQUIRE_COMPILED
// so that a release cannot ship one.
func TestCompiledPackIsCurrent(t *testing.T) {
	got, err := pack.LoadCompiled(content.Compiled(), content.FS(), pack.All)
	if errors.Is(err, pack.ErrStale) {
		if os.Getenv("DVAPREP_REQUIRE_COMPILED") != "" {
			t.Fatal("content/dva-c02.pack is older than the YAML: run `go generate ./content/` and commit it")
		}
		t.Skip("content/dva-c02.pack is older than the YAML: run `go generate ./content/`")
	}
	if err != nil {
		t.Fatal(err)
	}
	got.CompiledRenders = nil // checked against live renders by TestPrerendersMatchLive
	if !reflect.DeepEqual(got, load(t)) {
		t.Error("the compiled pack differs from the YAML it was compiled from")
	}
	// The search index depends on the code that builds it as well as on the notes: a change to either
	// needs `go generate ./content/`.
	withIndex, err := pack.LoadCompiled(content.Compiled(), content.FS(), pack.SearchIndex)
	if err != nil {
		t.Fatal(err)
	}
	if want := notes.CompileIndex(load(t)); !bytes.Equal(withIndex.CompiledIndex, want) {
		t.Fatalf("the compiled search index (%d bytes) differs from the index built from the YAML (%d bytes): "+
			"run `go generate ./content/`", len(withIndex.CompiledIndex), len(want))
	}
	if withIndex.Notes != nil {
		t.Error("the search index part decoded the notes too")
	}
}

// TestCompiledIndexSearchesAsBuilt runs every query of the search evaluation set, and its prefixes as a
// learner types them, on the compiled search index (without the notes, as `dvaprep search` loads it) and on
// an index built from the YAML: the results must be the same.
func TestCompiledIndexSearchesAsBuilt(t *testing.T) {
	p := load(t)
	hash, err := pack.SourceHash(content.FS())
	if err != nil {
		t.Fatal(err)
	}
	p.CompiledIndex = notes.CompileIndex(p)
	data, err := pack.Compile(p, hash)
	if err != nil {
		t.Fatal(err)
	}
	onlyIndex, err := pack.LoadCompiled(data, content.FS(), pack.SearchIndex)
	if err != nil {
		t.Fatal(err)
	}
	if onlyIndex.Notes != nil || len(onlyIndex.CompiledIndex) == 0 {
		t.Fatalf("loaded %d notes and a %d-byte index; want the index alone", len(onlyIndex.Notes), len(onlyIndex.CompiledIndex))
	}
	compiled, built := notes.NewIndex(onlyIndex), notes.NewIndex(load(t))
	if err := compiled.Prepare(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../notes/testdata/learner-queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); {
		q, _, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(q, "#") {
			continue
		}
		for _, typed := range []string{q, q[:len(q)/2], q[:len(q)-1]} {
			n++
			if got, want := compiled.Search(typed, 10), built.Search(typed, 10); !reflect.DeepEqual(got, want) {
				t.Errorf("%q: the compiled index found %d results, the built one %d, or they differ", typed, len(got), len(want))
			}
		}
		if got, want := compiled.Suggest(q+"x"), built.Suggest(q+"x"); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: suggestions %v, want %v", q+"x", got, want)
		}
	}
	if n < 300 {
		t.Errorf("only %d queries compared", n)
	}
}

func TestStaleCompiledPackIsRefused(t *testing.T) {
	data, err := pack.Compile(load(t), pack.Hash{{1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pack.LoadCompiled(data, content.FS(), pack.All); !errors.Is(err, pack.ErrStale) {
		t.Errorf("a pack compiled from other files: err = %v, want ErrStale", err)
	}
	if _, err := pack.LoadCompiled([]byte("not a pack"), content.FS(), pack.All); !errors.Is(err, pack.ErrStale) {
		t.Errorf("garbage: err = %v, want ErrStale", err)
	}
	hash, _ := pack.SourceHash(content.FS())
	good, _ := pack.Compile(load(t), hash)
	if _, err := pack.LoadCompiled(good[:len(good)-100], content.FS(), pack.All); err == nil {
		t.Error("a truncated compiled pack decoded without error")
	}
}

// BenchmarkLoadCompiled is the start-up load of the embedded pack from its compiled form, with the check
// that it is current (budget: 10 ms for one command).
func BenchmarkLoadCompiled(b *testing.B) {
	// Compiled here from the YAML, so the benchmark runs even when content/dva-c02.pack is stale.
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		b.Fatal(err, probs)
	}
	hash, err := pack.SourceHash(content.FS())
	if err != nil {
		b.Fatal(err)
	}
	data, err := pack.Compile(p, hash)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		parts pack.Parts
	}{{"blueprint", 0}, {"notes", pack.Notes}, {"all", pack.All}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := pack.LoadCompiled(data, content.FS(), c.parts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSourceHash(b *testing.B) {
	for b.Loop() {
		if _, err := pack.SourceHash(content.FS()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSearchIndexPart checks what the SearchIndex part loads: the index alone from a pack compiled with
// one, the notes (to build one from) from a pack compiled without, and the notes from the YAML.
func TestSearchIndexPart(t *testing.T) {
	p := load(t)
	hash, err := pack.SourceHash(content.FS())
	if err != nil {
		t.Fatal(err)
	}
	without, err := pack.Compile(p, hash)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pack.LoadCompiled(without, content.FS(), pack.SearchIndex)
	if err != nil {
		t.Fatal(err)
	}
	if got.CompiledIndex != nil || len(got.Notes) != len(p.Notes) {
		t.Errorf("compiled without an index: %d-byte index, %d notes; want none and %d", len(got.CompiledIndex), len(got.Notes), len(p.Notes))
	}
	yaml, probs, err := pack.LoadParts(content.FS(), pack.SearchIndex)
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	if yaml.CompiledIndex != nil || len(yaml.Notes) != len(p.Notes) {
		t.Errorf("from YAML: %d-byte index, %d notes; want none and %d", len(yaml.CompiledIndex), len(yaml.Notes), len(p.Notes))
	}
	p.CompiledIndex = []byte("an index")
	with, err := pack.Compile(p, hash)
	if err != nil {
		t.Fatal(err)
	}
	got, err = pack.LoadCompiled(with, content.FS(), pack.SearchIndex|pack.Questions)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.CompiledIndex) != "an index" || len(got.Questions) != len(p.Questions) {
		t.Errorf("with an index: %q, %d questions", got.CompiledIndex, len(got.Questions))
	}
	if got, err := pack.LoadCompiled(with, content.FS(), pack.All); err != nil || got.CompiledIndex != nil {
		t.Errorf("without the SearchIndex part: err %v, %d-byte index", err, len(got.CompiledIndex))
	}
}

// TestStalePerPart checks that a command checks the files of the parts it loads: an edited question makes
// the questions stale and leaves the notes and the search index usable; an edited note makes every part
// that rests on the notes stale.
func TestStalePerPart(t *testing.T) {
	files := fstest.MapFS{}
	err := fs.WalkDir(content.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.FS(), name)
		files[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p := load(t)
	hash, err := pack.SourceHash(files)
	if err != nil {
		t.Fatal(err)
	}
	data, err := pack.Compile(p, hash)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(dir string) {
		for name, f := range files {
			if strings.HasPrefix(name, dir+"/") {
				f.Data = append(f.Data, '\n')
				return
			}
		}
		t.Fatalf("no file in %s", dir)
	}
	stale := func(parts pack.Parts) bool {
		_, err := pack.LoadCompiled(data, files, parts)
		if err != nil && !errors.Is(err, pack.ErrStale) {
			t.Fatal(err)
		}
		return err != nil
	}
	edit("questions")
	if stale(pack.Notes) || stale(pack.SearchIndex) || stale(pack.Scenarios) || !stale(pack.Questions) || !stale(pack.All) {
		t.Error("after a question's edit: want only the parts with questions stale")
	}
	edit("notes")
	if !stale(pack.Notes) || !stale(pack.SearchIndex) || !stale(pack.Scenarios) {
		t.Error("after a note's edit: want every part with notes stale")
	}
	if stale(0) {
		t.Error("after a note's edit: the blueprint alone is not stale")
	}
}
