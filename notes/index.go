// Package notes turns a pack's markdown notes into what a learner navigates: sections, plain text lines,
// and one search index over every heading and every line, ranked for a learner rather than by raw fuzzy score.
package notes

import (
	"regexp"
	"strings"
	"unicode"

	"dvaprep/pack"

	"golang.org/x/text/unicode/norm"
)

// Entry is one searchable thing: a section heading or one line of a note's body.
type Entry struct {
	NoteID    string
	NoteTitle string
	Slug      string // the section the entry belongs to; "" before the first heading
	Heading   string // that section's heading, or the note title
	Line      int    // 0-based line in the note body
	Text      string // what is shown: the heading, or the line without markdown markers
	IsHeading bool

	fold      string // Text folded: lower case, no diacritics, same runes count as Text
	context   string // folded note title, tags and heading, for multi-word queries
	acronym   string // initials of the heading's words, for "dlq"
	headFold  string
	titleFold string
	mask      uint64 // which letters and digits fold holds, to skip hopeless fuzzy candidates
	section   int    // index of the entry's section, for counting hits per section
}

// Index holds every entry of a pack's notes.
type Index struct {
	entries  []Entry
	headings []int // positions of heading entries in entries
	lines    []int // positions of line entries
}

// NewIndex builds the search index of every note of a pack.
func NewIndex(p *pack.Pack) *Index {
	ix := &Index{}
	for _, n := range p.Notes {
		ix.addNote(n)
	}
	return ix
}

// Len is the number of entries, headings and lines together.
func (ix *Index) Len() int { return len(ix.entries) }

func (ix *Index) addNote(n *pack.Note) {
	tags := fold(strings.Join(n.Tags, " ") + " " + n.ID)
	titleFold := fold(n.Title)
	top := Entry{NoteID: n.ID, NoteTitle: n.Title, Heading: n.Title, Text: n.Title, IsHeading: true}
	top.fold, top.headFold, top.titleFold = titleFold, titleFold, titleFold
	top.context = titleFold + " " + tags
	top.acronym = acronym(n.Title)
	ix.add(top)

	sec := top
	lines := strings.Split(n.Body, "\n")
	headAt := map[int]pack.Section{}
	for _, s := range n.Sections {
		headAt[s.Line] = s
	}
	fence := false
	for i, raw := range lines {
		if s, ok := headAt[i]; ok {
			sec = Entry{NoteID: n.ID, NoteTitle: n.Title, Slug: s.Slug, Heading: s.Heading, Line: i, Text: s.Heading, IsHeading: true}
			sec.fold = fold(s.Heading)
			sec.headFold = sec.fold
			sec.titleFold = titleFold
			sec.context = titleFold + " " + tags + " " + sec.fold
			sec.acronym = acronym(s.Heading)
			ix.add(sec)
			continue
		}
		t := strings.TrimSpace(raw)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			continue
		}
		text := PlainLine(raw)
		if text == "" || (!fence && isRule(t)) {
			continue
		}
		e := Entry{NoteID: n.ID, NoteTitle: n.Title, Slug: sec.Slug, Heading: sec.Heading, Line: i, Text: text}
		e.fold = fold(text)
		e.headFold = sec.headFold
		e.context = sec.context
		ix.add(e)
	}
}

func (ix *Index) add(e Entry) {
	e.mask = runeMask(e.fold)
	if e.IsHeading {
		e.section = len(ix.headings)
	} else {
		e.section = max(len(ix.headings)-1, 0)
	}
	if e.IsHeading {
		ix.headings = append(ix.headings, len(ix.entries))
	} else {
		ix.lines = append(ix.lines, len(ix.entries))
	}
	ix.entries = append(ix.entries, e)
}

// runeMask sets one bit per ASCII letter or digit present in s, and bit 63 for anything else.
func runeMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			m |= 1 << (c - 'a')
		case c >= '0' && c <= '9':
			m |= 1 << (26 + c - '0')
		case c == ' ':
		default:
			m |= 1 << 63
		}
	}
	return m
}

func isRule(t string) bool {
	t = strings.ReplaceAll(t, " ", "")
	return strings.Trim(t, "-|:") == "" || strings.Trim(t, "*") == "" || strings.Trim(t, "_") == ""
}

var emphasis = strings.NewReplacer("**", "", "*", "", "`", "", "__", "")

var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// PlainLine strips the markdown markers a reader does not need in a one-line result: list bullets, quote
// marks, heading hashes, emphasis and code ticks, table pipes.
func PlainLine(line string) string {
	t := strings.TrimSpace(line)
	for {
		switch {
		case strings.HasPrefix(t, "> "), t == ">":
			t = strings.TrimSpace(strings.TrimPrefix(t, ">"))
		case strings.HasPrefix(t, "- "), strings.HasPrefix(t, "* "), strings.HasPrefix(t, "+ "):
			t = strings.TrimSpace(t[2:])
		case strings.HasPrefix(t, "#"):
			t = strings.TrimSpace(strings.TrimLeft(t, "#"))
		default:
			if strings.Contains(t, "](") {
				t = mdLink.ReplaceAllString(t, "$1")
			}
			t = emphasis.Replace(t)
			if strings.HasPrefix(t, "|") {
				t = strings.Join(strings.Fields(strings.ReplaceAll(strings.Trim(t, "|"), "|", " · ")), " ")
			}
			return strings.TrimSpace(t)
		}
	}
}

// fold lower-cases and strips diacritics rune by rune, so rune positions in the result match the input.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func foldRune(r rune) rune {
	if r < 0x80 {
		return unicode.ToLower(r)
	}
	d := []rune(norm.NFD.String(string(r)))
	if len(d) > 0 {
		r = d[0]
	}
	return unicode.ToLower(r)
}

func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func acronym(s string) string {
	var b strings.Builder
	for _, w := range words(fold(s)) {
		// split camel-free compound words like "dead-letter" already split by FieldsFunc
		b.WriteRune([]rune(w)[0])
	}
	return b.String()
}
