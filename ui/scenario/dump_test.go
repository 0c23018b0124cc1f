package scenario

import (
	"fmt"
	"testing"
)

func TestDump(t *testing.T) {
	h := newHarness(t, newContext(t), "")
	show := func(k string) { fmt.Printf("==== after %q\n%s\n", k, h.m.View()) }
	show("")
	for _, k := range []string{"enter", "2", "o", "l", "esc", "enter", "1", "enter"} {
		h.press(k)
		show(k)
	}
}
