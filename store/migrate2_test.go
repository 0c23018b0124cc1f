package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// dumpTable returns every row of a query as text, for comparing a table before and after a migration.
func dumpTable(t *testing.T, s *Store, query string) []string {
	t.Helper()
	rows, err := s.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = fmt.Sprintf("%v", v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

// TestMigrationFromSchema1KeepsEveryRow builds a database of the first schema, fills every table, upgrades
// it and checks that every row is still there with the same values, that attempts and answer events got
// unique UUIDs, and that the new rules (immutable attempts) hold.
func TestMigrationFromSchema1KeepsEveryRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	orig, origGo := migrations, goMigrations
	migrations, goMigrations = orig[:1], nil
	s, err := Open(t.Context(), path)
	migrations, goMigrations = orig, origGo
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC).UnixMilli()
	_, err = s.db.Exec(`
INSERT INTO exam_sessions (id, kind, created_at, deadline, status, config, finished_at, result) VALUES
	(1, 'mock', ?1, ?1 + 7800000, 'submitted', '{"a":1}', ?1 + 600000, '{"score":700}'),
	(2, 'drill', ?1 + 1000, NULL, 'active', '{}', NULL, NULL);
INSERT INTO exam_answers VALUES
	(1, 0, 'q1', '[1]', 0, 1200, ?1 + 1),
	(1, 1, 'q2', '[0,2]', 1, 3400, ?1 + 2),
	(2, 0, 'q3', '', 1, 0, ?1 + 3);
INSERT INTO attempts (id, item_id, kind, domain, task, score, choice, correct_choice, time_ms, source, session_id, at) VALUES
	(1, 'q1', 'question', 'd1', '1.1', 1, 'B', 'B', 1200, 'exam', 1, ?1 + 600000),
	(2, 'q2', 'question', 'd2', '2.1', 0, 'A + C', 'A + B', 3400, 'exam', 1, ?1 + 600000),
	(5, 'fan/n1', 'decision', 'd1', '1.2', 0.5, 'sns', 'eventbridge', 0, 'scenario', 1, ?1 + 700000);
INSERT INTO scenario_runs VALUES (1, 'fan', ?1, ?1 + 800000, '[{"node":"n1"}]', 0.5, 1);
INSERT INTO review_cards VALUES ('q2', 'question', 'd2', '2.1', 1.5, 6.2, ?1 + 900000, ?1 + 600000, 1, 0, 1, ?1 + 600000);
INSERT INTO notes_read VALUES ('sqs#dlq', ?1, ?1 + 5, 3);
INSERT INTO bookmarks VALUES ('sqs#dlq', ?1, 'DLQ');`, at)
	if err != nil {
		t.Fatal(err)
	}
	const sessionCols = "id, kind, created_at, deadline, status, config, finished_at, result"
	const runCols = "id, scenario_id, started_at, finished_at, path, score, max_score"
	const attemptCols = "id, item_id, kind, domain, task, score, choice, correct_choice, time_ms, source, session_id, at"
	before := map[string][]string{
		"attempts":  dumpTable(t, s, "SELECT "+attemptCols+" FROM attempts ORDER BY id"),
		"answers":   dumpTable(t, s, "SELECT session_id, position, question_id, choice, flagged, time_ms, updated_at FROM exam_answers ORDER BY 1, 2"),
		"sessions":  dumpTable(t, s, "SELECT "+sessionCols+" FROM exam_sessions ORDER BY id"),
		"runs":      dumpTable(t, s, "SELECT "+runCols+" FROM scenario_runs ORDER BY id"),
		"cards":     dumpTable(t, s, "SELECT * FROM review_cards ORDER BY item_id"),
		"read":      dumpTable(t, s, "SELECT * FROM notes_read ORDER BY section"),
		"bookmarks": dumpTable(t, s, "SELECT * FROM bookmarks ORDER BY section"),
	}
	s.Close()

	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaInt(t, s, "user_version"); got != int64(len(migrations)) {
		t.Fatalf("user_version = %d, want %d", got, len(migrations))
	}
	after := map[string][]string{
		"attempts":  dumpTable(t, s, "SELECT "+attemptCols+" FROM attempts ORDER BY id"),
		"answers":   dumpTable(t, s, "SELECT session_id, position, question_id, choice, flagged, time_ms, updated_at FROM exam_answers ORDER BY 1, 2"),
		"sessions":  dumpTable(t, s, "SELECT "+sessionCols+" FROM exam_sessions ORDER BY id"),
		"runs":      dumpTable(t, s, "SELECT "+runCols+" FROM scenario_runs ORDER BY id"),
		"cards":     dumpTable(t, s, "SELECT * FROM review_cards ORDER BY item_id"),
		"read":      dumpTable(t, s, "SELECT * FROM notes_read ORDER BY section"),
		"bookmarks": dumpTable(t, s, "SELECT * FROM bookmarks ORDER BY section"),
	}
	for table, rows := range before {
		if len(rows) == 0 {
			t.Fatalf("%s: the test put no rows in it", table)
		}
		if !slices.Equal(rows, after[table]) {
			t.Errorf("%s changed:\nbefore %q\nafter  %q", table, rows, after[table])
		}
	}

	uids := dumpTable(t, s, `SELECT uid FROM attempts UNION ALL SELECT uid FROM exam_answer_events
		UNION ALL SELECT uid FROM exam_sessions UNION ALL SELECT uid FROM scenario_runs`)
	seen := map[string]bool{}
	for _, u := range uids {
		if len(u) != 36 || seen[u] {
			t.Errorf("UID %q is not a fresh UUID", u)
		}
		seen[u] = true
	}
	if len(uids) != 9 {
		t.Errorf("%d UIDs, want 9 (3 attempts, 3 answers, 2 exams, 1 run)", len(uids))
	}
	// A UUIDv7 made for an old row carries the row's own time.
	var uid string
	if err := s.db.QueryRow("SELECT uid FROM attempts WHERE id = 1").Scan(&uid); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%012x", at+600000); strings.ReplaceAll(uid, "-", "")[:12] != want {
		t.Errorf("UID %s does not start with the attempt's time %s", uid, want)
	}
	if _, err := s.db.Exec("UPDATE attempts SET score = 0 WHERE id = 1"); err == nil {
		t.Error("an attempt was changed in place")
	}

	// The old IDs go on: a new attempt follows the highest, and the active exam takes answers.
	id, err := s.RecordAttempt(context.Background(), Attempt{ItemID: "q9", Kind: KindQuestion, Source: SourceDrill})
	if err != nil || id != 6 {
		t.Errorf("new attempt id %d, %v; want 6", id, err)
	}
	if err := s.SaveAnswer(context.Background(), 2, Answer{Position: 0, QuestionID: "q3", Choice: "[2]"}); err != nil {
		t.Fatal(err)
	}
	as, err := s.ExamAnswers(context.Background(), 2)
	if err != nil || len(as) != 1 || as[0].Choice != "[2]" || as[0].Flagged {
		t.Errorf("answers after a new event: %+v, %v", as, err)
	}
}
