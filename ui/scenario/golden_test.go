package scenario

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// TestDecisionView keeps the decision screen at 80×24, ANSI stripped, in testdata/TestDecisionView/.
// Refresh with `go test ./ui/scenario -update`.
func TestDecisionView(t *testing.T) {
	for _, tt := range []struct {
		name string
		keys []string
	}{
		{"deciding", []string{"down"}},
		{"verdict", []string{"2"}},
		{"others", []string{"2", "o"}},
		{"links", []string{"1", "l", "down"}},
		{"bridge", []string{"2", "enter"}},
		{"retry", []string{"1", "enter", "2", "enter"}},
		{"ending", []string{"2", "enter", "3", "enter"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, newContext(t), "fanout")
			h.press(tt.keys...)
			golden.RequireEqual(t, ansi.Strip(h.m.View()))
		})
	}
}
