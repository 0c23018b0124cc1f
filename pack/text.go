package pack

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sanitize removes control characters other than newline and tab, including ESC, so that pack text can
// never move the cursor, change the window title or otherwise drive the terminal. It also removes the
// invisible bidirectional and zero-width controls (U+202A–202E, U+2066–2069, U+200B–200F and the like),
// which can make text read differently from what it says. Invalid UTF-8 is dropped.
func Sanitize(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unsafeRune(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unsafeRune is true for what Sanitize removes.
func unsafeRune(r rune) bool {
	return isControl(r) || isInvisible(r) || r == utf8.RuneError
}

func isControl(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f)
}

// isInvisible is true for the bidirectional and zero-width format characters.
func isInvisible(r rune) bool {
	switch {
	case r == 0x061c, r == 0x180e, r == 0xfeff: // Arabic letter mark, Mongolian vowel separator, zero-width no-break space
		return true
	case r >= 0x200b && r <= 0x200f: // zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
		return true
	case r >= 0x202a && r <= 0x202e: // embeddings and overrides
		return true
	case r >= 0x2060 && r <= 0x2064: // word joiner and invisible operators
		return true
	case r >= 0x2066 && r <= 0x2069: // isolates
		return true
	}
	return false
}

// SafeName shows a file name in a message: control, bidirectional and zero-width characters and invalid
// UTF-8 become visible escapes (\x1b, \u202e), so a hostile name cannot drive the terminal or disguise itself.
func SafeName(name string) string {
	clean := true
	for _, r := range name {
		if unsafeRune(r) || r == '\n' || r == '\t' {
			clean = false
			break
		}
	}
	if clean {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, "\\x%02x", name[i])
		case r < 0x80 && (isControl(r) || r == '\n' || r == '\t'):
			fmt.Fprintf(&b, "\\x%02x", r)
		case unsafeRune(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// Slug turns a heading into its link form: lower case, every run of characters outside a–z and 0–9
// becomes one "-", with none at either end. "Lambda@Edge and CloudFront Functions" becomes
// "lambda-edge-and-cloudfront-functions".
func Slug(heading string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(heading) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// SplitLink splits "note#slug" into its note ID and section slug.
func SplitLink(link string) (noteID, slug string) {
	noteID, slug, _ = strings.Cut(strings.TrimSpace(link), "#")
	return noteID, slug
}

// codeFence follows fenced code blocks (``` or ~~~, indented at most 3 spaces) line by line through markdown.
type codeFence string

// step reads the next line and reports whether it opens or closes a fence.
func (f *codeFence) step(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || !(strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")) {
		return false
	}
	switch mark := codeFence(t[:3]); {
	case *f == "":
		*f = mark
	case *f == mark:
		*f = ""
	default:
		return false // the other mark inside a fence is code
	}
	return true
}

// open reports whether the lines read so far leave a fence open: the next line is code.
func (f codeFence) open() bool { return f != "" }

// Headings finds the markdown ATX headings of a body, skipping fenced code blocks. Line is 0-based.
func Headings(body string) []Section {
	var out []Section
	var fence codeFence
	for i, line := range strings.Split(body, "\n") {
		t := strings.TrimLeft(line, " ")
		if fence.step(line) || len(line)-len(t) > 3 {
			continue
		}
		if fence.open() || !strings.HasPrefix(t, "#") {
			continue
		}
		level := 0
		for level < len(t) && t[level] == '#' {
			level++
		}
		if level > 6 || (level < len(t) && t[level] != ' ' && t[level] != '\t') {
			continue
		}
		text := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[level:]), "#"))
		if text == "" {
			continue
		}
		out = append(out, Section{Slug: Slug(text), Heading: text, Level: level, Line: i})
	}
	return out
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !((r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-') {
			return false
		}
	}
	return true
}
