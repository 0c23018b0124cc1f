package pack

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a pack, located at a file and line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is every problem found while loading a pack. A pack with problems must not be used.
type Problems []Problem

// Error lists the problems one per line, so Problems can be returned as an error.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps *Problems) add(file string, line int, format string, args ...any) {
	*ps = append(*ps, Problem{File: SafeName(file), Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
	return ps
}

var yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)

// parserProblems are the YAML library's parser errors (as opposed to its scanner errors). It reports their
// line 0-based, so one line too high; scanner errors it reports 1-based.
var parserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
	"did not find expected <document start>", "did not find expected <stream-start>", "did not find expected key",
	"did not find expected node content", "found duplicate %TAG directive", "found duplicate %YAML directive",
	"found incompatible YAML document", "found undefined tag handle",
}

func isParserProblem(msg string) bool {
	for _, p := range parserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// addYAMLError turns a YAML library error about data into located problems. offset is added to the lines
// it names, for YAML that starts part way into a file (front matter).
func (ps *Problems) addYAMLError(file string, offset int, err error, data []byte) {
	found := false
	for _, l := range strings.Split(err.Error(), "\n") {
		if m := yamlLineRE.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			msg := strings.TrimSpace(m[2])
			if isParserProblem(msg) {
				n++
			}
			// At the end of the stream the library names the line after the last one.
			n = min(n, lineCount(data))
			ps.add(file, n+offset, "invalid YAML: %s", msg)
			found = true
		}
	}
	if found {
		return
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	switch {
	case isParserProblem(msg):
		ps.add(file, 1+offset, "invalid YAML: %s", msg) // the library leaves out line 1
	default:
		// Reader errors (a control character, invalid UTF-8) come without a line: find it.
		if line, r, ok := firstBadChar(data); ok {
			ps.add(file, line+offset, "invalid YAML: %s (%s)", msg, r)
			return
		}
		ps.add(file, 0, "invalid YAML: %s", msg)
	}
}

// lineCount is the number of lines in data: a final line without a newline counts, an empty one does not.
func lineCount(data []byte) int {
	n := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return max(n, 1)
}

// firstBadChar finds the first character YAML does not allow (a control character other than tab, line
// feed and carriage return, or invalid UTF-8) and returns its 1-based line and a description.
func firstBadChar(data []byte) (int, string, bool) {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, fmt.Sprintf("byte 0x%02x is not UTF-8", data[i]), true
		case r == '\n':
			line++
		case r == '\t', r == '\r', r == 0x85:
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0xfffe || r == 0xffff:
			return line, fmt.Sprintf("control character U+%04X", r), true
		}
		i += size
	}
	return 0, "", false
}
