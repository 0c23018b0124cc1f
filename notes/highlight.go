package notes

// Highlighter finds the words of a query in any text, the way search matched them (other forms of a
// word, longer words it starts, typo corrections, glossary meanings), so a note opened from a result can
// mark them all. A glossary meaning of several words is marked only where its words stand together
// ("dead-letter queue" for "dlq"), not wherever one of them appears.
type Highlighter struct {
	d       *data
	words   map[int32]bool
	phrases [][]map[int32]bool // each phrase: the words of each of its places
}

// Highlighter returns the highlighter of query; it finds nothing for an empty query.
func (ix *Index) Highlighter(query string) *Highlighter {
	d := ix.get()
	h := &Highlighter{d: d, words: map[int32]bool{}}
	for _, t := range d.parse(query).terms {
		for _, a := range t.alts {
			if a.glossary && len(a.words) > 1 {
				var ph []map[int32]bool
				for _, vs := range a.words {
					set := map[int32]bool{}
					for _, v := range vs {
						set[v.word] = true
					}
					ph = append(ph, set)
				}
				h.phrases = append(h.phrases, ph)
				continue
			}
			for _, vs := range a.words {
				for _, v := range vs {
					h.words[v.word] = true
				}
			}
		}
	}
	return h
}

// Empty reports whether the highlighter can find nothing.
func (h *Highlighter) Empty() bool { return h == nil || (len(h.words) == 0 && len(h.phrases) == 0) }

// Find returns the rune spans [start, end) of the query's words in text, in order and not overlapping.
func (h *Highlighter) Find(text string) [][2]int {
	if h.Empty() {
		return nil
	}
	var toks []hlToken
	tokenize(text, func(s span) {
		id, ok := h.d.lookup(s.word)
		if !ok {
			id = -1
		}
		toks = append(toks, hlToken{id, s.start, s.end, s.part})
	})
	var out [][2]int
	add := func(start, end int) {
		if len(out) > 0 && start < out[len(out)-1][1] {
			return // inside a word or phrase already marked
		}
		out = append(out, [2]int{start, end})
	}
	for i := 0; i < len(toks); i++ {
		if n := h.phraseAt(toks[i:]); n > 0 {
			add(toks[i].start, toks[i+n-1].end)
			i += n - 1
			continue
		}
		if toks[i].id >= 0 && h.words[toks[i].id] {
			add(toks[i].start, toks[i].end)
		}
	}
	return out
}

// hlToken is a word of a text being highlighted: its ID (-1 when the notes lack it) and rune offsets.
type hlToken struct {
	id         int32
	start, end int
	part       bool // a camelCase part, which follows its whole word
}

// phraseAt returns how many tokens from the start of toks make one of the phrases, or 0. Stop words may
// stand between its words.
func (h *Highlighter) phraseAt(toks []hlToken) int {
	if len(toks) == 0 || toks[0].part {
		return 0
	}
next:
	for _, ph := range h.phrases {
		k := 0
		for p, set := range ph {
			// skip camelCase parts, and stop words between the phrase's words
			for k < len(toks) && (toks[k].part || (p > 0 && toks[k].id >= 0 && !set[toks[k].id] && stopWords[h.d.words[toks[k].id].text])) {
				k++
			}
			if k >= len(toks) || toks[k].id < 0 || !set[toks[k].id] {
				continue next
			}
			k++
		}
		return k
	}
	return 0
}
