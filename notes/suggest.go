package notes

import (
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Suggest proposes corrected queries for one that finds nothing: each word the notes lack is replaced by
// the closest word they have (two edits at most, fewer for short words), the more frequent first. It
// returns at most three suggestions, or none when every word is known or nothing is close.
func (ix *Index) Suggest(query string) []string {
	d := ix.get()
	q := d.parse(query)
	var out []string
	words := append([]string(nil), q.words...)
	fixed := false
	var firstAlts []string
	firstAt := -1
	for i, w := range words {
		if len(d.variants(w, false)) > 0 || d.inGlossary(w) {
			continue
		}
		cands := d.closest(w, 3)
		if len(cands) == 0 {
			continue
		}
		words[i] = cands[0]
		fixed = true
		if firstAt < 0 {
			firstAt, firstAlts = i, cands
		}
	}
	if !fixed {
		return nil
	}
	for _, c := range firstAlts {
		words[firstAt] = c
		out = append(out, strings.Join(words, " "))
	}
	return out
}

func (d *data) inGlossary(w string) bool {
	for _, e := range d.gloss[w] {
		if len(e.key) == 1 {
			return true
		}
	}
	return false
}

// closest returns up to n words of the notes nearest to w by edit distance.
func (d *data) closest(w string, n int) []string {
	rw := []rune(w)
	limit := 1
	switch l := len(rw); {
	case l >= 8:
		limit = 3
	case l >= 5:
		limit = 2
	case l < 3:
		return nil
	}
	type cand struct {
		text string
		dist int
		freq int32
	}
	var best []cand
	stemsSeen := map[string]bool{}
	for l := len(rw) - limit; l <= len(rw)+limit; l++ {
		if l < 1 || l >= len(d.byLen) {
			continue
		}
		for _, id := range d.byLen[l] {
			wd := &d.words[id]
			if !isWordText(wd.text) {
				continue
			}
			dist := editDistance(rw, []rune(wd.text))
			if dist > limit {
				continue
			}
			best = append(best, cand{wd.text, dist, wd.freq})
		}
	}
	// nearest first, then the most frequent; one word per stem
	for i := 1; i < len(best); i++ {
		for j := i; j > 0; j-- {
			a, b := best[j-1], best[j]
			if a.dist < b.dist || (a.dist == b.dist && (a.freq > b.freq || (a.freq == b.freq && a.text <= b.text))) {
				break
			}
			best[j-1], best[j] = b, a
		}
	}
	var out []string
	for _, c := range best {
		sid := english.Stem(c.text, true)
		if stemsSeen[sid] {
			continue
		}
		stemsSeen[sid] = true
		out = append(out, c.text)
		if len(out) == n {
			break
		}
	}
	return out
}

// isWordText keeps suggestions to words of letters (with digits after them, like "s3"), not numbers.
func isWordText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 'a' && r <= 'z' || r > 0x7f
}
