package notes

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"sort"
	"sync"
	"unicode/utf8"
	"unsafe"

	"dvaprep/pack"
)

// The compiled index is the built index (see build) written out, so that a command which searches once
// reads it in well under a millisecond instead of tokenizing every note (some 20 ms). `go generate
// ./content/` puts it into the compiled pack (pack.Pack.CompiledIndex); tests check that it decodes equal to
// an index built from the YAML. What can be derived cheaply is not stored: the IDF of each word and the
// words by length. Stems stay computed per query, as in a built index. Most of it is decoded only when a
// search needs it: the postings of a word when a query holds it, and the tokens of a section's text when the
// section is a candidate (see lazyParts).
//
// Layout, every number an unsigned varint unless said otherwise, a string its byte length then its bytes:
//
//	magic "dvaprep-index\x00", version, the ranking parameters (float32 bits, little endian),
//	a CRC-32C of all that follows (4 bytes, little endian), then
//	notes:    count, then id, title, title token count and tokens
//	words:    count, then text, frequency, plain (1 byte), sections holding it, byte length of its postings
//	sorted:   the word IDs in text order
//	lines:    count, then text, line number, code (1 byte), token count
//	sections: count, then note, slug, heading, intro (1 byte), line count, heading token count and tokens,
//	          byte length of its text's tokens
//	tokens:   byte length, then every section's text tokens, section after section
//	postings: byte length, then every word's postings, word after word: section (delta from the previous),
//	          ptf (float32), fields (1 byte)
//	glossary: count of first words, in order; each word, then its entries: key words, meanings' words
//
// A token is its word, its position (signed delta from the previous token's in the same list), its start
// and its length.

var indexMagic = "dvaprep-index\x00"

// indexVersion changes whenever the layout or the way the index is built changes.
const indexVersion = 2

// rankingParams are the build parameters a compiled index depends on: one compiled with other values is
// refused and the index built instead, so a change of weights without `go generate` is never served stale.
var rankingParams = []float32{weightBody, weightHeading, weightTitle, weightTag, bBody, bHeading, maxWordRunes}

// ErrIndexFormat means a compiled index is damaged or from another version of dvaprep.
var ErrIndexFormat = errors.New("compiled search index: unreadable or from another version (run `go generate ./content/`)")

// CompileIndex builds the index of a pack's notes and encodes it, for pack.Pack.CompiledIndex.
func CompileIndex(p *pack.Pack) []byte { return build(p).encode() }

type encoder struct{ b []byte }

func (e *encoder) u(v int)       { e.b = binary.AppendUvarint(e.b, uint64(v)) }
func (e *encoder) byte(v bool)   { e.b = append(e.b, boolByte(v)) }
func (e *encoder) str(s string)  { e.u(len(s)); e.b = append(e.b, s...) }
func (e *encoder) f32(v float32) { e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(v)) }

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

func (e *encoder) tokens(toks []token) {
	var prev int32
	for _, t := range toks {
		e.u(int(t.word))
		e.b = binary.AppendVarint(e.b, int64(t.pos)-int64(prev))
		prev = t.pos
		e.u(int(t.start))
		e.u(int(t.end - t.start))
	}
}

func (d *data) encode() []byte {
	e := &encoder{b: make([]byte, 0, 1<<20)}
	// A note's title tokens are shared by its sections.
	titles := make([][]token, len(d.notes))
	for _, s := range d.secs {
		titles[s.note] = s.titleToks
	}
	e.u(len(d.notes))
	for i, n := range d.notes {
		e.str(n.id)
		e.str(n.title)
		e.u(len(titles[i]))
		e.tokens(titles[i])
	}
	posts := make([]encoder, len(d.words))
	for id, ps := range d.post {
		var prev int32
		for _, p := range ps {
			posts[id].u(int(p.sec - prev))
			prev = p.sec
			posts[id].f32(p.ptf)
			posts[id].b = append(posts[id].b, p.fields)
		}
	}
	e.u(len(d.words))
	for id, w := range d.words {
		e.str(w.text)
		e.u(int(w.freq))
		e.byte(w.plain)
		e.u(len(d.post[id]))
		e.u(len(posts[id].b))
	}
	for _, id := range d.sorted {
		e.u(int(id))
	}
	e.u(len(d.lines))
	for _, l := range d.lines {
		e.str(l.text)
		e.u(l.num)
		e.byte(l.code)
		e.u(int(l.tokEnd - l.tokStart))
	}
	e.u(len(d.secs))
	var toks encoder
	for _, s := range d.secs {
		e.u(int(s.note))
		e.str(s.slug)
		e.str(s.heading)
		e.byte(s.intro)
		e.u(int(s.lineEnd - s.lineStart))
		e.u(len(s.headToks))
		e.tokens(s.headToks)
		n := len(toks.b)
		if s.lineEnd > s.lineStart {
			toks.tokens(d.toks[d.lines[s.lineStart].tokStart:d.lines[s.lineEnd-1].tokEnd])
		}
		e.u(len(toks.b) - n)
	}
	e.u(len(toks.b))
	e.b = append(e.b, toks.b...)
	var total int
	for _, p := range posts {
		total += len(p.b)
	}
	e.u(total)
	for _, p := range posts {
		e.b = append(e.b, p.b...)
	}
	keys := make([]string, 0, len(d.gloss))
	for k := range d.gloss {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	e.u(len(keys))
	for _, k := range keys {
		e.str(k)
		e.u(len(d.gloss[k]))
		for _, g := range d.gloss[k] {
			e.strs(g.key)
			e.u(len(g.means))
			for _, m := range g.means {
				e.strs(m)
			}
		}
	}
	head := &encoder{b: make([]byte, 0, len(e.b)+64)}
	head.b = append(head.b, indexMagic...)
	head.b = append(head.b, indexVersion)
	for _, v := range rankingParams {
		head.f32(v)
	}
	head.b = binary.LittleEndian.AppendUint32(head.b, checksum(e.b))
	return append(head.b, e.b...)
}

// checksum is the CRC-32C of b. (Its table is made on first use, not at start-up, which every command pays.)
func checksum(b []byte) uint32 { return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)) }

func (e *encoder) strs(ss []string) {
	e.u(len(ss))
	for _, s := range ss {
		e.str(s)
	}
}

// decoder reads a compiled index. Every count and reference is checked against what it counts or refers
// to, so damaged data is an error, never a panic or a huge allocation. The first error sticks.
type decoder struct {
	s   string // the data, once, so that every string read is a slice of it
	off int
	bad bool
}

func (r *decoder) fail() { r.bad, r.off = true, len(r.s) }

func (r *decoder) uvarint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if r.off >= len(r.s) {
			r.fail()
			return 0
		}
		c := r.s[r.off]
		r.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.fail()
	return 0
}

// n reads a number below limit (a count of what follows, or a reference).
func (r *decoder) n(limit int) int {
	v := r.uvarint()
	if v >= uint64(limit) {
		r.fail()
		return 0
	}
	return int(v)
}

// count reads a count of items that each take at least min bytes of what is left.
func (r *decoder) count(min int) int { return r.n((len(r.s)-r.off)/min + 1) }

func (r *decoder) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (r *decoder) byte() byte {
	if r.off >= len(r.s) {
		r.fail()
		return 0
	}
	r.off++
	return r.s[r.off-1]
}

func (r *decoder) bool() bool { return r.byte() == 1 }

func (r *decoder) str() string {
	n := r.count(1)
	if r.bad || n > len(r.s)-r.off {
		r.fail()
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

func (r *decoder) f32() float32 {
	if len(r.s)-r.off < 4 {
		r.fail()
		return 0
	}
	v := uint32(r.s[r.off]) | uint32(r.s[r.off+1])<<8 | uint32(r.s[r.off+2])<<16 | uint32(r.s[r.off+3])<<24
	r.off += 4
	return math.Float32frombits(v)
}

func (r *decoder) strs() []string {
	out := make([]string, r.count(1))
	for i := range out {
		out[i] = r.str()
	}
	return out
}

// tokens reads a list of tokens into out. Their words must be below nwords, and they must lie within text.
func (r *decoder) tokens(out []token, nwords int, text string) {
	var prev int32
	r.tokensFrom(out, nwords, text, &prev)
}

// tokensFrom reads tokens that continue a list, whose last position was *prev.
func (r *decoder) tokensFrom(out []token, nwords int, text string, prev *int32) {
	runes := utf8.RuneCountInString(text)
	for i := range out {
		t := &out[i]
		t.word = int32(r.n(nwords))
		pos := int64(*prev) + r.varint()
		if pos < math.MinInt32 || pos > math.MaxInt32 {
			r.fail()
		}
		t.pos = int32(pos)
		*prev = t.pos
		t.start = int32(r.n(runes + 1))
		t.end = t.start + int32(r.n(runes-int(t.start)+1))
	}
}

// lazyParts is what a compiled index decodes on first use: each word's postings, each section's tokens.
// Each is decoded once (a sync.Once per word and per section), so an index is safe for concurrent use.
type lazyParts struct {
	s        string
	wordOnce []sync.Once
	postAt   []int // byte offset of each word's postings in s, and of the end
	secOnce  []sync.Once
	tokensAt []int // byte offset of each section's text tokens in s, and of the end
	nwords   int
}

// postings returns the postings of a word.
func (d *data) postings(id int32) []posting {
	if l := d.lazy; l != nil {
		l.wordOnce[id].Do(func() {
			r := &decoder{s: l.s[:l.postAt[id+1]], off: l.postAt[id]}
			ps := make([]posting, d.df[id])
			sec := 0
			for i := range ps {
				sec += r.n(len(d.secs) - sec)
				ps[i] = posting{sec: int32(sec), ptf: r.f32(), fields: r.byte()}
			}
			if r.bad || r.off != len(r.s) {
				ps = ps[:0] // damaged after its checksum was checked: cannot happen, but never panic
			}
			d.post[id] = ps
		})
	}
	return d.post[id]
}

// loadTokens makes sure the tokens of a section's text are decoded.
func (d *data) loadTokens(s int32) {
	l := d.lazy
	if l == nil {
		return
	}
	l.secOnce[s].Do(func() {
		sec := &d.secs[s]
		if sec.lineEnd == sec.lineStart {
			return
		}
		r := &decoder{s: l.s[:l.tokensAt[s+1]], off: l.tokensAt[s]}
		var prev int32
		for _, ln := range d.lines[sec.lineStart:sec.lineEnd] {
			toks := d.toks[ln.tokStart:ln.tokEnd]
			r.tokensFrom(toks, l.nwords, ln.text, &prev)
		}
		if r.bad || r.off != len(r.s) {
			clear(d.toks[d.lines[sec.lineStart].tokStart:d.lines[sec.lineEnd-1].tokEnd]) // as for postings
		}
	})
}

// loadAll decodes whatever is left of a compiled index.
func (d *data) loadAll() {
	if d.lazy == nil {
		return
	}
	for id := range d.words {
		d.postings(int32(id))
	}
	for s := range d.secs {
		d.loadTokens(int32(s))
	}
}

func decodeIndex(b []byte) (*data, error) {
	if len(b) == 0 {
		return nil, ErrIndexFormat
	}
	// The compiled index is read-only (see pack.Pack.CompiledIndex), usually embedded in the binary: its
	// strings are taken from it in place, not copied, and only the pages a search reads are ever loaded.
	r := &decoder{s: unsafe.String(&b[0], len(b))}
	if len(r.s) < len(indexMagic)+1 || r.s[:len(indexMagic)] != indexMagic || r.s[len(indexMagic)] != indexVersion {
		return nil, ErrIndexFormat
	}
	r.off = len(indexMagic) + 1
	for _, v := range rankingParams {
		if r.f32() != v {
			return nil, ErrIndexFormat
		}
	}
	if r.off+4 > len(b) || binary.LittleEndian.Uint32(b[r.off:]) != checksum(b[r.off+4:]) {
		return nil, ErrIndexFormat
	}
	r.off += 4
	return decodeBody(r)
}

// decodeBody decodes what follows the checksum, leaving the postings and the text tokens for later.
func decodeBody(r *decoder) (*data, error) {
	d := &data{stems: map[int32]string{}}
	d.notes = make([]noteRef, r.count(3))
	titles := make([][]token, len(d.notes))
	// The title tokens refer to words, which come next: they are read after them.
	titleAt := make([]int, len(d.notes))
	for i := range d.notes {
		d.notes[i] = noteRef{id: r.str(), title: r.str()}
		if k := r.count(4); k > 0 {
			titles[i] = make([]token, k)
		}
		titleAt[i] = r.off
		r.skipTokens(len(titles[i]))
	}
	nwords := r.count(5)
	d.words = make([]word, nwords)
	d.df = make([]int32, nwords)
	postLen := make([]int, nwords)
	for i := range d.words {
		d.words[i] = word{text: r.str(), freq: int32(r.n(math.MaxInt32)), plain: r.bool()}
		d.df[i] = int32(r.n(math.MaxInt32))
		postLen[i] = r.n(len(r.s))
	}
	end := r.off
	for i := range titles {
		r.off = titleAt[i]
		r.tokens(titles[i], nwords, d.notes[i].title)
	}
	r.off = end
	if r.bad {
		return nil, ErrIndexFormat
	}
	d.sorted = make([]int32, nwords)
	for i := range d.sorted {
		d.sorted[i] = int32(r.n(nwords))
	}
	d.lines = make([]line, r.count(4))
	var ntoks int
	for i := range d.lines {
		l := &d.lines[i]
		l.text, l.num, l.code = r.str(), r.n(math.MaxInt32), r.bool()
		k := r.n(math.MaxInt32 - ntoks)
		l.tokStart, l.tokEnd = int32(ntoks), int32(ntoks+k)
		ntoks += k
	}
	if r.bad || ntoks > len(r.s) { // a token takes at least 4 bytes
		return nil, ErrIndexFormat
	}
	d.secs = make([]section, r.count(5))
	l := &lazyParts{s: r.s, nwords: nwords, secOnce: make([]sync.Once, len(d.secs)), tokensAt: make([]int, len(d.secs)+1),
		wordOnce: make([]sync.Once, nwords), postAt: make([]int, nwords+1)}
	var nlines int
	for i := range d.secs {
		s := &d.secs[i]
		s.note = int32(r.n(len(d.notes)))
		s.slug, s.heading, s.intro = r.str(), r.str(), r.bool()
		k := r.n(len(d.lines) - nlines + 1)
		s.lineStart, s.lineEnd = int32(nlines), int32(nlines+k)
		nlines += k
		if k := r.count(4); k > 0 {
			s.headToks = make([]token, k)
		}
		r.tokens(s.headToks, nwords, s.heading)
		s.titleToks = titles[s.note]
		l.tokensAt[i+1] = l.tokensAt[i] + r.n(len(r.s))
	}
	if nlines != len(d.lines) || r.bad {
		return nil, ErrIndexFormat
	}
	// the text tokens: their offsets were relative to the block
	if n := r.n(len(r.s)); n != l.tokensAt[len(d.secs)] || n > len(r.s)-r.off {
		return nil, ErrIndexFormat
	}
	for i := range l.tokensAt {
		l.tokensAt[i] += r.off
	}
	r.off = l.tokensAt[len(d.secs)]
	n := r.n(len(r.s))
	l.postAt[0] = r.off
	for i, k := range postLen {
		l.postAt[i+1] = l.postAt[i] + k
	}
	if l.postAt[nwords]-r.off != n || n > len(r.s)-r.off {
		return nil, ErrIndexFormat
	}
	r.off += n
	d.gloss = make(map[string][]glossEntry)
	for range r.count(2) {
		k := r.str()
		es := make([]glossEntry, r.count(2))
		for i := range es {
			es[i].key = r.strs()
			for range r.count(1) {
				es[i].means = append(es[i].means, r.strs())
			}
			if len(es[i].key) == 0 {
				r.fail()
			}
		}
		d.gloss[k] = es
	}
	if r.bad || r.off != len(r.s) {
		return nil, ErrIndexFormat
	}
	d.toks = make([]token, ntoks)
	d.post = make([][]posting, nwords)
	d.lazy = l
	d.derive()
	return d, nil
}

// skipTokens passes over n tokens.
func (r *decoder) skipTokens(n int) {
	for range n {
		r.uvarint()
		r.uvarint()
		r.uvarint()
		r.uvarint()
	}
}

// derive computes what the index holds but neither build's tokenizing nor the compiled form gives: the
// IDF of each word and the words by length.
func (d *data) derive() {
	if d.df == nil {
		d.df = make([]int32, len(d.words))
		for id := range d.post {
			d.df[id] = int32(len(d.post[id]))
		}
	}
	d.idf = make([]float32, len(d.words))
	for id, df := range d.df {
		d.idf[id] = idfOf(len(d.secs), int(df))
	}
	d.byLen = nil
	for i, w := range d.words {
		n := utf8.RuneCountInString(w.text)
		for len(d.byLen) <= n {
			d.byLen = append(d.byLen, nil)
		}
		d.byLen[n] = append(d.byLen[n], int32(i))
	}
}
