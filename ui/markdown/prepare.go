package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Glamour wraps list items and block quotes at spaces and at any of ",.;-+|", so a code span such as
// `context.aws_request_id` splits after "context." even when it would fit whole on the next line. Before
// rendering, these characters inside a short code span are swapped for private-use stand-ins of the same
// width, which glamour does not break at; after rendering they are swapped back.
const (
	protectedChars = " ,.;-+|/"
	standInBase    = '\uE000'
	// maxWholeSpan is the longest code span kept whole; a longer one may wrap at its spaces.
	maxWholeSpan = 32
)

var restoreCode = func() *strings.Replacer {
	var pairs []string
	for i, c := range protectedChars {
		pairs = append(pairs, string(standInBase+rune(i)), string(c))
	}
	return strings.NewReplacer(pairs...)
}()

func standIn(c rune) (rune, bool) {
	if i := strings.IndexRune(protectedChars, c); i >= 0 {
		return standInBase + rune(i), true
	}
	return c, false
}

// protectCode swaps the break characters inside short inline code spans, outside code fences.
func protectCode(md string) string {
	if !strings.Contains(md, "`") {
		return md
	}
	lines := strings.Split(md, "\n")
	fence := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			continue
		}
		if fence || !strings.Contains(l, "`") || strings.HasPrefix(t, "|") {
			continue
		}
		lines[i] = protectLine(l)
	}
	return strings.Join(lines, "\n")
}

func protectLine(l string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(l, '`')
		if open < 0 {
			break
		}
		end := strings.IndexByte(l[open+1:], '`')
		if end < 0 {
			break
		}
		span := l[open+1 : open+1+end]
		b.WriteString(l[:open+1])
		if utf8.RuneCountInString(span) <= maxWholeSpan && strings.Trim(span, " ") != "" {
			// Keep a leading or trailing space as it is: CommonMark strips one from each side.
			lead := len(span) - len(strings.TrimLeft(span, " "))
			trail := len(span) - len(strings.TrimRight(span, " "))
			b.WriteString(span[:lead])
			for _, c := range span[lead : len(span)-trail] {
				s, _ := standIn(c)
				b.WriteRune(s)
			}
			b.WriteString(span[len(span)-trail:])
		} else {
			b.WriteString(span)
		}
		b.WriteByte('`')
		l = l[open+1+end+1:]
	}
	b.WriteString(l)
	return b.String()
}

// stackTables rewrites each table that would cut a word at width (the text width, inside the margins)
// as stacked records: the first cell in bold, then one line per other column, "Header: value".
func stackTables(md string, width int) string {
	if !strings.Contains(md, "\n|") && !strings.HasPrefix(md, "|") {
		return md
	}
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	fence := false
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if fence || !strings.HasPrefix(t, "|") || i+1 >= len(lines) || !isDelimiterRow(lines[i+1]) {
			out = append(out, lines[i])
			continue
		}
		j := i + 2
		for j < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[j]), "|") {
			j++
		}
		header := cells(lines[i])
		var rows [][]string
		for _, r := range lines[i+2 : j] {
			rows = append(rows, cells(r))
		}
		if !cutsWords(header, rows, width) {
			out = append(out, lines[i:j]...)
		} else {
			out = append(out, records(header, rows)...)
		}
		i = j - 1
	}
	return strings.Join(out, "\n")
}

func isDelimiterRow(l string) bool {
	t := strings.TrimSpace(l)
	if !strings.HasPrefix(t, "|") || !strings.Contains(t, "-") {
		return false
	}
	return strings.Trim(t, "|-: ") == ""
}

// cells splits a table row into trimmed cells, honouring "\|" and pipes inside code spans.
func cells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	if strings.HasSuffix(row, "|") && !strings.HasSuffix(row, "\\|") {
		row = row[:len(row)-1]
	}
	var out []string
	var cur strings.Builder
	code := false
	for i := 0; i < len(row); i++ {
		c := row[i]
		switch {
		case c == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteString("\\|")
			i++
			continue
		case c == '`':
			code = !code
		case c == '|' && !code:
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
			continue
		}
		cur.WriteByte(c)
	}
	return append(out, strings.TrimSpace(cur.String()))
}

// visible is the width a cell's text takes once rendered: without emphasis and code markers.
func visible(s string) string {
	return strings.NewReplacer("**", "", "`", "", "\\|", "|").Replace(s)
}

// cutsWords reports whether the table is wider than width and a column would then be narrower than its
// longest word, so glamour would break that word ("Sync/hron/ous").
func cutsWords(header []string, rows [][]string, width int) bool {
	n := len(header)
	if n < 2 {
		return false
	}
	longest := make([]int, n)
	natural := make([]int, n)
	measure := func(r []string) {
		for c := 0; c < n && c < len(r); c++ {
			v := visible(r[c])
			natural[c] = max(natural[c], ansi.StringWidth(v))
			for _, w := range strings.Fields(v) {
				longest[c] = max(longest[c], ansi.StringWidth(w))
			}
		}
	}
	measure(header)
	for _, r := range rows {
		measure(r)
	}
	total := 3*n + 1 // "| " before each cell, " " after, and the closing bar
	for _, w := range natural {
		total += w
	}
	if total <= width {
		return false
	}
	share := (width - 3*n - 1) / n
	for _, w := range longest {
		if w > share {
			return true
		}
	}
	return false
}

func records(header []string, rows [][]string) []string {
	var out []string
	for i, r := range rows {
		if i > 0 {
			out = append(out, "")
		}
		first := ""
		if len(r) > 0 {
			first = r[0]
		}
		if first == "" {
			first = header[0]
		}
		out = append(out, "**"+strings.Trim(first, "*")+"**", "")
		for c := 1; c < len(header); c++ {
			v := ""
			if c < len(r) {
				v = strings.ReplaceAll(r[c], "\\|", "|")
			}
			if v == "" {
				v = "—"
			}
			h := strings.Trim(header[c], "*")
			if h == "" {
				out = append(out, "- "+v)
				continue
			}
			out = append(out, "- **"+h+":** "+v)
		}
	}
	return append(out, "")
}
