package pack

import (
	"sort"

	"go.yaml.in/yaml/v3"
)

// loadScenario reads one parsed scenario file and checks its graph.
func loadScenario(p *Pack, file string, root *yaml.Node, probs *Problems) *Scenario {
	if root == nil {
		return nil
	}
	f := newField(file, root, 0, probs, "a scenario")
	f.allow("id", "title", "summary", "domain", "tasks", "start", "nodes")
	s := &Scenario{
		ID:      f.str("id", true),
		Title:   f.str("title", true),
		Summary: f.str("summary", true),
		Domain:  f.str("domain", true),
		Tasks:   f.strs("tasks"),
		Start:   f.str("start", true),
		Nodes:   map[string]*Node{},
		File:    file,
		Line:    f.line(),
	}
	if s.ID != "" && !validID(s.ID) {
		probs.add(file, f.lineOf("id"), "scenario id %q may hold only a-z, 0-9 and -", s.ID)
	}
	p.checkDomainTask(probs, file, f.lineOf("domain"), s.Domain, "")
	if len(s.Tasks) == 0 {
		probs.add(file, f.lineOf("tasks"), "tasks is missing: list the task statements the scenario tests")
	}
	for _, t := range s.Tasks {
		p.checkDomainTask(probs, file, f.lineOf("tasks"), "", t)
	}
	nodes := f.mapping("nodes")
	if nodes == nil {
		probs.add(file, f.lineOf("nodes"), "nodes is missing: a scenario needs decision and ending nodes")
		return s
	}
	for i := 0; i+1 < len(nodes.Content); i += 2 {
		id, nn := nodes.Content[i].Value, nodes.Content[i+1]
		if _, dup := s.Nodes[id]; dup {
			probs.add(file, nodes.Content[i].Line, "node %q is defined twice", id)
			continue
		}
		s.Nodes[id] = loadNode(p, s, id, nodes.Content[i].Line, nn, probs)
	}
	checkGraph(s, probs)
	checkPathTruth(s, probs)
	if s.ID == "" {
		return nil
	}
	return s
}

func loadNode(p *Pack, s *Scenario, id string, line int, nn *yaml.Node, probs *Problems) *Node {
	file := s.File
	f := newField(file, nn, 0, probs, "node "+id)
	f.allow("prompt", "choices", "outcome")
	n := &Node{ID: id, Line: line}
	n.Prompt = f.str("prompt", false)
	n.Outcome = f.str("outcome", false)
	choices := f.list("choices")
	switch {
	case n.Outcome != "" && (n.Prompt != "" || len(choices) > 0):
		probs.add(file, n.Line, "node %q is both an ending (outcome) and a decision (prompt, choices): keep one", id)
	case n.Outcome == "" && len(choices) == 0:
		probs.add(file, n.Line, "node %q needs either an outcome (an ending) or a prompt with choices (a decision)", id)
	case len(choices) > 0 && n.Prompt == "":
		probs.add(file, n.Line, "decision %q has no prompt", id)
	case len(choices) == 1:
		probs.add(file, n.Line, "decision %q has one choice; a decision needs at least 2", id)
	}
	best := false
	for _, cn := range choices {
		c := newField(file, cn, 0, probs, "a choice")
		c.allow("text", "verdict", "explain", "domain", "task", "notes", "next", "bridge")
		ch := Choice{
			Text:    c.str("text", true),
			Verdict: Verdict(c.str("verdict", true)),
			Explain: c.str("explain", true),
			Domain:  c.str("domain", false),
			Task:    c.str("task", false),
			Notes:   c.strs("notes"),
			Next:    c.str("next", true),
			Bridge:  c.str("bridge", false),
			Line:    c.line(),
		}
		switch ch.Verdict {
		case Best:
			best = true
		case OK, Poor, "":
		default:
			probs.add(file, c.lineOf("verdict"), "verdict must be best, ok or poor, not %q", ch.Verdict)
		}
		if ch.Domain == "" {
			ch.Domain = s.Domain
		}
		if ch.Task == "" && len(s.Tasks) > 0 {
			ch.Task = s.Tasks[0]
		}
		p.checkDomainTask(probs, file, c.lineOf("task"), ch.Domain, ch.Task)
		p.checkLinks(probs, file, c.lineOf("notes"), ch.Notes)
		n.Choices = append(n.Choices, ch)
	}
	if len(choices) > 0 && !best {
		probs.add(file, n.Line, "decision %q has no choice with verdict: best", id)
	}
	return n
}

// checkGraph reports unknown next targets, nodes that cannot be reached from the start, and nodes from
// which no ending can be reached.
func checkGraph(s *Scenario, probs *Problems) {
	if s.Start != "" && s.Nodes[s.Start] == nil {
		probs.add(s.File, s.Line, "start %q is not a node", s.Start)
		return
	}
	ids := make([]string, 0, len(s.Nodes))
	for id := range s.Nodes {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return s.Nodes[ids[i]].Line < s.Nodes[ids[j]].Line })
	for _, id := range ids {
		for _, c := range s.Nodes[id].Choices {
			if c.Next != "" && s.Nodes[c.Next] == nil {
				probs.add(s.File, c.Line, "next %q is not a node of this scenario", c.Next)
			}
		}
	}
	reached := map[string]bool{}
	var walk func(string)
	walk = func(id string) {
		n := s.Nodes[id]
		if n == nil || reached[id] {
			return
		}
		reached[id] = true
		for _, c := range n.Choices {
			walk(c.Next)
		}
	}
	walk(s.Start)
	// A node can finish when it is an ending or one of its choices leads to a node that can finish.
	finishes := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, id := range ids {
			if finishes[id] {
				continue
			}
			n := s.Nodes[id]
			ok := n.IsEnding() && n.Outcome != ""
			for _, c := range n.Choices {
				ok = ok || finishes[c.Next]
			}
			if ok {
				finishes[id], changed = true, true
			}
		}
	}
	for _, id := range ids {
		n := s.Nodes[id]
		if s.Start != "" && !reached[id] {
			probs.add(s.File, n.Line, "node %q cannot be reached from start %q", id, s.Start)
		}
		if !finishes[id] && (n.Outcome != "" || len(n.Choices) > 0) {
			probs.add(s.File, n.Line, "node %q never reaches an ending: every path from it loops forever", id)
		}
	}
}
