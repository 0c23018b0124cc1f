package notes

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func isRule(t string) bool {
	if t == "" || !strings.ContainsRune("-*_|:", rune(t[0])) {
		return false
	}
	t = strings.ReplaceAll(t, " ", "")
	return strings.Trim(t, "-|:") == "" || strings.Trim(t, "*") == "" || strings.Trim(t, "_") == ""
}

// stripEmphasis removes markdown emphasis and code marks: every "*" and "`", and "__".
func stripEmphasis(t string) string {
	if !strings.ContainsAny(t, "*`") && !strings.Contains(t, "__") {
		return t
	}
	b := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '*' || c == '`':
		case c == '_' && i+1 < len(t) && t[i+1] == '_':
			i++
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

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
			t = stripEmphasis(t)
			if strings.HasPrefix(t, "|") {
				t = strings.Join(strings.Fields(strings.ReplaceAll(strings.Trim(t, "|"), "|", " · ")), " ")
				for strings.HasPrefix(t, "· ") || strings.HasSuffix(t, " ·") || t == "·" {
					t = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(t, "·"), " "), " ·")
				}
			}
			return strings.TrimSpace(t)
		}
	}
}

// fold lower-cases and strips diacritics rune by rune, so rune positions in the result match the input.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
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

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// span is one word of a text: its folded form and its rune offsets. part marks a piece of a camelCase word
// ("Canary" in LambdaCanary10Percent5Minutes), which follows the whole word at the same place.
type span struct {
	word       string
	start, end int
	part       bool
	camel      bool // a whole camelCase word, which has parts
}

// maxWordRunes bounds the words the index keeps; longer runs of letters are not words a learner types.
const maxWordRunes = 64

// tokenize splits text into words of letters and digits. A camelCase word also yields its parts, so
// "LambdaCanary10Percent5Minutes" is found by "canary" and "GenerateDataKey" by "data key".
func tokenize(text string, emit func(span)) { tokenizeCached(text, nil, emit) }

// tokenizeCached is tokenize with a cache of lower-cased words (by their spelling in the text), so that
// indexing lower-cases "Lambda" once rather than at every occurrence. lower may be nil.
func tokenizeCached(text string, lower map[string]string, emit func(span)) {
	if tokenizeASCII(text, lower, emit) {
		return
	}
	tokenizeRunes(text, emit)
}

// tokenizeRunes is the general path of tokenize, for any text.
func tokenizeRunes(text string, emit func(span)) {
	runes := []rune(text)
	low := []rune(fold(text))
	if len(low) != len(runes) {
		low = runes // cannot happen (fold maps rune to rune), but never index out of range
	}
	for i := 0; i < len(runes); {
		if !isWordRune(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && isWordRune(runes[j]) {
			j++
		}
		if j-i <= maxWordRunes {
			camel := isCamel(runes[i:j])
			emit(span{word: string(low[i:j]), start: i, end: j, camel: camel})
			if camel {
				camelParts(runes, low, i, j, emit)
			}
		}
		i = j
	}
}

func asciiLower(c byte) bool { return c >= 'a' && c <= 'z' }
func asciiUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func asciiDigit(c byte) bool { return c >= '0' && c <= '9' }
func asciiWord(c byte) bool  { return asciiLower(c) || asciiUpper(c) || asciiDigit(c) }

// tokenizeASCII is tokenize for text whose words are ASCII (punctuation such as "→" or "–" may be
// anything): most of the notes, without rune conversions. It reports false, having emitted nothing, when
// a word holds a non-ASCII letter or digit; tokenize then takes the general path.
func tokenizeASCII(text string, lower map[string]string, emit func(span)) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 0x80 {
			r, _ := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				return false
			}
		}
	}
	shift := 0 // bytes beyond one per rune so far: rune offset = byte offset - shift
	for i := 0; i < len(text); {
		c := text[i]
		if c >= 0x80 {
			_, size := utf8.DecodeRuneInString(text[i:])
			shift += size - 1
			i += size
			continue
		}
		if !asciiWord(c) {
			i++
			continue
		}
		j, upper, camel := i, false, false
		for ; j < len(text) && asciiWord(text[j]); j++ {
			if asciiUpper(text[j]) {
				upper = true
				if j > i && asciiLower(text[j-1]) {
					camel = true
				}
			}
		}
		if j-i <= maxWordRunes {
			w := text[i:j]
			if upper {
				w = toLower(w, lower)
			}
			emit(span{word: w, start: i - shift, end: j - shift, camel: camel})
			if camel {
				camelPartsASCII(text, i, j, shift, lower, emit)
			}
		}
		i = j
	}
	return true
}

// toLower lower-cases an ASCII word, through the cache when there is one.
func toLower(w string, cache map[string]string) string {
	if cache == nil {
		return strings.ToLower(w)
	}
	l, ok := cache[w]
	if !ok {
		l = strings.ToLower(w)
		cache[w] = l
	}
	return l
}

// camelPartsASCII is camelParts for ASCII text.
func camelPartsASCII(text string, i, j, shift int, lower map[string]string, emit func(span)) {
	start := i
	for k := i + 1; k <= j; k++ {
		cut := k == j
		if !cut {
			a, b := text[k-1], text[k]
			switch {
			case asciiLower(a) && asciiUpper(b):
				cut = true
			case asciiDigit(a) != asciiDigit(b):
				cut = true
			case asciiUpper(a) && asciiUpper(b) && k+1 < j && asciiLower(text[k+1]):
				cut = true
			}
		}
		if cut {
			if k-start >= 2 || asciiDigit(text[start]) {
				emit(span{word: toLower(text[start:k], lower), start: start - shift, end: k - shift, part: true})
			}
			start = k
		}
	}
}

// isCamel reports whether a word has a lower-case letter followed by an upper-case one.
func isCamel(w []rune) bool {
	for k := 1; k < len(w); k++ {
		if unicode.IsLower(w[k-1]) && unicode.IsUpper(w[k]) {
			return true
		}
	}
	return false
}

// camelParts emits the parts of runes[i:j], a camelCase word (see isCamel). It splits there, between letters and digits, and before the last capital of a run
// of capitals ("HTTPRequest": HTTP, Request).
func camelParts(runes, low []rune, i, j int, emit func(span)) {
	start := i
	for k := i + 1; k <= j; k++ {
		cut := k == j
		if !cut {
			a, b := runes[k-1], runes[k]
			switch {
			case unicode.IsLower(a) && unicode.IsUpper(b):
				cut = true
			case unicode.IsDigit(a) != unicode.IsDigit(b):
				cut = true
			case unicode.IsUpper(a) && unicode.IsUpper(b) && k+1 < j && unicode.IsLower(runes[k+1]):
				cut = true
			}
		}
		if cut {
			if k-start >= 2 || unicode.IsDigit(runes[start]) {
				emit(span{word: string(low[start:k]), start: start, end: k, part: true})
			}
			start = k
		}
	}
}

// queryWords splits a folded query into words.
func queryWords(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool { return !isWordRune(r) })
}

// stopWords are the words of a question that say nothing about its subject. They are dropped from a
// query unless nothing else is left.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but if then than so of to in on at by for from with into onto
		about as is are was were be been being am do does did doing done have has had having i me my we our us you
		your it its this that these those there here what which who whom whose when where why how can could should
		would will shall may might must vs versus v between difference differences different differ compare
		compared comparison explain explained mean means meaning happen happens happened work works working use
		used uses using need needs want wants way ways thing things someone something just also only please tell
		know much many get gets getting got make makes made set up some any each every other another more most
		very really does doesn dont don t s whats fix fixing fixed solve solving resolve avoid prevent run runs
		running give gives let lets find see look`) {
		m[w] = true
	}
	return m
}()
