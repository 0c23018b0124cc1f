package scenarios

import "dvaprep/pack"

// BestPath is the model answer: the steps taken by picking, at every decision from the start, the
// first choice with the highest verdict (best, where the pack is valid). It ends at an ending, or
// stops early rather than revisit a node or follow a link to a missing one.
func BestPath(s *pack.Scenario) []Step {
	if s == nil {
		return nil
	}
	var path []Step
	seen := map[string]bool{}
	for id := s.Start; !seen[id]; {
		n := s.Nodes[id]
		if n == nil || n.IsEnding() {
			break
		}
		seen[id] = true
		st := step(s, id, n, bestChoice(n))
		path = append(path, st)
		id = st.Next
	}
	return path
}

// bestChoice returns the index of the first choice with the highest score. n has choices.
func bestChoice(n *pack.Node) int {
	best := 0
	for i, c := range n.Choices {
		if c.Verdict.Score() > n.Choices[best].Verdict.Score() {
			best = i
		}
	}
	return best
}
