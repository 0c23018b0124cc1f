package pack

import "testing"

func TestStyle(t *testing.T) {
	p := &Pack{Questions: []*Question{
		{Type: Single, Difficulty: 3, Stem: "Which is the MOST cost-effective fix?\n\n```json\n{\"a\": \"b c d e f\"}\n```\n",
			Options: []Option{{Text: "one two", Correct: true}, {Text: "one two three", Works: true}},
			Sources: []Source{{Title: "t", URL: "https://x"}}},
		{Type: Multiple, Difficulty: 2, Stem: "What is most likely wrong here today?",
			Options: []Option{{Text: "a b c d", Correct: true, Works: true}, {Text: "a"}}},
	}}
	got := p.Style()
	want := BankStyle{Questions: 2, Multiple: 1, Hard: 1, Exhibit: 1, Qualifier: 1, Works: 1, Sourced: 1,
		StemWords: 7, OptionWords: 3}
	if got != want {
		t.Errorf("Style() = %+v, want %+v", got, want)
	}
	if (BankStyle{}).Percent(3) != 0 || got.Percent(1) != 50 {
		t.Errorf("Percent: %v, %v", (BankStyle{}).Percent(3), got.Percent(1))
	}
}

// A fence closes only with its own mark; ~~~ inside ``` is code, and so are its lines.
func TestCodeFence(t *testing.T) {
	prose, exhibit := withoutCode("Look:\n```text\n~~~\n# not a heading\n```\n~~~\ncode\n~~~\nWhich?")
	if !exhibit || prose != "Look:\nWhich?\n" {
		t.Errorf("withoutCode = %q, %v", prose, exhibit)
	}
	if got := Headings("```\n# in code\n~~~\n```\n## Real\n"); len(got) != 1 || got[0].Heading != "Real" {
		t.Errorf("Headings = %+v", got)
	}
	if line, ok := numberedLine("Steps:\n```\n1. in code\n```\n2. real"); !ok || line != 5 {
		t.Errorf("numberedLine = %d, %v", line, ok)
	}
}
