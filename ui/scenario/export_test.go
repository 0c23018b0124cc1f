package scenario

import (
	"testing"
	"time"

	"dvaprep/ui/common"
)

// NewTestContext gives the external tests the test pack and a store in a temporary file.
func NewTestContext(t testing.TB) *common.Context { return newContext(t) }

// The tests below were written against the file's order of choices; TestChoicesAreShuffled covers the
// shuffle itself.
func init() { choiceOrder = inFileOrder }

func inFileOrder(n int, _ string, _ time.Time) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	return order
}
