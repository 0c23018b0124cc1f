package common

import (
	"fmt"
	"strings"

	"dvaprep/pack"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// OptionIndent is the width of an option's lead: cursor or verdict mark, box and letter ("› (•) A. "). A
// numbered list's lead is narrower: the mark and the number ("› 1. ").
const OptionIndent = 9

// Verdict is how a revealed option is marked.
type Verdict int

// The verdicts of a revealed option.
const (
	VerdictWrong Verdict = iota // ✗
	VerdictRight                // ✓
	VerdictOK                   // ~ acceptable, not best (scenario decisions)
)

// Option is one answer option as the shared renderer draws it.
type Option struct {
	Text    string
	Why     string // shown under the option once revealed, wrapped and indented under the text
	Chosen  bool
	Struck  bool    // struck out by the learner: dimmed, struck through and marked ~, so it reads without colour
	Verdict Verdict // used once revealed
	Works   bool    // a wrong option that would work but is worse for the stated constraint: its why says so
	// WhyLines, when set, are shown once revealed instead of Why, as they are: lines rendered already (a
	// scenario's verdict and its markdown explanation).
	WhyLines []string
	Number   int // the number a numbered list shows; 0 is the option's place in the list, from 1
}

// OptionList says how to draw a list of options: the one renderer of the exam's, review's and scenario
// decisions' options.
type OptionList struct {
	Multi    bool // multiple response: [x] boxes instead of (•)
	Numbered bool // "1. " and no box instead of "( ) A. ": a scenario decision's choices
	Cursor   int  // the option under the cursor, -1 for none
	Reveal   bool // show each option's verdict and why
}

// label is what leads option d's text after the mark: its box (none in a numbered list) and its letter or
// number, and the width that the lines after the first are indented by.
func (l OptionList) label(opts []Option, d int) (box, tag string, indent int) {
	if !l.Numbered {
		box = "( ) "
		switch o := opts[d]; {
		case o.Struck && l.Multi:
			box = "[~] "
		case o.Struck:
			box = "(~) "
		case l.Multi && o.Chosen:
			box = "[x] "
		case l.Multi:
			box = "[ ] "
		case o.Chosen:
			box = "(•) "
		}
		return box, string(rune('A'+d)) + ". ", OptionIndent
	}
	num := func(i int) int {
		if opts[i].Number > 0 {
			return opts[i].Number
		}
		return i + 1
	}
	widest := 0
	for i := range opts {
		widest = max(widest, len(fmt.Sprint(num(i))))
	}
	n := fmt.Sprint(num(d))
	return "", strings.Repeat(" ", widest-len(n)) + n + ". ", 2 + widest + 2
}

// Render draws the options wrapped to width, and returns the lines and, for each option, the index of its
// first and last line, so a screen can keep the cursor in view.
func (l OptionList) Render(st Styles, opts []Option, width int) (lines []string, rows [][2]int) {
	rows = make([][2]int, len(opts))
	for d, o := range opts {
		box, tag, indent := l.label(opts, d)
		textW := max(width-indent-1, 10)
		pad := strings.Repeat(" ", indent)
		lead, style := "  ", lipgloss.NewStyle()
		switch {
		case l.Reveal && o.Verdict == VerdictRight:
			lead = st.Good.Render("✓ ")
		case l.Reveal && o.Verdict == VerdictOK:
			lead = st.Warn.Render("~ ")
		case l.Reveal:
			lead = st.Bad.Render("✗ ")
		case d == l.Cursor:
			lead, style = st.Selected.Render("› "), st.Selected
		}
		if o.Chosen {
			style = style.Bold(true)
		}
		if o.Struck {
			style = st.Subtle.Strikethrough(true)
		}
		rows[d][0] = len(lines)
		for k, line := range strings.Split(ansi.Wrap(InlineText(o.Text), textW, ""), "\n") {
			prefix := pad
			if k == 0 {
				prefix = lead + box + tag
				if o.Struck {
					prefix = lead + box + st.Subtle.Render(tag)
				}
			}
			lines = append(lines, prefix+style.Render(line))
		}
		switch {
		case l.Reveal && o.WhyLines != nil:
			lines = append(lines, o.WhyLines...)
		case l.Reveal:
			why := o.Why
			if o.Works && o.Verdict != VerdictRight {
				why = pack.WorksLead + why
			}
			if o.Chosen {
				why = "Your answer. " + why
			}
			for _, line := range strings.Split(ansi.Wrap(InlineText(why), textW, ""), "\n") {
				lines = append(lines, pad+st.Subtle.Render(line))
			}
		}
		rows[d][1] = len(lines) - 1
	}
	return lines, rows
}

// InlineText is one line of pack markdown as plain text: `code` and **bold** lose their markers, so an
// option reads "set MaximumRetryAttempts to 0", not "set `MaximumRetryAttempts` to 0". A lone backtick or
// asterisk pair that does not close stays as written.
func InlineText(s string) string {
	for _, m := range []string{"`", "**"} {
		for {
			open := strings.Index(s, m)
			if open < 0 {
				break
			}
			end := strings.Index(s[open+len(m):], m)
			if end <= 0 {
				break
			}
			inner := s[open+len(m) : open+len(m)+end]
			s = s[:open] + inner + s[open+len(m)+end+len(m):]
		}
	}
	return s
}
