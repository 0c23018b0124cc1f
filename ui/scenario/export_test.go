package scenario

import (
	"testing"

	"dvaprep/ui/common"
)

// NewTestContext gives the external tests the test pack and a store in a temporary file.
func NewTestContext(t testing.TB) *common.Context { return newContext(t) }
