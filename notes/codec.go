package notes

import (
	"encoding/binary"
	"errors"
	"math"
	"sort"
	"unicode/utf8"

	"dvaprep/pack"
)

// The compiled index is the built index (see build) written out, so that a command which searches once
// reads it in about a millisecond instead of tokenizing every note (some 20 ms). `go generate ./content/`
// puts it into the compiled pack (pack.Pack.CompiledIndex); a test checks that it decodes equal to an index
// built from the YAML. What can be derived cheaply is not stored: the IDF of each word (from its number of
// postings) and the words by length. Stems stay computed per query, as in a built index.
//
// Layout, every number an unsigned varint unless said otherwise, a string its byte length then its bytes:
//
//	magic "dvaprep-index\x00", version, the ranking parameters (float32 bits, little endian)
//	notes:    count, then id, title, title tokens
//	words:    count, then text, frequency, plain (1 byte)
//	sorted:   the word IDs in text order
//	lines:    count, then text, line number, code (1 byte), token count; then their tokens
//	sections: count, then note, slug, heading, intro (1 byte), line count, heading tokens
//	postings: per word: count, then section (delta from the previous), ptf (float32), fields (1 byte)
//	glossary: count of first words, in order; each word, then its entries: key words, meanings' words
//
// A token is its word, its position (signed delta from the previous token's), its start and its length.

var indexMagic = "dvaprep-index\x00"

// indexVersion changes whenever the layout or the way the index is built changes.
const indexVersion = 1

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

func (e *encoder) tokens(toks []token, prev *int32) {
	for _, t := range toks {
		e.u(int(t.word))
		e.b = binary.AppendVarint(e.b, int64(t.pos)-int64(*prev))
		*prev = t.pos
		e.u(int(t.start))
		e.u(int(t.end - t.start))
	}
}

func (d *data) encode() []byte {
	e := &encoder{b: make([]byte, 0, 1<<20)}
	e.b = append(e.b, indexMagic...)
	e.b = append(e.b, indexVersion)
	for _, v := range rankingParams {
		e.f32(v)
	}
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
		var prev int32
		e.tokens(titles[i], &prev)
	}
	e.u(len(d.words))
	for _, w := range d.words {
		e.str(w.text)
		e.u(int(w.freq))
		e.byte(w.plain)
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
	e.u(len(d.toks))
	var prev int32
	e.tokens(d.toks, &prev)
	e.u(len(d.secs))
	for _, s := range d.secs {
		e.u(int(s.note))
		e.str(s.slug)
		e.str(s.heading)
		e.byte(s.intro)
		e.u(int(s.lineEnd - s.lineStart))
		e.u(len(s.headToks))
		var prev int32
		e.tokens(s.headToks, &prev)
	}
	for _, ps := range d.post {
		e.u(len(ps))
		var prev int32
		for _, p := range ps {
			e.u(int(p.sec - prev))
			prev = p.sec
			e.f32(p.ptf)
			e.b = append(e.b, p.fields)
		}
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
	return e.b
}

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

// tokens reads tokens into out. Their words must be below nwords, and they must lie within text.
func (r *decoder) tokens(out []token, nwords int, prev *int32, text string) {
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

func decodeIndex(b []byte) (*data, error) {
	r := &decoder{s: string(b)}
	if len(r.s) < len(indexMagic)+1 || r.s[:len(indexMagic)] != indexMagic || r.s[len(indexMagic)] != indexVersion {
		return nil, ErrIndexFormat
	}
	r.off = len(indexMagic) + 1
	for _, v := range rankingParams {
		if r.f32() != v {
			return nil, ErrIndexFormat
		}
	}
	d := &data{stems: map[int32]string{}}
	d.notes = make([]noteRef, r.count(3))
	titles := make([][]token, len(d.notes))
	var nwords int
	// The title tokens refer to words, which come next: read them after.
	titleAt := make([]int, len(d.notes))
	for i := range d.notes {
		d.notes[i] = noteRef{id: r.str(), title: r.str()}
		if k := r.count(4); k > 0 {
			titles[i] = make([]token, k)
		}
		titleAt[i] = r.off
		r.skipTokens(len(titles[i]))
	}
	nwords = r.count(3)
	d.words = make([]word, nwords)
	for i := range d.words {
		d.words[i] = word{text: r.str(), freq: int32(r.n(math.MaxInt32)), plain: r.bool()}
	}
	end := r.off
	for i := range titles {
		r.off = titleAt[i]
		var prev int32
		r.tokens(titles[i], nwords, &prev, d.notes[i].title)
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
	if r.count(4) != ntoks || r.bad {
		return nil, ErrIndexFormat
	}
	d.toks = make([]token, ntoks)
	var prev int32
	for _, l := range d.lines {
		r.tokens(d.toks[l.tokStart:l.tokEnd], nwords, &prev, l.text)
	}
	d.secs = make([]section, r.count(5))
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
		var prev int32
		r.tokens(s.headToks, nwords, &prev, s.heading)
		s.titleToks = titles[s.note]
	}
	if nlines != len(d.lines) || r.bad {
		return nil, ErrIndexFormat
	}
	d.post = make([][]posting, nwords)
	flat := make([]posting, 0, (len(r.s)-r.off)/6)
	for id := range d.post {
		k := r.n(len(d.secs) + 1)
		start := len(flat)
		sec := 0
		for range k {
			sec += r.n(len(d.secs) - sec)
			flat = append(flat, posting{sec: int32(sec), ptf: r.f32(), fields: r.byte()})
		}
		d.post[id] = flat[start:len(flat):len(flat)]
	}
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
	d.idf = make([]float32, len(d.words))
	for id := range d.post {
		d.idf[id] = idfOf(len(d.secs), len(d.post[id]))
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
