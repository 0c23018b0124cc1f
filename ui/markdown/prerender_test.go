package markdown_test

import (
	"os"
	"sort"
	"strings"
	"testing"

	"dvaprep/ui/markdown"
)

// TestRenderModulesMatchGoMod keeps markdown.RenderModules (sorted by path) equal to what go.mod requires, so that updating
// glamour or what it draws with changes the key of every pre-render.
func TestRenderModulesMatchGoMod(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(markdown.RenderModules), "\n") {
		path, _, _ := strings.Cut(l, " ")
		want[path] = true
	}
	var got []string
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), "require "))
		if len(f) >= 2 && want[f[0]] {
			got = append(got, f[0]+" "+f[1])
		}
	}
	sort.Strings(got)
	if g := strings.Join(got, "\n") + "\n"; g != markdown.RenderModules {
		t.Fatalf("go.mod requires other versions of the rendering modules: set markdown.RenderModules to\n%s"+
			"and run `go generate ./content/`", g)
	}
}

func TestLookupPrerender(t *testing.T) {
	docs := []markdown.Prerender{{MD: "# A\n\nsome *text*\n", Width: 80, Theme: markdown.Plain}, {MD: "# B\n", Width: 100, Theme: markdown.Dark}}
	data, err := markdown.CompilePrerenders(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		got, ok, err := markdown.LookupPrerender(data, d.MD, d.Width, d.Theme)
		want, _ := markdown.New().Render("", d.MD, d.Width, d.Theme)
		if err != nil || !ok || got != want {
			t.Errorf("%q: got %q, %v, %v; want %q", d.MD, got, ok, err, want)
		}
	}
	for _, miss := range []markdown.Prerender{{MD: "# A\n\nsome *text*\n", Width: 81, Theme: markdown.Plain}, {MD: "# A\n\nsome *text*\n", Width: 80, Theme: markdown.Dark}, {MD: "# C\n", Width: 80, Theme: markdown.Plain}} {
		if _, ok, err := markdown.LookupPrerender(data, miss.MD, miss.Width, miss.Theme); ok || err != nil {
			t.Errorf("%+v: found a pre-render (%v) or an error (%v); want neither", miss, ok, err)
		}
	}
	// Damaged data is an error, never a panic or a wrong render.
	for _, bad := range [][]byte{data[:10], data[:len(data)-3], append([]byte("x"), data[1:]...)} {
		if out, ok, _ := markdown.LookupPrerender(bad, docs[0].MD, 80, markdown.Plain); ok && out != "" && len(bad) < len(data) {
			t.Errorf("found a render in %d bytes of damaged data", len(bad))
		}
	}
}
