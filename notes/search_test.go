package notes_test

import (
	"fmt"
	"strings"
	"testing"

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

// TestRanking pins what a learner means by common queries: the first section returned must be one of want.
func TestRanking(t *testing.T) {
	ix := notes.NewIndex(realPack(t))
	cases := []struct {
		query string
		want  []string
	}{
		{"visibility timeout", []string{"sqs#visibility-timeout"}},
		{"dlq", []string{"sqs#dead-letter-queues", "lambda#dead-letter-queues"}},
		{"cold start", []string{"lambda#cold-starts"}},
		{"kms rotation", []string{"kms#key-rotation"}},
		{"presigned", []string{"s3#presigned-urls"}},
		{"canary", []string{"api-gateway#canary-releases", "deployment-strategies#canary-and-linear"}},
		{"gsi", []string{"dynamodb#gsi-vs-lsi"}},
		{"lambda", []string{"lambda"}},
		{"sqs", []string{"sqs"}},
		{"long polling", []string{"sqs#long-polling"}},
		{"snapstart", []string{"lambda#snapstart"}},
		{"provisioned concurrency", []string{"lambda#provisioned-concurrency"}},
		{"x-ray annotations", []string{"xray#annotations-vs-metadata"}},
		{"502", []string{"troubleshooting#api-gateway-502-vs-504"}},
		{"passrole", []string{"iam#iam-passrole"}},
		{"envelope encryption", []string{"kms#envelope-encryption"}},
		{"identity pool", []string{"cognito#identity-pools"}},
		{"buildspec", []string{"codepipeline#buildspec-phases"}},
		{"appspec", []string{"codedeploy#appspec-hooks"}},
		{"emf", []string{"cloudwatch#embedded-metric-format"}},
		{"sse-c", []string{"s3#encryption", "encryption#s3-encryption-options"}},
		{"transactwriteitems", []string{"dynamodb#transactions"}},
		{"sqs retention", []string{"sqs#retention"}},
		{"lambda authorizer", []string{"api-auth#lambda-authorizers"}},
		{"logs insights", []string{"cloudwatch#logs-insights"}},
		{"Visibility  TIMEOUT", []string{"sqs#visibility-timeout"}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			got := ix.Sections(tc.query, 3)
			if len(got) == 0 {
				t.Fatalf("no results")
			}
			for _, w := range tc.want {
				if got[0].Link() == w {
					return
				}
			}
			var links []string
			for _, r := range got {
				links = append(links, r.Link())
			}
			t.Errorf("first result %s, want one of %v (top 3: %v)", got[0].Link(), tc.want, links)
		})
	}
}

// TestHeadingBeatsScatteredMatch checks that a fuzzy subsequence inside a long line never outranks an exact
// heading: the tiers put every exact match above every fuzzy one.
func TestHeadingBeatsScatteredMatch(t *testing.T) {
	p, probs, err := pack.Load(testPack(
		"---\nid: a\ntitle: Alpha\ndomain: \"1\"\ntasks: [\"1.1\"]\n---\n" +
			"## Intro\n\n" + strings.Repeat("various items stored in big lots ", 6) + "\n\n## Visibility timeout\n\nshort.\n"))
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	ix := notes.NewIndex(p)
	res := ix.Search("visibility", 10)
	if len(res) == 0 || res[0].Link() != "a#visibility-timeout" || !res[0].IsHeading {
		t.Fatalf("first = %+v", res)
	}
	for _, r := range res[1:] {
		if r.Score >= res[0].Score {
			t.Errorf("%q scored %d, not below the heading's %d", r.Text, r.Score, res[0].Score)
		}
	}
	// The scattered line does match fuzzily, but only when nothing better fills the page.
	fz := ix.Search("vsblty", 10)
	if len(fz) == 0 || fz[0].Link() != "a#visibility-timeout" {
		t.Errorf("fuzzy heading match: %+v", fz)
	}
}

func TestMatchedPositionsHighlightTheQuery(t *testing.T) {
	ix := notes.NewIndex(realPack(t))
	for _, r := range ix.Search("visibility timeout", 20) {
		runes := []rune(r.Text)
		var got strings.Builder
		for _, i := range r.Matched {
			if i < 0 || i >= len(runes) {
				t.Fatalf("position %d outside %q", i, r.Text)
			}
			got.WriteRune(runes[i])
		}
		if !strings.Contains(strings.ToLower(strings.ReplaceAll(got.String(), " ", "")), "visibilitytimeout") &&
			!strings.Contains(strings.ToLower(got.String()), "visibility") {
			t.Errorf("matched %q in %q", got.String(), r.Text)
		}
	}
}

func TestEmptyAndOddQueries(t *testing.T) {
	ix := notes.NewIndex(realPack(t))
	for _, q := range []string{"", "   ", "\x1b[2J", "((((", "ü", strings.Repeat("a", 500), "#", "\u202e"} {
		_ = ix.Search(q, 10) // must not panic
	}
	if got := ix.Search("", 10); got != nil {
		t.Errorf("empty query returned %d results", len(got))
	}
	if got := ix.Search("visibility", 0); got != nil {
		t.Errorf("limit 0 returned %d results", len(got))
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

func FuzzSearch(f *testing.F) {
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		f.Fatal(err, probs)
	}
	ix := notes.NewIndex(p)
	for _, s := range []string{"dlq", "kms rotation", "é", "\xff", "a b c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, r := range ix.Search(q, 20) {
			n := len([]rune(r.Text))
			for _, i := range r.Matched {
				if i < 0 || i >= n {
					t.Fatalf("query %q: position %d outside %q", q, i, r.Text)
				}
			}
		}
	})
}

func BenchmarkSearch(b *testing.B) {
	p := realPack(b)
	big := &pack.Pack{}
	for i := 0; i < 10; i++ {
		for _, n := range p.Notes {
			c := *n
			c.ID = fmt.Sprintf("%s-%d", n.ID, i)
			big.Notes = append(big.Notes, &c)
		}
	}
	for _, corpus := range []struct {
		name string
		p    *pack.Pack
	}{{"pack", p}, {"10x", big}} {
		ix := notes.NewIndex(corpus.p)
		b.Run(corpus.name, func(b *testing.B) {
			queries := []string{"v", "vi", "vis", "visi", "visibility", "visibility t", "visibility timeout", "kms rotation", "dlq", "zzqx"}
			for b.Loop() {
				for _, q := range queries {
					ix.Search(q, 50)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(queries)), "µs/keystroke")
		})
	}
}
