package scenarios_test

import (
	"reflect"
	"testing"

	"dvaprep/pack"
	"dvaprep/scenarios"
)

func TestBestPath(t *testing.T) {
	ending := &pack.Node{Outcome: "done"}
	tests := []struct {
		name string
		s    *pack.Scenario
		want []scenarios.Step
	}{
		{
			name: "fanout",
			s:    fanout(),
			want: []scenarios.Step{
				{Node: "fanout", Choice: 0, Verdict: pack.Best, Domain: "dev", Task: "1.1", Next: "failures"},
				{Node: "failures", Choice: 0, Verdict: pack.Best, Domain: "trouble", Task: "4.1", Next: "good"},
			},
		},
		{
			name: "first of several best choices",
			s: &pack.Scenario{Domain: "dev", Start: "a", Nodes: map[string]*pack.Node{
				"a": {Choices: []pack.Choice{
					{Verdict: pack.Poor, Next: "end"},
					{Verdict: pack.Best, Next: "b"},
					{Verdict: pack.Best, Next: "end"},
				}},
				"b":   {Choices: []pack.Choice{{Verdict: pack.OK, Next: "a"}, {Verdict: pack.Best, Next: "end"}}},
				"end": ending,
			}},
			want: []scenarios.Step{
				{Node: "a", Choice: 1, Verdict: pack.Best, Domain: "dev", Next: "b"},
				{Node: "b", Choice: 1, Verdict: pack.Best, Domain: "dev", Next: "end"},
			},
		},
		{
			name: "best choices form a cycle",
			s: &pack.Scenario{Start: "a", Nodes: map[string]*pack.Node{
				"a":   {Choices: []pack.Choice{{Verdict: pack.Best, Next: "b"}, {Verdict: pack.Poor, Next: "end"}}},
				"b":   {Choices: []pack.Choice{{Verdict: pack.Poor, Next: "end"}, {Verdict: pack.Best, Next: "a"}}},
				"end": ending,
			}},
			want: []scenarios.Step{
				{Node: "a", Choice: 0, Verdict: pack.Best, Next: "b"},
				{Node: "b", Choice: 1, Verdict: pack.Best, Next: "a"},
			},
		},
		{
			name: "no best choice falls back to the highest verdict",
			s: &pack.Scenario{Start: "a", Nodes: map[string]*pack.Node{
				"a":   {Choices: []pack.Choice{{Verdict: pack.Poor, Next: "end"}, {Verdict: pack.OK, Next: "end"}}},
				"end": ending,
			}},
			want: []scenarios.Step{{Node: "a", Choice: 1, Verdict: pack.OK, Next: "end"}},
		},
		{
			name: "dangling next stops the path",
			s: &pack.Scenario{Start: "a", Nodes: map[string]*pack.Node{
				"a": {Choices: []pack.Choice{{Verdict: pack.Best, Next: "gone"}}},
			}},
			want: []scenarios.Step{{Node: "a", Choice: 0, Verdict: pack.Best, Next: "gone"}},
		},
		{
			name: "start is an ending",
			s:    &pack.Scenario{Start: "end", Nodes: map[string]*pack.Node{"end": ending}},
			want: nil,
		},
		{name: "nil scenario", s: nil, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scenarios.BestPath(tt.s); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("BestPath() = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// Playing the best path through a Run reaches an ending with full marks.
func TestBestPathPlays(t *testing.T) {
	s := fanout()
	r := scenarios.Start(s)
	for _, st := range scenarios.BestPath(s) {
		if _, err := r.Choose(st.Choice); err != nil {
			t.Fatal(err)
		}
	}
	if !r.Finished() || r.Score().Overall.Ratio() != 1 {
		t.Errorf("finished %v, ratio %v; want true, 1", r.Finished(), r.Score().Overall.Ratio())
	}
}

func TestScoreAndRatio(t *testing.T) {
	steps := []scenarios.Step{
		{Verdict: pack.Best, Domain: "d1", Task: "1.1"},
		{Verdict: pack.OK, Domain: "d1", Task: "1.2"},
		{Verdict: pack.Poor, Domain: "d2"},
		{Verdict: pack.OK},
	}
	got := scenarios.Score(steps)
	want := scenarios.Tally{
		Overall: scenarios.Total{Points: 2, Decisions: 4},
		Domains: map[string]scenarios.Total{"d1": {1.5, 2}, "d2": {0, 1}},
		Tasks:   map[string]scenarios.Total{"1.1": {1, 1}, "1.2": {0.5, 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Score() = %+v\nwant %+v", got, want)
	}
	for _, tt := range []struct {
		t    scenarios.Total
		want float64
	}{{got.Overall, 0.5}, {got.Domains["d1"], 0.75}, {scenarios.Total{}, 0}} {
		if r := tt.t.Ratio(); r != tt.want {
			t.Errorf("%+v.Ratio() = %v, want %v", tt.t, r, tt.want)
		}
	}
}
