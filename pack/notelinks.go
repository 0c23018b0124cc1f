package pack

import "strings"

// checkNoteBodyLinks reports links inside note text, [text](note#section) or [text](#section), whose note or
// section does not exist, at the file and line where they stand. Notes state a fact once and link to it from
// elsewhere, so a renamed heading must not leave a dead link behind. Links with a scheme (https:) or a path
// (a/b) are not note links and are left alone.
func (p *Pack) checkNoteBodyLinks(probs *Problems) {
	for _, n := range p.Notes {
		for i, line := range strings.Split(n.Body, "\n") {
			rest := line
			for {
				at := strings.Index(rest, "](")
				if at < 0 {
					break
				}
				rest = rest[at+2:]
				end := strings.IndexByte(rest, ')')
				if end < 0 {
					break
				}
				target := rest[:end]
				rest = rest[end+1:]
				id, slug, ok := strings.Cut(target, "#")
				if !ok || strings.ContainsAny(id, ":/. ") || slug == "" {
					continue
				}
				if id == "" {
					id = n.ID
				}
				p.checkLinks(probs, n.File, n.BodyLine+i, []string{id + "#" + slug})
			}
		}
	}
}
