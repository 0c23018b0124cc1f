package ui

import (
	"testing"

	"charm.land/bubbles/v2/key"
)

// A key the screen's help already names is not listed again by the root.
func TestRootKeysNotListedTwice(t *testing.T) {
	root := DefaultKeyMap()
	leave := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc/q", "leave"))
	got := notShown([]key.Binding{leave}, root.Back, root.Help, root.Quit, root.ForceQ)
	var names []string
	for _, b := range got {
		names = append(names, b.Help().Key)
	}
	if len(got) != 2 || got[0].Help().Key != "?" || got[1].Help().Key != "ctrl+c" {
		t.Errorf("root keys shown after \"esc/q leave\": %v, want [? ctrl+c]", names)
	}
	// A disabled screen binding does not hide the root's.
	leave.SetEnabled(false)
	if got := notShown([]key.Binding{leave}, root.Back, root.Quit); len(got) != 2 {
		t.Errorf("a disabled binding hid %d root keys", 2-len(got))
	}
}
