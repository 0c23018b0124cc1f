package markdown

import (
	"regexp"
	"strings"
)

var blockStart = regexp.MustCompile(`^([-*+] |#|>|\||` + "```" + `|~~~|\d+[.)] |\d+[.)]$|[-*+]$)`)

// unwrap joins soft-wrapped lines. Glamour joins them inside paragraphs but keeps them inside list items
// and block quotes, which then break mid-sentence at any width other than the author's.
func unwrap(md string) string {
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	fence := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			out = append(out, l)
			continue
		}
		if fence || t == "" || len(out) == 0 {
			out = append(out, l)
			continue
		}
		prev := out[len(out)-1]
		pt := strings.TrimSpace(prev)
		hardBreak := strings.HasSuffix(prev, "  ") || strings.HasSuffix(prev, "\\")
		switch {
		case hardBreak || pt == "" || strings.HasPrefix(pt, "#") || strings.HasPrefix(pt, "|") ||
			strings.HasPrefix(pt, "```") || strings.HasPrefix(pt, "~~~"):
			out = append(out, l)
		case strings.HasPrefix(t, ">") && strings.HasPrefix(pt, ">"):
			c, pc := strings.TrimSpace(t[1:]), strings.TrimSpace(pt[1:])
			if c == "" || pc == "" || blockStart.MatchString(c) || strings.HasPrefix(pc, "|") {
				out = append(out, l)
			} else {
				out[len(out)-1] = strings.TrimRight(prev, " ") + " " + c
			}
		case blockStart.MatchString(t) || strings.HasPrefix(pt, ">"):
			out = append(out, l)
		default:
			out[len(out)-1] = strings.TrimRight(prev, " ") + " " + t
		}
	}
	return strings.Join(out, "\n")
}
