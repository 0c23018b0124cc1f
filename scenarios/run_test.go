package scenarios_test

import (
	"errors"
	"reflect"
	"testing"

	"dvaprep/pack"
	"dvaprep/scenarios"
)

func TestRunPlaysChoices(t *testing.T) {
	type total = scenarios.Total
	tests := []struct {
		name    string
		choices []int
		path    []scenarios.Step
		ending  string
		overall total
		domains map[string]total
		tasks   map[string]total
	}{
		{
			name:    "best path",
			choices: []int{0, 0},
			path: []scenarios.Step{
				{Node: "fanout", Choice: 0, Verdict: pack.Best, Domain: "dev", Task: "1.1", Next: "failures"},
				{Node: "failures", Choice: 0, Verdict: pack.Best, Domain: "trouble", Task: "4.1", Next: "good"},
			},
			ending:  "good",
			overall: total{Points: 2, Decisions: 2},
			domains: map[string]total{"dev": {1, 1}, "trouble": {1, 1}},
			tasks:   map[string]total{"1.1": {1, 1}, "4.1": {1, 1}},
		},
		{
			name:    "ok then poor",
			choices: []int{1, 2},
			path: []scenarios.Step{
				{Node: "fanout", Choice: 1, Verdict: pack.OK, Domain: "dev", Task: "1.2", Next: "failures"},
				{Node: "failures", Choice: 2, Verdict: pack.Poor, Domain: "trouble", Task: "4.2", Next: "bad"},
			},
			ending:  "bad",
			overall: total{Points: 0.5, Decisions: 2},
			domains: map[string]total{"dev": {0.5, 1}, "trouble": {0, 1}},
			tasks:   map[string]total{"1.2": {0.5, 1}, "4.2": {0, 1}},
		},
		{
			name:    "poor choice loops back to the same decision",
			choices: []int{2, 2, 0, 0},
			path: []scenarios.Step{
				{Node: "fanout", Choice: 2, Verdict: pack.Poor, Domain: "dev", Task: "1.1", Next: "fanout"},
				{Node: "fanout", Choice: 2, Verdict: pack.Poor, Domain: "dev", Task: "1.1", Next: "fanout"},
				{Node: "fanout", Choice: 0, Verdict: pack.Best, Domain: "dev", Task: "1.1", Next: "failures"},
				{Node: "failures", Choice: 0, Verdict: pack.Best, Domain: "trouble", Task: "4.1", Next: "good"},
			},
			ending: "good",
			// The run's score counts each decision once, by its first choice: retries earn nothing back.
			overall: total{Points: 1, Decisions: 2},
			domains: map[string]total{"dev": {0, 1}, "trouble": {1, 1}},
			tasks:   map[string]total{"1.1": {0, 1}, "4.1": {1, 1}},
		},
		{
			name:    "poor choice loops back to an earlier decision",
			choices: []int{0, 1, 0, 1, 0},
			path: []scenarios.Step{
				{Node: "fanout", Choice: 0, Verdict: pack.Best, Domain: "dev", Task: "1.1", Next: "failures"},
				{Node: "failures", Choice: 1, Verdict: pack.Poor, Domain: "dev", Task: "1.1", Next: "retry"},
				{Node: "retry", Choice: 0, Verdict: pack.OK, Domain: "trouble", Task: "4.1", Next: "fanout"},
				{Node: "fanout", Choice: 1, Verdict: pack.OK, Domain: "dev", Task: "1.2", Next: "failures"},
				{Node: "failures", Choice: 0, Verdict: pack.Best, Domain: "trouble", Task: "4.1", Next: "good"},
			},
			ending:  "good",
			overall: total{Points: 1.5, Decisions: 3},
			domains: map[string]total{"dev": {1, 2}, "trouble": {0.5, 1}},
			tasks:   map[string]total{"1.1": {1, 2}, "4.1": {0.5, 1}},
		},
		{
			name:    "unfinished run is scored so far",
			choices: []int{0, 1},
			path: []scenarios.Step{
				{Node: "fanout", Choice: 0, Verdict: pack.Best, Domain: "dev", Task: "1.1", Next: "failures"},
				{Node: "failures", Choice: 1, Verdict: pack.Poor, Domain: "dev", Task: "1.1", Next: "retry"},
			},
			overall: total{Points: 1, Decisions: 2},
			domains: map[string]total{"dev": {1, 2}},
			tasks:   map[string]total{"1.1": {1, 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scenarios.Start(fanout())
			for i, c := range tt.choices {
				st, err := r.Choose(c)
				if err != nil {
					t.Fatalf("choice %d (%d): %v", i, c, err)
				}
				if st != tt.path[i] {
					t.Errorf("step %d = %+v, want %+v", i, st, tt.path[i])
				}
			}
			if got := r.Path(); !reflect.DeepEqual(got, tt.path) {
				t.Errorf("Path() = %+v\nwant %+v", got, tt.path)
			}
			if got, want := r.Finished(), tt.ending != ""; got != want {
				t.Errorf("Finished() = %v, want %v", got, want)
			}
			if tt.ending != "" && r.Current().ID != tt.ending {
				t.Errorf("ending %q, want %q", r.Current().ID, tt.ending)
			}
			sc := r.Score()
			if sc.Overall != tt.overall {
				t.Errorf("Overall = %+v, want %+v", sc.Overall, tt.overall)
			}
			if !reflect.DeepEqual(sc.Domains, tt.domains) {
				t.Errorf("Domains = %+v, want %+v", sc.Domains, tt.domains)
			}
			if !reflect.DeepEqual(sc.Tasks, tt.tasks) {
				t.Errorf("Tasks = %+v, want %+v", sc.Tasks, tt.tasks)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name    string
		before  []int
		choice  int
		want    error
		current string
	}{
		{"negative index", nil, -1, scenarios.ErrNoChoice, "fanout"},
		{"index past the last choice", nil, 3, scenarios.ErrNoChoice, "fanout"},
		{"index valid elsewhere but not here", []int{0, 1}, 2, scenarios.ErrNoChoice, "retry"},
		{"choice after the ending", []int{0, 0}, 0, scenarios.ErrFinished, "good"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scenarios.Start(fanout())
			for _, c := range tt.before {
				if _, err := r.Choose(c); err != nil {
					t.Fatal(err)
				}
			}
			st, err := r.Choose(tt.choice)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Choose(%d) error = %v, want %v", tt.choice, err, tt.want)
			}
			if st != (scenarios.Step{}) {
				t.Errorf("Choose(%d) step = %+v, want zero", tt.choice, st)
			}
			if len(r.Path()) != len(tt.before) || r.Current().ID != tt.current {
				t.Errorf("run changed: %d steps at %q, want %d at %q",
					len(r.Path()), r.Current().ID, len(tt.before), tt.current)
			}
		})
	}
}

func TestRunStart(t *testing.T) {
	s := fanout()
	r := scenarios.Start(s)
	if r.Scenario() != s || r.Current() != s.Nodes["fanout"] || r.Finished() {
		t.Fatalf("Start: scenario %p, current %v, finished %v", r.Scenario(), r.Current(), r.Finished())
	}
	if sc := r.Score(); sc.Overall != (scenarios.Total{}) || len(sc.Domains) != 0 || len(sc.Tasks) != 0 {
		t.Errorf("fresh Score() = %+v, want zero", sc)
	}
	// Path is a copy: changing it does not change the run.
	if _, err := r.Choose(0); err != nil {
		t.Fatal(err)
	}
	p := r.Path()
	p[0].Verdict = pack.Poor
	if r.Path()[0].Verdict != pack.Best {
		t.Error("Path() shares memory with the run")
	}
}

func TestRunBrokenGraph(t *testing.T) {
	tests := []struct {
		name string
		s    *pack.Scenario
		want error
	}{
		{"nil scenario", nil, scenarios.ErrFinished},
		{"missing start", &pack.Scenario{Start: "nowhere", Nodes: map[string]*pack.Node{}}, scenarios.ErrFinished},
		{"dangling next", &pack.Scenario{Start: "a", Nodes: map[string]*pack.Node{
			"a": {Choices: []pack.Choice{{Verdict: pack.Best, Next: "gone"}, {Verdict: pack.Poor, Next: "gone"}}},
		}}, scenarios.ErrUnknownNode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scenarios.Start(tt.s)
			if _, err := r.Choose(0); !errors.Is(err, tt.want) {
				t.Errorf("Choose(0) error = %v, want %v", err, tt.want)
			}
			if len(r.Path()) != 0 {
				t.Errorf("Path() = %v, want empty", r.Path())
			}
		})
	}
}

func TestStepDefaults(t *testing.T) {
	tests := []struct {
		name         string
		domain       string
		tasks        []string
		choice       pack.Choice
		wantD, wantT string
	}{
		{"scenario defaults", "dev", []string{"1.1", "1.2"}, pack.Choice{}, "dev", "1.1"},
		{"choice overrides both", "dev", []string{"1.1"}, pack.Choice{Domain: "sec", Task: "2.1"}, "sec", "2.1"},
		{"choice overrides task only", "dev", []string{"1.1"}, pack.Choice{Task: "1.3"}, "dev", "1.3"},
		{"scenario without tasks", "dev", nil, pack.Choice{}, "dev", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.choice
			c.Verdict, c.Next = pack.Best, "end"
			s := &pack.Scenario{Domain: tt.domain, Tasks: tt.tasks, Start: "a", Nodes: map[string]*pack.Node{
				"a":   {Choices: []pack.Choice{c, {Verdict: pack.Poor, Next: "end"}}},
				"end": {Outcome: "done"},
			}}
			st, err := scenarios.Start(s).Choose(0)
			if err != nil {
				t.Fatal(err)
			}
			if st.Node != "a" || st.Domain != tt.wantD || st.Task != tt.wantT {
				t.Errorf("step = %+v, want node a, domain %q, task %q", st, tt.wantD, tt.wantT)
			}
		})
	}
}
