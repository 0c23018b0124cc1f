package notes

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// How much a match counts by the way it was found. A word as typed (or another form of it: "throttled"
// for "throttling") counts fully; the rest a little less, so literal matches rank first.
const (
	weightPrefix   = 0.75 // "visib" for visibility; more when the prefix covers more of the word
	weightTypo     = 0.7  // one edit: "kenesis" for kinesis
	weightGlossary = 0.85 // "dlq" for dead-letter queue
	minTypoRunes   = 5    // shorter words get no typo tolerance: too many words are one edit apart
	maxQueryRunes  = 300  // a longer query is cut: nobody types more, and a paste must not cost seconds
	maxTerms       = 12
)

// variant is one word of the notes that a query word matches, and how much that match counts.
type variant struct {
	word int32
	w    float32
	idf  float32 // IDF of the word's stem (all its forms); capped for a prefix match at that of the word typed
	typo bool    // found by typo tolerance
}

// alt is one way a query term can match a section: every word of it must be there.
type alt struct {
	words    [][]variant
	weight   float32
	glossary bool
	sum      bool // words typed by the learner score together, as separate terms would; a meaning's words score as its most telling one
}

// term is one query term: a word as typed, or a glossary term of one or more words.
type term struct {
	text string
	alts []alt
	idf  float32 // the largest weighted IDF of its variants, for choosing snippets
	raw  float32 // the largest IDF of its variants, unweighted: how rare the term is
}

type query struct {
	terms []term
	words []string // the words as typed after stop words, for "did you mean"
}

// parse turns a query into terms: glossary terms first (longest first), then the other words without stop
// words. The last word may be unfinished, so it also matches as a prefix however short it is.
func (d *data) parse(raw string) query {
	if utf8.RuneCountInString(raw) > maxQueryRunes {
		raw = string([]rune(raw)[:maxQueryRunes])
	}
	folded := fold(raw)
	ws := queryWords(folded)
	typing := len(ws) > 0 && !strings.HasSuffix(folded, " ") && isWordRune(lastRune(folded))
	var q query
	content := 0
	for _, w := range ws {
		if !stopWords[w] {
			content++
		}
	}
	seen := map[string]bool{}
	for i := 0; i < len(ws) && len(q.terms) < maxTerms; {
		last := i == len(ws)-1 && typing
		if g, n := d.glossaryAt(ws, i); n > 0 {
			text := strings.Join(ws[i:i+n], " ")
			if !seen[text] {
				seen[text] = true
				q.terms = append(q.terms, d.glossaryTerm(ws[i:i+n], g, i+n == len(ws) && typing))
				q.words = append(q.words, ws[i:i+n]...)
			}
			i += n
			continue
		}
		// Two words the notes write as one: "roll back" finds "rollback", "time out" "timeout".
		if i+1 < len(ws) && !stopWords[ws[i]] {
			if c := ws[i] + ws[i+1]; !seen[c] && d.compound(ws[i], ws[i+1]) {
				seen[c] = true
				q.terms = append(q.terms, d.compoundTerm(ws[i], ws[i+1], i+2 == len(ws) && typing))
				q.words = append(q.words, ws[i], ws[i+1])
				i += 2
				continue
			}
		}
		w := ws[i]
		i++
		if (stopWords[w] && content > 0) || seen[w] {
			continue
		}
		seen[w] = true
		q.words = append(q.words, w)
		t := term{text: w, alts: []alt{{words: [][]variant{d.variants(w, last)}, weight: 1}}}
		t.idf, t.raw = d.termIDF(t)
		q.terms = append(q.terms, t)
	}
	return q
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// glossaryAt finds the longest glossary term starting at word i.
func (d *data) glossaryAt(ws []string, i int) (glossEntry, int) {
	for _, e := range d.gloss[ws[i]] {
		if i+len(e.key) <= len(ws) && slicesEqual(ws[i:i+len(e.key)], e.key) {
			return e, len(e.key)
		}
	}
	return glossEntry{}, 0
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// glossaryTerm is a term as typed (its words, each with prefix and typo matching) or any of its meanings
// (each word by its stem), the meanings counting a little less.
func (d *data) glossaryTerm(key []string, g glossEntry, typing bool) term {
	t := term{text: strings.Join(key, " ")}
	lit := alt{weight: 1, sum: true}
	for k, w := range key {
		lit.words = append(lit.words, d.variants(w, typing && k == len(key)-1))
	}
	t.alts = append(t.alts, lit)
	for _, m := range g.means {
		a := alt{weight: weightGlossary, glossary: true}
		for _, w := range m {
			if stopWords[w] && len(m) > 1 {
				continue
			}
			if v := d.exact(w); v != nil {
				a.words = append(a.words, v)
			} else {
				a.words = nil
				break
			}
		}
		if len(a.words) > 0 {
			t.alts = append(t.alts, a)
		}
	}
	t.idf, t.raw = d.termIDF(t)
	return t
}

// compound reports whether the notes write a+b as one word of its own (not only inside a camelCase name
// or a URL) at least half as often as they use the rarer of the two words: "rollback" for "roll back", but
// not "apigateway" (from URLs) for "api gateway".
func (d *data) compound(a, b string) bool {
	id, ok := d.lookup(a + b)
	if !ok || !d.words[id].plain {
		return false
	}
	rarer := int32(-1)
	for _, w := range []string{a, b} {
		var f int32
		if wid, ok := d.lookup(w); ok {
			f = d.words[wid].freq
		}
		if rarer < 0 || f < rarer {
			rarer = f
		}
	}
	return 2*d.words[id].freq >= rarer
}

// compoundTerm is a term the notes write as one word (a+b) or as the two words.
func (d *data) compoundTerm(a, b string, typing bool) term {
	t := term{text: a + " " + b}
	t.alts = append(t.alts, alt{words: [][]variant{d.exact(a + b)}, weight: 1})
	two := alt{weight: 1, sum: true, words: [][]variant{d.variants(a, false)}}
	if !stopWords[b] {
		two.words = append(two.words, d.variants(b, typing))
	}
	if len(two.words[0]) > 0 && len(two.words[len(two.words)-1]) > 0 {
		t.alts = append(t.alts, two)
	}
	t.idf, t.raw = d.termIDF(t)
	return t
}

func (d *data) termIDF(t term) (weighted, raw float32) {
	for _, a := range t.alts {
		for _, vs := range a.words {
			for _, v := range vs {
				weighted = max(weighted, v.idf*v.w*a.weight)
				raw = max(raw, v.idf)
			}
		}
	}
	return weighted, raw
}

// maxForms bounds how many words of the notes are checked as other forms of a query word.
const maxForms = 400

// exact is every word of the notes with the same stem as w ("throttle", "throttled", "throttling"), or nil
// when the notes have none. Stems are computed here, for the few words that could share one, rather than
// for the whole vocabulary when the index is built. All forms share the stem's IDF.
func (d *data) exact(w string) []variant {
	st := english.Stem(w, true)
	var out []variant
	if id, ok := d.lookup(w); ok {
		out = append(out, variant{word: id, w: 1})
	}
	// Other forms start with the stem less its last letter: "policy" and "policies" share "polic".
	pre := st
	if r := []rune(st); len(r) > 3 {
		pre = string(r[:len(r)-1])
	}
	lo := sort.Search(len(d.sorted), func(i int) bool { return d.words[d.sorted[i]].text >= pre })
	for i := lo; i < len(d.sorted) && i < lo+maxForms; i++ {
		id := d.sorted[i]
		wd := &d.words[id]
		if !strings.HasPrefix(wd.text, pre) {
			break
		}
		if wd.text != w && d.stem(id) == st {
			out = append(out, variant{word: id, w: 1})
		}
	}
	if len(out) == 0 {
		return nil
	}
	var df int
	for _, v := range out {
		df += int(d.df[v.word])
	}
	idf := idfOf(len(d.secs), min(df, len(d.secs)))
	for i := range out {
		out[i].idf = idf
	}
	return out
}

// variants are the words a query word matches: its own forms, the words it is a prefix of, and, when it
// is long enough and the notes lack it, the words one edit away.
func (d *data) variants(w string, typing bool) []variant {
	out := d.exact(w)
	n := utf8.RuneCountInString(w)
	if n >= 2 || typing {
		own := len(out)
		lo := sort.Search(len(d.sorted), func(i int) bool { return d.words[d.sorted[i]].text >= w })
		for i := lo; i < len(d.sorted); i++ {
			wd := &d.words[d.sorted[i]]
			if !strings.HasPrefix(wd.text, w) {
				break
			}
			cover := float32(n) / float32(utf8.RuneCountInString(wd.text))
			out = addVariant(out, variant{word: d.sorted[i], w: weightPrefix + (1-weightPrefix)*0.8*cover, idf: d.idf[d.sorted[i]]})
		}
		// A prefix says no more than the word typed: its matches weigh at most as much as that word, or as
		// the commonest word it starts.
		var capIDF float32 = -1
		if own > 0 {
			capIDF = out[0].idf
		} else {
			for _, v := range out {
				if capIDF < 0 || v.idf < capIDF {
					capIDF = v.idf
				}
			}
		}
		for i := range out {
			out[i].idf = min(out[i].idf, capIDF)
		}
	}
	if len(out) == 0 && n >= minTypoRunes {
		rw := []rune(w)
		for l := n - 1; l <= n+1; l++ {
			if l >= len(d.byLen) {
				break
			}
			for _, id := range d.byLen[l] {
				if !oneEdit(rw, d.words[id].text) {
					continue
				}
				// the corrected word and its other forms: "functon" finds "function" and "functions"
				for _, v := range d.exact(d.words[id].text) {
					v.w, v.typo = weightTypo, true
					out = addVariant(out, v)
				}
			}
		}
	}
	return out
}

func addVariant(vs []variant, v variant) []variant {
	for i := range vs {
		if vs[i].word == v.word {
			if v.w > vs[i].w {
				vs[i] = v
			}
			return vs
		}
	}
	return append(vs, v)
}

// oneEdit reports whether b is within one edit of a: one rune substituted, inserted or deleted, or two
// neighbours swapped.
func oneEdit(a []rune, bs string) bool {
	var buf [maxWordRunes + 2]rune
	b := buf[:0]
	for _, r := range bs {
		if len(b) == cap(b) {
			return false
		}
		b = append(b, r)
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	if i == la && i == lb {
		return false // equal: not a typo
	}
	switch {
	case la == lb:
		if i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && runesEqual(a[i+2:], b[i+2:]) {
			return true
		}
		return runesEqual(a[i+1:], b[i+1:])
	case la > lb:
		return runesEqual(a[i+1:], b[i:])
	default:
		return runesEqual(a[i:], b[i+1:])
	}
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// editDistance is the Damerau-Levenshtein (optimal string alignment) distance, for suggestions.
func editDistance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
