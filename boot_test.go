package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"dvaprep/store"
	"dvaprep/ui"
	"dvaprep/ui/common"
)

// drive delivers msg to m and runs the commands that follow, feeding their messages back, except those
// skip says to hold back. It returns the messages held back.
func drive(m tea.Model, msg tea.Msg, skip func(tea.Msg) bool) (held []tea.Msg) {
	queue := []tea.Msg{msg}
	for len(queue) > 0 && len(queue) < 1000 {
		msg, queue = queue[0], queue[1:]
		if skip(msg) {
			held = append(held, msg)
			continue
		}
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		queue = append(queue, runCmd(cmd)...)
	}
	return held
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

func isBoot(msg tea.Msg) bool { _, ok := msg.(bootMsg); return ok }

// startBoot makes the boot model as runTUI does, with a load that returns what the test gives it.
func startBoot(t *testing.T, load func() tea.Msg) *boot {
	t.Helper()
	return startBootOpening(t, load, new(atomic.Bool))
}

// startBootOpening is startBoot with the flag the load sets while it opens the store.
func startBootOpening(t *testing.T, load func() tea.Msg, opening *atomic.Bool) *boot {
	t.Helper()
	opts := &options{dbPath: filepath.Join(t.TempDir(), "progress.db")}
	bp, err := loadPackParts(opts, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(bp.Notes) != 0 || len(bp.Questions) != 0 {
		t.Fatalf("the first frame loaded %d notes and %d questions; it needs only pack.yaml", len(bp.Notes), len(bp.Questions))
	}
	c := newContext(context.Background(), bp, nil)
	return newBoot(ui.New(c, ui.Build, common.NavigateMsg{To: common.HomeScreen}), c, load, opening, "/data/progress.db")
}

func TestBootQueuesKeysUntilLoaded(t *testing.T) {
	opts := &options{dbPath: filepath.Join(t.TempDir(), "progress.db")}
	b := startBoot(t, loadAll(context.Background(), opts, new(atomic.Bool)))
	drive(b, tea.WindowSizeMsg{Width: 100, Height: 30}, isBoot)
	drive(b, common.NavigateMsg{To: common.HomeScreen}, isBoot)
	v := b.View().Content
	if !strings.Contains(v, "Scenarios") || !strings.Contains(v, "65 questions in 130 minutes") {
		t.Fatalf("home before the load:\n%s", v)
	}
	select {
	case <-b.drawn:
	default:
		t.Fatal("drawing home did not release the load")
	}
	// n (notes) typed before the load is held, not lost and not run on a half-loaded pack.
	drive(b, tea.KeyPressMsg{Code: 'n', Text: "n"}, isBoot)
	if b.ready || len(b.pending) != 1 || !strings.Contains(b.View().Content, "Scenarios") {
		t.Fatalf("before the load: ready %v, %d keys waiting", b.ready, len(b.pending))
	}
	drive(b, b.load(), func(tea.Msg) bool { return false })
	defer b.st.Close()
	if !b.ready || len(b.ctx.Pack.Questions) == 0 || b.ctx.Study == nil || b.ctx.Width != 100 {
		t.Fatalf("after the load: ready %v, %d questions, study %v, width %d", b.ready, len(b.ctx.Pack.Questions), b.ctx.Study, b.ctx.Width)
	}
	if v := b.View().Content; !strings.Contains(v, "Notes") || strings.Contains(v, "Mock exam") {
		t.Errorf("the key typed during the load did not open the notes:\n%s", v)
	}
}

func TestBootLoadErrorQuitsWithIt(t *testing.T) {
	problem := errors.New("the pack in X has 1 problems")
	b := startBoot(t, func() tea.Msg { return bootMsg{err: problem} })
	drive(b, tea.WindowSizeMsg{Width: 100, Height: 30}, isBoot)
	_, cmd := b.Update(b.load())
	if _, ok := runCmd(cmd)[0].(tea.QuitMsg); !ok || !errors.Is(b.err, problem) {
		t.Errorf("a failed load: err %v, cmd gives %v", b.err, runCmd(cmd))
	}
	// ctrl+c before the load quits at once.
	b = startBoot(t, func() tea.Msg { return nil })
	_, cmd = b.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if msgs := runCmd(cmd); len(msgs) != 1 {
		t.Errorf("ctrl+c before the load: %v", msgs)
	} else if _, ok := msgs[0].(tea.QuitMsg); !ok {
		t.Errorf("ctrl+c before the load: %T", msgs[0])
	}
}

// The load says when it made a new database, on home, so that a mistyped --db is noticed; opening it again
// says nothing.
func TestBootSaysWhenItStartsANewDatabase(t *testing.T) {
	opts := &options{dbPath: filepath.Join(t.TempDir(), "typo.db")}
	for i, want := range []bool{true, false} {
		b := startBoot(t, loadAll(context.Background(), opts, new(atomic.Bool)))
		drive(b, tea.WindowSizeMsg{Width: 100, Height: 30}, isBoot)
		drive(b, common.NavigateMsg{To: common.HomeScreen}, isBoot)
		drive(b, b.load(), func(tea.Msg) bool { return false })
		v := b.View().Content
		b.st.Close()
		said := strings.Contains(v, "Started a new progress database at "+opts.dbPath)
		if said != want {
			t.Errorf("start %d: said %v, want %v:\n%s", i+1, said, want, v)
		}
	}
}

// While the load waits to open the database (another program holds its lock), home says so at the first
// check, half a second in, not when the wait ends seconds later; then it says the wait is over. While
// the load is still reading the pack, the check says nothing.
func TestBootSaysItWaitsForTheDatabase(t *testing.T) {
	opening := new(atomic.Bool)
	b := startBootOpening(t, func() tea.Msg { return nil }, opening)
	drive(b, tea.WindowSizeMsg{Width: 100, Height: 30}, isBoot)
	drive(b, common.NavigateMsg{To: common.HomeScreen}, isBoot)
	b.Update(waitMsg{}) // its command is the next check, a timer: not run here
	if v := b.View().Content; strings.Contains(v, "Waiting for the progress database") {
		t.Fatalf("said it waits for the database while loading the pack:\n%s", v)
	}
	opening.Store(true)
	b.Update(waitMsg{})
	if v := b.View().Content; !strings.Contains(v, "Waiting for the progress database at /data/progress.db (another dvaprep open?)") {
		t.Fatalf("the wait is not said:\n%s", v)
	}
	opening.Store(false)
	st, err := store.Open(context.Background(), store.MemoryPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	drive(b, bootMsg{full: b.ctx, st: st}, func(tea.Msg) bool { return false })
	if v := b.View().Content; !strings.Contains(v, "Progress database open: the wait is over") || strings.Contains(v, "Waiting for") {
		t.Errorf("the outcome is not said:\n%s", v)
	}
}
