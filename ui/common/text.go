package common

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"dvaprep/pack"
)

// Truncate cuts s, which may hold ANSI codes, to width cells with an ellipsis. It cuts after a whole word
// when one ends in the second half of the width ("notes 10/263 …", not "notes 10/263 re…"), and mid-word
// only when a single word fills most of the line.
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	if keep := wordEnd(ansi.Strip(s), width-1); keep > 0 {
		return ansi.Truncate(s, keep, "") + "…"
	}
	return ansi.Truncate(s, width, "…")
}

// wordEnd is the width of the longest run of whole words of plain (and the space after them) that fits in
// limit cells and ends in its second half, or 0 if none does.
func wordEnd(plain string, limit int) int {
	best, w, prevSpace := 0, 0, true
	for _, r := range plain {
		rw := ansi.StringWidth(string(r))
		space := r == ' '
		if space && !prevSpace && w <= limit {
			best = w // the words so far end here
		}
		if w+rw > limit {
			break
		}
		w += rw
		prevSpace = space
	}
	if best*2 < limit {
		return 0
	}
	// Keep the space after the last word, so the ellipsis reads as "more words", not as a cut word.
	return min(best+1, limit)
}

// Fit makes a block exactly width×height: long lines are truncated, missing lines are blank. Screens use it
// so that nothing they draw overflows the terminal.
func Fit(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Highlight styles the runes of text at the given positions.
func Highlight(text string, positions []int, hl, base lipgloss.Style) string {
	if len(positions) == 0 {
		return base.Render(text)
	}
	set := make(map[int]bool, len(positions))
	for _, p := range positions {
		set[p] = true
	}
	var b strings.Builder
	var run []rune
	on := false
	flush := func() {
		if len(run) == 0 {
			return
		}
		if on {
			b.WriteString(hl.Render(string(run)))
		} else {
			b.WriteString(base.Render(string(run)))
		}
		run = run[:0]
	}
	for i, r := range []rune(text) {
		if set[i] != on {
			flush()
			on = set[i]
		}
		run = append(run, r)
	}
	flush()
	return b.String()
}

// Bar draws a proportion as a bar of width cells, with blocks that read without colour.
func Bar(frac float64, width int) string {
	frac = min(max(frac, 0), 1)
	full := int(frac*float64(width) + 0.5)
	return strings.Repeat("█", full) + strings.Repeat("░", width-full)
}

// Width is the number of cells s takes, ignoring ANSI codes.
func Width(s string) int { return ansi.StringWidth(s) }

// Explanation is the markdown a question shows after it is answered: its explanation, then the AWS
// documentation pages it rests on, as titles and addresses to look up later (the app itself is offline).
func Explanation(q *pack.Question) string {
	if len(q.Sources) == 0 {
		return q.Explanation
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(q.Explanation, "\n"))
	b.WriteString("\n\n**Sources** (AWS documentation, to look up when online)\n\n")
	for _, s := range q.Sources {
		b.WriteString("- " + s.Title + "  \n  " + s.URL + "\n")
	}
	return b.String()
}

// Clock formats time left as H:MM:SS ("2:09:50"), the one format of every countdown; never below zero.
func Clock(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	return fmt.Sprintf("%d:%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second))
}

// LinkTitle names a note link for the learner: "Amazon DynamoDB › Hot partitions", not
// "dynamodb#hot-partitions". A link the pack does not know stays as written.
func LinkTitle(p *pack.Pack, link string) string {
	if p == nil {
		return link
	}
	n, sec, ok := p.Section(link)
	switch {
	case n == nil:
		return link
	case !ok || sec.Heading == n.Title:
		return n.Title
	}
	return n.Title + " › " + sec.Heading
}
