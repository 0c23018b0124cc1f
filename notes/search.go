package notes

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// Result is one search hit. Matched holds rune positions in Entry.Text to highlight.
type Result struct {
	Entry
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

// Search returns at most limit results for query, best first. An empty query returns nothing.
func (ix *Index) Search(query string, limit int) []Result {
	qf := strings.Join(strings.Fields(fold(query)), " ")
	if qf == "" || limit <= 0 {
		return nil
	}
	tokens := words(qf)
	compact := strings.ReplaceAll(qf, " ", "")
	var out []Result
	hits := map[string]int{} // section key -> lines in it that contain the query, for tie-breaks

	for _, i := range ix.lines {
		e := &ix.entries[i]
		score, matched := 0, []int(nil)
		switch {
		case strings.Contains(e.fold, qf):
			score, matched = tierLinePhrase, phrasePositions(e.fold, qf)
			if pos := strings.Index(e.fold, qf); pos == 0 || !isWordRune(e.fold[pos-1]) {
				score += 200
			}
		case len(tokens) > 1 && containsAll(e.fold, tokens):
			score, matched = tierLineTokens, tokenPositions(e.fold, tokens)
		case len(tokens) > 1 && containsAll(e.fold+" "+e.context, tokens):
			score, matched = tierLineInContext, tokenPositions(e.fold, tokens)
		default:
			continue
		}
		score -= min(utf8.RuneCountInString(e.Text)/20, 100)
		hits[e.NoteID+"#"+e.Slug]++
		out = append(out, Result{Entry: *e, Score: score, Matched: matched})
	}

	// A section that mentions the query many times is more likely the one meant than a passing mention.
	for k := range out {
		out[k].Score += 15 * min(hits[out[k].NoteID+"#"+out[k].Slug]-1, 6)
	}

	for _, i := range ix.headings {
		e := &ix.entries[i]
		score, matched := 0, []int(nil)
		switch {
		case e.headFold == qf:
			score, matched = tierHeadingExact, phrasePositions(e.fold, qf)
		case e.Slug == "" && (qf == e.NoteID || allWordPrefixes(e.titleFold, tokens)):
			score, matched = tierNoteTitle, tokenPositions(e.fold, tokens)
		case strings.HasPrefix(e.headFold, qf):
			score, matched = tierHeadingPrefix, phrasePositions(e.fold, qf)
		case strings.Contains(e.headFold, qf):
			score, matched = tierHeadingContains, phrasePositions(e.fold, qf)
		case len(compact) >= 2 && !strings.Contains(qf, " ") && strings.HasPrefix(e.acronym, compact) && len(e.acronym) <= len(compact)+1:
			score, matched = tierAcronym, initialPositions(e.fold)
		case e.Slug != "" && !anyWordPrefix(e.headFold, tokens):
			continue // a section matches on its own heading; its note's title and tags only add context
		case allWordPrefixes(e.context, tokens):
			score, matched = tierHeadingWords+headingWeight(e, tokens), tokenPositions(e.fold, tokens)
		case containsAll(e.context, tokens):
			score, matched = tierHeadingTokens+headingWeight(e, tokens), tokenPositions(e.fold, tokens)
		default:
			continue
		}
		score += min(hits[e.NoteID+"#"+e.Slug], 5)*20 - min(utf8.RuneCountInString(e.Text), 60)
		out = append(out, Result{Entry: *e, Score: score, Matched: matched})
	}

	if len(out) < limit {
		out = append(out, ix.fuzzy(qf, out)...)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Score != out[b].Score {
			return out[a].Score > out[b].Score
		}
		return out[a].IsHeading && !out[b].IsHeading
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// fuzzy finds subsequence matches that the exact tiers missed. A match spread thinly over a long line is
// noise, so a match must be compact: its span at most three times the query's length.
func (ix *Index) fuzzy(qf string, already []Result) []Result {
	seen := map[[2]any]bool{}
	for _, r := range already {
		seen[[2]any{r.NoteID, r.Line*2 + boolInt(r.IsHeading)}] = true
	}
	ix.fuzzBuf = ix.fuzzBuf[:0]
	for _, e := range ix.entries {
		ix.fuzzBuf = append(ix.fuzzBuf, e.fold)
	}
	var out []Result
	qlen := len(qf)
	for _, m := range fuzzy.FindNoSort(qf, ix.fuzzBuf) {
		e := ix.entries[m.Index]
		if seen[[2]any{e.NoteID, e.Line*2 + boolInt(e.IsHeading)}] || len(m.MatchedIndexes) == 0 {
			continue
		}
		span := m.MatchedIndexes[len(m.MatchedIndexes)-1] - m.MatchedIndexes[0] + 1
		if span > 3*qlen+2 {
			continue
		}
		base := tierLineFuzzy
		if e.IsHeading {
			base = tierHeadingFuzzy
		}
		score := base + min(max(m.Score, 0), 400) - min(span-qlen, 100)
		out = append(out, Result{Entry: e, Score: score, Matched: runePositions(e.fold, m.MatchedIndexes)})
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
		inTitle := strings.Contains(e.titleFold, t)
		switch {
		case inTitle:
			w += 100
		case strings.Contains(e.headFold, t):
			w += 300
		}
	}
	return w
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
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
	n := utf8.RuneCountInString(sub)
	out := make([]int, 0, n)
	for k := 0; k < n; k++ {
		if sub[0] != ' ' || k > 0 {
			out = append(out, start+k)
		}
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
		w := r < utf8.RuneSelf && isWordRune(byte(r)) || r >= utf8.RuneSelf
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
