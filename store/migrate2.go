package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// NewUID returns a UUIDv7 whose time is at (now when zero): globally unique, so that two devices' records
// can be merged later, and sorted by time. Every attempt, exam answer event, scenario decision and review
// event carries one.
func NewUID(at time.Time) string {
	u, err := uuid.NewV7()
	if err != nil {
		u = uuid.New() // the random source failed for v7: a v4 is still unique
	}
	if !at.IsZero() {
		ms := uint64(at.UnixMilli())
		for i := 0; i < 6; i++ {
			u[i] = byte(ms >> (40 - 8*i))
		}
	}
	return u.String()
}

// goMigrations are migrations that need Go (UUIDs for existing rows), keyed by their 0-based index in
// migrations, where they stand in for the SQL text.
var goMigrations = map[int]func(ctx context.Context, tx *sql.Tx) error{
	1: migrateUIDs,
	2: migrateSessionUIDs,
}

// migrateSessionUIDs is migration 3. It gives every exam session and scenario run a UUID, so that the
// attempts that belong to them can be merged across devices, and so that creating one can be retried
// without making two.
func migrateSessionUIDs(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []struct{ table, at string }{{"exam_sessions", "created_at"}, {"scenario_runs", "started_at"}} {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+t.table+" ADD COLUMN uid TEXT"); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT id, "+t.at+" FROM "+t.table)
		if err != nil {
			return err
		}
		var ids, ats []int64
		for rows.Next() {
			var id, at int64
			if err := rows.Scan(&id, &at); err != nil {
				rows.Close()
				return err
			}
			ids, ats = append(ids, id), append(ats, at)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, id := range ids {
			if _, err := tx.ExecContext(ctx, "UPDATE "+t.table+" SET uid = ? WHERE id = ?",
				NewUID(time.UnixMilli(ats[i])), id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "CREATE UNIQUE INDEX "+t.table+"_uid ON "+t.table+" (uid)"); err != nil {
			return err
		}
	}
	return nil
}

// migrateUIDs is migration 2. It gives every attempt a UUID, a mark (unscored, abandoned) and whether the
// learner was sure; it turns exam answers into an append-only event log; and it makes attempts and answer
// events immutable, so that a later version can merge two devices' databases. Nothing is lost: every old
// row is copied with its values and IDs.
func migrateUIDs(ctx context.Context, tx *sql.Tx) error {
	exec := func(q string, args ...any) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	if err := exec(`
CREATE TABLE attempts_v2 (
	id             INTEGER PRIMARY KEY,
	uid            TEXT    NOT NULL UNIQUE CHECK (length(uid) = 36),
	item_id        TEXT    NOT NULL CHECK (item_id <> ''),
	kind           TEXT    NOT NULL,
	domain         TEXT    NOT NULL DEFAULT '',
	task           TEXT    NOT NULL DEFAULT '',
	score          REAL    NOT NULL CHECK (score BETWEEN 0 AND 1),
	choice         TEXT    NOT NULL DEFAULT '',
	correct_choice TEXT    NOT NULL DEFAULT '',
	time_ms        INTEGER NOT NULL DEFAULT 0 CHECK (time_ms >= 0),
	source         TEXT    NOT NULL,
	session_id     INTEGER,
	at             INTEGER NOT NULL,
	mark           TEXT    NOT NULL DEFAULT '' CHECK (mark IN ('', 'unscored', 'abandoned')),
	sure           INTEGER NOT NULL DEFAULT 1 CHECK (sure IN (0, 1))
) STRICT;
CREATE TABLE exam_answer_events (
	seq         INTEGER PRIMARY KEY,
	uid         TEXT    NOT NULL UNIQUE CHECK (length(uid) = 36),
	session_id  INTEGER NOT NULL REFERENCES exam_sessions (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL CHECK (position >= 0),
	question_id TEXT    NOT NULL,
	choice      TEXT    NOT NULL DEFAULT '',
	flagged     INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
	time_ms     INTEGER NOT NULL DEFAULT 0 CHECK (time_ms >= 0),
	at          INTEGER NOT NULL
) STRICT;
CREATE TABLE scenario_positions (
	scenario_id TEXT    PRIMARY KEY CHECK (scenario_id <> ''),
	position    TEXT    NOT NULL CHECK (json_valid(position)),
	updated_at  INTEGER NOT NULL
) STRICT;`); err != nil {
		return err
	}

	type row struct {
		id int64
		at int64
	}
	var olds []row
	rows, err := tx.QueryContext(ctx, "SELECT id, at FROM attempts ORDER BY id")
	if err != nil {
		return err
	}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.at); err != nil {
			rows.Close()
			return err
		}
		olds = append(olds, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range olds {
		if err := exec(`INSERT INTO attempts_v2 (id, uid, item_id, kind, domain, task, score, choice, correct_choice,
				time_ms, source, session_id, at)
			SELECT id, ?, item_id, kind, domain, task, score, choice, correct_choice, time_ms, source, session_id, at
			FROM attempts WHERE id = ?`, NewUID(time.UnixMilli(r.at)), r.id); err != nil {
			return fmt.Errorf("copy attempt %d: %w", r.id, err)
		}
	}

	type ans struct {
		session, pos, at int64
	}
	var answers []ans
	rows, err = tx.QueryContext(ctx, "SELECT session_id, position, updated_at FROM exam_answers ORDER BY session_id, position")
	if err != nil {
		return err
	}
	for rows.Next() {
		var a ans
		if err := rows.Scan(&a.session, &a.pos, &a.at); err != nil {
			rows.Close()
			return err
		}
		answers = append(answers, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range answers {
		if err := exec(`INSERT INTO exam_answer_events (uid, session_id, position, question_id, choice, flagged, time_ms, at)
			SELECT ?, session_id, position, question_id, choice, flagged, time_ms, updated_at
			FROM exam_answers WHERE session_id = ? AND position = ?`,
			NewUID(time.UnixMilli(a.at)), a.session, a.pos); err != nil {
			return fmt.Errorf("copy answer %d of exam session %d: %w", a.pos+1, a.session, err)
		}
	}

	return exec(`
DROP TABLE attempts;
ALTER TABLE attempts_v2 RENAME TO attempts;
CREATE INDEX attempts_item ON attempts (kind, item_id, at);
CREATE INDEX attempts_at ON attempts (at);
CREATE INDEX attempts_domain_task ON attempts (kind, domain, task, score);
CREATE INDEX attempts_session ON attempts (session_id) WHERE session_id IS NOT NULL;
CREATE TRIGGER attempts_never_change BEFORE UPDATE ON attempts
	BEGIN SELECT RAISE(ABORT, 'an attempt is never changed: record a new one'); END;

DROP TABLE exam_answers;
CREATE INDEX exam_answer_events_position ON exam_answer_events (session_id, position, seq);
CREATE TRIGGER exam_answer_events_never_change BEFORE UPDATE ON exam_answer_events
	BEGIN SELECT RAISE(ABORT, 'an exam answer event is never changed: record a new one'); END;
CREATE VIEW exam_answers AS
	SELECT e.session_id, e.position, e.question_id, e.choice, e.flagged, e.time_ms, e.at AS updated_at, e.uid
	FROM exam_answer_events e
	WHERE e.seq = (SELECT max(seq) FROM exam_answer_events l
		WHERE l.session_id = e.session_id AND l.position = e.position);`)
}
