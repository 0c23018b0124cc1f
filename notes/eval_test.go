package notes_test

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"dvaprep/notes"
)

type learnerQuery struct {
	query string
	want  []string
	line  int
}

func readLearnerQueries(t *testing.T, path string) []learnerQuery {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []learnerQuery
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		q, want, ok := strings.Cut(l, "\t")
		if !ok {
			t.Fatalf("%s:%d: want query<TAB>section", path, n)
		}
		lq := learnerQuery{query: q, line: n}
		for _, w := range strings.Split(want, "|") {
			lq.want = append(lq.want, strings.TrimSpace(w))
		}
		out = append(out, lq)
	}
	return out
}

// TestLearnerQueries runs the evaluation set: queries written the way learners ask, each with the
// section it should find. The first result must be right for 90% of them, and one of the first three
// for 98%.
func TestLearnerQueries(t *testing.T) {
	p := realPack(t)
	ix := notes.NewIndex(p)
	qs := readLearnerQueries(t, "testdata/learner-queries.tsv")
	if len(qs) < 120 {
		t.Fatalf("the evaluation set has %d queries, want at least 120", len(qs))
	}
	hit1, hit3 := 0, 0
	for _, q := range qs {
		for _, w := range q.want {
			if n, _, ok := p.Section(w); n == nil || !ok {
				t.Errorf("learner-queries.tsv:%d: %q: no section %s (was a heading renamed?)", q.line, q.query, w)
			}
		}
		res := ix.Search(q.query, 3)
		var got []string
		for _, r := range res {
			got = append(got, r.Link())
		}
		switch {
		case len(got) > 0 && slices.Contains(q.want, got[0]):
			hit1++
			hit3++
		case slices.ContainsFunc(got, func(g string) bool { return slices.Contains(q.want, g) }):
			hit3++
			t.Logf("line %d: %q: want %v first, got %v", q.line, q.query, q.want, got)
		default:
			t.Logf("line %d: %q: MISS want %v, got %v", q.line, q.query, q.want, got)
		}
	}
	n := float64(len(qs))
	t.Logf("%d queries: hit@1 %.1f%%, hit@3 %.1f%%", len(qs), 100*float64(hit1)/n, 100*float64(hit3)/n)
	if float64(hit1)/n < 0.90 || float64(hit3)/n < 0.98 {
		t.Errorf("hit@1 %.1f%% (want ≥ 90%%), hit@3 %.1f%% (want ≥ 98%%)", 100*float64(hit1)/n, 100*float64(hit3)/n)
	}
}
