// Package notes turns a pack's markdown notes into what a learner navigates: sections, plain text lines,
// and a word-level search over every section, ranked by relevance (BM25F over the note title, the heading
// and the body) with typo tolerance, stemming and the pack's glossary of abbreviations.
package notes

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"

	"dvaprep/pack"
)

// Index is the search index of a pack's notes. It is made on first use (or by Prepare), so creating one
// costs nothing at start-up: decoded from the pack's compiled index when it has one (see CompileIndex),
// else built from its notes. It is safe for concurrent use.
type Index struct {
	pack *pack.Pack
	once sync.Once
	d    *data
	err  error     // why the compiled index was not used
	pool sync.Pool // *scratch
}

// NewIndex returns the (not yet made) search index of every note of a pack.
func NewIndex(p *pack.Pack) *Index {
	return &Index{pack: p}
}

// Prepare makes the index now, so that the first search does not pay for it. It returns ErrIndexFormat
// when the pack's compiled index could not be read; the index was then built from the pack's notes.
func (ix *Index) Prepare() error {
	ix.get()
	return ix.err
}

func (ix *Index) get() *data {
	ix.once.Do(func() {
		if len(ix.pack.CompiledIndex) > 0 {
			if ix.d, ix.err = decodeIndex(ix.pack.CompiledIndex); ix.err == nil {
				return
			}
		}
		ix.d = build(ix.pack)
	})
	return ix.d
}

// Fields of a section and how much a match in each counts. A heading names what a section is about; the
// note's title and tags say which service it concerns, for every section of the note.
const (
	fieldBody uint8 = 1 << iota
	fieldHeading
	fieldTitle
	fieldTag
)

const (
	weightBody    = 1.0
	weightHeading = 3.0
	weightTitle   = 2.5
	weightTag     = 0.05 // a note's tags say what every section is about, barely enough to hold a term
	bBody         = 0.75
	bHeading      = 0.5
	k1            = 1.2
)

// token is one word of a section: the word, its place in the word sequence and its rune offsets in the
// text of its line (or heading).
type token struct {
	word       int32
	pos        int32
	start, end int32
}

// line is one passage of a section (a paragraph, list item, table row or line of code; see blocks), in
// plain text, with its tokens.
type line struct {
	text     string
	num      int  // the 0-based line of the note body where it starts
	code     bool // inside a fenced code block
	tokStart int32
	tokEnd   int32
}

// section is what search returns: a note's introduction (slug "") or one heading and its lines, up to the
// next heading.
type section struct {
	note      int32 // in data.notes
	slug      string
	heading   string
	headToks  []token
	titleToks []token // the note's title, shared by its sections, for phrases ("step functions")
	lineStart int32   // lines of the section: d.lines[lineStart:lineEnd]
	lineEnd   int32
	intro     bool
}

// word is one distinct word of the notes, folded.
type word struct {
	text  string
	freq  int32
	plain bool // seen on its own, not only as a camelCase name ("rollback", not just "ApiGateway")
}

type posting struct {
	sec    int32
	ptf    float32 // BM25F pseudo term frequency: field-weighted and length-normalised
	fields uint8
}

type glossEntry struct {
	key   []string   // the term's words
	means [][]string // each meaning's words
}

// noteRef is what a result says of a section's note.
type noteRef struct {
	id, title string
}

type data struct {
	notes []noteRef
	secs  []section
	lines []line
	toks  []token

	words  []word
	sorted []int32     // word IDs in text order, for prefix search
	byLen  [][]int32   // word IDs by rune length, for typo search
	post   [][]posting // use postings(id): a compiled index decodes them on first use
	df     []int32     // per word: the sections that hold it (len(post[id]))
	idf    []float32

	// lazy is the rest of a compiled index, decoded as searches need it: the postings of a word and the
	// tokens of a section's text. nil for a built index.
	lazy *lazyParts

	// Stems are computed when a query needs them (a few words per query), not for every word up front:
	// stemming the whole vocabulary would be most of the cost of building the index.
	stemMu sync.Mutex
	stems  map[int32]string

	gloss map[string][]glossEntry // by the first word of the term

	headingsOnce sync.Once
	headings     []string // folded headings, for the fuzzy last resort
}

// stem returns the Snowball (Porter2) stem of a word of the notes.
func (d *data) stem(id int32) string {
	d.stemMu.Lock()
	defer d.stemMu.Unlock()
	st, ok := d.stems[id]
	if !ok {
		st = english.Stem(d.words[id].text, true)
		d.stems[id] = st
	}
	return st
}

// lookup returns the ID of a folded word of the notes, by binary search over the words in text order.
func (d *data) lookup(w string) (int32, bool) {
	i, ok := slices.BinarySearchFunc(d.sorted, w, func(id int32, w string) int { return strings.Compare(d.words[id].text, w) })
	if !ok {
		return -1, false
	}
	return d.sorted[i], true
}

type builder struct {
	d      *data
	wordID map[string]int32
	lower  map[string]string // words as spelt in the notes -> lower case
	counts [][4]float32      // per word: counts in the current section by field (body, heading, title)
	seen   []int32           // words counted in the current section
	// per section
	headLen []float32
	bodyLen []float32
	secSeen [][]int32      // words of each section
	secCnt  [][][4]float32 // their counts
}

func build(p *pack.Pack) *data {
	d := &data{stems: map[int32]string{}, gloss: map[string][]glossEntry{}}
	b := &builder{d: d, lower: map[string]string{}}
	size := 0
	for _, n := range p.Notes {
		size += len(n.Body)
	}
	d.toks = make([]token, 0, size/6)
	vocab := size/64 + 64 // about one new word in 64 bytes of notes
	b.wordID = make(map[string]int32, vocab)
	d.words = make([]word, 0, vocab)
	b.counts = make([][4]float32, 0, vocab)
	for _, n := range p.Notes {
		b.addNote(n)
	}
	b.postings()
	d.sorted = make([]int32, len(d.words))
	for i := range d.sorted {
		d.sorted[i] = int32(i)
	}
	slices.SortFunc(d.sorted, func(a, c int32) int { return strings.Compare(d.words[a].text, d.words[c].text) })
	for _, g := range p.Glossary {
		e := glossEntry{key: strings.Fields(g.Term)}
		for _, m := range g.Means {
			e.means = append(e.means, strings.Fields(m))
		}
		d.gloss[e.key[0]] = append(d.gloss[e.key[0]], e)
	}
	for k := range d.gloss {
		// the longest term first, so "iam role" is tried before "iam"
		slices.SortStableFunc(d.gloss[k], func(a, c glossEntry) int { return len(c.key) - len(a.key) })
	}
	d.derive()
	return d
}

// word returns the ID of a folded word, adding it to the vocabulary.
func (b *builder) word(w string) int32 {
	d := b.d
	if id, ok := b.wordID[w]; ok {
		d.words[id].freq++
		return id
	}
	w = strings.Clone(w)
	id := int32(len(d.words))
	b.wordID[w] = id
	d.words = append(d.words, word{text: w, freq: 1})
	b.counts = append(b.counts, [4]float32{})
	return id
}

func (b *builder) count(id int32, f int, c float32) {
	cc := &b.counts[id]
	if cc[0] == 0 && cc[1] == 0 && cc[2] == 0 && cc[3] == 0 {
		b.seen = append(b.seen, id)
	}
	if f >= 2 {
		cc[f] = max(cc[f], c) // the title and tags count once, however often a section repeats them
		return
	}
	cc[f] += c
}

// tokens tokenizes text, appending to out, and counts each word in field f of the current section (f < 0:
// count nothing).
func (b *builder) tokens(text string, pos *int32, f int, out []token) []token {
	prev, prevStart := "", 0
	tokenizeCached(text, b.lower, func(s span) {
		id := b.word(s.word)
		if !s.part && !s.camel {
			b.d.words[id].plain = true
		}
		switch {
		case stopWords[s.word]:
			// a stop word stands between words without parting them: "all at once" is a phrase of two
		case !s.part:
			*pos++
		case len(out) > 0 && out[len(out)-1].start != int32(s.start):
			*pos++
		}
		out = append(out, token{word: id, pos: *pos, start: int32(s.start), end: int32(s.end)})
		if f >= 0 {
			b.count(id, f, 1)
		}
		// The notes state a limit as "up to 10 GB" or "at most 5"; a learner asks for the "max".
		if !s.part && ((prev == "up" && s.word == "to") || (prev == "at" && s.word == "most")) {
			mx := b.word("max")
			out = append(out, token{word: mx, pos: *pos, start: int32(prevStart), end: int32(s.end)})
			if f >= 0 {
				b.count(mx, f, 1)
			}
		}
		if !s.part {
			prev, prevStart = s.word, s.start
		}
	})
	return out
}

func (b *builder) addNote(n *pack.Note) {
	d := b.d
	d.notes = append(d.notes, noteRef{id: n.ID, title: n.Title})
	// The title field is the note's title and ID for every section. Its tags add to the introduction's
	// text; in the other sections they hold a term (for "every term") but score next to nothing, so that a
	// tag does not make every section of its note a match for it.
	var title, tags []int32
	tokenize(n.Title+" "+n.ID, func(s span) { title = append(title, b.word(s.word)) })
	var tpos int32
	titleToks := b.tokens(n.Title, &tpos, -1, nil)
	tokenize(strings.Join(n.Tags, " "), func(s span) { tags = append(tags, b.word(s.word)) })

	open := false
	startSection := func(slug, heading string, intro bool) {
		if open {
			b.finishSection()
		}
		open = true
		sec := section{note: int32(len(d.notes) - 1), slug: slug, heading: heading, intro: intro, titleToks: titleToks,
			lineStart: int32(len(d.lines)), lineEnd: int32(len(d.lines))}
		var pos int32
		field := 1
		if intro {
			field = 2 // the introduction's heading is the note title: it counts once, as the title
		}
		sec.headToks = b.tokens(heading, &pos, field, nil)
		for _, id := range title {
			b.count(id, 2, 1)
		}
		for _, id := range tags {
			if intro {
				b.count(id, 0, 1) // as if the introduction's text named them once
			} else {
				b.count(id, 3, 1)
			}
		}
		d.secs = append(d.secs, sec)
		b.headLen = append(b.headLen, float32(len(sec.headToks)))
		b.bodyLen = append(b.bodyLen, 0)
	}
	startSection("", n.Title, true)
	headAt := make(map[int]pack.Section, len(n.Sections))
	for _, s := range n.Sections {
		headAt[s.Line] = s
	}
	var pos int32 = 1 << 20 // body positions never touch heading positions
	emit := func(bl block) {
		ln := line{text: bl.text, num: bl.num, code: bl.code, tokStart: int32(len(d.toks))}
		d.toks = b.tokens(bl.text, &pos, 0, d.toks)
		ln.tokEnd = int32(len(d.toks))
		pos++ // no phrase spans two blocks
		d.lines = append(d.lines, ln)
		cur := len(d.secs) - 1
		d.secs[cur].lineEnd = int32(len(d.lines))
		b.bodyLen[cur] += float32(ln.tokEnd - ln.tokStart)
	}
	var bs blocks
	for i, raw := range strings.Split(n.Body, "\n") {
		if s, ok := headAt[i]; ok {
			bs.flush(emit)
			startSection(s.Slug, s.Heading, false)
			pos = 1 << 20
			continue
		}
		bs.add(i, raw, emit)
	}
	bs.flush(emit)
	b.finishSection()
}

// finishSection keeps the current section's counts and clears them for the next.
func (b *builder) finishSection() {
	cnt := make([][4]float32, len(b.seen))
	for i, id := range b.seen {
		cnt[i] = b.counts[id]
		b.counts[id] = [4]float32{}
	}
	b.secSeen = append(b.secSeen, b.seen)
	b.secCnt = append(b.secCnt, cnt)
	b.seen = nil
}

func idfOf(n, df int) float32 {
	return float32(math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5)))
}

// postings turns the per-section counts into BM25F postings (derive computes the inverse document
// frequencies from them).
func (b *builder) postings() {
	d := b.d
	df := make([]int32, len(d.words))
	for _, seen := range b.secSeen {
		for _, id := range seen {
			df[id]++
		}
	}
	d.post = make([][]posting, len(d.words))
	for id := range d.post {
		d.post[id] = make([]posting, 0, df[id])
	}
	var avgHead, avgBody float32
	for i := range d.secs {
		avgHead += b.headLen[i]
		avgBody += b.bodyLen[i]
	}
	n := float32(max(len(d.secs), 1))
	avgHead, avgBody = max(avgHead/n, 1), max(avgBody/n, 1)
	for si, seen := range b.secSeen {
		normHead := 1 - bHeading + bHeading*b.headLen[si]/avgHead
		normBody := 1 - bBody + bBody*b.bodyLen[si]/avgBody
		for k, id := range seen {
			c := b.secCnt[si][k]
			var fields uint8
			if c[0] > 0 {
				fields |= fieldBody
			}
			if c[1] > 0 {
				fields |= fieldHeading
			}
			if c[2] > 0 {
				fields |= fieldTitle
			}
			if c[3] > 0 {
				fields |= fieldTag
			}
			ptf := weightBody*c[0]/normBody + weightHeading*c[1]/normHead + weightTitle*c[2] + weightTag*c[3]
			d.post[id] = append(d.post[id], posting{sec: int32(si), ptf: ptf, fields: fields})
		}
	}
}
