package common

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"dvaprep/pack"
)

func TestFit(t *testing.T) {
	got := Fit("short\n"+strings.Repeat("x", 30)+"\nthird\nfourth", 10, 3)
	lines := strings.Split(got, "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3: %q", len(lines), got)
	}
	if lines[0] != "short" || ansi.StringWidth(lines[1]) != 10 || !strings.HasSuffix(lines[1], "…") || lines[2] != "third" {
		t.Errorf("Fit = %q", lines)
	}
	if got := Fit("a", 5, 3); got != "a\n\n" {
		t.Errorf("padding: %q", got)
	}
}

func TestHighlightKeepsText(t *testing.T) {
	hl := lipgloss.NewStyle().Bold(true)
	out := Highlight("visibility timeout", []int{0, 1, 2, 40}, hl, lipgloss.NewStyle())
	if ansi.Strip(out) != "visibility timeout" {
		t.Errorf("text changed: %q", ansi.Strip(out))
	}
	if Highlight("abc", nil, hl, lipgloss.NewStyle()) != "abc" {
		t.Error("no positions should leave the text as is")
	}
}

func TestBar(t *testing.T) {
	for _, tc := range []struct {
		frac float64
		want string
	}{{0, "░░░░"}, {0.5, "██░░"}, {1, "████"}, {2, "████"}, {-1, "░░░░"}} {
		if got := Bar(tc.frac, 4); got != tc.want {
			t.Errorf("Bar(%v) = %q, want %q", tc.frac, got, tc.want)
		}
	}
}

func TestOptionKey(t *testing.T) {
	for _, tc := range []struct {
		key     string
		letters int
		want    int
	}{{"1", 5, 0}, {"6", 5, 5}, {"7", 5, -1}, {"a", 5, 0}, {"e", 5, 4}, {"f", 5, -1}, {"f", 6, 5}, {"enter", 6, -1}, {"", 6, -1}} {
		if got := OptionKey(tc.key, tc.letters); got != tc.want {
			t.Errorf("OptionKey(%q, %d) = %d, want %d", tc.key, tc.letters, got, tc.want)
		}
	}
}

func TestStepSkipsHeadings(t *testing.T) {
	rows := []bool{false, true, true, false, true} // false: a heading
	sel := func(i int) bool { return rows[i] }
	for _, tc := range []struct{ from, delta, want int }{
		{1, 1, 2}, {2, 1, 4}, {4, 1, 4}, {4, -1, 2}, {1, -1, 1}, {1, 10, 4}, {4, -10, 1},
	} {
		if got := Step(tc.from, tc.delta, len(rows), sel); got != tc.want {
			t.Errorf("Step(%d, %d) = %d, want %d", tc.from, tc.delta, got, tc.want)
		}
	}
}

func TestExplanationListsSources(t *testing.T) {
	q := &pack.Question{Explanation: "Because.\n"}
	if got := Explanation(q); got != "Because.\n" {
		t.Errorf("no sources: %q", got)
	}
	q.Sources = []pack.Source{{Title: "BatchWriteItem", URL: "https://docs.aws.amazon.com/a.html"}, {Title: "Errors", URL: "https://docs.aws.amazon.com/b.html"}}
	got := Explanation(q)
	for _, want := range []string{"Because.\n\n**Sources**", "- BatchWriteItem  \n  https://docs.aws.amazon.com/a.html\n", "- Errors  \n  https://docs.aws.amazon.com/b.html\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
}
