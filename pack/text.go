package pack

import (
	"strings"
	"unicode/utf8"
)

// Sanitize removes control characters other than newline and tab, including ESC, so that pack text can
// never move the cursor, change the window title or otherwise drive the terminal. Invalid UTF-8 is dropped.
func Sanitize(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) || r == utf8.RuneError {
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
		if isControl(r) || r == utf8.RuneError {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f)
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

// Headings finds the markdown ATX headings of a body, skipping fenced code blocks. Line is 0-based.
func Headings(body string) []Section {
	var out []Section
	fence := ""
	for i, line := range strings.Split(body, "\n") {
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 {
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			mark := t[:3]
			if fence == "" {
				fence = mark
			} else if fence == mark {
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.HasPrefix(t, "#") {
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
