package notes

import (
	"fmt"
	"strings"

	"dvaprep/pack"
)

// CheckGlossary reports glossary meanings whose words the notes never use: such a meaning can match
// nothing, so it is a typo or a word the notes spell another way. `dvaprep validate` prints these with
// the pack's other problems.
func CheckGlossary(p *pack.Pack) pack.Problems {
	if len(p.Glossary) == 0 {
		return nil
	}
	d := NewIndex(p).get()
	var probs pack.Problems
	for _, g := range p.Glossary {
		for _, m := range g.Means {
			var missing []string
			for _, w := range strings.Fields(m) {
				if d.exact(w) == nil {
					missing = append(missing, w)
				}
			}
			if len(missing) > 0 {
				probs = append(probs, pack.Problem{File: pack.GlossaryFile, Line: g.Line,
					Msg: fmt.Sprintf("glossary term %q: the notes never use %q (from %q)", g.Term, strings.Join(missing, " "), m)})
			}
		}
	}
	return probs
}
