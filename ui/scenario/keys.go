package scenario

import (
	"charm.land/bubbles/v2/key"

	"dvaprep/ui/common"
)

// KeyMap is every key of the scenario screen. Which ones show in help depends on the state.
type KeyMap struct {
	Up, Down, Play, Filter, Clear, Back key.Binding
	Number, Choose                      key.Binding
	Continue, Others, Links, Open       key.Binding
	PageUp, PageDown, Top, Bottom       key.Binding
	Replay, Done                        key.Binding
	Restart, Leave, Stay                key.Binding
	state                               state
	filtered                            bool   // the list is narrowed: esc clears the filter
	next                                string // what enter does after a verdict: "next decision", "choose again"…
}

// DefaultKeyMap returns the scenario keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Play:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Number:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "choose")),
		Choose:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Continue: key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", "continue")),
		Others:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "other choices")),
		Links:    key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "open notes")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/G", "top/bottom")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end")),
		Replay:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "replay")),
		Done:     key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "scenarios")),
		Restart:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "start over")),
		Leave:    key.NewBinding(key.WithKeys("y", "Y", "enter"), key.WithHelp("y", "leave")),
		Stay:     key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "stay")),
	}
}

// ShortHelp shows the keys of the current state.
func (k KeyMap) ShortHelp() []key.Binding {
	switch k.state {
	case stateFilter:
		return []key.Binding{common.WithHelp(k.Up, "↑/↓", "select"), k.Play, k.Clear}
	case stateDecide:
		return []key.Binding{common.WithHelp(k.Up, "↑/↓", "select"), k.Number, k.Choose, common.WithHelp(k.Back, "esc", "leave")}
	case stateVerdict:
		return []key.Binding{k.continueKey(), common.WithHelp(k.Others, "o", "others"), common.WithHelp(k.Links, "l", "notes"), common.WithHelp(k.Up, "↑/↓", "scroll"), common.WithHelp(k.Back, "esc", "leave")}
	case stateLinks:
		return []key.Binding{common.WithHelp(k.Up, "↑/↓", "select"), common.WithHelp(k.Number, "1-9", "open"), k.Open, common.WithHelp(k.Back, "esc", "cancel")}
	case stateEnding:
		return []key.Binding{k.Replay, k.Done, common.WithHelp(k.Up, "↑/↓", "scroll"), k.PageDown}
	case stateLeaving:
		return []key.Binding{k.Leave, k.Stay}
	}
	if k.filtered {
		return []key.Binding{k.Up, k.Down, k.Play, k.Restart, k.Filter, k.Clear}
	}
	return []key.Binding{k.Up, k.Down, k.Play, k.Restart, k.Filter, k.Back}
}

// FullHelp shows every key of the current state in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	scroll := []key.Binding{common.WithHelp(k.Up, "↑/k", "scroll up"), common.WithHelp(k.Down, "↓/j", "scroll down"), k.PageUp, k.PageDown, k.Top}
	switch k.state {
	case stateDecide:
		return [][]key.Binding{{k.Up, k.Down, k.Number, k.Choose}, {k.PageUp, k.PageDown, k.Top}, {common.WithHelp(k.Back, "esc", "leave the scenario")}}
	case stateVerdict:
		return [][]key.Binding{{common.WithHelp(k.Continue, "enter/space", k.continueKey().Help().Desc), k.Others, k.Links}, scroll, {common.WithHelp(k.Back, "esc", "leave the scenario")}}
	case stateEnding:
		return [][]key.Binding{{k.Replay, common.WithHelp(k.Done, "enter/esc", "back to scenarios")}, scroll}
	}
	return [][]key.Binding{k.ShortHelp()}
}

// continueKey is enter after a verdict, its help saying what comes next.
func (k KeyMap) continueKey() key.Binding {
	if k.next == "" {
		return k.Continue
	}
	return common.WithHelp(k.Continue, "enter", k.next)
}

func (k KeyMap) scroll() common.ScrollKeys {
	return common.ScrollKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom}
}
