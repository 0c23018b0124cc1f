package notes

// Highlighter finds the words of a query in any text, the way search matched them (other forms of a
// word, longer words it starts, typo corrections, glossary meanings), so a note opened from a result can
// mark them all.
type Highlighter struct {
	d     *data
	words map[int32]bool
}

// Highlighter returns the highlighter of query; it finds nothing for an empty query.
func (ix *Index) Highlighter(query string) *Highlighter {
	d := ix.get()
	h := &Highlighter{d: d, words: map[int32]bool{}}
	for _, t := range d.parse(query).terms {
		d.forVariants(t, func(v variant) { h.words[v.word] = true })
	}
	return h
}

// Empty reports whether the highlighter can find nothing.
func (h *Highlighter) Empty() bool { return h == nil || len(h.words) == 0 }

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
		if id, ok := h.d.wordID[s.word]; ok && h.words[id] {
			out = append(out, [2]int{s.start, s.end})
		}
	})
	return out
}
