package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are applied in order, each in its own transaction, and
// PRAGMA user_version counts how many have been applied. Never edit a
// migration that has shipped: append a new one.
//
// Times are INTEGER Unix milliseconds (UTC). Text that may be absent is ”
// rather than NULL, so that scans need no NullString.
var migrations = []string{
	// 1: the first schema.
	fmt.Sprintf(`PRAGMA application_id = %d;`, applicationID) + `
CREATE TABLE attempts (
	id             INTEGER PRIMARY KEY,
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
	at             INTEGER NOT NULL
) STRICT;
CREATE INDEX attempts_item ON attempts (kind, item_id, at);
CREATE INDEX attempts_at ON attempts (at);
CREATE INDEX attempts_domain_task ON attempts (kind, domain, task, score);
CREATE INDEX attempts_session ON attempts (session_id) WHERE session_id IS NOT NULL;

CREATE TABLE exam_sessions (
	id          INTEGER PRIMARY KEY,
	kind        TEXT    NOT NULL,
	created_at  INTEGER NOT NULL,
	deadline    INTEGER,
	status      TEXT    NOT NULL DEFAULT 'active',
	config      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
	finished_at INTEGER,
	result      TEXT    CHECK (result IS NULL OR json_valid(result))
) STRICT;
CREATE INDEX exam_sessions_status ON exam_sessions (status, created_at);

CREATE TABLE exam_answers (
	session_id  INTEGER NOT NULL REFERENCES exam_sessions (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL CHECK (position >= 0),
	question_id TEXT    NOT NULL,
	choice      TEXT    NOT NULL DEFAULT '',
	flagged     INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
	time_ms     INTEGER NOT NULL DEFAULT 0 CHECK (time_ms >= 0),
	updated_at  INTEGER NOT NULL,
	PRIMARY KEY (session_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE scenario_runs (
	id          INTEGER PRIMARY KEY,
	scenario_id TEXT    NOT NULL,
	started_at  INTEGER NOT NULL,
	finished_at INTEGER,
	path        TEXT    CHECK (path IS NULL OR json_valid(path)),
	score       REAL,
	max_score   REAL
) STRICT;
CREATE INDEX scenario_runs_scenario ON scenario_runs (scenario_id, started_at);

CREATE TABLE review_cards (
	item_id     TEXT    PRIMARY KEY,
	kind        TEXT    NOT NULL,
	domain      TEXT    NOT NULL DEFAULT '',
	task        TEXT    NOT NULL DEFAULT '',
	stability   REAL    NOT NULL DEFAULT 0,
	difficulty  REAL    NOT NULL DEFAULT 0,
	due         INTEGER NOT NULL,
	last_review INTEGER,
	reps        INTEGER NOT NULL DEFAULT 0,
	lapses      INTEGER NOT NULL DEFAULT 0,
	state       INTEGER NOT NULL DEFAULT 0,
	updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX review_cards_due ON review_cards (due);

CREATE TABLE notes_read (
	section    TEXT    PRIMARY KEY,
	first_read INTEGER NOT NULL,
	last_read  INTEGER NOT NULL,
	count      INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE bookmarks (
	section    TEXT    PRIMARY KEY,
	created_at INTEGER NOT NULL,
	label      TEXT    NOT NULL DEFAULT ''
) STRICT;
`,
	// 2: UUIDs, marks and an exam answer log; see migrateUIDs in goMigrations.
	"",
	// 3: UUIDs for exam sessions and scenario runs; see migrateSessionUIDs in goMigrations.
	"",
	// 4: fixed practice sets, strikes on exam answers, and settings (the exam date).
	`
CREATE TABLE practice_sets (
	pack_id   TEXT    NOT NULL,
	number    INTEGER NOT NULL CHECK (number > 0),
	questions TEXT    NOT NULL CHECK (json_valid(questions) AND json_type(questions) = 'array'),
	frozen_at INTEGER NOT NULL,
	PRIMARY KEY (pack_id, number)
) STRICT;
CREATE TRIGGER practice_sets_never_change BEFORE UPDATE ON practice_sets
	BEGIN SELECT RAISE(ABORT, 'a practice set never changes once taken'); END;

ALTER TABLE exam_sessions ADD COLUMN practice_set INTEGER NOT NULL DEFAULT 0 CHECK (practice_set >= 0);
CREATE INDEX exam_sessions_practice_set ON exam_sessions (practice_set, status) WHERE practice_set > 0;

ALTER TABLE exam_answer_events ADD COLUMN struck TEXT NOT NULL DEFAULT '';
DROP VIEW exam_answers;
CREATE VIEW exam_answers AS
	SELECT e.session_id, e.position, e.question_id, e.choice, e.flagged, e.time_ms, e.at AS updated_at, e.uid,
		e.struck
	FROM exam_answer_events e
	WHERE e.seq = (SELECT max(seq) FROM exam_answer_events l
		WHERE l.session_id = e.session_id AND l.position = e.position);

CREATE TABLE settings (
	key        TEXT    PRIMARY KEY CHECK (key <> ''),
	value      TEXT    NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;
`,
	// 5: where the reader stopped in each note, so a note reopens there.
	`CREATE TABLE note_positions (
	note_id    TEXT    PRIMARY KEY CHECK (note_id <> ''),
	section    TEXT    NOT NULL DEFAULT '',
	line_text  TEXT    NOT NULL DEFAULT '',
	updated_at INTEGER NOT NULL
) STRICT;`,
}

// migrate applies the migrations the database lacks, one transaction each.
// Each transaction reads the version again, so two instances opening a new
// file at once apply every migration exactly once.
func (s *Store) migrate(ctx context.Context) error {
	// The usual case, an up-to-date file, needs no write lock.
	var version int
	if err := s.db.QueryRowContext(ctx, "SELECT user_version FROM pragma_user_version").Scan(&version); err != nil {
		return err
	}
	if version == len(migrations) {
		return nil
	}
	for {
		applied := false
		err := s.write(ctx, func(tx *sql.Tx) error {
			var appID, version, tables int64
			err := tx.QueryRowContext(ctx, `SELECT
				(SELECT application_id FROM pragma_application_id),
				(SELECT user_version FROM pragma_user_version),
				(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\')`).
				Scan(&appID, &version, &tables)
			if err != nil {
				return err
			}
			// inspect checked this before, read-only; check again now that we
			// hold the write lock, in case the file changed in between.
			switch {
			case appID != 0 && appID != applicationID, appID == 0 && (version != 0 || tables != 0):
				return notDvaprep("it changed while it was being opened")
			case version > int64(len(migrations)):
				return fmt.Errorf("%w (schema %d; this build knows up to %d); upgrade dvaprep or pass --db PATH",
					ErrNewerSchema, version, len(migrations))
			case version == int64(len(migrations)):
				return nil
			}
			if fn := goMigrations[int(version)]; fn != nil {
				if err := fn(ctx, tx); err != nil {
					return fmt.Errorf("migration %d: %w", version+1, err)
				}
			} else if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
				return fmt.Errorf("migration %d: %w", version+1, err)
			}
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
				return fmt.Errorf("migration %d: %w", version+1, err)
			}
			applied = true
			return nil
		})
		if err != nil || !applied {
			return err
		}
	}
}
