package common

import (
	"strings"
	"testing"

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
	lines, _ = OptionList{Multi: true, Cursor: -1, Reveal: true}.Render(st, opts, 60)
	got = ansi.Strip(strings.Join(lines, "\n"))
	for _, want := range []string{"✓ [ ] A.", "✗ [x] B.", "Your answer. A message goes to one consumer.", "~ [ ] C.", "Works, at a cost."} {
		if !strings.Contains(got, want) {
			t.Errorf("revealed lacks %q:\n%s", want, got)
		}
	}
}
