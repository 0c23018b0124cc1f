package common

import "testing"

func TestGroupedList(t *testing.T) {
	groups := []string{"a", "b", "c"}
	items := []string{"a1", "a2", "c1"}
	in := func(g, it string) bool { return it[:1] == g }
	var l GroupedList[string, string]
	l.SetRows(Group(groups, items, in, false))
	if len(l.Rows) != 5 { // a, a1, a2, c, c1: b has no item
		t.Fatalf("%d rows, want 5: %+v", len(l.Rows), l.Rows)
	}
	if it, ok := l.Selected(); !ok || it != "a1" {
		t.Fatalf("first selected %q", it)
	}
	l.Move(2) // over the header of c
	if it, _ := l.Selected(); it != "c1" {
		t.Errorf("after 2 down: %q, want c1 (headers are skipped)", it)
	}
	l.Move(5)
	if it, _ := l.Selected(); it != "c1" {
		t.Errorf("past the end: %q", it)
	}
	l.Select(func(s string) bool { return s == "a2" })
	if it, _ := l.Selected(); it != "a2" {
		t.Errorf("select a2: %q", it)
	}
	if n := len(Group(groups, items, in, true)); n != 6 {
		t.Errorf("keepEmpty: %d rows, want 6", n)
	}
	var empty GroupedList[string, string]
	empty.SetRows(nil)
	if _, ok := empty.Selected(); ok || empty.Cursor != -1 {
		t.Errorf("empty list selects %d", empty.Cursor)
	}

	// Window keeps the cursor in sight, with its header when it is the group's first item.
	lines := []string{"A", "a1", "a2", "", "C", "c1"}
	l.Select(func(s string) bool { return s == "c1" })
	if got := l.Window(lines, 5, 5, 2, true); got != "C\nc1" {
		t.Errorf("window at c1: %q", got)
	}
	l.Top()
	if got := l.Window(lines, 1, 1, 2, true); got != "A\na1" {
		t.Errorf("window back at a1: %q", got)
	}
}
