package scenario

import "testing"

func TestQuestion(t *testing.T) {
	for _, tt := range []struct{ md, want string }{
		{"Three teams must each receive **every** order event.\n\nHow do you deliver it?", "How do you deliver it?"},
		{"A consumer keeps failing on one message. What now?", "What now?"},
		{"Story.\n\nThe `fulfilment` value is in the body. How do you map these steps to `appspec.yml` hooks?",
			"How do you map these steps to appspec.yml hooks?"},
		{"Story.\n\n| a | b |\n|---|---|\n| 1 | 2 |", "Story."},
		{"Log:\n\n```\nline one?\n\nline two\n```", "Log:"},
		{"No question here.", "No question here."},
		{"Which one:\n- a\n- b\n\nWhat is wrong, and what\ndo you set?", "What is wrong, and what do you set?"},
		{"", ""},
	} {
		if got := question(tt.md); got != tt.want {
			t.Errorf("question(%q) = %q, want %q", tt.md, got, tt.want)
		}
	}
}
