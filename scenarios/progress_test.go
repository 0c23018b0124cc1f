package scenarios_test

import (
	"testing"

	"dvaprep/scenarios"
)

func TestLocate(t *testing.T) {
	// fanout's best path is fanout → failures (2 decisions); retry is off the best path.
	s := fanout()
	step := func(node string, choice int) scenarios.Step {
		return scenarios.Step{Node: node, Choice: choice, Next: s.Nodes[node].Choices[choice].Next}
	}
	tests := []struct {
		name  string
		steps []scenarios.Step
		node  string
		want  scenarios.Position
	}{
		{"first decision", nil, "fanout", scenarios.Position{Number: 1, Of: 2}},
		{"second on the best path", []scenarios.Step{step("fanout", 0)}, "failures", scenarios.Position{Number: 2, Of: 2}},
		{"second after an acceptable choice", []scenarios.Step{step("fanout", 1)}, "failures", scenarios.Position{Number: 2, Of: 2}},
		{"pick again", []scenarios.Step{step("fanout", 2)}, "fanout", scenarios.Position{Number: 1, Of: 2, Retry: true}},
		{"pick again twice", []scenarios.Step{step("fanout", 2), step("fanout", 2)}, "fanout", scenarios.Position{Number: 1, Of: 2, Retry: true}},
		{"off the best path", []scenarios.Step{step("fanout", 0), step("failures", 1)}, "retry", scenarios.Position{Number: 3, Of: 3}},
		{"back to an earlier decision", []scenarios.Step{step("fanout", 0), step("failures", 1), step("retry", 0)}, "fanout",
			scenarios.Position{Number: 1, Of: 2, Retry: true}},
		{"unknown node", nil, "nowhere", scenarios.Position{Number: 1, Of: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scenarios.Locate(s, tt.steps, tt.node); got != tt.want {
				t.Errorf("Locate = %+v, want %+v", got, tt.want)
			}
		})
	}
	if got := scenarios.Locate(nil, nil, "x"); got != (scenarios.Position{Number: 1, Of: 1}) {
		t.Errorf("Locate(nil) = %+v", got)
	}
}
