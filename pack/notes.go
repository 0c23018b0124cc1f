package pack

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// loadNote reads one markdown note with YAML front matter between "---" lines.
func loadNote(p *Pack, r *reader, file string, probs *Problems) *Note {
	data, err := r.read(file)
	if err != nil {
		probs.add(file, 0, "%s", readError(err))
		return nil
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.TrimPrefix(text, "\ufeff")
	if !strings.HasPrefix(text, "---\n") {
		probs.add(file, 1, "a note starts with front matter: a line \"---\", then id, title, domain, tasks, tags, then \"---\"")
		return nil
	}
	rest := text[len("---\n"):]
	end := strings.Index(rest, "\n---\n")
	var front, body string
	switch {
	case end >= 0:
		front, body = rest[:end], rest[end+len("\n---\n"):]
	case strings.HasSuffix(rest, "\n---"):
		front, body = strings.TrimSuffix(rest, "\n---"), ""
	default:
		probs.add(file, 1, "front matter is not closed: add a line \"---\" after it")
		return nil
	}
	frontLines := strings.Count(front, "\n") + 1
	n := &Note{File: file, BodyLine: frontLines + 3}
	var fp Problems
	root := parseYAML(file, []byte(front), &fp)
	for i := range fp {
		if fp[i].Line > 0 {
			fp[i].Line++ // the front matter starts on line 2
		}
	}
	*probs = append(*probs, fp...)
	if root == nil {
		return nil
	}
	f := newField(file, root, 1, probs, "front matter")
	f.allow("id", "title", "domain", "tasks", "tags", "order", "checked", "sources")
	n.ID = f.str("id", true)
	n.Title = f.str("title", true)
	n.Domain = f.str("domain", true)
	n.Tasks = f.strs("tasks")
	n.Tags = f.strs("tags")
	n.Order = f.integer("order", 0)
	if n.ID != "" && !validID(n.ID) {
		probs.add(file, f.lineOf("id"), "note id %q may hold only a-z, 0-9 and -", n.ID)
	}
	p.checkDomainTask(probs, file, f.lineOf("domain"), n.Domain, "")
	if len(n.Tasks) == 0 {
		probs.add(file, f.lineOf("tasks"), "tasks is missing: list the task statements this note serves, e.g. [\"1.1\"]")
	}
	for _, t := range n.Tasks {
		p.checkDomainTask(probs, file, f.lineOf("tasks"), "", t)
	}
	n.Check = loadCheck(f, file, body, probs)
	n.Body = Sanitize(body)
	if strings.TrimSpace(n.Body) == "" {
		probs.add(file, n.BodyLine, "the note has no text after its front matter")
	}
	n.Sections = Headings(n.Body)
	seen := map[string]int{}
	for _, s := range n.Sections {
		if s.Slug == "" {
			probs.add(file, n.BodyLine+s.Line, "heading %q has no letters or digits to link to", s.Heading)
			continue
		}
		if prev, dup := seen[s.Slug]; dup {
			probs.add(file, n.BodyLine+s.Line, "heading %q repeats the link %s#%s of line %d; make headings unique", s.Heading, n.ID, s.Slug, n.BodyLine+prev)
			continue
		}
		seen[s.Slug] = s.Line
	}
	if n.ID == "" {
		return nil
	}
	return n
}

// NoteCheck records a note's last check against the AWS documentation. The front matter holds
//
//	checked: {date: 2026-12-02, hash: 3f2a9c01b7e4}
//	sources: [https://docs.aws.amazon.com/...]
//
// where hash is BodyHash of the body as it was checked, so an edit to the body after the check shows without git.
type NoteCheck struct {
	Date    string // YYYY-MM-DD; "" when the note was never checked
	Hash    string // BodyHash when checked; "" for a plain date
	Now     string // BodyHash of the body as loaded
	Sources []string
	Line    int // line of "checked:" in the file
}

// BodyHash is a short content hash of a note's body (the text after its front matter, with \n line ends).
func BodyHash(body string) string {
	sum := sha256.Sum256([]byte(strings.ReplaceAll(body, "\r\n", "\n")))
	return hex.EncodeToString(sum[:6])
}

var checkDateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func loadCheck(f *field, file, body string, probs *Problems) NoteCheck {
	c := NoteCheck{Now: BodyHash(body), Sources: f.strs("sources"), Line: f.lineOf("checked")}
	for _, s := range c.Sources {
		if !strings.HasPrefix(s, "https://") {
			probs.add(file, f.lineOf("sources"), "source must be an https:// address, not %q", s)
		}
	}
	v, line, ok := f.get("checked")
	if !ok {
		return c
	}
	if v.Kind == yaml.ScalarNode {
		c.Date = v.Value
	} else {
		cf := newField(file, v, f.offset, probs, "checked")
		cf.allow("date", "hash")
		c.Date, c.Hash = cf.str("date", true), cf.str("hash", true)
	}
	if c.Date != "" && !checkDateRE.MatchString(c.Date) {
		probs.add(file, line, "checked date must look like 2026-12-02, not %q", c.Date)
	}
	if c.Date != "" && len(c.Sources) == 0 {
		probs.add(file, line, "a checked note lists the pages it was checked against under sources")
	}
	return c
}

// CheckWarnings reports notes never checked against the AWS documentation, and notes whose body changed
// after their check. They are warnings: the pack stays usable, and validate still exits 0.
func (p *Pack) CheckWarnings() Problems {
	var ws Problems
	for _, n := range p.Notes {
		c := n.Check
		switch {
		case c.Date == "":
			ws.add(n.File, 1, "not checked against the AWS documentation yet (no checked: in the front matter)")
		case c.Hash == "":
			ws.add(n.File, c.Line, "checked on %s without a hash, so later edits cannot show: run `dvaprep pack stamp DIR %s` after a check", c.Date, n.ID)
		case c.Hash != c.Now:
			ws.add(n.File, c.Line, "changed after its check on %s (hash %s, body now %s): check the changes, then `dvaprep pack stamp DIR %s`", c.Date, c.Hash, c.Now, n.ID)
		}
	}
	return ws.sorted()
}

// Stamp returns a note file with its front matter's checked: line set to date and the body's hash, ready to
// write back. It is how an author records a check; sources are edited by hand.
func Stamp(data []byte, date string) ([]byte, error) {
	if !checkDateRE.MatchString(date) {
		return nil, fmt.Errorf("date must look like 2026-12-02, not %q", date)
	}
	text := strings.TrimPrefix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\ufeff")
	if !strings.HasPrefix(text, "---\n") {
		return nil, fmt.Errorf("no front matter: the file does not start with a line \"---\"")
	}
	end := strings.Index(text[4:], "\n---\n")
	if end < 0 {
		return nil, fmt.Errorf("front matter is not closed by a line \"---\"")
	}
	front, rest := text[4:4+end], text[4+end+1:] // rest starts with the closing "---"
	body := rest[len("---\n"):]
	line := fmt.Sprintf("checked: {date: %s, hash: %s}", date, BodyHash(body))
	var out []string
	lines, replaced := strings.Split(front, "\n"), false
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "checked:") {
			out = append(out, lines[i])
			continue
		}
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], " ") { // a block mapping under checked:
			i++
		}
		if !replaced {
			out = append(out, line)
		}
		replaced = true
	}
	if !replaced {
		out = append(out, line)
	}
	return []byte("---\n" + strings.Join(out, "\n") + "\n" + rest), nil
}
