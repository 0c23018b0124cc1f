package pack

import (
	"regexp"
	"sort"
	"strings"
)

// checkPathTruth reports the places where a scenario's story would presuppose a choice the learner did not
// make: a choice that is not the best one but joins a node that another choice also reaches, with no
// bridge to tell the learner how the story rejoins. A poor choice that leads back to its own decision is
// a "pick again" and needs no bridge. It also reports prompts with numbered lists, which read as the
// numbered choices below them.
func checkPathTruth(s *Scenario, probs *Problems) {
	into := map[string]int{} // node ID → choices, anywhere in the scenario, that lead to it
	ids := make([]string, 0, len(s.Nodes))
	for id, n := range s.Nodes {
		ids = append(ids, id)
		for _, c := range n.Choices {
			into[c.Next]++
		}
	}
	sort.Slice(ids, func(i, j int) bool { return s.Nodes[ids[i]].Line < s.Nodes[ids[j]].Line })
	for _, id := range ids {
		n := s.Nodes[id]
		if l, ok := numberedLine(n.Prompt); ok {
			probs.add(s.File, n.Line, "decision %q: the prompt's line %d starts a numbered list, which reads as the numbered choices; use bullets", id, l)
		}
		for _, c := range n.Choices {
			switch {
			case c.Verdict == Best, c.Bridge != "", into[c.Next] < 2:
			case c.Verdict == Poor && c.Next == id: // pick again
			default:
				probs.add(s.File, c.Line, "a %s choice leads to %q, which another choice also reaches: add a bridge that says how the story goes on from this choice, or give it a branch of its own", verdictName(c.Verdict), c.Next)
			}
		}
	}
}

func verdictName(v Verdict) string {
	if v == "" {
		return "non-best"
	}
	return string(v)
}

var numbered = regexp.MustCompile(`^\s{0,3}\d+[.)]\s`)

// numberedLine returns the 1-based line of the prompt on which a numbered list starts.
func numberedLine(md string) (int, bool) {
	var fence codeFence
	for i, l := range strings.Split(md, "\n") {
		if !fence.step(l) && !fence.open() && numbered.MatchString(l) {
			return i + 1, true
		}
	}
	return 0, false
}
