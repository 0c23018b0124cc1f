package common

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// WithHelp returns a copy of b with other help text, for a key whose meaning depends on the mode.
func WithHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// ScrollKeys are the keys that scroll a viewport. Screens fill it from their own KeyMap.
type ScrollKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// Scroll moves vp for msg and reports whether msg was one of the scroll keys.
func (k ScrollKeys) Scroll(vp *viewport.Model, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}

// OptionKey turns the keys that pick an answer, 1–6 or a letter among the first letters ("a" to "e" when
// letters is 5), into a position counted from 0, or -1.
func OptionKey(s string, letters int) int {
	if len(s) != 1 {
		return -1
	}
	switch c := s[0]; {
	case c >= '1' && c <= '6':
		return int(c - '1')
	case c >= 'a' && int(c-'a') < letters:
		return int(c - 'a')
	}
	return -1
}

// Step moves a cursor by delta over the rows that can be selected (headings cannot), stopping at the last
// selectable row in that direction.
func Step(cursor, delta, rows int, selectable func(int) bool) int {
	step := 1
	if delta < 0 {
		step, delta = -1, -delta
	}
	for ; delta > 0; delta-- {
		i := cursor + step
		for i >= 0 && i < rows && !selectable(i) {
			i += step
		}
		if i < 0 || i >= rows {
			break
		}
		cursor = i
	}
	return cursor
}
