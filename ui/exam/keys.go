package exam

import (
	"charm.land/bubbles/v2/key"

	"dvaprep/ui/common"
)

// KeyMap is every key of the exam screen. Which ones the help shows depends on the mode.
//
// The option keys, 1–6 and a–f, only ever choose options: no other binding uses them, in any mode, so a letter
// typed for an answer can never flag, filter or leave (a test checks it). Flag is m, as in the real exam's "mark
// for review".
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	Enter                 key.Binding
	Choose                key.Binding // 1–6 and a–f pick an option
	Toggle                key.Binding // space
	Flag                  key.Binding
	Strike                key.Binding // x strikes out the option under the cursor, or un-strikes it
	Next, Prev            key.Binding
	Grid                  key.Binding
	Submit                key.Binding
	PageUp, PageDown      key.Binding
	NextLink, OpenLink    key.Binding
	Yes, No               key.Binding
	Answers               key.Binding // from the result to the review of every answer
	Wrong, Flagged, All   key.Binding // review filters
	Back                  key.Binding
	Quit                  key.Binding // asks first while an exam is in progress
	Resume                key.Binding // the start menu resumes the exam in progress

	ctx helpContext
}

// helpContext is what the help footer needs to know about the screen's state.
type helpContext struct {
	mode     mode
	form     bool // the start menu shows a form
	multi    bool // the question is multiple response
	revealed bool // the drill shows the answer
	links    bool // the question has note links
	confirm  bool // a y/n question is open
	brief    bool // the full mock's briefing is open
	sets     bool // the open form is the list of practice sets
	wide     bool // the footer has wideFooter columns or more: room for the hints a narrower one drops
}

// wideFooter is the width from which the footer also shows its lower-priority hints (strike, scroll). Every
// footer fits 80 columns without them and 100 with them, with the root's "? help" and "q quit" (a test checks
// it); the full help (?) always lists every key.
const wideFooter = 100

// DefaultKeyMap returns the exam keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Choose:   key.NewBinding(key.WithKeys(optionKeys...), key.WithHelp("1–6/a–f", "choose")),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle")),
		Flag:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark for review")),
		Strike:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "strike out or back")),
		Next:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n/p", "next/prev")),
		Prev:     key.NewBinding(key.WithKeys("p")),
		Grid:     key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "grid")),
		Submit:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "submit")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		NextLink: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next note link")),
		OpenLink: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open note")),
		Yes:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "submit")),
		No:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "not yet")),
		Answers:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "review answers")),
		Wrong:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w/m/*", "wrong/marked/all")),
		Flagged:  key.NewBinding(key.WithKeys("m")),
		All:      key.NewBinding(key.WithKeys("*")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit (asks first)")),
		Resume:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "resume the exam in progress")),
	}
}

// optionKeys are the keys that choose an option, and nothing else.
var optionKeys = []string{"1", "2", "3", "4", "5", "6", "a", "b", "c", "d", "e", "f"}

// optionKey turns 1–6 or a–f into a display position, or -1.
func optionKey(s string) int { return common.OptionKey(s, 6) }

// ShortHelp shows the keys that matter in the current mode.
func (k KeyMap) ShortHelp() []key.Binding {
	c := k.ctx
	if c.confirm {
		return []key.Binding{common.WithHelp(k.Yes, "y", "yes"), common.WithHelp(k.No, "n/esc", "no")}
	}
	switch c.mode {
	case modeMenu:
		if c.brief {
			return []key.Binding{common.WithHelp(k.Enter, "enter", "start the clock"), k.Back}
		}
		if c.form && c.sets {
			return []key.Binding{common.WithHelp(k.Up, "↑/↓", "pick a set"), common.WithHelp(k.Enter, "enter", "briefing"), k.Back}
		}
		if c.form {
			return []key.Binding{common.WithHelp(k.Up, "↑/↓", "field"), common.WithHelp(k.Left, "←/→", "change"),
				common.WithHelp(k.Enter, "enter", "start"), k.Back}
		}
		return []key.Binding{common.WithHelp(k.Up, "↑/↓", "select"), common.WithHelp(k.Enter, "enter", "open"), k.Back}
	case modeQuestion:
		if c.revealed {
			b := []key.Binding{k.Next, common.WithHelp(k.Down, "↑/↓", "scroll")}
			if c.links {
				b = append(b, noteLinks(k))
			}
			return append(b, common.WithHelp(k.Submit, "s", "finish"))
		}
		choose := common.WithHelp(k.Choose, "1–6/a–f", "choose")
		if c.multi {
			choose = common.WithHelp(k.Choose, "a–f/space", "toggle") // 1–6 too: the full help says so
		}
		b := []key.Binding{choose}
		if c.wide {
			b = append(b, common.WithHelp(k.Strike, "x", "strike"))
		}
		return append(b, common.WithHelp(k.Flag, "m", "mark"), common.WithHelp(k.Next, "n/p", "next"), k.Grid,
			k.Submit, common.WithHelp(k.Back, "esc/q", "leave"))
	case modeNavigator:
		return []key.Binding{common.WithHelp(k.Up, "←↑↓→", "move"), common.WithHelp(k.Enter, "enter", "jump"),
			common.WithHelp(k.Back, "esc/g", "close")}
	case modeReview:
		return []key.Binding{common.WithHelp(k.Up, "←↑↓→", "move"), common.WithHelp(k.Enter, "enter", "jump"),
			common.WithHelp(k.Yes, "y", "submit"), common.WithHelp(k.No, "n/esc", "keep going")}
	case modeResult:
		b := []key.Binding{common.WithHelp(k.Down, "↑/↓", "scroll"), k.Answers}
		if c.links {
			b = append(b, noteLinks(k))
		}
		return append(b, k.Back)
	case modeAnswers:
		// The way back (esc) comes first among what must fit; scrolling is the hint dropped at 80 columns.
		b := []key.Binding{common.WithHelp(k.Next, "n/p", "next"), common.WithHelp(k.Wrong, "w/m/*", "filter")}
		if c.wide {
			b = append(b, common.WithHelp(k.Down, "↑/↓", "scroll"))
		}
		if c.links {
			b = append(b, noteLinks(k))
		}
		return append(b, common.WithHelp(k.Back, "esc", "result"))
	}
	return []key.Binding{k.Back}
}

// noteLinks is tab (next note link) and o (open it) as one footer hint; the full help lists each.
func noteLinks(k KeyMap) key.Binding { return common.WithHelp(k.NextLink, "tab/o", "note link") }

// FullHelp shows every key of the current mode in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	switch k.ctx.mode {
	case modeQuestion:
		if k.ctx.confirm {
			break
		}
		// The note links work only once a drill shows the answer; a mock never does.
		page := []key.Binding{k.PageUp, k.PageDown}
		if k.ctx.revealed && k.ctx.links {
			page = append(page, k.NextLink, k.OpenLink)
		}
		return [][]key.Binding{
			{common.WithHelp(k.Choose, "1–6/a–f", "choose"), common.WithHelp(k.Up, "↑/↓", "move"), common.WithHelp(k.Enter, "enter", "choose"),
				common.WithHelp(k.Toggle, "space", "toggle")},
			{k.Strike, k.Flag, k.Next, k.Grid, k.Submit},
			// Short enough that the root's column (? and ctrl+c) fits beside them at 80 columns.
			append(page, common.WithHelp(k.Back, "esc", "leave (asks)"), common.WithHelp(k.Quit, "q", "quit (asks)")),
		}
	case modeAnswers:
		return [][]key.Binding{
			{k.Next, k.Wrong, k.Up, k.Down},
			{k.PageUp, k.PageDown, k.NextLink, k.OpenLink, common.WithHelp(k.Back, "esc", "result")},
		}
	case modeResult:
		// The footer joins tab and o into one hint; here each has its own line.
		return [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown},
			{k.Answers, k.NextLink, k.OpenLink, k.Back},
		}
	}
	return [][]key.Binding{k.ShortHelp()}
}

// all is every binding, for enable to switch them off before it switches on the current mode's.
func (k *KeyMap) all() []*key.Binding {
	return []*key.Binding{&k.Up, &k.Down, &k.Left, &k.Right, &k.Enter, &k.Choose, &k.Toggle, &k.Flag, &k.Strike,
		&k.Next, &k.Prev, &k.Grid, &k.Submit, &k.PageUp, &k.PageDown, &k.NextLink, &k.OpenLink, &k.Yes, &k.No,
		&k.Answers, &k.Wrong, &k.Flagged, &k.All, &k.Back, &k.Quit, &k.Resume}
}

// enable switches on the bindings that work in the mode and state of k.ctx, and switches off the rest. The
// help footer skips disabled bindings and key.Matches never matches them, so the help and dispatch share this
// one list. A dialog owns the keyboard: under a y/n question only its answers work.
func (k *KeyMap) enable() {
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	on := func(bs ...*key.Binding) {
		for _, b := range bs {
			b.SetEnabled(true)
		}
	}
	c := k.ctx
	if c.confirm {
		on(&k.Yes, &k.No, &k.Back)
		return
	}
	switch c.mode {
	case modeLoading:
		on(&k.Back)
	case modeMenu:
		on(&k.Up, &k.Down, &k.Enter, &k.Back)
		switch {
		case c.brief:
		case c.form && !c.sets:
			on(&k.Left, &k.Right, &k.Toggle)
		case !c.form:
			on(&k.Right, &k.Resume)
		}
		if c.form && c.sets {
			on(&k.Left, &k.Right)
		}
	case modeQuestion:
		on(&k.Back, &k.Quit, &k.Next, &k.Prev, &k.Flag, &k.Grid, &k.Submit, &k.PageUp, &k.PageDown, &k.Up, &k.Down,
			&k.Enter, &k.Toggle, &k.Strike, &k.Choose)
		if c.revealed && c.links {
			on(&k.NextLink, &k.OpenLink)
		}
	case modeNavigator:
		on(&k.Up, &k.Down, &k.Left, &k.Right, &k.Enter, &k.Back, &k.Grid, &k.Submit, &k.Quit)
	case modeReview:
		on(&k.Up, &k.Down, &k.Left, &k.Right, &k.Enter, &k.Yes, &k.No, &k.Back, &k.Quit)
	case modeResult:
		on(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Toggle, &k.Answers, &k.Enter, &k.Back)
		if c.links {
			on(&k.NextLink, &k.OpenLink)
		}
	case modeAnswers:
		on(&k.Back, &k.Next, &k.Prev, &k.Left, &k.Right, &k.Wrong, &k.Flagged, &k.All, &k.Up, &k.Down, &k.PageUp,
			&k.PageDown, &k.Toggle, &k.Enter)
		if c.links {
			on(&k.NextLink, &k.OpenLink)
		}
	}
}
