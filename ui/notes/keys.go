package notes

import (
	"charm.land/bubbles/v2/key"

	"dvaprep/ui/common"
)

// KeyMap is every key of the notes screen. Which ones show in help depends on the mode.
type KeyMap struct {
	Up, Down, Open, Back     key.Binding
	Search, Find, Next, Prev key.Binding
	PageUp, PageDown         key.Binding
	Top, Bottom              key.Binding
	NextSection, PrevSection key.Binding
	Bookmark, Bookmarks      key.Binding
	Remove                   key.Binding
	mode                     mode
	wide                     bool // the footer has wideFooter columns or more: room for n/N and b
}

// wideFooter is the width from which the pager's footer also shows n/N and b. The footer fits 80 columns
// without them and 100 with them, with the root's "? help" and "q quit" (a test checks it); the full help
// (?) always lists every key.
const wideFooter = 100

// DefaultKeyMap returns the notes keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Search:      key.NewBinding(key.WithKeys("/", "s"), key.WithHelp("/", "search")),
		Find:        key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "find")),
		Next:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n/N", "matches")),
		Prev:        key.NewBinding(key.WithKeys("N")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "space", "ctrl+d"), key.WithHelp("space", "page down")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/G", "top/bottom")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end")),
		NextSection: key.NewBinding(key.WithKeys("]", "tab"), key.WithHelp("]/[", "next/prev section")),
		PrevSection: key.NewBinding(key.WithKeys("[", "shift+tab")),
		Bookmark:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "bookmark")),
		Bookmarks:   key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "bookmarks")),
		Remove:      key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "remove")),
	}
}

// inMode is the keys as they work in md: the one place that decides which key does what in each mode, used
// both to dispatch and to draw the help. In the pager "/" finds in the note, so only s searches every note;
// finding and its n/N exist only in the pager.
func (k KeyMap) inMode(md mode) KeyMap {
	k.mode = md
	if md == modePager || md == modeFind {
		k.Search = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "search notes"))
	} else {
		k.Find.SetEnabled(false)
		k.Next.SetEnabled(false)
		k.Prev.SetEnabled(false)
		k.Bookmark.SetEnabled(false)
		k.NextSection.SetEnabled(false)
		k.PrevSection.SetEnabled(false)
	}
	return k
}

// ShortHelp shows the keys of the current mode.
func (k KeyMap) ShortHelp() []key.Binding {
	switch k.mode {
	case modePager:
		if !k.wide {
			return []key.Binding{k.PageDown, k.Find, k.Search, k.Back}
		}
		return []key.Binding{k.PageDown, k.Find, k.Next, k.Bookmark, k.Search, k.Back}
	case modeSearch:
		return []key.Binding{common.WithHelp(k.Up, "↑/↓", "select"), k.Open, common.WithHelp(k.Back, "esc", "close")}
	case modeFind:
		return []key.Binding{common.WithHelp(k.Open, "enter", "find"), common.WithHelp(k.Back, "esc", "cancel")}
	case modeBookmarks:
		return []key.Binding{k.Up, k.Down, k.Open, k.Remove, k.Back}
	}
	return []key.Binding{common.WithHelp(k.Up, "↑/↓", "move"), k.Open, k.Search, k.Bookmarks, k.Back}
}

// FullHelp shows every key of the current mode in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	switch k.mode {
	case modePager:
		return [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top},
			{k.NextSection, k.Find, k.Next, k.Search},
			{k.Bookmark, k.Bookmarks, k.Back},
		}
	case modeTOC:
		return [][]key.Binding{{k.Up, k.Down, k.Top, k.Open}, {k.Search, k.Bookmarks, k.Back}}
	}
	return [][]key.Binding{k.ShortHelp()}
}
