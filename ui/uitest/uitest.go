// Package uitest helps screen tests: a context on a small pack and a real store in a temporary directory,
// key messages by name, and a driver that runs a screen's commands synchronously and feeds their messages
// back, so a test reads like a learner's session without sleeping.
package uitest

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/store"
	"dvaprep/study"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
)

// Context loads the pack in fsys, opens a store in a temporary directory and sizes the terminal 80×24.
// The clock is fixed at 2026-01-02 10:00 UTC.
func Context(t testing.TB, fsys fs.FS) *common.Context {
	t.Helper()
	p, probs, err := pack.Load(fsys)
	if err != nil || len(probs) > 0 {
		t.Fatalf("test pack: %v %v", err, probs)
	}
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "progress.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	now := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	c := &common.Context{Width: 80, Height: 24, Pack: p, Index: notes.NewIndex(p), Markdown: markdown.New(),
		Now: func() time.Time { return now }}
	Wire(c, st, p)
	c.SetTheme(true)
	return c
}

// Wire gives a test context the study layer over st and a write queue whose retries wait for the test
// (Screen.Retry) instead of a timer.
func Wire(c *common.Context, st *store.Store, p *pack.Pack) {
	stores.Store(c, st)
	c.Study = study.New(st, p, c.Now)
	c.Ctx = context.Background()
	c.Writes = common.NewWrites(c.Ctx)
	c.Writes.SetScheduler(func(_ time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return HeldRetry{Msg: msg} }
	})
	// A test's writes run to the end before its next step: none is ever slow. Tests of a slow write set
	// their own watch.
	c.Writes.SetWatch(func(time.Duration, tea.Msg) tea.Cmd { return nil })
}

var stores sync.Map // *common.Context → *store.Store

// StoreOf is the store behind a context made by Context or Wire, for tests to check what was stored.
func StoreOf(c *common.Context) *store.Store {
	st, _ := stores.Load(c)
	s, _ := st.(*store.Store)
	return s
}

// HeldRetry is a write queue's retry that a test holds until it calls Screen.Retry.
type HeldRetry struct{ Msg tea.Msg }

// Key returns the key press a learner makes: "enter", "esc", "up", "space", "ctrl+c", or one character.
func Key(name string) tea.KeyPressMsg {
	codes := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "tab": tea.KeyTab, "space": tea.KeySpace,
		"backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp}
	if c, ok := codes[name]; ok {
		k := tea.KeyPressMsg{Code: c}
		if c == tea.KeySpace {
			k.Text = " "
		}
		return k
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: []rune(rest)[0], Mod: tea.ModCtrl}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// Driver runs commands synchronously, as the runtime would, and feeds what they yield back: the one command
// driver of every UI test. Batches are opened, the write queue's messages go to the queue (and what it
// delivers to the model), its retries are held until Retry, and Take sees every other message first: it
// returns true for one it keeps (navigation, back, status) instead of delivering it.
type Driver struct {
	T       testing.TB
	Writes  *common.Writes         // nil when the model under test owns the queue (the root)
	Deliver func(tea.Msg) tea.Cmd  // the model's Update
	Take    func(msg tea.Msg) bool // optional
	held    []tea.Msg              // the write queue's retries, waiting for Retry
}

// Run executes cmd and every command that follows from it, in the order they come, until none is left. A
// model under test must not return timer commands (tea.Tick): they would block for their duration; drive
// the clock through Context.Now.
func (d *Driver) Run(cmd tea.Cmd) {
	d.T.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			d.T.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if d.Writes != nil && msg != nil {
			if handled, deliver, next := d.Writes.Update(msg); handled {
				queue = append(queue, next)
				if deliver != nil {
					queue = append(queue, d.Deliver(deliver))
				}
				continue
			}
		}
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case HeldRetry:
			d.held = append(d.held, msg.Msg)
		default:
			if d.Take != nil && d.Take(msg) {
				continue
			}
			queue = append(queue, d.Deliver(msg))
		}
	}
}

// Send delivers one message and runs what it asks for.
func (d *Driver) Send(msg tea.Msg) { d.Run(func() tea.Msg { return msg }) }

// Retry fires the write queue's waiting retries, as their timers would.
func (d *Driver) Retry() {
	held := d.held
	d.held = nil
	for _, msg := range held {
		d.Send(msg)
	}
}

// Held is how many retries wait for Retry.
func (d *Driver) Held() int { return len(d.held) }

// Screen drives one screen as the root model would, with the context's write queue.
type Screen struct {
	T testing.TB
	S common.Screen
	// Sent collects the messages the screen's commands produced that it does not own: navigation, back,
	// status. A test asserts on them.
	Sent []tea.Msg
	Driver
}

// New starts s: it runs Init and a resize, and feeds every resulting message back.
func New(t testing.TB, ctx *common.Context, s common.Screen) *Screen {
	d := &Screen{T: t, S: s}
	d.Driver = Driver{T: t, Writes: ctx.Writes, Deliver: func(msg tea.Msg) tea.Cmd {
		var cmd tea.Cmd
		d.S, cmd = d.S.Update(msg)
		return cmd
	}, Take: func(msg tea.Msg) bool {
		switch msg.(type) {
		case common.NavigateMsg, common.BackMsg, common.StatusMsg:
			d.Sent = append(d.Sent, msg)
			return true
		}
		return false
	}}
	d.Run(s.Init())
	d.Send(tea.WindowSizeMsg{Width: ctx.Width, Height: ctx.Height})
	return d
}

// Keys presses keys in turn. A name longer than one character that is not a named key is typed.
func (d *Screen) Keys(names ...string) {
	for _, n := range names {
		if len([]rune(n)) > 1 && !isNamed(n) {
			for _, r := range n {
				d.Send(Key(string(r)))
			}
			continue
		}
		d.Send(Key(n))
	}
}

func isNamed(n string) bool {
	switch n {
	case "enter", "esc", "up", "down", "left", "right", "tab", "space", "backspace", "pgdown", "pgup":
		return true
	}
	return strings.HasPrefix(n, "ctrl+")
}

// View returns the screen's view fitted to the context size.
func (d *Screen) View(ctx *common.Context) string {
	return common.Fit(d.S.View(), ctx.Width, ctx.BodyHeight())
}
