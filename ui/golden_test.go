package ui_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"dvaprep/ui"
	"dvaprep/ui/common"
	"dvaprep/ui/uitest"
)

// app drives the whole program, every real screen, on the small pack in testdata/pack.
type app struct {
	t   *testing.T
	m   tea.Model
	ctx *common.Context
	d   *uitest.Driver
}

func newApp(t *testing.T, w, h int) *app {
	t.Helper()
	ctx := uitest.Context(t, os.DirFS("testdata/pack"))
	a := &app{t: t, ctx: ctx}
	a.d = &uitest.Driver{T: t,
		Deliver: func(msg tea.Msg) tea.Cmd {
			var cmd tea.Cmd
			a.m, cmd = a.m.Update(msg)
			return cmd
		},
		Take: func(msg tea.Msg) bool {
			switch msg.(type) {
			case tea.QuitMsg, tea.BackgroundColorMsg:
				return true
			}
			return false
		}}
	a.m = ui.New(ctx, ui.Build, common.NavigateMsg{To: common.HomeScreen})
	a.d.Send(tea.WindowSizeMsg{Width: w, Height: h})
	a.d.Send(common.NavigateMsg{To: common.HomeScreen})
	return a
}

func (a *app) keys(names ...string) {
	for _, n := range names {
		if len([]rune(n)) > 1 && !strings.Contains("enter esc up down left right space tab pgdown pgup", n) {
			for _, r := range n {
				a.d.Send(uitest.Key(string(r)))
			}
			continue
		}
		a.d.Send(uitest.Key(n))
	}
}

func (a *app) view() string {
	lines := strings.Split(ansi.Strip(a.m.View().Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}

// screens is a learner's walk through every screen: each step starts from home.
var screens = []struct {
	name string
	keys []string
}{
	{"home", nil},
	{"notes", []string{"n"}},
	{"note", []string{"n", "enter"}},
	{"note_help", []string{"n", "enter", "?"}},
	{"note_search", []string{"n", "enter", "s", "retry"}},
	{"bookmarks", []string{"n", "enter", "b", "B"}},
	{"scenarios", []string{"s"}},
	{"scenario", []string{"s", "enter"}},
	{"exam_menu", []string{"e"}},
	{"review", []string{"r"}},
	{"progress", []string{"p"}},
}

// TestScreensGolden keeps every screen, at the smallest supported size, the classic terminal and a large
// one, in golden files (go test ./ui -run TestScreensGolden -update rewrites them).
func TestScreensGolden(t *testing.T) {
	for _, size := range [][2]int{{60, 18}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for _, s := range screens {
				t.Run(s.name, func(t *testing.T) {
					a := newApp(t, size[0], size[1])
					a.keys(s.keys...)
					v := a.view()
					lines := strings.Split(strings.TrimSuffix(v, "\n"), "\n")
					if len(lines) > size[1] {
						t.Errorf("%d lines on a %d-line terminal", len(lines), size[1])
					}
					for _, l := range lines {
						if w := ansi.StringWidth(l); w > size[0] {
							t.Errorf("line %d wide: %q", w, l)
						}
					}
					golden.RequireEqual(t, v)
				})
			}
		})
	}
}

// The too-small message at a few sizes under the minimum.
func TestTooSmallGolden(t *testing.T) {
	for _, size := range [][2]int{{40, 12}, {20, 5}, {1, 1}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			a := newApp(t, size[0], size[1])
			golden.RequireEqual(t, a.view())
		})
	}
}
