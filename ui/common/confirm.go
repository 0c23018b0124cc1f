package common

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Confirm is the one yes/no dialog every screen uses: a question, and y (or enter) to agree, n (or esc)
// to decline. While it is open it takes every key.
type Confirm struct {
	Question string // may span lines
	Yes, No  string // what each answer does, shown as "y quit · n stay"
	open     bool
	keys     confirmKeys
}

type confirmKeys struct{ yes, no key.Binding }

// ConfirmResult is what a key did to an open dialog.
type ConfirmResult int

// The results of a key.
const (
	ConfirmOpen ConfirmResult = iota // still open: the key meant nothing
	ConfirmYes
	ConfirmNo
)

// NewConfirm returns a closed dialog.
func NewConfirm() Confirm {
	return Confirm{keys: confirmKeys{
		yes: key.NewBinding(key.WithKeys("y", "Y", "enter")),
		no:  key.NewBinding(key.WithKeys("n", "N", "esc")),
	}}
}

// NewStrictConfirm returns a closed dialog that only y agrees to: enter means nothing, so a learner who
// presses it out of habit does not leave or submit an exam. Drawn with Line, it leaves every key but y, n
// and esc to the screen (the check before submitting moves and jumps with the arrows and enter).
func NewStrictConfirm() Confirm {
	return Confirm{keys: confirmKeys{
		yes: key.NewBinding(key.WithKeys("y", "Y")),
		no:  key.NewBinding(key.WithKeys("n", "N", "esc")),
	}}
}

// Ask opens the dialog with a question.
func (c *Confirm) Ask(question, yes, no string) {
	c.Question, c.Yes, c.No, c.open = question, yes, no, true
}

// Open reports whether the dialog is showing.
func (c *Confirm) Open() bool { return c.open }

// Close hides it.
func (c *Confirm) Close() { c.open = false }

// Key answers the dialog; it closes on yes or no.
func (c *Confirm) Key(msg tea.KeyPressMsg) ConfirmResult {
	switch {
	case key.Matches(msg, c.keys.yes):
		c.open = false
		return ConfirmYes
	case key.Matches(msg, c.keys.no):
		c.open = false
		return ConfirmNo
	}
	return ConfirmOpen
}

// Help is the dialog's keys for the footer: while it is open they are the only ones that work, so the footer
// shows nothing of the screen under it.
func (c *Confirm) Help() []key.Binding {
	yes, no := c.Yes, c.No
	if yes == "" {
		yes = "yes"
	}
	if no == "" {
		no = "no"
	}
	return []key.Binding{WithHelp(c.keys.yes, "y", yes), WithHelp(c.keys.no, "n/esc", no)}
}

// View draws the dialog centred in w×h.
func (c *Confirm) View(st Styles, w, h int) string {
	yes, no := c.Yes, c.No
	if yes == "" {
		yes = "yes"
	}
	if no == "" {
		no = "no"
	}
	body := strings.TrimSpace(c.Question) + "\n\n" + st.Subtle.Render("y "+yes+" · n "+no)
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 2).Width(min(w-2, 70)).Render(body)
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
}

// Line draws the dialog on one line, for a question asked under a list rather than over the screen:
// "Submit? y/n".
func (c *Confirm) Line(st Styles) string {
	return st.Selected.Render(strings.Join(strings.Fields(c.Question), " ") + " y/n")
}
