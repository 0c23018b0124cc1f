package common

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestStatusSaysWhy: the status line names the cause of a failed write up front. The store wraps its
// errors with what it wrote and the database's path; at 80 columns that pushed "database is locked" off
// the line ("(a bookmark: bookmark lambda#lambda-at-a-glance (/tmp/qa.db):…").
func TestStatusSaysWhy(t *testing.T) {
	w := NewWrites(context.Background())
	w.SetScheduler(func(time.Duration, tea.Msg) tea.Cmd { return nil })
	w.SetWatch(func(time.Duration, tea.Msg) tea.Cmd { return nil })
	locked := errors.New("database is locked (5) (SQLITE_BUSY)")
	cmd := w.Add(Write{What: "a bookmark", Do: func(context.Context) (tea.Msg, error) {
		return nil, fmt.Errorf("bookmark lambda#lambda-at-a-glance (/tmp/qa.db): %w", locked)
	}})
	if cmd == nil {
		t.Fatal("the write did not start")
	}
	w.Update(cmd())
	got, failing := w.Status()
	if !failing {
		t.Error("a failed write is not failing")
	}
	if want := "1 not saved yet (a bookmark: database is locked (5) (SQLITE_BUSY)); retrying"; !strings.HasPrefix(got, want) {
		t.Errorf("status %q, want it to start %q", got, want)
	}
	if !errors.Is(w.Err(), locked) || !strings.Contains(w.Err().Error(), "/tmp/qa.db") {
		t.Errorf("Err() %v should keep the whole chain, for the quit question", w.Err())
	}
}

// TestSlowWriteIsSaid: a write still running SlowWrite after it started is said at once as waiting for the
// database (not an error), instead of nothing until SQLite's busy timeout gives up seconds later; once it
// lands, Landed says what was saved, once. A write that finished in time says nothing.
func TestSlowWriteIsSaid(t *testing.T) {
	w := NewWrites(context.Background())
	w.SetScheduler(func(time.Duration, tea.Msg) tea.Cmd { return nil })
	var watched time.Duration
	w.SetWatch(func(d time.Duration, msg tea.Msg) tea.Cmd {
		watched = d
		return func() tea.Msg { return msg }
	})
	start := func() (write, watch tea.Cmd) {
		batch, ok := w.Add(Write{What: "your exam date", Do: func(context.Context) (tea.Msg, error) { return nil, nil }})().(tea.BatchMsg)
		if !ok || len(batch) != 2 {
			t.Fatalf("a write starts as the write and its watch: %v", batch)
		}
		return batch[0], batch[1]
	}

	write, watch := start()
	if watched <= 0 || watched > time.Second {
		t.Errorf("the watch fires after %v; want within a second", watched)
	}
	w.Update(watch())
	text, failing := w.Status()
	if failing || !strings.Contains(text, "waiting to save your exam date") || !strings.Contains(text, "another dvaprep") {
		t.Errorf("a slow write: status %q (failing %v); want why it waits, not an error", text, failing)
	}
	if w.Landed() != "" {
		t.Error("Landed before the write landed")
	}
	w.Update(write())
	if text, _ := w.Status(); text != "" {
		t.Errorf("after it landed: status %q", text)
	}
	if got := w.Landed(); got != "your exam date" {
		t.Errorf("Landed() = %q after a slow write landed", got)
	}
	if got := w.Landed(); got != "" {
		t.Errorf("Landed() said twice: %q", got)
	}

	write, watch = start()
	w.Update(write())
	w.Update(watch()) // late: the write was quick
	if text, _ := w.Status(); text != "" || w.Landed() != "" {
		t.Errorf("a quick write: status %q, landed %q; want nothing", text, w.Landed())
	}
}
