package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// withMigrations runs a test with extra migrations appended to the real ones.
func withMigrations(t *testing.T, extra ...string) {
	t.Helper()
	orig := migrations
	migrations = append(append([]string(nil), orig...), extra...)
	t.Cleanup(func() { migrations = orig })
}

func TestMigrationUpgradesAndKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	ctx := context.Background()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAttempt(ctx, Attempt{ItemID: "q1", Kind: KindQuestion, Source: SourceDrill, Score: 1}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	withMigrations(t, "ALTER TABLE attempts ADD COLUMN confidence INTEGER NOT NULL DEFAULT 0")
	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaInt(t, s, "user_version"); got != int64(len(migrations)) {
		t.Errorf("user_version = %d, want %d", got, len(migrations))
	}
	var n, confidence int
	if err := s.db.QueryRow("SELECT count(*), max(confidence) FROM attempts").Scan(&n, &confidence); err != nil || n != 1 {
		t.Errorf("after upgrade: %d attempts, %v", n, err)
	}
}

func TestFailedMigrationChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// The second statement fails, so the first must not stay either.
	withMigrations(t, "CREATE TABLE extra (x); CREATE TABLE attempts (y)")
	if s, err := Open(t.Context(), path); err == nil {
		s.Close()
		t.Fatal("Open succeeded with a broken migration")
	}
	migrations = migrations[:len(migrations)-1]
	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaInt(t, s, "user_version"); got != int64(len(migrations)) {
		t.Errorf("user_version = %d, want %d", got, len(migrations))
	}
	var n int
	s.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'").Scan(&n)
	if n != 0 {
		t.Error("the failed migration left its table")
	}
}

// FuzzOpen feeds arbitrary bytes to Open: it must not panic, and a file it
// refuses must be left exactly as it was.
func FuzzOpen(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("SQLite format 3\x00"))
	f.Add([]byte("root:x:0:0:root:/root:/bin/bash\n"))
	// A whole database is a poor seed: minimising its tens of kilobytes
	// takes the fuzzer minutes. Its header is enough to reach SQLite.
	f.Add(append([]byte("SQLite format 3\x00\x10\x00\x01\x01\x00\x40\x20\x20"), make([]byte, 4096-24)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "progress.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(t.Context(), path)
		if err == nil {
			s.Close()
			return
		}
		after, rerr := os.ReadFile(path)
		if rerr != nil {
			t.Fatal(rerr)
		}
		if string(after) != string(data) {
			t.Errorf("refused (%v) but modified the file", err)
		}
	})
}
