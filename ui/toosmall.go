package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"dvaprep/ui/common"
)

// tooSmall is the message shown instead of the app when the terminal is under the minimum size: the
// longest wording that fits whole, wrapped at word boundaries and centred, so no word is ever cut.
func tooSmall(w, h int) string {
	size := fmt.Sprintf("%d×%d", w, h)
	need := fmt.Sprintf("%d×%d", common.MinWidth, common.MinHeight)
	candidates := []string{
		"Terminal too small: " + size + ".\nResize to at least " + need + ", or press q to quit.",
		"Terminal too small: " + size + ".\nNeeds " + need + ". q quits.",
		"Too small: " + size + "\nneeds " + need,
		"Too small\nneeds " + need,
		"Too small",
		"small",
		"!",
	}
	for _, c := range candidates {
		if lines, ok := fitWords(c, w, h); ok {
			return centre(lines, w, h)
		}
	}
	return centre(nil, w, h)
}

// fitWords wraps text at word boundaries to width and reports whether it fits in height lines without
// cutting a word.
func fitWords(text string, width, height int) ([]string, bool) {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		cur := ""
		for _, word := range strings.Fields(para) {
			if ansi.StringWidth(word) > width {
				return nil, false
			}
			switch {
			case cur == "":
				cur = word
			case ansi.StringWidth(cur)+1+ansi.StringWidth(word) <= width:
				cur += " " + word
			default:
				lines = append(lines, cur)
				cur = word
			}
		}
		lines = append(lines, cur)
	}
	return lines, len(lines) <= height
}

func centre(lines []string, w, h int) string {
	out := make([]string, h)
	top := (h - len(lines)) / 2
	for i, l := range lines {
		pad := (w - ansi.StringWidth(l)) / 2
		out[top+i] = strings.Repeat(" ", pad) + l
	}
	return strings.Join(out, "\n")
}
