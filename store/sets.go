package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// ErrSetChanged means a practice set was frozen already with other questions than the ones given: another
// window started it first on a different bank. A set never changes once taken.
var ErrSetChanged = errors.New("the practice set was frozen with other questions")

// PracticeSets returns the frozen practice sets of a pack, by number: the question IDs each was first
// taken with. They never change.
func (s *Store) PracticeSets(ctx context.Context, packID string) (map[int][]string, error) {
	out, err := practiceSets(ctx, s.db, packID)
	if err != nil {
		return nil, s.wrap("read the practice sets", err)
	}
	return out, nil
}

func practiceSets(ctx context.Context, q querier, packID string) (map[int][]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT number, questions FROM practice_sets WHERE pack_id = ? ORDER BY number", packID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int][]string{}
	for rows.Next() {
		var (
			n    int
			text string
			ids  []string
		)
		if err := rows.Scan(&n, &text); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(text), &ids); err != nil {
			return nil, fmt.Errorf("practice set %d: %w", n, err)
		}
		out[n] = ids
	}
	return out, rows.Err()
}

// FreezePracticeSet stores the questions of a practice set the first time it is taken. Freezing it again
// with the same questions does nothing; with others it fails with ErrSetChanged.
func (t *Tx) FreezePracticeSet(ctx context.Context, packID string, number int, ids []string) error {
	if number <= 0 || len(ids) == 0 {
		return fmt.Errorf("practice set %d with %d questions cannot be frozen", number, len(ids))
	}
	var text string
	err := t.tx.QueryRowContext(ctx, "SELECT questions FROM practice_sets WHERE pack_id = ? AND number = ?",
		packID, number).Scan(&text)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		data, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		_, err = t.tx.ExecContext(ctx, "INSERT INTO practice_sets (pack_id, number, questions, frozen_at) VALUES (?, ?, ?, ?)",
			packID, number, string(data), t.s.now().UnixMilli())
		return err
	case err != nil:
		return err
	}
	var have []string
	if err := json.Unmarshal([]byte(text), &have); err != nil {
		return fmt.Errorf("practice set %d: %w", number, err)
	}
	a, b := slices.Sorted(slices.Values(have)), slices.Sorted(slices.Values(ids))
	if !slices.Equal(a, b) {
		return fmt.Errorf("set %d: %w", number, ErrSetChanged)
	}
	return nil
}

// PracticeSets returns the frozen sets inside the transaction.
func (t *Tx) PracticeSets(ctx context.Context, packID string) (map[int][]string, error) {
	return practiceSets(ctx, t.tx, packID)
}

// SetAttempts lists the submitted sessions on practice sets, oldest first.
func (s *Store) SetAttempts(ctx context.Context) ([]ExamSession, error) {
	rows, err := s.db.QueryContext(ctx,
		selectSession+" WHERE status = 'submitted' AND practice_set > 0 ORDER BY finished_at, id")
	if err != nil {
		return nil, s.wrap("list the practice set attempts", err)
	}
	defer rows.Close()
	var out []ExamSession
	for rows.Next() {
		e, err := scanSession(rows)
		if err != nil {
			return nil, s.wrap("list the practice set attempts", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list the practice set attempts", err)
	}
	return out, nil
}

// Setting returns a setting's value and whether it is set.
func (s *Store) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, s.wrap("read setting "+key, err)
	}
	return v, true, nil
}

// SetSetting stores a setting; an empty value removes it. Setting it twice is setting it once.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return s.wrap("store a setting", errors.New("empty key"))
	}
	var err error
	if value == "" {
		_, err = s.exec(ctx, "DELETE FROM settings WHERE key = ?", key)
	} else {
		_, err = s.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			key, value, s.now().UnixMilli())
	}
	if err != nil {
		return s.wrap("store setting "+key, err)
	}
	return nil
}
