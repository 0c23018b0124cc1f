package notes_test

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestFootersFit: in every mode of the notes screen the one-line help, with the root's "? help" and "q quit",
// fits whole at 80 and 100 columns. In the pager it was cut at 100 columns to "s search all notes…", and the
// way back was off screen; n/N and b show from 100 columns, and the full help (?) lists every key.
func TestFootersFit(t *testing.T) {
	for _, w := range []int{80, 100} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			ctx, d := open(t, "")
			ctx.Width = w
			d.Send(tea.WindowSizeMsg{Width: w, Height: 30})
			check := func(mode string, want ...string) {
				t.Helper()
				h := help.New()
				h.SetWidth(w)
				keys := append(d.S.KeyMap().ShortHelp(),
					key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")), key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")))
				f := ansi.Strip(h.ShortHelpView(keys))
				if strings.Contains(f, "…") || ansi.StringWidth(f) > w {
					t.Errorf("%s: the footer does not fit %d columns: %q", mode, w, f)
				}
				for _, s := range want {
					if !strings.Contains(f, s) {
						t.Errorf("%s: the footer lacks %q: %q", mode, s, f)
					}
				}
			}
			check("contents", "enter open", "/ search", "esc back")
			d.Keys("enter")
			want := []string{"/ find", "s search notes", "esc back"}
			if w >= 100 {
				want = append(want, "n/N matches", "b bookmark")
			}
			check("pager", want...)
			full := ansi.Strip(help.New().FullHelpView(d.S.KeyMap().FullHelp()))
			for _, k := range []string{"matches", "bookmark", "next/prev section"} {
				if !strings.Contains(full, k) {
					t.Errorf("the pager's full help lacks %q:\n%s", k, full)
				}
			}
			d.Keys("/")
			check("find", "enter find", "esc cancel")
			d.Keys("esc", "B")
			check("bookmarks", "esc back")
		})
	}
}
