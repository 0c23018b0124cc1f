package progress

import (
	"charm.land/bubbles/v2/key"

	"dvaprep/ui/common"
)

// KeyMap is every key of the dashboard.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Act              key.Binding // 1–5: act on a weak spot
	Reload           key.Binding
	Back             key.Binding
}

// DefaultKeyMap returns the dashboard keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "ctrl+d"), key.WithHelp("space", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/G", "top/bottom")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end")),
		Act:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1–5", "work on a weak spot")),
		Reload:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp shows the main keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Act, common.WithHelp(k.Down, "↑/↓", "scroll"), k.PageDown, k.Back}
}

// FullHelp shows every key.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Act, k.Reload, k.Back}, {k.Up, k.Down, k.PageUp, k.PageDown, k.Top}}
}

func (k KeyMap) scroll() common.ScrollKeys {
	return common.ScrollKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom}
}
