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
	locked := errors.New("database is locked (5) (SQLITE_BUSY)")
	cmd := w.Add(Write{What: "a bookmark", Do: func(context.Context) (tea.Msg, error) {
		return nil, fmt.Errorf("bookmark lambda#lambda-at-a-glance (/tmp/qa.db): %w", locked)
	}})
	if cmd == nil {
		t.Fatal("the write did not start")
	}
	w.Update(cmd())
	got := w.Status()
	if want := "1 not saved yet (a bookmark: database is locked (5) (SQLITE_BUSY)); retrying"; !strings.HasPrefix(got, want) {
		t.Errorf("status %q, want it to start %q", got, want)
	}
	if !errors.Is(w.Err(), locked) || !strings.Contains(w.Err().Error(), "/tmp/qa.db") {
		t.Errorf("Err() %v should keep the whole chain, for the quit question", w.Err())
	}
}
