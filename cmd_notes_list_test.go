package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestNotesListPrintsNotesAndSections(t *testing.T) {
	out, err := run(t, "notes", "list")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "sqs\tAmazon SQS\n") || !strings.Contains(out, "\n  sqs#visibility-timeout\t") {
		t.Errorf("notes list lacks the SQS note or its visibility-timeout section:\n%.600s", out)
	}
	out, err = run(t, "notes", "list", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var notes []listedNote
	if err := json.Unmarshal([]byte(out), &notes); err != nil {
		t.Fatalf("--json is not JSON: %v", err)
	}
	if len(notes) < 30 {
		t.Fatalf("%d notes listed", len(notes))
	}
	for _, n := range notes {
		if n.ID == "" || n.Title == "" || len(n.Sections) == 0 {
			t.Errorf("note %+v: empty id, title or sections", n)
		}
		for _, s := range n.Sections {
			if !strings.HasPrefix(s.Link, n.ID+"#") || s.Heading == "" {
				t.Errorf("note %s: section %+v", n.ID, s)
			}
		}
	}
}

func TestChosenDBInMissingDirectoryIsAnError(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "typo", "progress.db")
	_, err := run(t, "--db", missing, "stats")
	if err == nil || !strings.Contains(err.Error(), "no such directory") || !strings.Contains(err.Error(), "--db "+missing) {
		t.Fatalf("--db in a missing directory: err = %v", err)
	}
	if _, err := run(t, "--db", filepath.Join(t.TempDir(), "progress.db"), "stats"); err != nil {
		t.Errorf("--db in an existing directory: %v", err)
	}
}
