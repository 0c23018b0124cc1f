package pack_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dvaprep/content"
	"dvaprep/pack"
)

func TestGlossary(t *testing.T) {
	p, probs, err := pack.Load(packFS(map[string]string{"notes/sqs.md": goodNote, "glossary.yaml": `# learners' words
DLQ: Dead-letter queue
cmk: [KMS key, customer managed key]
`}))
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	want := []pack.GlossaryEntry{
		{Term: "dlq", Means: []string{"dead letter queue"}, Line: 2},
		{Term: "cmk", Means: []string{"kms key", "customer managed key"}, Line: 3},
	}
	if !slices.EqualFunc(p.Glossary, want, func(a, b pack.GlossaryEntry) bool {
		return a.Term == b.Term && a.Line == b.Line && slices.Equal(a.Means, b.Means)
	}) {
		t.Errorf("glossary %+v", p.Glossary)
	}
}

func TestGlossaryProblems(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"- gsi\n", "glossary.yaml:1: the glossary is a mapping"},
		{"gsi: global secondary index\ngsi: other\n", "glossary.yaml:2: glossary term \"gsi\" is already defined on line 1"},
		{"a b c d e: x\n", "glossary.yaml:1: glossary term \"a b c d e\" has more than 4 words"},
		{"gsi: gsi\n", "glossary.yaml:1: glossary term \"gsi\" means itself"},
		{"gsi: \"--\"\n", "glossary.yaml:1: glossary term \"gsi\": a meaning must be a word or a short phrase"},
		{"gsi: {a: b}\n", "glossary.yaml:1: glossary term \"gsi\": give a meaning or a list of meanings"},
		{"gsi: []\n", "glossary.yaml:1: glossary term \"gsi\" has no meaning"},
		{"gsi: one two three four five six seven\n", "more than 6 words"},
		{"gsi: [unclosed\n", "glossary.yaml:"},
		{"\"!!\": x\n", "glossary.yaml:1: a glossary term must be a word or a short phrase"},
	}
	for _, c := range cases {
		_, probs, err := pack.Load(packFS(map[string]string{"notes/sqs.md": goodNote, "glossary.yaml": c.yaml}))
		if err != nil {
			t.Fatal(err)
		}
		if len(probs) == 0 || !strings.Contains(probs.Error(), c.want) {
			t.Errorf("%q: problems %v, want %q", c.yaml, probs, c.want)
		}
	}
}

func TestEmbeddedGlossary(t *testing.T) {
	p, _, err := pack.Load(content.FS())
	if err != nil {
		t.Fatal(err)
	}
	terms := map[string]bool{}
	for _, g := range p.Glossary {
		terms[g.Term] = true
	}
	for _, want := range []string{"gsi", "lsi", "dlq", "ddb", "sfn", "cfn", "eb", "kds", "kdf", "cmk", "sse", "iam role", "execution role", "msg", "env var"} {
		if !terms[want] {
			t.Errorf("the glossary lacks %q", want)
		}
	}
}

func FuzzGlossary(f *testing.F) {
	f.Add("gsi: global secondary index\n")
	f.Add("cmk: [KMS key, customer managed key]\n\"\": x\n")
	f.Add("a: {b: c}\n- x\n")
	f.Fuzz(func(t *testing.T, y string) {
		p, _, err := pack.Load(packFS(map[string]string{"notes/sqs.md": goodNote, "glossary.yaml": y}))
		if err != nil {
			return
		}
		for _, g := range p.Glossary {
			if g.Term == "" || len(g.Means) == 0 {
				t.Fatalf("empty entry kept: %+v", g)
			}
		}
	})
}

// TestGlossaryReadSafely checks that the glossary goes through the pack's bounded reader.
func TestGlossaryReadSafely(t *testing.T) {
	fsys := packFS(map[string]string{"notes/sqs.md": goodNote})
	fsys["glossary.yaml"] = &fstest.MapFile{Data: []byte(strings.Repeat("#", pack.MaxFileBytes+1))}
	_, probs, err := pack.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || probs[0].File != "glossary.yaml" || !strings.Contains(probs[0].Msg, "too large") {
		t.Errorf("problems %v", probs)
	}
	fsys["glossary.yaml"] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
	if _, probs, _ = pack.Load(fsys); len(probs) != 1 || probs[0].File != "glossary.yaml" {
		t.Errorf("a FIFO glossary: problems %v", probs)
	}
}
