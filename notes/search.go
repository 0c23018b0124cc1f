package notes

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// Result is one search hit. Matched holds rune positions in Entry.Text to highlight.
type Result struct {
	*Entry
	Score   int
	Matched []int
}

// Link is the result's address, "note-id#slug", or the note ID for a note's top.
func (r Result) Link() string {
	if r.Slug == "" {
		return r.NoteID
	}
	return r.NoteID + "#" + r.Slug
}

// Score tiers. A learner who types a heading wants that heading first, then lines that contain what they
// typed, and only then loose fuzzy subsequence matches, which are capped below every exact match.
const (
	tierHeadingExact    = 10000
	tierNoteTitle       = 9000
	tierHeadingPrefix   = 8000
	tierHeadingContains = 7000
	tierAcronym         = 6500
	tierHeadingWords    = 5000
	tierHeadingTokens   = 4000
	tierLinePhrase      = 3000
	tierLineTokens      = 2500
	tierLineInContext   = 2000
	tierHeadingFuzzy    = 1000
	tierLineFuzzy       = 500
)

// fuzzyFill is how few exact hits make the search add fuzzy ones: a typo finds nothing exact, while a
// query that already matches several lines was typed as meant.
const fuzzyFill = 8

// how a hit's highlight positions are found, computed only for the hits that are returned.
type matchKind uint8

const (
	byPhrase matchKind = iota
	byTokens
	byInitials
	byFuzzy
)

type hit struct {
	entry int
	score int
	kind  matchKind
	fuzzy []int // byte offsets from the fuzzy matcher
}

// Search returns at most limit results for query, best first. An empty query returns nothing.
func (ix *Index) Search(query string, limit int) []Result {
	qf := strings.Join(strings.Fields(fold(query)), " ")
	if qf == "" || limit <= 0 {
		return nil
	}
	tokens := words(qf)
	compact := strings.ReplaceAll(qf, " ", "")
	var hits []hit
	perSection := make([]int, len(ix.headings)) // lines of each section that match, for tie-breaks
	need := runeMask(compact)
	tokenMasks := make([]uint64, len(tokens))
	for k, t := range tokens {
		tokenMasks[k] = runeMask(t)
	}

	for _, i := range ix.lines {
		e := &ix.entries[i]
		if e.mask&need != need && !anyMask(e.mask, tokenMasks) {
			continue // the line lacks letters the query needs: no tier can match it
		}
		h := hit{entry: i}
		switch {
		case strings.Contains(e.fold, qf):
			h.score, h.kind = tierLinePhrase, byPhrase
			if pos := strings.Index(e.fold, qf); pos == 0 || !isWordRune(e.fold[pos-1]) {
				h.score += 200
			}
		case len(tokens) > 1 && containsAll(e.fold, tokens):
			h.score, h.kind = tierLineTokens, byTokens
		case len(tokens) > 1 && countIn(e.fold, tokens) > 0 && containsAllSplit(e.fold, e.context, tokens):
			h.score, h.kind = tierLineInContext, byTokens
		default:
			continue
		}
		h.score -= min(len(e.Text)/20, 100)
		perSection[e.section]++
		hits = append(hits, h)
	}
	// A section that mentions the query many times is more likely the one meant than a passing mention.
	for k := range hits {
		hits[k].score += 15 * min(perSection[ix.entries[hits[k].entry].section]-1, 6)
	}

	for _, i := range ix.headings {
		e := &ix.entries[i]
		h := hit{entry: i}
		switch {
		case e.headFold == qf:
			h.score, h.kind = tierHeadingExact, byPhrase
		case e.Slug == "" && (qf == e.NoteID || allWordPrefixes(e.titleFold, tokens)):
			h.score, h.kind = tierNoteTitle, byTokens
		case strings.HasPrefix(e.headFold, qf):
			h.score, h.kind = tierHeadingPrefix, byPhrase
		case strings.Contains(e.headFold, qf):
			h.score, h.kind = tierHeadingContains, byPhrase
		case len(compact) >= 2 && !strings.Contains(qf, " ") && strings.HasPrefix(e.acronym, compact) && len(e.acronym) <= len(compact)+1:
			h.score, h.kind = tierAcronym, byInitials
		case e.Slug != "" && !anyWordPrefix(e.headFold, tokens):
			continue // a section matches on its own heading; its note's title and tags only add context
		case allWordPrefixes(e.context, tokens):
			h.score, h.kind = tierHeadingWords+headingWeight(e, tokens), byTokens
		case containsAll(e.context, tokens):
			h.score, h.kind = tierHeadingTokens+headingWeight(e, tokens), byTokens
		default:
			continue
		}
		h.score += min(perSection[e.section], 5)*20 - min(utf8.RuneCountInString(e.Text), 60)
		hits = append(hits, h)
	}

	// Fuzzy matches fill a short list; a list that is already long has what the learner typed.
	if len(hits) < min(limit, fuzzyFill) {
		hits = append(hits, ix.fuzzy(qf, hits)...)
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.score != b.score {
			return b.score - a.score
		}
		ha, hb := ix.entries[a.entry].IsHeading, ix.entries[b.entry].IsHeading
		switch {
		case ha && !hb:
			return -1
		case hb && !ha:
			return 1
		}
		return 0
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Result, len(hits))
	for k, h := range hits {
		e := &ix.entries[h.entry]
		out[k] = Result{Entry: e, Score: h.score, Matched: positions(e, h, qf, tokens)}
	}
	return out
}

func positions(e *Entry, h hit, qf string, tokens []string) []int {
	switch h.kind {
	case byPhrase:
		return phrasePositions(e.fold, qf)
	case byInitials:
		return initialPositions(e.fold)
	case byFuzzy:
		return runePositions(e.fold, h.fuzzy)
	}
	return tokenPositions(e.fold, tokens)
}

// fuzzy finds subsequence matches that the exact tiers missed. A match spread thinly over a long line is
// noise, so a match must be compact: its span at most three times the query's length.
func (ix *Index) fuzzy(qf string, already []hit) []hit {
	taken := make(map[int]bool, len(already))
	for _, h := range already {
		taken[h.entry] = true
	}
	need := runeMask(strings.ReplaceAll(qf, " ", ""))
	var texts []string
	var idx []int
	for i := range ix.entries {
		if e := &ix.entries[i]; e.mask&need == need && !taken[i] {
			texts = append(texts, e.fold)
			idx = append(idx, i)
		}
	}
	var out []hit
	qlen := len(qf)
	for _, m := range fuzzy.FindNoSort(qf, texts) {
		if len(m.MatchedIndexes) == 0 {
			continue
		}
		span := m.MatchedIndexes[len(m.MatchedIndexes)-1] - m.MatchedIndexes[0] + 1
		if span > 3*qlen+2 {
			continue
		}
		i := idx[m.Index]
		base := tierLineFuzzy
		if ix.entries[i].IsHeading {
			base = tierHeadingFuzzy
		}
		score := base + min(max(m.Score, 0), 400) - min(span-qlen, 100)
		out = append(out, hit{entry: i, score: score, kind: byFuzzy, fuzzy: append([]int(nil), m.MatchedIndexes...)})
	}
	return out
}

// Sections returns the best results with one result per section, for `dvaprep search`.
func (ix *Index) Sections(query string, limit int) []Result {
	all := ix.Search(query, max(limit*20, 200))
	seen := map[string]bool{}
	var out []Result
	for _, r := range all {
		if seen[r.Link()] {
			continue
		}
		seen[r.Link()] = true
		out = append(out, r)
		if len(out) == limit {
			break
		}
	}
	return out
}

// anyWordPrefix reports whether a query word of two or more letters starts a word of s.
func anyWordPrefix(s string, tokens []string) bool {
	ws := words(s)
	for _, t := range tokens {
		if len(t) < 2 {
			continue
		}
		for _, w := range ws {
			if strings.HasPrefix(w, t) {
				return true
			}
		}
	}
	return false
}

// headingWeight favours a heading for the query words it holds that its note's title does not: in
// "kms rotation", "kms" names the note and "rotation" picks the section.
func headingWeight(e *Entry, tokens []string) int {
	w := 0
	for _, t := range tokens {
		switch {
		case strings.Contains(e.titleFold, t):
			w += 100
		case strings.Contains(e.headFold, t):
			w += 300
		}
	}
	return w
}

func anyMask(m uint64, masks []uint64) bool {
	for _, t := range masks {
		if m&t == t {
			return true
		}
	}
	return false
}

func isWordRune(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

func containsAll(s string, tokens []string) bool {
	for _, t := range tokens {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return len(tokens) > 0
}

// containsAllSplit is containsAll over a+" "+b without building that string.
func containsAllSplit(a, b string, tokens []string) bool {
	for _, t := range tokens {
		if !strings.Contains(a, t) && !strings.Contains(b, t) {
			return false
		}
	}
	return len(tokens) > 0
}

func countIn(s string, tokens []string) int {
	n := 0
	for _, t := range tokens {
		if strings.Contains(s, t) {
			n++
		}
	}
	return n
}

// allWordPrefixes reports whether every token starts some word of s.
func allWordPrefixes(s string, tokens []string) bool {
	if len(tokens) == 0 {
		return false
	}
	ws := words(s)
	for _, t := range tokens {
		found := false
		for _, w := range ws {
			if strings.HasPrefix(w, t) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// phrasePositions returns the rune positions of the first occurrence of sub in s.
func phrasePositions(s, sub string) []int {
	i := strings.Index(s, sub)
	if i < 0 {
		return nil
	}
	start := utf8.RuneCountInString(s[:i])
	out := make([]int, 0, len(sub))
	k := 0
	for _, r := range sub {
		if r != ' ' {
			out = append(out, start+k)
		}
		k++
	}
	return out
}

func tokenPositions(s string, tokens []string) []int {
	var out []int
	for _, t := range tokens {
		out = append(out, phrasePositions(s, t)...)
	}
	sort.Ints(out)
	return out
}

func initialPositions(s string) []int {
	var out []int
	prevWord := false
	for i, r := range []rune(s) {
		w := r >= utf8.RuneSelf || isWordRune(byte(r))
		if w && !prevWord {
			out = append(out, i)
		}
		prevWord = w
	}
	return out
}

// runePositions converts byte offsets in s to rune positions.
func runePositions(s string, bytePos []int) []int {
	out := make([]int, 0, len(bytePos))
	for _, b := range bytePos {
		if b <= len(s) {
			out = append(out, utf8.RuneCountInString(s[:b]))
		}
	}
	return out
}
