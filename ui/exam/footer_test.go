package exam

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	engine "dvaprep/exam"
	"dvaprep/pack"
)

// footer is the one-line help as the root draws it under the screen at width w: the screen's keys, then
// the root's "? help" and "q quit" unless the screen's help names those keys already.
func footer(m *Model, w int) string {
	h := help.New()
	h.SetWidth(w)
	keys := m.KeyMap().ShortHelp()
	named := map[string]bool{}
	for _, b := range keys {
		for _, k := range strings.Split(b.Help().Key, "/") {
			named[k] = true
		}
	}
	for _, r := range [][2]string{{"?", "help"}, {"q", "quit"}} {
		if !named[r[0]] {
			keys = append(keys, key.NewBinding(key.WithKeys(r[0]), key.WithHelp(r[0], r[1])))
		}
	}
	return ansi.Strip(h.ShortHelpView(keys))
}

// TestFootersFit: in every mode of the exam the one-line help fits whole at 80 and 100 columns. Under the
// review of answers it was cut at 100 columns to "esc result…", and the way back was off screen. The full
// help (?) still lists every key the footer leaves out.
func TestFootersFit(t *testing.T) {
	want := map[string][]string{
		"single": {"esc/q leave"}, "multiple": {"space"}, "navigator": {"esc/g close"}, "review": {"y submit"},
		"result": {"r review answers", "esc back"}, "result_end": {"esc back"}, "answers": {"w/m/*", "note", "esc result"},
	}
	for _, w := range []int{80, 100} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			check := func(m *Model, step string) {
				t.Helper()
				f := footer(m, w)
				if strings.Contains(f, "…") || ansi.StringWidth(f) > w {
					t.Errorf("%s: the footer does not fit %d columns: %q", step, w, f)
				}
				for _, s := range want[step] {
					if !strings.Contains(f, s) {
						t.Errorf("%s: the footer lacks %q: %q", step, s, f)
					}
				}
			}
			e := newEnv(t)
			e.ctx.Width = w
			m := e.start(engine.FullMock(e.ctx.Pack))
			for _, step := range goldenSteps {
				step.do(e, m)
				check(m, step.name)
				if step.name == "result" {
					full := ansi.Strip(help.New().FullHelpView(m.KeyMap().FullHelp()))
					for _, k := range []string{"review answers", "page up", "back"} {
						if !strings.Contains(full, k) {
							t.Errorf("the full help of the result lacks %q:\n%s", k, full)
						}
					}
				}
				if step.after != nil {
					step.after(e, m)
				}
			}
			full := ansi.Strip(help.New().FullHelpView(m.KeyMap().FullHelp()))
			for _, k := range []string{"n/p", "next/prev", "w/m/*", "wrong/marked/all", "↑/k", "↓/j", "pgup", "pgdn",
				"next note link", "open note", "result"} {
				if !strings.Contains(full, k) {
					t.Errorf("the full help of the review of answers lacks %q:\n%s", k, full)
				}
			}

			e = newEnv(t)
			e.ctx.Width = w
			m = e.start(engine.DomainDrill("1", "", 4))
			e.run(m.open(e.find(pack.Single)))
			e.press("2") // a drill shows the answer, with its note links
			want["drill answer"] = []string{"note", "s finish"}
			check(m, "drill answer")
			full = ansi.Strip(help.New().FullHelpView(m.KeyMap().FullHelp()))
			for _, k := range []string{"strike", "next note link", "open note", "mark for review"} {
				if !strings.Contains(full, k) {
					t.Errorf("the full help of a drill's answer lacks %q:\n%s", k, full)
				}
			}

			// A practice report names the notes to read next.
			e = newEnv(t)
			e.ctx.Width = w
			m = e.start(engine.CustomMock(3, 0))
			e.press("s", "y")
			want["practice report"] = []string{"tab/o note link", "esc back"}
			check(m, "practice report")
			full = ansi.Strip(help.New().FullHelpView(m.KeyMap().FullHelp()))
			for _, k := range []string{"review answers", "next note link", "open note", "page up", "back"} {
				if !strings.Contains(full, k) {
					t.Errorf("the full help of a practice report lacks %q:\n%s", k, full)
				}
			}
		})
	}
}

// TestFullHelpFitsAt80: the full help (?) of a question, with the root's column (? and ctrl+c) beside the
// screen's, fits 80 columns; it was cut there, and the root's keys fell off.
func TestFullHelpFitsAt80(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.FullMock(e.ctx.Pack))
	for _, step := range goldenSteps[:2] { // a single, then a multiple-response question
		step.do(e, m)
		h := help.New()
		h.SetWidth(80)
		cols := append(m.KeyMap().FullHelp(), []key.Binding{
			key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
			key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		})
		full := ansi.Strip(h.FullHelpView(cols))
		for _, l := range strings.Split(full, "\n") {
			if strings.Contains(l, "…") || ansi.StringWidth(l) > 80 {
				t.Errorf("%s: the full help does not fit 80 columns:\n%s", step.name, full)
				break
			}
		}
		for _, k := range []string{"choose", "toggle", "strike", "mark for review", "next/prev", "grid", "submit",
			"page up", "page down", "leave", "quit", "help"} {
			if !strings.Contains(full, k) {
				t.Errorf("%s: the full help lacks %q:\n%s", step.name, k, full)
			}
		}
	}
}
