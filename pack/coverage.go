package pack

// TaskCoverage counts how much of the pack serves one task statement.
type TaskCoverage struct {
	Task      Task
	Sections  int // note sections in notes that list the task
	Questions int
	Decisions int // scenario decisions with a choice that tests the task
}

// Coverage returns one row per task statement, in blueprint order.
func (p *Pack) Coverage() []TaskCoverage {
	idx := map[string]*TaskCoverage{}
	var rows []TaskCoverage
	for _, d := range p.Domains {
		for _, t := range d.Tasks {
			rows = append(rows, TaskCoverage{Task: t})
		}
	}
	for i := range rows {
		idx[rows[i].Task.ID] = &rows[i]
	}
	for _, n := range p.Notes {
		for _, t := range n.Tasks {
			if c := idx[t]; c != nil {
				c.Sections += max(1, len(n.Sections))
			}
		}
	}
	for _, q := range p.Questions {
		if c := idx[q.Task]; c != nil {
			c.Questions++
		}
	}
	for _, s := range p.Scenarios {
		for _, n := range s.Nodes {
			seen := map[string]bool{}
			for _, ch := range n.Choices {
				if c := idx[ch.Task]; c != nil && !seen[ch.Task] {
					seen[ch.Task] = true
					c.Decisions++
				}
			}
		}
	}
	return rows
}
