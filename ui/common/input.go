package common

import "charm.land/bubbles/v2/textinput"

// NewInput returns a text field with a steady cursor. A blinking cursor costs a timer message twice a
// second for nothing a learner needs, and makes screens non-deterministic in tests.
func NewInput(prompt, placeholder string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.CharLimit = limit
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}
