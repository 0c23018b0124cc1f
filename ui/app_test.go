package ui_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"dvaprep/study"
	"dvaprep/ui"
	"dvaprep/ui/common"
	"dvaprep/ui/uitest"
)

// fake is a screen that records what it receives.
type fake struct {
	name      string
	capturing bool
	dialog    bool // asks a y/n question over itself
	got       []tea.Msg
}

func (f *fake) InDialog() bool { return f.dialog }

type keys struct{}

func (keys) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "do x"))}
}
func (k keys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func (f *fake) Init() tea.Cmd { return nil }
func (f *fake) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	f.got = append(f.got, msg)
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" {
		return f, common.Back()
	}
	return f, nil
}
func (f *fake) View() string        { return "screen " + f.name }
func (f *fake) Title() string       { return f.name }
func (f *fake) KeyMap() help.KeyMap { return keys{} }
func (f *fake) Capturing() bool     { return f.capturing }
func (f *fake) keysReceived() string {
	var b strings.Builder
	for _, m := range f.got {
		if k, ok := m.(tea.KeyPressMsg); ok {
			b.WriteString(k.String())
		}
	}
	return b.String()
}

func packFS() fstest.MapFS {
	return fstest.MapFS{"pack.yaml": {Data: []byte("id: t\ntitle: Test pack\nexam: {questions: 2, minutes: 2, scale_min: 100, scale_max: 1000, passing: 720}\n" +
		"domains:\n  - {id: \"1\", name: One, weight: 100, tasks: [{id: \"1.1\", name: T}]}\n")}}
}

type harness struct {
	t       *testing.T
	m       tea.Model
	ctx     *common.Context
	screens map[common.ScreenID]*fake
	d       *uitest.Driver
	quit    bool
}

func newHarness(t *testing.T) *harness {
	ctx := uitest.Context(t, packFS())
	h := &harness{t: t, ctx: ctx, screens: map[common.ScreenID]*fake{}}
	h.d = &uitest.Driver{T: t,
		Deliver: func(msg tea.Msg) tea.Cmd {
			var cmd tea.Cmd
			h.m, cmd = h.m.Update(msg)
			return cmd
		},
		Take: func(msg tea.Msg) bool {
			switch msg.(type) {
			case tea.QuitMsg:
				h.quit = true
				return true
			case tea.BackgroundColorMsg:
				return true
			}
			return false
		}}
	build := func(_ *common.Context, msg common.NavigateMsg) (common.Screen, error) {
		f := &fake{name: map[common.ScreenID]string{common.HomeScreen: "Home", common.NotesScreen: "Notes"}[msg.To]}
		h.screens[msg.To] = f
		return f, nil
	}
	h.m = ui.New(ctx, build, common.NavigateMsg{To: common.HomeScreen})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.send(common.NavigateMsg{To: common.HomeScreen})
	return h
}

// send delivers msg and runs the commands that follow, except quitting, which it reports.
func (h *harness) send(msg tea.Msg) (quit bool) {
	return h.run(func() tea.Msg { return msg })
}

// run drives the root with the one test command driver: the root owns the write queue, so the driver
// only holds its retries.
func (h *harness) run(cmd tea.Cmd) (quit bool) {
	h.d.Run(cmd)
	quit, h.quit = h.quit, false
	return quit
}

// retry fires the write queue's waiting retries, as their timers would.
func (h *harness) retry() (quit bool) {
	h.d.Retry()
	quit, h.quit = h.quit, false
	return quit
}

func (h *harness) view() string { return ansi.Strip(h.m.View().Content) }

func TestNavigateAndBack(t *testing.T) {
	h := newHarness(t)
	if !strings.Contains(h.view(), "screen Home") || !strings.Contains(h.view(), "dvaprep › Home") {
		t.Fatalf("view:\n%s", h.view())
	}
	h.send(common.NavigateMsg{To: common.NotesScreen})
	if !strings.Contains(h.view(), "screen Notes") {
		t.Fatalf("view:\n%s", h.view())
	}
	h.send(uitest.Key("esc"))
	if !strings.Contains(h.view(), "screen Home") {
		t.Fatalf("esc did not return home:\n%s", h.view())
	}
	if _, ok := h.screens[common.HomeScreen].got[len(h.screens[common.HomeScreen].got)-1].(common.ResumeMsg); !ok {
		t.Error("the screen below was not told it is on top again")
	}
}

func TestQuitUnlessTyping(t *testing.T) {
	h := newHarness(t)
	h.screens[common.HomeScreen].capturing = true
	if h.send(uitest.Key("q")) {
		t.Fatal("q quit while a text field had focus")
	}
	if got := h.screens[common.HomeScreen].keysReceived(); got != "q" {
		t.Errorf("screen received %q, want q", got)
	}
	if !h.send(uitest.Key("ctrl+c")) {
		t.Error("ctrl+c did not quit")
	}
	h.screens[common.HomeScreen].capturing = false
	if !h.send(uitest.Key("q")) {
		t.Error("q did not quit")
	}
}

func TestHelpToggles(t *testing.T) {
	h := newHarness(t)
	short := h.view()
	if !strings.Contains(short, "x do x") || !strings.Contains(short, "? help") {
		t.Fatalf("footer:\n%s", short)
	}
	h.send(uitest.Key("?"))
	if full := h.view(); !strings.Contains(full, "ctrl+c") || !strings.Contains(full, "esc") {
		t.Errorf("full help:\n%s", full)
	}
}

func TestTooSmall(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	v := h.view()
	if !strings.Contains(v, "Terminal too small: 40×10") {
		t.Errorf("view:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line wider than the terminal: %q", l)
		}
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(h.view(), "screen Home") {
		t.Error("did not recover after growing")
	}
}

// At every size under the minimum, the message fits whole: no line wider than the terminal, no more lines
// than it has, no word cut or ended with "…".
func TestTooSmallFitsAtEverySize(t *testing.T) {
	h := newHarness(t)
	for w := 1; w < 62; w++ {
		for ht := 1; ht < 20; ht++ {
			if w >= 60 && ht >= 18 {
				continue
			}
			h.send(tea.WindowSizeMsg{Width: w, Height: ht})
			v := h.view()
			lines := strings.Split(v, "\n")
			if len(lines) > ht {
				t.Fatalf("%d×%d: %d lines", w, ht, len(lines))
			}
			text := strings.Join(strings.Fields(v), " ")
			if text == "" || strings.Contains(v, "…") {
				t.Fatalf("%d×%d: message %q", w, ht, text)
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > w {
					t.Fatalf("%d×%d: line too wide: %q", w, ht, l)
				}
			}
			if w >= 50 && ht >= 3 && !strings.Contains(text, "or press q to quit") {
				t.Errorf("%d×%d: the full message would fit but is %q", w, ht, text)
			}
		}
	}
}

func TestEveryViewFits(t *testing.T) {
	h := newHarness(t)
	for _, size := range [][2]int{{80, 24}, {60, 18}, {200, 60}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(h.view(), "\n")
		if len(lines) > size[1] {
			t.Errorf("%v: %d lines", size, len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > size[0] {
				t.Errorf("%v: line too wide: %q", size, l)
			}
		}
	}
}

type decisionSaved struct{ owner common.Owner }

// failingWrite fails n times, then stores and reports decisionSaved.
func failingWrite(owner common.Owner, n int) common.Write {
	return common.Write{Owner: owner, What: "your decision", Do: func(context.Context) (tea.Msg, error) {
		if n > 0 {
			n--
			return nil, errors.New("database is locked")
		}
		return decisionSaved{owner}, nil
	}}
}

func received[T any](f *fake) int {
	n := 0
	for _, m := range f.got {
		if _, ok := m.(T); ok {
			n++
		}
	}
	return n
}

// TestRetryReachesCoveredScreen: a write fails; the learner opens a note; the retry still runs, and its
// result reaches the screen that asked, under the note. Before, the retry message went to the note
// screen on top and was dropped, and the write was never stored.
func TestRetryReachesCoveredScreen(t *testing.T) {
	h := newHarness(t)
	home := h.screens[common.HomeScreen]
	owner := common.NewOwner()
	h.run(h.ctx.Write(failingWrite(owner, 2)))
	if !strings.Contains(h.view(), "1 not saved yet (your decision: database is locked)") {
		t.Fatalf("a failing write is not shown:\n%s", h.view())
	}
	h.send(common.NavigateMsg{To: common.NotesScreen})
	h.retry() // fails again: the retry policy waits longer
	if h.d.Held() != 1 || h.ctx.Writes.Len() != 1 {
		t.Fatalf("after a second failure: %d retries held, %d writes; want 1 and 1", h.d.Held(), h.ctx.Writes.Len())
	}
	h.retry()
	if h.ctx.Writes.Len() != 0 {
		t.Fatalf("%d writes left after a successful retry", h.ctx.Writes.Len())
	}
	if received[decisionSaved](home) != 1 {
		t.Errorf("the covered screen did not get its result")
	}
	if strings.Contains(h.view(), "not saved yet") {
		t.Errorf("still shows a failure after the write landed:\n%s", h.view())
	}
}

// TestSlowWriteIsShownAtOnce: a write that waits for another program's lock is said on the status line as
// soon as its watch fires (half a second), not when SQLite's busy timeout ends 15 seconds later; when it
// lands, the status line says it was saved.
func TestSlowWriteIsShownAtOnce(t *testing.T) {
	h := newHarness(t)
	h.ctx.Writes.SetWatch(func(_ time.Duration, msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } })
	batch, ok := h.ctx.Write(failingWrite(common.NewOwner(), 0))().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("a write starts as the write and its watch: %v", batch)
	}
	write, watch := batch[0], batch[1]
	h.run(watch) // the write is still running
	v := h.view()
	if !strings.Contains(v, "Database busy (another dvaprep open?): waiting to save your decision…") || strings.Contains(v, "✗") {
		t.Fatalf("a write waiting for the database is not shown, or shown as a failure:\n%s", v)
	}
	h.run(write)
	if v := h.view(); !strings.Contains(v, "Saved your decision (the database is free again)") || strings.Contains(v, "waiting") {
		t.Fatalf("the outcome is not shown:\n%s", v)
	}
	h.send(uitest.Key("x"))
	if v := h.view(); strings.Contains(v, "Saved your decision") {
		t.Errorf("the outcome stays after a key:\n%s", v)
	}
}

// TestResultsReachEveryScreenInputOnlyTheTop: a command's result goes to every screen; a key only to the top.
func TestResultsReachEveryScreenInputOnlyTheTop(t *testing.T) {
	h := newHarness(t)
	home := h.screens[common.HomeScreen]
	h.send(common.NavigateMsg{To: common.NotesScreen})
	h.send(decisionSaved{})
	h.send(uitest.Key("x"))
	if received[decisionSaved](home) != 1 || received[decisionSaved](h.screens[common.NotesScreen]) != 1 {
		t.Error("a result did not reach every screen")
	}
	if home.keysReceived() != "" || h.screens[common.NotesScreen].keysReceived() != "x" {
		t.Errorf("keys: home %q, notes %q; want only the top to get x", home.keysReceived(), h.screens[common.NotesScreen].keysReceived())
	}
}

// TestQuitWaitsForWrites: q with a write pending asks; once the write lands, the program quits by itself.
func TestQuitWaitsForWrites(t *testing.T) {
	h := newHarness(t)
	h.run(h.ctx.Write(failingWrite(common.NewOwner(), 3))) // q retries at once: it fails twice more
	if h.send(uitest.Key("q")) {
		t.Fatal("q quit with a write pending")
	}
	if !strings.Contains(h.view(), "1 change is not saved yet") {
		t.Fatalf("no question:\n%s", h.view())
	}
	if v := h.view(); !strings.Contains(v, "lose it?") || strings.Contains(v, "lose them") {
		t.Errorf("one change is \"it\":\n%s", v)
	}
	// The dialog owns the keyboard: its footer names its own keys, none of the screen's under it.
	lines := strings.Split(strings.TrimRight(h.view(), "\n "), "\n")
	if foot := lines[len(lines)-1]; !strings.Contains(foot, "y quit now") || !strings.Contains(foot, "n/esc keep waiting") ||
		strings.Contains(foot, "?") || strings.Contains(foot, "notes") {
		t.Errorf("footer under the quit question: %q", foot)
	}
	if h.send(uitest.Key("n")) || strings.Contains(h.view(), "not saved yet.") {
		t.Fatalf("n should close the question and stay:\n%s", h.view())
	}
	if h.send(uitest.Key("q")) {
		t.Fatal("q quit with a write pending")
	}
	if !h.retry() {
		t.Fatal("did not quit once the write landed")
	}
	h2 := newHarness(t)
	h2.run(h2.ctx.Write(failingWrite(common.NewOwner(), 2)))
	h2.send(uitest.Key("q"))
	if !h2.send(uitest.Key("y")) {
		t.Fatal("y did not quit")
	}
}

// TestGivenUpWriteIsShown: a write that cannot succeed is said on the status line, whatever is on top.
func TestGivenUpWriteIsShown(t *testing.T) {
	h := newHarness(t)
	h.send(common.NavigateMsg{To: common.NotesScreen})
	h.run(h.ctx.Write(common.Write{Owner: common.NewOwner(), What: "your answer", Do: func(context.Context) (tea.Msg, error) {
		return nil, study.ErrTakenOver
	}}))
	if v := h.view(); !strings.Contains(v, "Not saved: your answer: this exam was closed in another window") {
		t.Fatalf("a given-up write is not shown:\n%s", v)
	}
	if h.ctx.Writes.Len() != 0 || h.d.Held() != 0 {
		t.Errorf("a write that cannot succeed is retried: %d queued, %d held", h.ctx.Writes.Len(), h.d.Held())
	}
}

// On a wide terminal the screens get a readable column, centred.
func TestWideTerminalCentresContent(t *testing.T) {
	h := newHarness(t)
	h.send(tea.WindowSizeMsg{Width: 160, Height: 40})
	if got := h.ctx.Width; got != 100 {
		t.Fatalf("content width %d on a 160-column terminal, want 100", got)
	}
	for _, l := range strings.Split(h.view(), "\n") {
		if w := ansi.StringWidth(l); w > 160 {
			t.Errorf("line %d wide: %q", w, l)
		}
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, strings.Repeat(" ", 30)) {
			t.Errorf("line not centred: %q", l)
		}
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if got := h.ctx.Width; got != 100 {
		t.Errorf("content width %d on a 100-column terminal", got)
	}
	if v := h.view(); !strings.HasPrefix(v, "dvaprep") {
		t.Errorf("a 100-column terminal is indented:\n%s", v)
	}
}

// A screen's y/n question owns the footer: the root's keys (? help, q quit) are not listed under it.
func TestScreenDialogFooterHasOnlyItsKeys(t *testing.T) {
	h := newHarness(t)
	lines := strings.Split(strings.TrimRight(h.view(), "\n "), "\n")
	if foot := lines[len(lines)-1]; !strings.Contains(foot, "q quit") {
		t.Fatalf("no root keys without a dialog: %q", foot)
	}
	h.screens[common.HomeScreen].dialog = true
	lines = strings.Split(strings.TrimRight(h.view(), "\n "), "\n")
	if foot := lines[len(lines)-1]; !strings.Contains(foot, "x do x") || strings.Contains(foot, "quit") || strings.Contains(foot, "help") {
		t.Errorf("footer under a screen's dialog: %q", foot)
	}
}
