package notes

import (
	"github.com/kljensen/snowball/english"
)

// Highlighter finds the words of a query in any text, the way search matched them (other forms of a
// word, longer words it starts, typo corrections, glossary meanings), so a note opened from a result can
// mark them all.
type Highlighter struct {
	d     *data
	stems map[int32]bool
}

// Highlighter returns the highlighter of query; it finds nothing for an empty query.
func (ix *Index) Highlighter(query string) *Highlighter {
	d := ix.get()
	h := &Highlighter{d: d, stems: map[int32]bool{}}
	for _, t := range d.parse(query).terms {
		d.forVariants(t, func(v variant) { h.stems[v.stem] = true })
	}
	return h
}

// Empty reports whether the highlighter can find nothing.
func (h *Highlighter) Empty() bool { return h == nil || len(h.stems) == 0 }

// Find returns the rune spans [start, end) of the query's words in text, in order and not overlapping.
func (h *Highlighter) Find(text string) [][2]int {
	if h.Empty() {
		return nil
	}
	var out [][2]int
	tokenize(text, func(s span) {
		if len(out) > 0 && s.start < out[len(out)-1][1] {
			return // a part of a word already marked whole
		}
		if h.stems[h.stemOf(s.word)] {
			out = append(out, [2]int{s.start, s.end})
		}
	})
	return out
}

func (h *Highlighter) stemOf(w string) int32 {
	if id, ok := h.d.wordID[w]; ok {
		return h.d.words[id].stem
	}
	if id, ok := h.d.stemID[english.Stem(w, true)]; ok {
		return id
	}
	return -1
}
