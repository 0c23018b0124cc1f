package pack

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
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
	*ps = append(*ps, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
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

// addYAMLError turns a YAML library error into located problems. offset is added to the lines it names,
// for YAML that starts part way into a file (front matter).
func (ps *Problems) addYAMLError(file string, offset int, err error) {
	found := false
	for _, l := range strings.Split(err.Error(), "\n") {
		if m := yamlLineRE.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			ps.add(file, n+offset, "invalid YAML: %s", strings.TrimSpace(m[2]))
			found = true
		}
	}
	if !found {
		ps.add(file, 0, "invalid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
}
