// Package scenarios plays a branching architecture scenario: it walks the decision graph of a
// pack.Scenario one choice at a time and scores every decision against the exam domain and task
// statement it tests. It is pure: no I/O, no terminal, no store.
package scenarios

import (
	"errors"
	"fmt"

	"dvaprep/pack"
)

// ErrFinished is returned by Choose once the run has reached an ending, so a late key press cannot
// record a decision that was never shown.
var ErrFinished = errors.New("scenario has ended")

// ErrNoChoice is returned by Choose for an index outside the current decision's choices.
var ErrNoChoice = errors.New("no such choice")

// ErrUnknownNode is returned when the graph points at a node that does not exist. A validated pack
// never does; the error keeps an unvalidated one from crashing the player.
var ErrUnknownNode = errors.New("unknown node")

// Step is one decision taken during a run, with everything needed to score and store it.
type Step struct {
	Node    string       // ID of the decision node
	Choice  int          // index of the choice taken, from 0
	Verdict pack.Verdict // the choice's verdict
	Domain  string       // domain the decision tests: the choice's, else the scenario's
	Task    string       // task statement it tests: the choice's, else the scenario's first
	Next    string       // ID of the node the choice leads to
}

// Score is the credit the step earns out of one possible point.
func (s Step) Score() float64 { return s.Verdict.Score() }

// Run is one play-through of a scenario. Loops are allowed: a choice may lead back to an earlier
// decision. Every step is kept (each is an answer for review), but the score counts each decision once.
type Run struct {
	scenario *pack.Scenario
	id       string // key of current in scenario.Nodes
	current  *pack.Node
	path     []Step
}

// Start begins a run at the scenario's start node. A nil scenario or a missing start node yields a
// run that is already finished and has no current node.
func Start(s *pack.Scenario) *Run {
	r := &Run{scenario: s}
	if s != nil {
		r.id, r.current = s.Start, s.Nodes[s.Start]
	}
	return r
}

// Scenario returns the scenario being played.
func (r *Run) Scenario() *pack.Scenario { return r.scenario }

// Current returns the node on screen: a decision to make, or the ending reached. It is nil only for
// a run started on a broken scenario.
func (r *Run) Current() *pack.Node { return r.current }

// Finished reports whether the run has reached an ending (or has no node to show).
func (r *Run) Finished() bool { return r.current == nil || r.current.IsEnding() }

// Path returns the decisions taken so far, in order. The slice is a copy.
func (r *Run) Path() []Step {
	out := make([]Step, len(r.path))
	copy(out, r.path)
	return out
}

// Score tallies the decisions taken so far.
func (r *Run) Score() Tally { return Score(FirstTries(r.path)) }

// FirstTries keeps the first step taken at each decision. A run's score counts a decision once, by the
// choice first made there: choosing again after a poor choice teaches, but does not earn the point back,
// and it does not raise the points possible either. Every step still counts as an answer for review and
// mastery; this is only the run's score.
func FirstTries(steps []Step) []Step {
	seen := make(map[string]bool, len(steps))
	out := make([]Step, 0, len(steps))
	for _, s := range steps {
		if !seen[s.Node] {
			seen[s.Node] = true
			out = append(out, s)
		}
	}
	return out
}

// Choose takes choice i (from 0) at the current decision, records it and moves to the node it
// leads to. On error the run is unchanged.
func (r *Run) Choose(i int) (Step, error) {
	if r.Finished() {
		return Step{}, fmt.Errorf("choose %d: %w", i, ErrFinished)
	}
	n := r.current
	if i < 0 || i >= len(n.Choices) {
		return Step{}, fmt.Errorf("choose %d at %q (choices 0 to %d): %w", i, r.id, len(n.Choices)-1, ErrNoChoice)
	}
	next := r.scenario.Nodes[n.Choices[i].Next]
	if next == nil {
		return Step{}, fmt.Errorf("choose %d at %q: next %q: %w", i, r.id, n.Choices[i].Next, ErrUnknownNode)
	}
	st := step(r.scenario, r.id, n, i)
	r.path = append(r.path, st)
	r.id, r.current = st.Next, next
	return st, nil
}

// step builds the Step for choice i of node n (keyed id), applying the scenario's domain and task
// defaults.
func step(s *pack.Scenario, id string, n *pack.Node, i int) Step {
	c := n.Choices[i]
	st := Step{Node: id, Choice: i, Verdict: c.Verdict, Domain: c.Domain, Task: c.Task, Next: c.Next}
	if st.Domain == "" {
		st.Domain = s.Domain
	}
	if st.Task == "" && len(s.Tasks) > 0 {
		st.Task = s.Tasks[0]
	}
	return st
}
