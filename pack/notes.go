package pack

import (
	"strings"
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
	f.allow("id", "title", "domain", "tasks", "tags", "order")
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
