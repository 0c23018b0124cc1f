package notes

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// Result is one section that matches a query, with the passage that best shows why.
type Result struct {
	NoteID    string
	NoteTitle string
	Slug      string // "" for the note's introduction
	Heading   string // the section's heading, or the note title for its introduction
	// HeadingMatched holds the rune positions in Heading of the query's words, to highlight.
	HeadingMatched []int
	// Snippet is the section's paragraph, list item or table row that best matches, starting at a sentence
	// or word boundary ("…" marks a cut), and Matched the rune positions of the query's words in it. Line
	// is where that passage starts in the note body (0-based), or -1 when the section has no text.
	Snippet string
	Matched []int
	Line    int
	Score   float64
	// AllTerms is true when the section holds every term of the query; Literal when it holds each as
	// typed (or as another form of the same word, or a longer word it starts), not only by a typo
	// correction or a glossary expansion.
	AllTerms bool
	Literal  bool
}

// Link is the result's address, "note-id#slug", or the note ID for a note's introduction.
func (r Result) Link() string {
	if r.Slug == "" {
		return r.NoteID
	}
	return r.NoteID + "#" + r.Slug
}

// Ranking: sections that hold every term come before those that hold some; within each group, BM25F
// (the note title, heading and body as fields), raised for query words that stand next to each other as
// typed, most of all in the heading.
const (
	boostNamed         = 1.0  // at most this much more when the heading or note title holds every term
	weakShare          = 0.05 // a word in more than this share of the sections is weak (see Search)
	boostCover         = 0.3  // at most this much more when the query covers every word of the heading
	boostPhrase        = 0.35 // at most this much more when every pair of neighbouring terms is a phrase
	boostHeadingPhrase = 0.25 // and this much more when the phrase is in the heading
	rerankDepth        = 80   // how many of the best sections get the phrase check
)

type scratch struct {
	total     []float32
	mask      []uint32
	lit       []uint32
	named     []uint32 // terms found in the section's heading or its note's title
	termAcc   []float32
	wordAcc   []float32
	altSum    []float32
	altCnt    []uint8
	altNamed  []uint8
	altTypo   []bool
	ptfAcc    []float32
	wordFlags []uint8
	marks     []uint32 // per word of the notes: the query terms it matches

	touched, termTouched, wordTouched, altTouched []int32
}

func (ix *Index) scratch(d *data) *scratch {
	sc, _ := ix.pool.Get().(*scratch)
	if sc == nil || len(sc.total) != len(d.secs) || len(sc.marks) != len(d.words) {
		n := len(d.secs)
		sc = &scratch{total: make([]float32, n), mask: make([]uint32, n), lit: make([]uint32, n), named: make([]uint32, n), altNamed: make([]uint8, n), altTypo: make([]bool, n),
			ptfAcc: make([]float32, n), wordFlags: make([]uint8, n),
			termAcc: make([]float32, n), wordAcc: make([]float32, n), altSum: make([]float32, n),
			altCnt: make([]uint8, n), marks: make([]uint32, len(d.words))}
	}
	return sc
}

type candidate struct {
	sec   int32
	score float32
	terms int
}

// Search returns at most limit sections for query, best first, one result per section. An empty query,
// or one whose words appear nowhere in the notes, returns nothing (see Suggest).
func (ix *Index) Search(query string, limit int) []Result {
	if limit <= 0 {
		return nil
	}
	d := ix.get()
	q := d.parse(query)
	if len(q.terms) == 0 {
		return nil
	}
	sc := ix.scratch(d)
	defer ix.pool.Put(sc)
	defer func() {
		for _, t := range q.terms {
			d.forVariants(t, func(v variant) { sc.marks[v.word] = 0 })
		}
	}()
	for k, t := range q.terms {
		d.scoreTerm(sc, t, uint32(1)<<k)
	}
	if len(sc.touched) == 0 {
		return d.headingFuzzy(query, limit)
	}
	// A word in a large share of the sections ("access", "lambda") tells little about which one is meant:
	// like a stop word, it does not split the sections that hold every term from those that hold some.
	var weak uint32
	weakIDF := idfOf(len(d.secs), int(math.Ceil(weakShare*float64(len(d.secs)))))
	for k, t := range q.terms {
		if t.raw < weakIDF {
			weak |= 1 << k
		}
	}
	cands := make([]candidate, 0, len(sc.touched))
	for _, s := range sc.touched {
		score := sc.total[s] * (1 + boostNamed*float32(bits.OnesCount32(sc.named[s]))/float32(len(q.terms)))
		cands = append(cands, candidate{sec: s, score: score, terms: bits.OnesCount32(sc.mask[s] | weak)})
	}
	byRank := func(a, b candidate) int {
		if a.terms != b.terms {
			return b.terms - a.terms
		}
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return int(a.sec - b.sec)
	}
	slices.SortFunc(cands, byRank)

	d.markStems(sc, q)
	depth := min(len(cands), max(rerankDepth, limit))
	for i := range cands[:depth] {
		c := &cands[i]
		// A note's introduction is named by its title: it is the answer when the query is the title, not
		// whenever the query mentions the service.
		if !d.secs[c.sec].intro || bits.OnesCount32(sc.named[c.sec]) == len(q.terms) {
			c.score *= 1 + boostCover*d.headingCover(sc, c.sec)
		}
		if len(q.terms) > 1 {
			body, head := d.phrases(sc, c.sec)
			pairs := float32(len(q.terms) - 1)
			c.score *= 1 + boostPhrase*float32(bits.OnesCount32(body|head))/pairs + boostHeadingPhrase*float32(bits.OnesCount32(head))/pairs
		}
	}
	slices.SortFunc(cands[:depth], byRank)
	if len(cands) > limit {
		cands = cands[:limit]
	}
	out := make([]Result, len(cands))
	for i, c := range cands {
		out[i] = d.result(sc, c, len(q.terms))
	}
	// Leave the scratch space clean for the next search.
	for _, s := range sc.touched {
		sc.total[s], sc.mask[s], sc.lit[s], sc.named[s] = 0, 0, 0, 0
	}
	sc.touched = sc.touched[:0]
	return out
}

// Flags of a section while one query word is scored.
const (
	flagLiteral uint8 = 1 << iota // matched by a word as typed (or its forms, or a longer word), not a typo
	flagNamed                     // matched in the heading or the note title
	flagSeen    uint8 = 0x80
)

// wordScore scores one query word in every section that holds it, into sc.wordAcc: its own forms pooled
// (their counts add up, as one stem), each other variant on its own, the best kept.
func (d *data) wordScore(sc *scratch, vs []variant) {
	var ownIDF float32
	for _, v := range vs {
		if v.w != 1 || v.typo {
			continue
		}
		ownIDF = v.idf
		for _, p := range d.postings(v.word) {
			if sc.wordFlags[p.sec]&flagSeen == 0 {
				sc.wordFlags[p.sec] |= flagSeen
				sc.wordTouched = append(sc.wordTouched, p.sec)
			}
			sc.ptfAcc[p.sec] += p.ptf
			sc.wordFlags[p.sec] |= flagLiteral
			if p.fields&(fieldHeading|fieldTitle) != 0 {
				sc.wordFlags[p.sec] |= flagNamed
			}
		}
	}
	for _, s := range sc.wordTouched {
		if f := sc.ptfAcc[s]; f > 0 {
			sc.wordAcc[s] = ownIDF * f / (k1 + f)
			sc.ptfAcc[s] = 0
		}
	}
	for _, v := range vs {
		if v.w == 1 && !v.typo {
			continue
		}
		idf := v.idf * v.w
		for _, p := range d.postings(v.word) {
			if sc.wordFlags[p.sec]&flagSeen == 0 {
				sc.wordFlags[p.sec] |= flagSeen
				sc.wordTouched = append(sc.wordTouched, p.sec)
			}
			sc.wordAcc[p.sec] = max(sc.wordAcc[p.sec], idf*p.ptf/(k1+p.ptf))
			if !v.typo {
				sc.wordFlags[p.sec] |= flagLiteral
			}
			if p.fields&(fieldHeading|fieldTitle) != 0 {
				sc.wordFlags[p.sec] |= flagNamed
			}
		}
	}
}

// scoreTerm adds one term's best BM25F score to every section that holds it.
func (d *data) scoreTerm(sc *scratch, t term, bit uint32) {
	for _, a := range t.alts {
		n := len(a.words)
		// A section must hold every word of the alternative.
		for _, vs := range a.words {
			d.wordScore(sc, vs)
			for _, s := range sc.wordTouched {
				f := sc.wordFlags[s]
				if sc.altCnt[s] == 0 {
					sc.altTouched = append(sc.altTouched, s)
				}
				if a.sum {
					sc.altSum[s] += sc.wordAcc[s]
				} else {
					sc.altSum[s] = max(sc.altSum[s], sc.wordAcc[s])
				}
				sc.altCnt[s]++
				if f&flagNamed != 0 {
					sc.altNamed[s]++
				}
				if f&flagLiteral == 0 {
					sc.altTypo[s] = true
				}
				sc.wordAcc[s], sc.wordFlags[s] = 0, 0
			}
			sc.wordTouched = sc.wordTouched[:0]
		}
		for _, s := range sc.altTouched {
			if int(sc.altCnt[s]) == n {
				val := a.weight * sc.altSum[s]
				if sc.termAcc[s] == 0 {
					sc.termTouched = append(sc.termTouched, s)
				}
				sc.termAcc[s] = max(sc.termAcc[s], val)
				if !a.glossary && !sc.altTypo[s] {
					sc.lit[s] |= bit
				}
				if int(sc.altNamed[s]) == n {
					sc.named[s] |= bit
				}
			}
			sc.altSum[s], sc.altCnt[s], sc.altNamed[s], sc.altTypo[s] = 0, 0, 0, false
		}
		sc.altTouched = sc.altTouched[:0]
	}
	for _, s := range sc.termTouched {
		if sc.mask[s] == 0 {
			sc.touched = append(sc.touched, s)
		}
		sc.total[s] += sc.termAcc[s]
		sc.mask[s] |= bit
		sc.termAcc[s] = 0
	}
	sc.termTouched = sc.termTouched[:0]
}

func (d *data) forVariants(t term, fn func(variant)) {
	for _, a := range t.alts {
		for _, vs := range a.words {
			for _, v := range vs {
				fn(v)
			}
		}
	}
}

// markStems records, for each word of the notes a query term matches, which terms those are.
func (d *data) markStems(sc *scratch, q query) {
	for k, t := range q.terms {
		d.forVariants(t, func(v variant) { sc.marks[v.word] |= 1 << k })
	}
}

// headingCover is the share of the heading's words (stop words aside) that the query matches: a heading
// the query covers names the section exactly ("Caching" for "api gateway caching"), one it half covers
// ("Authorizer caching") less so.
func (d *data) headingCover(sc *scratch, s int32) float32 {
	sec := &d.secs[s]
	var n, hit int
	for _, t := range sec.headToks {
		if w := d.words[t.word].text; stopWords[w] || w == "aws" || w == "amazon" {
			continue // "Amazon Cognito" is named by "cognito"
		}
		n++
		if sc.marks[t.word] != 0 {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float32(hit) / float32(n)
}

// phrases finds which neighbouring query terms (term k and k+1, as bit k+1) stand next to each other in
// the section's body (or its note's title) and in its heading.
func (d *data) phrases(sc *scratch, s int32) (body, head uint32) {
	sec := &d.secs[s]
	head = pairsIn(sc, sec.headToks)
	body = pairsIn(sc, sec.titleToks)
	if sec.lineEnd > sec.lineStart {
		d.loadTokens(s)
		body |= pairsIn(sc, d.toks[d.lines[sec.lineStart].tokStart:d.lines[sec.lineEnd-1].tokEnd])
	}
	return body, head
}

func pairsIn(sc *scratch, toks []token) uint32 {
	var found, prev, cur uint32
	prevPos, curPos := int32(-2), int32(-2)
	for _, t := range toks {
		if t.pos != curPos {
			if curPos == prevPos+1 {
				found |= (prev<<1)&cur | (cur<<1)&prev
			}
			prev, prevPos = cur, curPos
			cur, curPos = 0, t.pos
		}
		cur |= sc.marks[t.word]
	}
	if curPos == prevPos+1 {
		found |= (prev<<1)&cur | (cur<<1)&prev
	}
	return found
}

func (d *data) result(sc *scratch, c candidate, nTerms int) Result {
	sec := &d.secs[c.sec]
	r := Result{NoteID: d.notes[sec.note].id, NoteTitle: d.notes[sec.note].title, Slug: sec.slug, Heading: sec.heading,
		Score: float64(c.score), AllTerms: bits.OnesCount32(sc.mask[c.sec]) == nTerms, Literal: bits.OnesCount32(sc.lit[c.sec]) == nTerms, Line: -1}
	for _, t := range sec.headToks {
		if sc.marks[t.word] != 0 {
			r.HeadingMatched = appendRange(r.HeadingMatched, t.start, t.end)
		}
	}
	r.HeadingMatched = dedupe(r.HeadingMatched)
	d.loadTokens(c.sec)
	d.snippet(sc, sec, &r)
	return r
}

func appendRange(out []int, start, end int32) []int {
	for i := start; i < end; i++ {
		out = append(out, int(i))
	}
	return out
}

func dedupe(xs []int) []int {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// headingFuzzy is the last resort when no word of the query is in the notes: a fuzzy subsequence match
// over the headings, a short list where sahilm/fuzzy fits ("vsblty tmout" finds Visibility timeout).
func (d *data) headingFuzzy(query string, limit int) []Result {
	q := strings.Join(strings.Fields(fold(query)), " ")
	if utf8.RuneCountInString(q) < 3 || utf8.RuneCountInString(q) > 60 {
		return nil
	}
	d.headingsOnce.Do(func() {
		for _, s := range d.secs {
			d.headings = append(d.headings, fold(s.heading))
		}
	})
	var out []Result
	for _, m := range fuzzy.Find(q, d.headings) {
		if len(m.MatchedIndexes) == 0 {
			continue
		}
		// a match spread thinly over a long heading is noise
		span := m.MatchedIndexes[len(m.MatchedIndexes)-1] - m.MatchedIndexes[0] + 1
		if span > 2*len(q)+2 {
			continue
		}
		sec := &d.secs[m.Index]
		r := Result{NoteID: d.notes[sec.note].id, NoteTitle: d.notes[sec.note].title, Slug: sec.slug, Heading: sec.heading, Line: -1}
		h := d.headings[m.Index]
		for _, b := range m.MatchedIndexes {
			r.HeadingMatched = append(r.HeadingMatched, utf8.RuneCountInString(h[:b]))
		}
		if sec.lineEnd > sec.lineStart {
			l := &d.lines[sec.lineStart]
			r.Snippet, _ = cutSnippet(l.text, nil, 0)
			r.Line = l.num
		}
		out = append(out, r)
		if len(out) == limit {
			break
		}
	}
	return out
}
