// Package store keeps a learner's progress in one SQLite file: every answer
// and decision, exam sessions with their answers, scenario runs, review cards,
// and which notes were read or bookmarked.
//
// It is built so that progress is never lost and nothing else is ever harmed:
// a file that is not a dvaprep database is refused before SQLite may write to
// it, each write is a short immediate transaction, and two running instances
// can share the file (WAL mode plus a busy timeout). It knows items only by
// their string IDs and imports nothing from the pack or the UI.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"modernc.org/sqlite"
)

// MemoryPath opens a private in-memory database, for tests and dry runs.
const MemoryPath = ":memory:"

// applicationID marks a SQLite file as a dvaprep database ("DVAP" in ASCII).
// Migration 1 writes it to the header; Open refuses any other non-zero value.
const applicationID = 0x44564150

// quickCheckPages bounds the integrity check on open: it reads every page, a few milliseconds up to this
// many (4 MB at 4 KB a page, some 20,000 attempts); a larger database skips it. A variable so tests can
// lower it.
var quickCheckPages int64 = 1024

// busyTimeoutMS is how long a statement waits for another writer before it
// gives up with SQLITE_BUSY.
const busyTimeoutMS = 5000

// sqliteHeader is the magic string every SQLite 3 database file starts with.
var sqliteHeader = []byte("SQLite format 3\x00")

var (
	// ErrNotDvaprep means the file exists but is not a dvaprep database. It was
	// left untouched.
	ErrNotDvaprep = errors.New("not a dvaprep database")
	// ErrCorrupt means the file is a dvaprep database that SQLite reports as
	// damaged. It was left untouched.
	ErrCorrupt = errors.New("the database is damaged")
	// ErrNewerSchema means the file was written by a newer dvaprep. It is never
	// downgraded.
	ErrNewerSchema = errors.New("the database was written by a newer dvaprep")
	// ErrNotFound means a row asked for by ID does not exist.
	ErrNotFound = errors.New("not found")
	// ErrSessionClosed means an exam session is no longer active, so its
	// answers and outcome can no longer change.
	ErrSessionClosed = errors.New("exam session is no longer active")
)

// Store is an open progress database. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	path    string
	now     func() time.Time // the clock; tests replace it
	created bool             // Open created the file
}

// DefaultPath is where progress lives unless the user says otherwise:
// $XDG_DATA_HOME/dvaprep/progress.db. It creates nothing; Open creates the
// directory.
func DefaultPath() string {
	return filepath.Join(xdg.DataHome, "dvaprep", "progress.db")
}

// Open opens the progress database at path, creating it (and its directory,
// mode 0700) if needed, and brings its schema up to date. A file that is not a
// dvaprep database, is damaged, or comes from a newer dvaprep is refused and
// never modified. MemoryPath opens a private in-memory database. ctx is the program's context: cancelling it
// stops the opening (the inspection, the migrations and the wait for a busy file).
func Open(ctx context.Context, path string) (*Store, error) {
	var created bool // sticks across the tries below: the first may have made the file
	s, err := open(ctx, path, &created)
	// Several instances opening a new file at once can meet SQLITE_BUSY where SQLite calls no busy handler
	// (switching to WAL, WAL recovery). Opening changes nothing it has not finished, so try again a while.
	for deadline := time.Now().Add(busyTimeoutMS * time.Millisecond); err != nil && sqliteCode(err) == 5 &&
		time.Now().Before(deadline); {
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-time.After(20 * time.Millisecond):
			s, err = open(ctx, path, &created)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open progress database %s: %w", path, err)
	}
	return s, nil
}

func open(ctx context.Context, path string, created *bool) (*Store, error) {
	if path == "" {
		return nil, errors.New("empty path; pass --db PATH")
	}
	if path == MemoryPath {
		db, err := sql.Open("sqlite", "file::memory:?_foreign_keys=1&_txlock=immediate")
		if err != nil {
			return nil, err
		}
		// Every connection to :memory: is a different database: keep one.
		db.SetMaxOpenConns(1)
		db.SetConnMaxIdleTime(0)
		db.SetConnMaxLifetime(0)
		s := &Store{db: db, path: path, now: time.Now}
		if err := s.migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
		return s, nil
	}

	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	made, err := prepareFile(abs)
	if err != nil {
		return nil, err
	}
	*created = *created || made
	if err := inspect(ctx, abs); err != nil {
		return nil, err
	}
	// synchronous=FULL syncs the WAL on every commit: an answer that was
	// saved survives a dead battery, not just a killed process, and the
	// commit still fits the 5 ms budget (see the benchmarks).
	db, err := sql.Open("sqlite", fileURI(abs)+
		"?_busy_timeout="+fmt.Sprint(busyTimeoutMS)+
		"&_foreign_keys=1&_journal_mode=WAL&_synchronous=FULL&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	s := &Store{db: db, path: abs, now: time.Now, created: *created}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, explain(err)
	}
	return s, nil
}

// Close releases the database. A Store must not be used after Close.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close progress database %s: %w", s.path, err)
	}
	return nil
}

// Created reports whether Open created the database file, so that the learner can be told: a new, empty
// database where they expected their progress is most often a mistyped path.
func (s *Store) Created() bool { return s.created }

// Path is the absolute path of the database file (or MemoryPath), for messages
// that tell the user where their progress is.
func (s *Store) Path() string { return s.path }

// prepareFile makes sure path names a regular file that this process can write,
// creating it empty (0600) with its directory (0700) when it does not exist,
// and reports whether it did. It never changes an existing file.
func prepareFile(path string) (created bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil:
		if fi.IsDir() {
			return false, errors.New("it is a directory; pass --db PATH to a file")
		}
		if !fi.Mode().IsRegular() {
			return false, errors.New("it is not a regular file; pass --db PATH to a file")
		}
		// Opening for writing without O_TRUNC changes nothing; it only asks
		// whether SQLite will be able to write.
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return false, fmt.Errorf("cannot write to it: %w; fix its permissions or pass --db PATH", cause(err))
		}
		return false, f.Close()
	case errors.Is(err, os.ErrNotExist):
		dir := filepath.Dir(path)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return false, fmt.Errorf("create directory %s: %w; pass --db PATH to a writable location", dir, err)
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return false, nil // another instance created it first; inspect decides
		}
		if err != nil {
			return false, fmt.Errorf("cannot create it: %w; pass --db PATH to a writable location", cause(err))
		}
		return true, f.Close()
	default:
		return false, fmt.Errorf("cannot use this path: %w; pass --db PATH to another location", cause(err))
	}
}

// inspect refuses a file that is not a dvaprep database of a schema this build
// can use. It reads the header itself first, so SQLite never opens a file that
// is not SQLite at all, then opens the file read-only for the rest.
func inspect(ctx context.Context, path string) (err error) {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	header := make([]byte, 100)
	n, err := io.ReadFull(f, header)
	f.Close()
	switch {
	case n == 0 && errors.Is(err, io.EOF):
		// An empty file is an empty database, unless a WAL beside it says
		// otherwise: the read-only look below finds out.
	case err != nil && !errors.Is(err, io.ErrUnexpectedEOF):
		return err
	case n < len(header) || !bytes.Equal(header[:len(sqliteHeader)], sqliteHeader):
		return notDvaprep("it is not a SQLite file")
	case header[21] != 64 || header[22] != 32 || header[23] != 32:
		// Fixed payload fractions that every SQLite 3 file carries.
		return notDvaprep("it is not a SQLite file, though it starts like one")
	default:
		// The header may lag behind a WAL that was never checkpointed, but
		// the only writer that changes these two fields is migration 1,
		// which sets both at once. A foreign mark here is final.
		version := binary.BigEndian.Uint32(header[60:64])
		appID := binary.BigEndian.Uint32(header[68:72])
		if appID != 0 && appID != applicationID {
			return notDvaprep(fmt.Sprintf("it is a SQLite database of another application, id %#x", appID))
		}
		if appID == 0 && version != 0 {
			return notDvaprep(fmt.Sprintf("it is a SQLite database of another application, schema version %d", version))
		}
	}

	params, removeSHM := inspectParams(path)
	if removeSHM {
		defer func() {
			if err != nil {
				os.Remove(path + "-shm")
			}
		}()
	}
	db, err := sql.Open("sqlite", fileURI(path)+params)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	var appID, version, tables int64
	err = db.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\')`).
		Scan(&appID, &version, &tables)
	if err != nil {
		return explain(err)
	}
	switch {
	case appID != 0 && appID != applicationID:
		return notDvaprep(fmt.Sprintf("it is a SQLite database of another application, id %#x", appID))
	case appID == 0 && version != 0:
		return notDvaprep(fmt.Sprintf("it is a SQLite database of another application, schema version %d", version))
	case appID == 0 && tables != 0:
		return notDvaprep("it is a SQLite database with tables of another application")
	case version > int64(len(migrations)):
		return fmt.Errorf("%w (schema %d; this build knows up to %d); upgrade dvaprep or pass --db PATH",
			ErrNewerSchema, version, len(migrations))
	}

	// The integrity check reads every page: about 40 ms at 100,000 attempts, on every start. Past
	// quickCheckPages it is skipped: a file cut short is still refused (SQLite finds it at once), and damage
	// inside the file is found when a query reads the damaged page, as ErrCorrupt with the same advice.
	var pages int64
	if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return explain(err)
	}
	if pages > quickCheckPages {
		return nil
	}
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&check); err != nil {
		return explain(err)
	}
	if check != "ok" {
		// The first problem is enough to tell the user, on one line.
		var lines []string
		for _, l := range strings.Split(check, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "***") {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			lines = []string{"quick_check failed"}
		}
		return corrupt(lines[0])
	}
	return nil
}

// inspectParams opens the file for inspection so that a file that is refused is left as it was. A
// read-only connection to a WAL-mode database creates the -wal and -shm files it lacks, and cannot remove
// them again.
//   - No -wal and no -shm: nothing has the database open in WAL mode and there is no log to read, so an
//     immutable connection, which creates nothing, sees all of it.
//   - A -shm: another program, perhaps a second dvaprep, may have it open. A shared read-only connection
//     uses the files already there (it may update its read mark in -shm, which is what a reader does).
//   - A -wal without a -shm (a program died with it open): the log must be read, and reading it makes a
//     -shm. As no connection could have been using a -shm that did not exist, removeSHM is true: the
//     caller removes the -shm again if it refuses the file.
func inspectParams(path string) (params string, removeSHM bool) {
	if _, err := os.Lstat(path + "-shm"); err == nil {
		return "?mode=ro&_busy_timeout=" + fmt.Sprint(busyTimeoutMS), false
	}
	if _, err := os.Lstat(path + "-wal"); err == nil {
		return "?mode=ro&_busy_timeout=" + fmt.Sprint(busyTimeoutMS), true
	}
	return "?mode=ro&immutable=1", false
}

func notDvaprep(why string) error {
	return fmt.Errorf("%w (%s); it was not changed: move it away or pass --db PATH", ErrNotDvaprep, why)
}

func corrupt(why string) error {
	return fmt.Errorf("%w (%s); it was not changed: move it aside to keep a copy, or pass --db PATH", ErrCorrupt, why)
}

// explain turns the SQLite errors a user can meet on open into advice.
func explain(err error) error {
	switch sqliteCode(err) {
	case 26: // SQLITE_NOTADB
		return notDvaprep("SQLite cannot read it as a database")
	case 11: // SQLITE_CORRUPT
		return corrupt(err.Error())
	case 5: // SQLITE_BUSY
		return fmt.Errorf("%w; another program holds it locked: close it and try again", err)
	case 8, 14: // SQLITE_READONLY, SQLITE_CANTOPEN
		return fmt.Errorf("%w; check that the file and its directory are writable, or pass --db PATH", err)
	}
	return err
}

// cause drops the path from a file system error, since the message already
// names the file.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// IsBusy reports whether err is SQLite's "database is locked": another connection, most often another
// dvaprep, held the write lock past the busy timeout. Trying again later can succeed.
func IsBusy(err error) bool { return sqliteCode(err) == 5 }

// sqliteCode is the primary SQLite result code inside err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// fileURI turns an absolute path into a SQLite URI, escaping the characters a
// URI gives meaning to, so that any file name works.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file:" + p
}

// write runs fn in an immediate transaction, committing if it returns nil. A
// write that still finds the database busy after the busy timeout is tried
// again a few times, so a slow neighbour does not lose an answer.
func (s *Store) write(ctx context.Context, fn func(*sql.Tx) error) error {
	var err error
	for range 3 {
		err = s.tryWrite(ctx, fn)
		if err == nil || sqliteCode(err) != 5 || ctx.Err() != nil {
			return err
		}
	}
	return err
}

func (s *Store) tryWrite(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see _txlock in Open
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// exec runs one write statement on its own, retrying as write does.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var (
		res sql.Result
		err error
	)
	for range 3 {
		res, err = s.db.ExecContext(ctx, query, args...)
		if err == nil || sqliteCode(err) != 5 || ctx.Err() != nil {
			return res, err
		}
	}
	return res, err
}

// wrap says what failed and where.
func (s *Store) wrap(what string, err error) error {
	return fmt.Errorf("%s (%s): %w", what, s.path, err)
}

// ms is t as Unix milliseconds, or nil (NULL) for the zero time.
func ms(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// fromMS turns a nullable Unix-milliseconds column back into a UTC time; NULL
// becomes the zero time.
func fromMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

// nowOr is t, or the store's clock when t is zero.
func (s *Store) nowOr(t time.Time) time.Time {
	if t.IsZero() {
		return s.now()
	}
	return t
}
