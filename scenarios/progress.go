package scenarios

import "dvaprep/pack"

// Position says where a run stands, in the terms the player shows: "Decision 2 of 4", and whether the
// decision on screen is a retry of one already taken.
type Position struct {
	Number int  // the decision's number, from 1
	Of     int  // how many decisions the best path takes, or Number when the run has gone further
	Retry  bool // this decision was already taken earlier in the run
}

// Locate numbers the decision at node, given the steps taken before it. A decision on the best path
// takes its place there, so a learner who strays and rejoins the best path sees the same numbers as
// one who never strayed; a decision off the best path is numbered by how many different decisions the
// run has met. A decision already taken in steps is a retry.
func Locate(s *pack.Scenario, steps []Step, node string) Position {
	best := BestPath(s)
	pos := Position{Of: len(best)}
	for i, st := range best {
		if st.Node == node {
			pos.Number = i + 1
		}
	}
	seen := map[string]bool{}
	for _, st := range steps {
		seen[st.Node] = true
	}
	pos.Retry = seen[node]
	if pos.Number == 0 {
		pos.Number = len(seen)
		if !pos.Retry {
			pos.Number++
		}
	}
	pos.Of = max(pos.Of, pos.Number)
	return pos
}
