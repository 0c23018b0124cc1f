// Package ui is the Bubble Tea front end. The root model in this file holds a stack of screens, the shared
// context and the one write queue; it handles the global keys (quit, help, back), sends input (keys, mouse,
// paste) to the screen on top and every other message (results of commands, ticks) to every screen, so a
// result reaches the screen that asked whatever is on top. Each screen lives in its own package under ui/
// and talks to the root only through messages.
package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"dvaprep/ui/common"
)

// ScreenFactory builds a screen for a navigation request.
type ScreenFactory func(ctx *common.Context, msg common.NavigateMsg) (common.Screen, error)

// KeyMap holds the keys the root handles on every screen.
type KeyMap struct {
	Quit   key.Binding
	ForceQ key.Binding
	Help   key.Binding
	Back   key.Binding
}

// DefaultKeyMap returns the global keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:   key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQ: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:   key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// Model is the root model.
type Model struct {
	ctx      *common.Context
	keys     KeyMap
	stack    []common.Screen
	help     help.Model
	fullHelp bool
	status   common.StatusMsg
	build    ScreenFactory
	start    common.NavigateMsg
	quitting common.Confirm // open while writes are pending and the learner asked to quit
}

// New returns the root model. start is the first screen (usually home); build makes every screen.
func New(ctx *common.Context, build ScreenFactory, start common.NavigateMsg) Model {
	h := help.New()
	h.Styles = help.DefaultStyles(ctx.Dark)
	return Model{ctx: ctx, keys: DefaultKeyMap(), help: h, build: build, start: start, quitting: common.NewConfirm()}
}

// Init opens the first screen and asks the terminal for its background colour.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, func() tea.Msg { return m.start })
}

// Update handles global messages and forwards the rest to the screen on top.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if w := m.ctx.Writes; w != nil {
		if handled, deliver, cmd := w.Update(msg); handled {
			if m.quitting.Open() && w.Len() == 0 {
				m.quitting.Close()
				return m, tea.Quit // everything is saved: quit as asked
			}
			if saved := w.Landed(); saved != "" {
				// The learner saw it wait: the outcome is said as well.
				m.status = common.StatusMsg{Text: "Saved " + saved + " (the database is free again)"}
			}
			if f, ok := deliver.(common.WriteFailedMsg); ok {
				// Given up: said here whatever screen is open; the screen that asked may say more.
				m.status = common.StatusMsg{Text: "Not saved: " + f.What + ": " + f.Err.Error(), Err: true}
			}
			if deliver != nil {
				cmd = tea.Batch(cmd, m.broadcast(deliver))
			}
			return m, cmd
		}
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ctx.TermWidth, m.ctx.Height = msg.Width, msg.Height
		m.ctx.Width = common.ContentWidth(msg.Width)
		m.help.SetWidth(m.ctx.Width)
		return m, m.broadcast(tea.WindowSizeMsg{Width: m.ctx.Width, Height: msg.Height})
	case tea.BackgroundColorMsg:
		if msg.IsDark() != m.ctx.Dark {
			m.ctx.SetTheme(msg.IsDark())
			m.help.Styles = help.DefaultStyles(m.ctx.Dark)
			return m, m.broadcast(common.ThemeMsg{})
		}
		return m, nil
	case common.NavigateMsg:
		s, err := m.build(m.ctx, msg)
		if err != nil {
			m.status = common.StatusMsg{Text: err.Error(), Err: true}
			return m, nil
		}
		if msg.To == common.HomeScreen {
			m.stack = m.stack[:0]
		}
		m.stack = append(m.stack, s)
		return m, tea.Batch(s.Init(), sized(m.ctx, s))
	case common.BackMsg:
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
			// The screen below may show data that changed while it was covered: let it refresh.
			return m, m.forward(common.ResumeMsg{})
		}
		return m, nil
	case common.StatusMsg:
		m.status = msg
		return m, nil
	case common.QuitMsg:
		return m, m.quit()
	case tea.KeyPressMsg:
		m.status = common.StatusMsg{}
		if m.quitting.Open() {
			if key.Matches(msg, m.keys.ForceQ) || m.quitting.Key(msg) == common.ConfirmYes {
				return m, tea.Quit
			}
			return m, nil
		}
		top := m.top()
		switch {
		case key.Matches(msg, m.keys.ForceQ):
			return m, m.quit()
		case top != nil && top.Capturing():
		case key.Matches(msg, m.keys.Quit) && guarded(top):
		case key.Matches(msg, m.keys.Quit):
			return m, m.quit()
		case key.Matches(msg, m.keys.Help):
			m.fullHelp = !m.fullHelp
			return m, nil
		}
	}
	if isInput(msg) {
		return m, m.forward(msg)
	}
	return m, m.broadcast(msg)
}

// isInput is true for what the learner types or clicks: it goes to the screen on top only.
func isInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyMsg, tea.MouseMsg, tea.PasteMsg, tea.PasteStartMsg, tea.PasteEndMsg:
		return true
	}
	return false
}

// quit quits, unless writes are still waiting: then it asks first, and quits by itself once they land.
func (m *Model) quit() tea.Cmd {
	w := m.ctx.Writes
	if w == nil || w.Len() == 0 {
		return tea.Quit
	}
	q := fmt.Sprintf("%d changes are not saved yet.", w.Len())
	them, are := "them", "they are"
	if w.Len() == 1 {
		q, them, are = "1 change is not saved yet.", "it", "it is"
	}
	if err := w.Err(); err != nil {
		q += "\nThe last try failed: " + err.Error()
	}
	q += fmt.Sprintf("\nQuit now and lose %s? dvaprep quits by itself once %s saved.", them, are)
	m.quitting.Ask(q, "quit now", "keep waiting (or esc)")
	return w.RetryNow()
}

// guarded reports whether the screen asks before q quits (see common.QuitGuard).
func guarded(s common.Screen) bool {
	g, ok := s.(common.QuitGuard)
	return ok && g.GuardQuit()
}

func sized(ctx *common.Context, s common.Screen) tea.Cmd {
	if ctx.Width == 0 {
		return nil
	}
	w, h := ctx.TermWidth, ctx.Height
	return func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} }
}

func (m Model) top() common.Screen {
	if len(m.stack) == 0 {
		return nil
	}
	return m.stack[len(m.stack)-1]
}

// forward sends msg to the top screen.
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	if len(m.stack) == 0 {
		return nil
	}
	i := len(m.stack) - 1
	s, cmd := m.stack[i].Update(msg)
	m.stack[i] = s
	return cmd
}

// broadcast sends msg to every screen on the stack, so covered screens keep their layout current.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for i := range m.stack {
		s, cmd := m.stack[i].Update(msg)
		m.stack[i] = s
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// View draws the header, the screen, a status line and the help footer.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "dvaprep"
	return v
}

func (m Model) render() string {
	w, h := m.ctx.Width, m.ctx.Height
	if w == 0 || h == 0 {
		return ""
	}
	if w < common.MinWidth || h < common.MinHeight {
		return tooSmall(w, h)
	}
	top := m.top()
	if top == nil {
		return ""
	}
	st := m.ctx.Styles
	header := st.Header.Render("dvaprep") + st.Subtle.Render(" › ") + st.Title.Render(top.Title())
	if _, own := top.(packTitled); m.ctx.Pack != nil && !own {
		right := st.Subtle.Render(m.ctx.Pack.Title)
		if gap := w - lipgloss.Width(header) - lipgloss.Width(right) - 1; gap > 1 {
			header += strings.Repeat(" ", gap) + right
		}
	}
	keys := globalKeys{screen: top.KeyMap(), root: m.keys}
	var footer string
	switch {
	case m.quitting.Open():
		footer = m.help.ShortHelpView(m.quitting.Help())
	case inDialog(top):
		footer = m.help.ShortHelpView(top.KeyMap().ShortHelp()) // the dialog's own keys, none of the root's
	case m.fullHelp:
		footer = m.help.FullHelpView(keys.FullHelp())
	default:
		footer = m.help.ShortHelpView(keys.ShortHelp())
	}
	footerH := strings.Count(footer, "\n") + 1
	status := ""
	if ws := m.ctx.Writes; m.status.Text == "" && ws != nil {
		if text, failing := ws.Status(); failing {
			status = st.Error.Render("✗ " + text)
		} else if text != "" {
			status = st.Status.Render(text)
		}
	}
	if m.status.Text != "" {
		if m.status.Err {
			status = st.Error.Render("✗ " + m.status.Text)
		} else {
			status = st.Status.Render(m.status.Text)
		}
	}
	bodyH := max(h-2-footerH, 1)
	var body string
	if m.quitting.Open() {
		body = m.quitting.View(st, w, bodyH)
	} else {
		body = common.Fit(top.View(), w, bodyH)
	}
	return centred(common.Fit(strings.Join([]string{common.Truncate(header, w), body, common.Truncate(status, w), footer}, "\n"), w, h),
		(m.ctx.TermWidth-w)/2)
}

// centred indents every line of s by margin spaces, to centre the screens' column in a wide terminal.
func centred(s string, margin int) string {
	if margin <= 0 {
		return s
	}
	pad := strings.Repeat(" ", margin)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// dialogScreen is a screen that can ask a y/n question over itself; while it does, only the answers work.
type dialogScreen interface{ InDialog() bool }

func inDialog(s any) bool {
	d, ok := s.(dialogScreen)
	return ok && d.InDialog()
}

// packTitled is a screen that shows the pack's title itself (home), so the header does not repeat it.
type packTitled interface{ ShowsPackTitle() }

// globalKeys adds the root's keys to a screen's help.
type globalKeys struct {
	screen help.KeyMap
	root   KeyMap
}

func (g globalKeys) ShortHelp() []key.Binding {
	screen := g.screen.ShortHelp()
	return append(screen, notShown(screen, g.root.Help, g.root.Quit)...)
}

func (g globalKeys) FullHelp() [][]key.Binding {
	screen := g.screen.FullHelp()
	var all []key.Binding
	for _, col := range screen {
		all = append(all, col...)
	}
	root := notShown(all, g.root.Back, g.root.Help, g.root.Quit, g.root.ForceQ)
	if len(root) == 0 {
		return screen
	}
	return append(screen, root)
}

// notShown is the root's bindings whose key the screen's help does not already name: a screen that says
// "esc/q leave" is not followed by "esc back" and "q quit", so each key is listed once, with what it does
// on this screen.
func notShown(screen []key.Binding, root ...key.Binding) []key.Binding {
	named := map[string]bool{}
	for _, b := range screen {
		if !b.Enabled() {
			continue
		}
		for _, k := range strings.Split(b.Help().Key, "/") {
			named[k] = true
		}
		for _, k := range b.Keys() {
			named[k] = true
		}
	}
	var out []key.Binding
	for _, b := range root {
		if !named[b.Help().Key] {
			out = append(out, b)
		}
	}
	return out
}
