package notes

import (
	"strings"

	"dvaprep/pack"
)

// SectionMarkdown returns the markdown of one section of a note: its heading and everything up to the next
// heading of the same or a higher level. An empty slug returns the whole note.
func SectionMarkdown(n *pack.Note, slug string) (string, bool) {
	if slug == "" {
		return n.Body, true
	}
	lines := strings.Split(n.Body, "\n")
	for i, s := range n.Sections {
		if s.Slug != slug {
			continue
		}
		end := len(lines)
		for _, next := range n.Sections[i+1:] {
			if next.Level <= s.Level {
				end = next.Line
				break
			}
		}
		return strings.TrimRight(strings.Join(lines[s.Line:end], "\n"), "\n") + "\n", true
	}
	return "", false
}

// ShowMarkdown is what `dvaprep notes show` prints for id#slug: one section, or with an empty slug the whole
// note under its title.
func ShowMarkdown(n *pack.Note, slug string) (string, bool) {
	md, ok := SectionMarkdown(n, slug)
	if ok && slug == "" {
		md = "# " + n.Title + "\n\n" + md
	}
	return md, ok
}

// SectionAt returns the section that holds a body line: the last heading at or before it.
func SectionAt(n *pack.Note, line int) (pack.Section, bool) {
	var found pack.Section
	ok := false
	for _, s := range n.Sections {
		if s.Line > line {
			break
		}
		found, ok = s, true
	}
	return found, ok
}
