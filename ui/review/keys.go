package review

import (
	"charm.land/bubbles/v2/key"

	"dvaprep/ui/common"
)

// KeyMap is every key of the review screen. Which ones the help shows depends on the mode.
type KeyMap struct {
	Up, Down         key.Binding
	Choose           key.Binding // 1–6 and a–f pick an option
	Toggle           key.Binding // space: toggle the option under the cursor (multiple response)
	Strike           key.Binding // x: strike out the option under the cursor, or un-strike it
	Enter            key.Binding
	Sure, Unsure     key.Binding
	PageUp, PageDown key.Binding
	Reload           key.Binding
	Back             key.Binding

	mode  mode
	multi bool
	right bool // the answer on screen was right: confidence is asked
}

// DefaultKeyMap returns the review keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Choose:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "a", "b", "c", "d", "e", "f"), key.WithHelp("1–6/a–f", "answer")),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "answer")),
		Strike:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "strike out or back")),
		Sure:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "I was sure")),
		Unsure:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "unsure")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Reload:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "check again")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp shows the keys that matter now.
func (k KeyMap) ShortHelp() []key.Binding {
	switch k.mode {
	case modeAsk:
		if k.multi {
			return []key.Binding{common.WithHelp(k.Choose, "1–6/a–f/space", "toggle"), common.WithHelp(k.Up, "↑/↓", "move"),
				common.WithHelp(k.Strike, "x", "strike"), k.PageDown, k.Back}
		}
		return []key.Binding{common.WithHelp(k.Choose, "1–6/a–f/enter", "answer"), common.WithHelp(k.Up, "↑/↓", "move"),
			common.WithHelp(k.Strike, "x", "strike"), k.PageDown, k.Back}
	case modeFeedback:
		if k.right {
			return []key.Binding{k.Sure, k.Unsure, common.WithHelp(k.Down, "↑/↓", "scroll"), k.Back}
		}
		return []key.Binding{common.WithHelp(k.Enter, "enter/s/u", "next"), common.WithHelp(k.Down, "↑/↓", "scroll"), k.Back}
	case modeEmpty:
		return []key.Binding{k.Reload, k.Back}
	}
	return []key.Binding{k.Back}
}

// FullHelp shows every key of the current mode in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	switch k.mode {
	case modeAsk:
		return [][]key.Binding{
			{common.WithHelp(k.Choose, "1–6/a–f", "choose"), k.Toggle, common.WithHelp(k.Enter, "enter", "answer"), k.Strike},
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Back},
		}
	case modeFeedback:
		return [][]key.Binding{
			{k.Sure, k.Unsure, common.WithHelp(k.Enter, "enter", "next (after a miss)")},
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Back},
		}
	}
	return [][]key.Binding{k.ShortHelp()}
}

// optionKey turns 1–6 or a–f into a position.
func optionKey(s string) int { return common.OptionKey(s, 6) }
