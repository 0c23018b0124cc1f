package notes

import (
	"math/bits"
	"strings"
	"unicode"
)

// Snippet shape: a match far into a long passage is shown from the start of its sentence, or from a few
// words before it; a snippet is cut after maxSnippetRunes at a word boundary.
const (
	leadRunes       = 48
	maxSnippetRunes = 220
)

// snippet picks the section's passage (see blocks) that holds the most (and the rarest) query terms,
// preferring neighbouring terms together, and cuts it to start at a boundary near the first match.
func (d *data) snippet(sc *scratch, sec *section, r *Result) {
	best, bestScore := int32(-1), float32(-1)
	for li := sec.lineStart; li < sec.lineEnd; li++ {
		l := &d.lines[li]
		var m uint32
		for _, t := range d.toks[l.tokStart:l.tokEnd] {
			m |= sc.marks[t.word]
		}
		s := float32(bits.OnesCount32(m)) + termRarity(d, sc, l, m)
		s += 0.5 * float32(bits.OnesCount32(pairsIn(sc, d.toks[l.tokStart:l.tokEnd])))
		if l.code {
			s *= 0.6 // prose explains; a line of code or JSON shows only when nothing else matches as well
		}
		if s > bestScore {
			best, bestScore = li, s
		}
	}
	if best < 0 {
		return
	}
	l := &d.lines[best]
	r.Line = l.num
	var matched []int
	first := -1
	for _, t := range d.toks[l.tokStart:l.tokEnd] {
		if sc.marks[t.word] != 0 {
			matched = appendRange(matched, t.start, t.end)
			if first < 0 || int(t.start) < first {
				first = int(t.start)
			}
		}
	}
	r.Snippet, r.Matched = cutSnippet(l.text, dedupe(matched), first)
}

// termRarity adds a little for the rarest word a passage matches, so of two passages with one term each,
// the one with the more telling term wins.
func termRarity(d *data, sc *scratch, l *line, m uint32) float32 {
	if m == 0 {
		return 0
	}
	var best float32
	for _, t := range d.toks[l.tokStart:l.tokEnd] {
		if sc.marks[t.word] != 0 {
			best = max(best, d.idf[t.word])
		}
	}
	return best / 20
}

// cutSnippet starts text at the sentence holding the first match, or a few words before it, and ends it
// at a word boundary; matched positions move with the cut.
func cutSnippet(text string, matched []int, first int) (string, []int) {
	// Only the runes up to the end of the longest snippet can matter: a long paragraph is not converted whole.
	limit := max(first, 0) + maxSnippetRunes + 1
	runes := make([]rune, 0, min(len(text), limit))
	more := false
	for _, r := range text {
		if len(runes) == limit {
			more = true
			break
		}
		runes = append(runes, r)
	}
	start := 0
	if first > leadRunes {
		start = sentenceStart(runes, first)
		if first-start > leadRunes {
			start = wordStartBefore(runes, first, 24)
		}
	}
	end := len(runes)
	if end-start > maxSnippetRunes {
		end = wordEndBefore(runes, start+maxSnippetRunes)
	}
	var b strings.Builder
	shift := start
	if start > 0 {
		b.WriteString("…")
		shift--
	}
	b.WriteString(string(runes[start:end]))
	if end < len(runes) || more {
		b.WriteString("…")
	}
	out := make([]int, 0, len(matched))
	for _, p := range matched {
		if p >= start && p < end {
			out = append(out, p-shift)
		}
	}
	return b.String(), out
}

// sentenceStart is the start of the sentence holding position i: after the last ". ", "? ", "! ", "; "
// or ": " before it.
func sentenceStart(runes []rune, i int) int {
	for j := i - 1; j > 0; j-- {
		if runes[j] == ' ' && strings.ContainsRune(".?!;:", runes[j-1]) {
			return j + 1
		}
	}
	return 0
}

// wordStartBefore is the start of a word about back runes before i.
func wordStartBefore(runes []rune, i, back int) int {
	j := max(i-back, 0)
	for j > 0 && !unicode.IsSpace(runes[j-1]) {
		j--
	}
	if i-j > back*2 { // one very long word: start at the match itself
		return i
	}
	return j
}

// wordEndBefore is the end of the last whole word that ends at or before i.
func wordEndBefore(runes []rune, i int) int {
	j := min(i, len(runes))
	for j > 0 && !unicode.IsSpace(runes[j-1]) {
		j--
	}
	if j == 0 {
		return min(i, len(runes))
	}
	for j > 0 && unicode.IsSpace(runes[j-1]) {
		j--
	}
	return j
}
