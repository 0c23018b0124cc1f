package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dvaprep/store"
)

// TestExamRefusesWhileOneIsInProgress: without a terminal to ask, `dvaprep exam` does not abandon the
// exam in progress (before, it did, without a word); it says what is in progress and how to go on.
func TestExamRefusesWhileOneIsInProgress(t *testing.T) {
	db := filepath.Join(t.TempDir(), "progress.db")
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateExamSession(context.Background(), store.ExamSession{Kind: store.ExamDrill,
		Deadline: time.Now().Add(8 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	exam := func(args ...string) error {
		cmd := rootCmd()
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(append([]string{"--db", db, "exam", "--questions", "10", "--minutes", "20"}, args...))
		return cmd.Execute()
	}
	err = exam()
	if err == nil || !strings.Contains(err.Error(), "is in progress") || !strings.Contains(err.Error(), "--abandon") {
		t.Fatalf("exam while one is in progress: %v", err)
	}
	// --abandon goes on to the interface, which needs a terminal.
	if err := exam("--abandon"); !errors.Is(err, errNoTTY) {
		t.Errorf("with --abandon: %v, want the no-terminal error", err)
	}
	st, err = store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if e, _ := st.ExamSession(context.Background(), id); e.Status != store.StatusActive {
		t.Errorf("the exam in progress is %s, want it untouched", e.Status)
	}
}

// --domain with --task is refused: the interface opened the exam menu instead, and --abandon abandoned
// nothing, so the learner got neither drill.
func TestExamRefusesDomainAndTask(t *testing.T) {
	_, err := run(t, "exam", "--domain", "2", "--task", "1.2", "--abandon")
	if err == nil || !strings.Contains(err.Error(), "not both") {
		t.Fatalf("error %v, want --domain and --task refused together", err)
	}
}

// Asking for more questions than the bank holds says so instead of quietly giving fewer.
func TestExamSaysWhenTheBankIsSmaller(t *testing.T) {
	for _, args := range [][]string{{"exam", "--questions", "100000"}, {"exam", "--domain", "2", "--questions", "100000"}} {
		_, err := run(t, args...)
		if err == nil || !strings.Contains(err.Error(), "has only") || !strings.Contains(err.Error(), "or fewer") {
			t.Errorf("%v: err = %v", args, err)
		}
	}
}
