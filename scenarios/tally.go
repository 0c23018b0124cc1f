package scenarios

// Total is the credit earned over a number of decisions; each decision is worth one point.
type Total struct {
	Points    float64 // best 1, ok 0.5, poor 0, summed
	Decisions int     // decisions counted, which is also the points possible
}

// Ratio is Points over Decisions, from 0 to 1; 0 when nothing was decided.
func (t Total) Ratio() float64 {
	if t.Decisions == 0 {
		return 0
	}
	return t.Points / float64(t.Decisions)
}

func (t Total) add(points float64) Total {
	return Total{Points: t.Points + points, Decisions: t.Decisions + 1}
}

// Tally is a run's score overall and broken down by the domain and task statement each decision
// tests, the shape the progress dashboard reports mastery in.
type Tally struct {
	Overall Total
	Domains map[string]Total // by domain ID
	Tasks   map[string]Total // by task statement ID, such as "1.2"
}

// Score tallies a list of steps. Steps without a domain or task count only in the maps they have a
// key for, and always overall.
func Score(steps []Step) Tally {
	t := Tally{Domains: map[string]Total{}, Tasks: map[string]Total{}}
	for _, s := range steps {
		p := s.Score()
		t.Overall = t.Overall.add(p)
		if s.Domain != "" {
			t.Domains[s.Domain] = t.Domains[s.Domain].add(p)
		}
		if s.Task != "" {
			t.Tasks[s.Task] = t.Tasks[s.Task].add(p)
		}
	}
	return t
}
