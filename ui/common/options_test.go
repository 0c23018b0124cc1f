package common

import (
	"strings"
	"testing"

	"dvaprep/pack"

	"github.com/charmbracelet/x/ansi"
)

func TestOptionListRender(t *testing.T) {
	st := NewStyles(true, true)
	opts := []Option{
		{Text: "Amazon SNS with one queue per team", Why: "SNS copies each message.", Verdict: VerdictRight},
		{Text: "One SQS queue shared by the teams, each polling it in turn", Why: "A message goes to one consumer.", Chosen: true},
		{Text: "Good enough", Why: "Works, at a cost.", Verdict: VerdictOK},
	}
	lines, rows := OptionList{Cursor: 1}.Render(st, opts, 40)
	got := ansi.Strip(strings.Join(lines, "\n"))
	want := "  ( ) A. Amazon SNS with one queue per\n         team\n› (•) B. One SQS queue shared by the\n" +
		"         teams, each polling it in turn\n  ( ) C. Good enough"
	if got != want {
		t.Errorf("asking:\n%s\nwant:\n%s", got, want)
	}
	if rows[1] != [2]int{2, 3} || rows[2] != [2]int{4, 4} {
		t.Errorf("rows %v", rows)
	}
	// A wrong option that would work says so once revealed, before its why; hidden, it looks like any other.
	works := []Option{{Text: "Poll with a cron job", Why: "It gets there, but costs more.", Works: true, Chosen: true},
		{Text: "Right", Why: "Best.", Verdict: VerdictRight}}
	lines, _ = OptionList{Cursor: -1, Reveal: true}.Render(st, works, 200)
	if got := ansi.Strip(strings.Join(lines, "\n")); !strings.Contains(got, "✗ (•) A. Poll with a cron job\n         Your answer. "+pack.WorksLead+"It gets there") {
		t.Errorf("a revealed works option:\n%s", got)
	}
	lines, _ = OptionList{Cursor: -1}.Render(st, works, 200)
	if got := ansi.Strip(strings.Join(lines, "\n")); strings.Contains(got, "Would work") {
		t.Errorf("an unrevealed option gives its verdict away:\n%s", got)
	}
	lines, _ = OptionList{Multi: true, Cursor: -1, Reveal: true}.Render(st, opts, 60)
	got = ansi.Strip(strings.Join(lines, "\n"))
	for _, want := range []string{"✓ [ ] A.", "✗ [x] B.", "Your answer. A message goes to one consumer.", "~ [ ] C.", "Works, at a cost."} {
		if !strings.Contains(got, want) {
			t.Errorf("revealed lacks %q:\n%s", want, got)
		}
	}
}

// A numbered list (a scenario decision) shows "1. " with no box, indents wrapped lines under the text, keeps
// numbers given to it, and shows rendered WhyLines as they are once revealed.
func TestOptionListNumbered(t *testing.T) {
	st := NewStyles(true, true)
	opts := []Option{
		{Text: "Add read replicas for every read query", WhyLines: []string{"  ~ Acceptable", "  They lag."}, Verdict: VerdictOK},
		{Text: "An ElastiCache cluster", WhyLines: []string{"  ✓ Best"}, Verdict: VerdictRight, Chosen: true},
	}
	lines, rows := OptionList{Numbered: true, Cursor: 1}.Render(st, opts, 30)
	got := ansi.Strip(strings.Join(lines, "\n"))
	want := "  1. Add read replicas for\n     every read query\n› 2. An ElastiCache cluster"
	if got != want {
		t.Errorf("deciding:\n%s\nwant:\n%s", got, want)
	}
	if rows[1] != [2]int{2, 2} {
		t.Errorf("rows %v", rows)
	}
	opts[0].Number, opts[1].Number = 3, 10
	lines, rows = OptionList{Numbered: true, Cursor: -1, Reveal: true}.Render(st, opts, 40)
	got = ansi.Strip(strings.Join(lines, "\n"))
	want = "~  3. Add read replicas for every read\n      query\n  ~ Acceptable\n  They lag.\n✓ 10. An ElastiCache cluster\n  ✓ Best"
	if got != want {
		t.Errorf("revealed:\n%s\nwant:\n%s", got, want)
	}
	if rows[0] != [2]int{0, 3} || rows[1] != [2]int{4, 5} {
		t.Errorf("rows %v", rows)
	}
}

func TestInlineText(t *testing.T) {
	for in, want := range map[string]string{
		"set `MaximumRetryAttempts` to `0`": "set MaximumRetryAttempts to 0",
		"**only** this":                     "only this",
		"a lone ` stays":                    "a lone ` stays",
		"``":                                "``",
		"`**x**`":                           "x",
	} {
		if got := InlineText(in); got != want {
			t.Errorf("InlineText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTruncateCutsAfterWholeWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		w    int
		want string
	}{
		{"notes 10/263 read", 15, "notes 10/263 …"},
		{"24 decisions · budget", 14, "24 decisions …"},
		{"fits", 10, "fits"},
		{"Supercalifragilistic", 8, "Superca…"},
		{"a Supercalifragilistic", 8, "a Super…"},
		{"Troubleshooting and optimisation", 18, "Troubleshooting …"},
	} {
		if got := Truncate(tt.in, tt.w); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
		if got := Truncate("\x1b[1m"+tt.in+"\x1b[0m", tt.w); ansi.Strip(got) != tt.want {
			t.Errorf("styled Truncate(%q, %d) = %q, want %q", tt.in, tt.w, ansi.Strip(got), tt.want)
		}
	}
}
