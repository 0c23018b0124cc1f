package markdown_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"dvaprep/content"
	"dvaprep/pack"
	"dvaprep/ui/markdown"
)

func embeddedNotes(t *testing.T) []*pack.Note {
	t.Helper()
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		t.Fatalf("load pack: %v %v", err, probs)
	}
	if len(p.Notes) == 0 {
		t.Fatal("the embedded pack has no notes")
	}
	return p.Notes
}

// A callout ("> **Exam tip:** …") is a glamour block quote. Every line of it must stay inside the box: no
// line wider than the screen (the terminal would wrap its last word out of the box) and no text line
// straight after a bar line that lacks the bar.
func TestEveryNoteKeepsCalloutsInTheirBox(t *testing.T) {
	notes := embeddedNotes(t)
	for _, theme := range []markdown.Theme{markdown.Dark, markdown.Plain} {
		for _, width := range []int{60, 80, 100, 120} {
			r := markdown.New()
			bars := 0
			for _, n := range notes {
				out, err := r.Render("", n.Body, width, theme)
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(out, "\n")
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > width {
						t.Errorf("%s at %d (theme %d): line %d is %d wide: %q", n.ID, width, theme, i, w, ansi.Strip(l))
					}
					if i == 0 || !isBar(lines[i-1]) {
						continue
					}
					bars++
					if s := strings.TrimSpace(ansi.Strip(l)); s != "" && !isBar(l) {
						t.Errorf("%s at %d (theme %d): %q dropped out of the box after %q", n.ID, width, theme, s, strings.TrimSpace(ansi.Strip(lines[i-1])))
					}
				}
			}
			if bars == 0 {
				t.Errorf("no callout found at %d: the test checks nothing", width)
			}
		}
	}
}

func isBar(l string) bool {
	// The bar sits right after the document's margin; a table's column rule sits further in.
	return strings.HasPrefix(ansi.Strip(l), "  │")
}

// Each kind of callout the notes use opens with its label inside the bar, in bold.
func TestCalloutLabelsSitInTheBar(t *testing.T) {
	md := "Text.\n\n> **Exam tip:** one.\n\n> **Correction:** two.\n\n> **What the exam expects:** three, long enough to wrap onto a second line at sixty columns.\n"
	out, err := markdown.New().Render("", md, 60, markdown.Dark)
	if err != nil {
		t.Fatal(err)
	}
	for _, label := range []string{"Exam tip:", "Correction:", "What the exam expects:"} {
		found := false
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(ansi.Strip(l), label) {
				found = true
				if !isBar(l) || !strings.Contains(l, "\x1b[38;5;252;1m"+label) {
					t.Errorf("%q is not a bold label inside the bar: %q", label, l)
				}
			}
		}
		if !found {
			t.Errorf("%q not rendered:\n%s", label, ansi.Strip(out))
		}
	}
}

// Piped text has no markdown markers and no trailing spaces; a table that would cut words at the width
// becomes records, and a short code span stays whole.
func TestPlainIsText(t *testing.T) {
	md := "# Title\n\n## Section\n\nSome **bold**, *em* and `context.aws_request_id` text that wraps somewhere near the code span here.\n\n" +
		"| Type | How it is called | Who retries |\n|---|---|---|\n| Synchronous | Caller waits for the result | The caller |\n| Asynchronous | Lambda queues the event | Lambda |\n"
	for _, width := range []int{40, 60, 80} {
		out, err := markdown.New().Render("", md, width, markdown.Plain)
		if err != nil {
			t.Fatal(err)
		}
		for _, marker := range []string{"**", "`", "# ", "\x1b"} {
			if strings.Contains(out, marker) {
				t.Errorf("width %d: marker %q in plain text:\n%s", width, marker, out)
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasSuffix(l, " ") {
				t.Errorf("width %d: trailing space in %q", width, l)
			}
		}
		if !strings.Contains(out, "context.aws_request_id") {
			t.Errorf("width %d: code span split:\n%s", width, out)
		}
		if !strings.Contains(out, "Synchronous") || !strings.Contains(out, "Asynchronous") {
			t.Errorf("width %d: a table word was cut:\n%s", width, out)
		}
	}
	out, _ := markdown.New().Render("", md, 40, markdown.Plain)
	if !strings.Contains(out, "How it is called: Caller waits") {
		t.Errorf("a narrow table is not stacked as records:\n%s", out)
	}
	out, _ = markdown.New().Render("", md, 100, markdown.Plain)
	if strings.Contains(out, "How it is called:") {
		t.Errorf("a table that fits was stacked:\n%s", out)
	}
}
