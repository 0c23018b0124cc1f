package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adrg/xdg"
)

// t0 is the fixed "now" of the tests.
var t0 = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

// openTemp opens a new store in a temporary directory with its clock fixed at t0.
func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "progress.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return t0 }
	t.Cleanup(func() { s.Close() })
	return s, path
}

// rawDB opens a file with the driver directly, as another program would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

func mustExec(t *testing.T, db *sql.DB, queries ...string) {
	t.Helper()
	for _, q := range queries {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func pragmaInt(t *testing.T, s *Store, name string) int64 {
	t.Helper()
	var v int64
	if err := s.db.QueryRow("SELECT * FROM pragma_" + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenSaysWhetherItCreatedTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Created() {
		t.Error("the first Open of a new path: Created() = false")
	}
	s.Close()
	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Created() {
		t.Error("opening the same file again: Created() = true")
	}
	m, err := Open(t.Context(), MemoryPath)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.Created() {
		t.Error("an in-memory database: Created() = true")
	}
}

func TestOpenCreatesSchema(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "dvaprep")
	path := filepath.Join(dir, "progress.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", p, got, want)
		}
	}
	if got := pragmaInt(t, s, "user_version"); got != int64(len(migrations)) {
		t.Errorf("user_version = %d, want %d", got, len(migrations))
	}
	if got := pragmaInt(t, s, "application_id"); got != applicationID {
		t.Errorf("application_id = %#x, want %#x", got, applicationID)
	}
	if got := pragmaInt(t, s, "foreign_keys"); got != 1 {
		t.Errorf("foreign_keys = %d, want 1", got)
	}
	if got := pragmaInt(t, s, "busy_timeout"); got != busyTimeoutMS {
		t.Errorf("busy_timeout = %d, want %d", got, busyTimeoutMS)
	}
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var tables []string
	rows, err := s.db.Query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	want := []string{"attempts", "bookmarks", "exam_answer_events", "exam_sessions", "note_positions", "notes_read",
		"practice_sets", "review_cards", "scenario_positions", "scenario_runs", "settings"}
	if !slices.Equal(tables, want) {
		t.Errorf("tables = %v, want %v", tables, want)
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	ctx := context.Background()
	for i := range 3 {
		s, err := Open(t.Context(), path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if _, err := s.RecordAttempt(ctx, Attempt{ItemID: "q1", Kind: KindQuestion, Source: SourceDrill, Score: 1}); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkRead(ctx, "sqs#visibility-timeout"); err != nil {
			t.Fatal(err)
		}
		sum, err := s.Summary(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Questions.Answered != i+1 || sum.SectionsRead != 1 {
			t.Errorf("open %d: summary %+v, want %d answered and 1 section", i, sum, i+1)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMemory(t *testing.T) {
	s, err := Open(t.Context(), MemoryPath)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for range 3 {
		if _, err := s.RecordAttempt(ctx, Attempt{ItemID: "q1", Kind: KindQuestion, Source: SourceDrill}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Attempts(ctx, AttemptFilter{})
	if err != nil || len(got) != 3 {
		t.Fatalf("Attempts = %d, %v; want 3", len(got), err)
	}
	if s.Path() != MemoryPath {
		t.Errorf("Path() = %q", s.Path())
	}
}

func TestDefaultPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", home)
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	want := filepath.Join(home, "dvaprep", "progress.db")
	if got := DefaultPath(); got != want {
		t.Errorf("DefaultPath() = %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Dir(want)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("DefaultPath created its directory: %v", err)
	}
}

// snapshot is every file in a directory with its contents.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = b
	}
	return m
}

// dvaprepDB makes a closed dvaprep database with enough rows to span many
// pages, and returns its bytes.
func dvaprepDB(t *testing.T, path string) []byte {
	t.Helper()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = s.write(ctx, func(tx *sql.Tx) error {
		as := make([]Attempt, 2000)
		for i := range as {
			as[i] = Attempt{ItemID: strings.Repeat("q", 20) + string(rune('a'+i%26)), Kind: KindQuestion,
				Source: SourceExam, Domain: "1", Task: "1.1", Choice: "A", CorrectChoice: "B", At: t0}
		}
		return s.insertAttempts(ctx, tx, as)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRefusesWhatIsNotOurs(t *testing.T) {
	random := make([]byte, 1<<20)
	r := rand.NewChaCha8([32]byte{1})
	r.Read(random)

	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want error
	}{
		{"text", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"), 0o644)
		}, ErrNotDvaprep},
		{"random megabyte", func(t *testing.T, path string) { os.WriteFile(path, random, 0o600) }, ErrNotDvaprep},
		{"short", func(t *testing.T, path string) { os.WriteFile(path, []byte("SQLite"), 0o600) }, ErrNotDvaprep},
		{"header only", func(t *testing.T, path string) {
			os.WriteFile(path, append([]byte("SQLite format 3\x00"), random[:200]...), 0o600)
		}, ErrNotDvaprep},
		{"foreign sqlite with a table", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
				"INSERT INTO users (name) VALUES ('ada'), ('grace')")
			db.Close()
		}, ErrNotDvaprep},
		{"foreign sqlite in WAL mode", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "PRAGMA journal_mode = WAL", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
			db.Close()
		}, ErrNotDvaprep},
		{"foreign sqlite in WAL mode, left open", func(t *testing.T, path string) {
			// A foreign program that died with its database open leaves a -wal and a -shm beside it.
			live := filepath.Join(t.TempDir(), "live.db")
			db := rawDB(t, live)
			mustExec(t, db, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
			for _, suffix := range []string{"", "-wal", "-shm"} {
				b, err := os.ReadFile(live + suffix)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path+suffix, b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
		}, ErrNotDvaprep},
		{"foreign sqlite in WAL mode, -wal without -shm", func(t *testing.T, path string) {
			live := filepath.Join(t.TempDir(), "live.db")
			db := rawDB(t, live)
			mustExec(t, db, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
			for _, suffix := range []string{"", "-wal"} {
				b, err := os.ReadFile(live + suffix)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path+suffix, b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
		}, ErrNotDvaprep},
		{"foreign application id", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "PRAGMA application_id = 1234")
			db.Close()
		}, ErrNotDvaprep},
		{"foreign user version", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "PRAGMA user_version = 3")
			db.Close()
		}, ErrNotDvaprep},
		{"newer dvaprep", func(t *testing.T, path string) {
			dvaprepDB(t, path)
			db := rawDB(t, path)
			mustExec(t, db, "PRAGMA user_version = 99", "PRAGMA journal_mode = DELETE")
			db.Close()
		}, ErrNewerSchema},
		{"truncated dvaprep", func(t *testing.T, path string) {
			b := dvaprepDB(t, path)
			os.WriteFile(path, b[:len(b)/2], 0o600)
		}, ErrCorrupt},
		{"overwritten page", func(t *testing.T, path string) {
			b := dvaprepDB(t, path)
			copy(b[3*4096:4*4096], random)
			os.WriteFile(path, b, 0o600)
		}, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "progress.db")
			tt.make(t, path)
			before := snapshot(t, dir)

			s, err := Open(t.Context(), path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			t.Log(err)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %q, want %v", err, tt.want)
			}
			for _, part := range []string{path, "--db PATH"} {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not mention %q", err, part)
				}
			}
			// The directory is exactly as it was: no -wal or -shm left beside a refused file.
			after := snapshot(t, dir)
			for name, b := range after {
				if old, ok := before[name]; !ok {
					t.Errorf("Open left a new file %s", name)
				} else if !bytes.Equal(old, b) && !strings.HasSuffix(name, "-shm") { // a reader may set its read mark
					t.Errorf("Open modified %s", name)
				}
			}
			for name := range before {
				if _, ok := after[name]; !ok {
					t.Errorf("Open removed %s", name)
				}
			}
		})
	}
}

func TestRefusesUnusablePaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"directory", dir, "is a directory"},
		{"parent is a file", filepath.Join(file, "progress.db"), "not a directory"},
		{"parent of parent is a file", filepath.Join(file, "sub", "progress.db"), "not a directory"},
		{"empty", "", "empty path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(t.Context(), tt.path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "--db PATH") {
				t.Errorf("error %q, want it to say %q and --db PATH", err, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(file); string(b) != "x" {
		t.Error("the file in the way was modified")
	}
}

func TestRefusesUnwritablePlaces(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write anywhere")
	}
	tests := []struct {
		name string
		make func(t *testing.T, dir, path string)
	}{
		{"new file in a locked directory", func(t *testing.T, dir, path string) {}},
		{"read-only file", func(t *testing.T, dir, path string) {
			dvaprepDB(t, path)
			os.Chmod(path, 0o400)
		}},
		{"database in a locked directory", func(t *testing.T, dir, path string) { dvaprepDB(t, path) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "locked")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "progress.db")
			tt.make(t, dir, path)
			os.Chmod(dir, 0o500)
			t.Cleanup(func() { os.Chmod(dir, 0o700) })
			before := snapshot(t, dir)
			s, err := Open(t.Context(), path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			t.Log(err)
			for _, part := range []string{path, "--db PATH"} {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not mention %q", err, part)
				}
			}
			if after := snapshot(t, dir); !maps.EqualFunc(before, after, bytes.Equal) {
				t.Error("the directory changed")
			}
		})
	}
}

func TestEmptyFileBecomesDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaInt(t, s, "user_version"); got != int64(len(migrations)) {
		t.Errorf("user_version = %d", got)
	}
}

func TestOddFileNames(t *testing.T) {
	for _, name := range []string{"a?b.db", "c#d.db", "e%20f.db", "g h.db"} {
		path := filepath.Join(t.TempDir(), name)
		s, err := Open(t.Context(), path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestOpenSameNewFileConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	const n = 4
	var wg sync.WaitGroup
	errs := make([]error, n)
	stores := make([]*Store, n)
	for i := range n {
		wg.Go(func() { stores[i], errs[i] = Open(t.Context(), path) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("open %d: %v", i, errs[i])
			continue
		}
		if got := pragmaInt(t, stores[i], "user_version"); got != int64(len(migrations)) {
			t.Errorf("open %d: user_version %d", i, got)
		}
		stores[i].Close()
	}
}

func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	ctx := context.Background()
	a, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	session, err := a.CreateExamSession(ctx, ExamSession{Kind: ExamMock})
	if err != nil {
		t.Fatal(err)
	}

	const writers, each = 4, 50
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers*each*2)
	for si, s := range []*Store{a, b} {
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					if _, err := s.RecordAttempt(ctx, Attempt{ItemID: "q", Kind: KindQuestion, Source: SourceDrill, Score: 1}); err != nil {
						errs <- err
					}
					pos := (si*writers+w)*each + i
					if err := s.SaveAnswer(ctx, session, Answer{Position: pos, QuestionID: "q", Choice: "A"}); err != nil {
						errs <- err
					}
					if i%10 == 0 {
						if _, err := s.ToggleBookmark(ctx, "n#s", ""); err != nil {
							errs <- err
						}
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var attempts, answers int
	a.db.QueryRow("SELECT count(*) FROM attempts").Scan(&attempts)
	b.db.QueryRow("SELECT count(*) FROM exam_answers").Scan(&answers)
	if attempts != 2*writers*each || answers != 2*writers*each {
		t.Errorf("%d attempts and %d answers, want %d of each", attempts, answers, 2*writers*each)
	}
	// 40 toggles in all: an even number leaves no bookmark.
	if bm, err := b.Bookmarks(ctx); err != nil || len(bm) != 0 {
		t.Errorf("Bookmarks = %v, %v; want none", bm, err)
	}
}

// TestLargeDatabaseCheckIsBounded lowers the page bound of the integrity check. Below it a damaged page is
// found at open; above it the full check is skipped, so the same file opens (the damage shows when a query
// reads that page), while a file cut short is still refused, untouched.
func TestLargeDatabaseCheckIsBounded(t *testing.T) {
	defer func(n int64) { quickCheckPages = n }(quickCheckPages)
	random := make([]byte, 4096)
	rand.NewChaCha8([32]byte{2}).Read(random)
	damaged := func(t *testing.T) (string, []byte) {
		path := filepath.Join(t.TempDir(), "progress.db")
		b := dvaprepDB(t, path)
		copy(b[3*4096:4*4096], random)
		os.WriteFile(path, b, 0o600)
		return path, b
	}
	path, _ := damaged(t)
	if _, err := Open(t.Context(), path); !errors.Is(err, ErrCorrupt) {
		t.Errorf("below the bound: err = %v, want ErrCorrupt", err)
	}
	quickCheckPages = 4
	path, b := damaged(t)
	if len(b) <= 4*4096 {
		t.Fatalf("the test database has only %d bytes", len(b))
	}
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("above the bound the full check should be skipped: %v", err)
	}
	s.Close()
	dir := t.TempDir()
	path = filepath.Join(dir, "progress.db")
	os.WriteFile(path, b[:len(b)-4096], 0o600)
	before := snapshot(t, dir)
	if _, err := Open(t.Context(), path); !errors.Is(err, ErrCorrupt) {
		t.Errorf("above the bound, a file cut short: err = %v", err)
	}
	if after := snapshot(t, dir); len(after) != len(before) || !bytes.Equal(after["progress.db"], before["progress.db"]) {
		t.Error("the refused file or its directory changed")
	}
}

// Open takes the program's context: once it is cancelled, opening stops with its error and creates no schema.
func TestOpenHonoursCancelledContext(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if s, err := Open(ctx, path); !errors.Is(err, context.Canceled) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Open with a cancelled context: %v, want context.Canceled", err)
	}
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open after the cancelled one: %v", err)
	}
	s.Close()
}

// IsBusy tells the write queue that another program holds the write lock, so that it can say so.
func TestIsBusyOnALockedDatabase(t *testing.T) {
	_, path := openTemp(t)
	holder := rawDB(t, path)
	defer holder.Close()
	tx, err := holder.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("DELETE FROM settings WHERE 0"); err != nil { // takes the write lock
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", fileURI(path)+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err = other.Exec("DELETE FROM settings WHERE 0")
	if !IsBusy(err) {
		t.Errorf("a write while another connection holds the lock: IsBusy(%v) = false", err)
	}
	if IsBusy(errors.New("database is locked")) || IsBusy(nil) {
		t.Error("IsBusy is true of an error that is not SQLite's")
	}
}
