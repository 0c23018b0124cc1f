package common

import "strings"

// GroupRow is a group's header (Item is the zero value and IsItem false) or an item under it.
type GroupRow[G, T any] struct {
	Group  G
	Item   T
	IsItem bool
}

// GroupedList is the one cursor list of items under group headers (notes under their exam domain,
// scenarios under theirs): the cursor moves over items only, and Window scrolls the drawn lines so the
// cursor stays in sight.
type GroupedList[G, T any] struct {
	Rows   []GroupRow[G, T]
	Cursor int // index into Rows; an item whenever there is one, else -1
	Offset int // the first line drawn
}

// Group groups items by group, in the order of groups; belongs says whether an item is in a group. A
// group without items keeps its header only with keepEmpty.
func Group[G, T any](groups []G, items []T, belongs func(G, T) bool, keepEmpty bool) []GroupRow[G, T] {
	var rows []GroupRow[G, T]
	for _, g := range groups {
		header := false
		if keepEmpty {
			rows = append(rows, GroupRow[G, T]{Group: g})
			header = true
		}
		for _, it := range items {
			if !belongs(g, it) {
				continue
			}
			if !header {
				rows = append(rows, GroupRow[G, T]{Group: g})
				header = true
			}
			rows = append(rows, GroupRow[G, T]{Group: g, Item: it, IsItem: true})
		}
	}
	return rows
}

// SetRows replaces the rows and puts the cursor on the first item.
func (l *GroupedList[G, T]) SetRows(rows []GroupRow[G, T]) {
	l.Rows = rows
	l.Top()
}

// Move steps the cursor by delta items (negative is up), stopping at either end.
func (l *GroupedList[G, T]) Move(delta int) {
	l.Cursor = Step(l.Cursor, delta, len(l.Rows), func(i int) bool { return l.Rows[i].IsItem })
}

// Top puts the cursor on the first item.
func (l *GroupedList[G, T]) Top() {
	l.Cursor = -1
	l.Move(1)
}

// Bottom puts the cursor on the last item.
func (l *GroupedList[G, T]) Bottom() { l.Move(len(l.Rows)) }

// Select puts the cursor on the first item that matches, if any does.
func (l *GroupedList[G, T]) Select(match func(T) bool) {
	for i, r := range l.Rows {
		if r.IsItem && match(r.Item) {
			l.Cursor = i
			return
		}
	}
}

// Selected is the item under the cursor; ok is false when there is none.
func (l *GroupedList[G, T]) Selected() (item T, ok bool) {
	if l.Cursor < 0 || l.Cursor >= len(l.Rows) || !l.Rows[l.Cursor].IsItem {
		return item, false
	}
	return l.Rows[l.Cursor].Item, true
}

// Window returns the h lines of lines to draw, scrolled so that the cursor's lines, first to last, show;
// with withHeader, the line just above the cursor (its group's header) shows too when the cursor is the
// group's first item.
func (l *GroupedList[G, T]) Window(lines []string, first, last, h int, withHeader bool) string {
	h = max(h, 1)
	if first < l.Offset {
		l.Offset = first
		if withHeader && first > 0 && l.Cursor > 0 && !l.Rows[l.Cursor-1].IsItem {
			l.Offset = first - 1
		}
	}
	if last >= l.Offset+h {
		l.Offset = last - h + 1
	}
	l.Offset = min(max(l.Offset, 0), max(len(lines)-h, 0))
	return strings.Join(lines[l.Offset:min(len(lines), l.Offset+h)], "\n")
}
