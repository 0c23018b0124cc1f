package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Card is the spaced-repetition state of one item. The store keeps it; the
// review package decides what the numbers mean.
type Card struct {
	ItemID     string // question ID, or "scenario-id/node-id"
	Kind       Kind
	Domain     string
	Task       string
	Stability  float64
	Difficulty float64
	Due        time.Time // when it should come back; kept to the millisecond, returned in UTC
	LastReview time.Time // zero if never reviewed
	Reps       int
	Lapses     int
	State      int       // the scheduler's state enum
	UpdatedAt  time.Time // set by the store
}

const selectCard = `SELECT item_id, kind, domain, task, stability, difficulty, due, last_review,
	reps, lapses, state, updated_at FROM review_cards`

func scanCard(sc interface{ Scan(...any) error }) (Card, error) {
	var (
		c            Card
		kind         string
		due, updated int64
		last         sql.NullInt64
	)
	err := sc.Scan(&c.ItemID, &kind, &c.Domain, &c.Task, &c.Stability, &c.Difficulty, &due, &last,
		&c.Reps, &c.Lapses, &c.State, &updated)
	c.Kind = Kind(kind)
	c.Due, c.LastReview = time.UnixMilli(due).UTC(), fromMS(last)
	c.UpdatedAt = time.UnixMilli(updated).UTC()
	return c, err
}

// GetCard returns the card of an item, or nil if it has none yet.
func (s *Store) GetCard(ctx context.Context, itemID string) (*Card, error) {
	return s.getCard(ctx, s.db, itemID)
}

func (s *Store) getCard(ctx context.Context, q querier, itemID string) (*Card, error) {
	c, err := scanCard(q.QueryRowContext(ctx, selectCard+" WHERE item_id = ?", itemID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.wrap("read review card "+itemID, err)
	}
	return &c, nil
}

// PutCard creates or replaces the card of c.ItemID.
func (s *Store) PutCard(ctx context.Context, c Card) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.putCard(ctx, tx, c) })
}

func (s *Store) putCard(ctx context.Context, q querier, c Card) error {
	what := "save review card " + c.ItemID
	if c.ItemID == "" || !c.Kind.valid() || c.Due.IsZero() {
		return s.wrap(what, fmt.Errorf("a card needs an item ID, a known kind and a due time (got %q, %q, %v)",
			c.ItemID, c.Kind, c.Due))
	}
	_, err := q.ExecContext(ctx, `INSERT INTO review_cards
			(item_id, kind, domain, task, stability, difficulty, due, last_review, reps, lapses, state, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (item_id) DO UPDATE SET
			kind = excluded.kind, domain = excluded.domain, task = excluded.task,
			stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,
			last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses,
			state = excluded.state, updated_at = excluded.updated_at`,
		c.ItemID, string(c.Kind), c.Domain, c.Task, c.Stability, c.Difficulty, c.Due.UnixMilli(),
		ms(c.LastReview), c.Reps, c.Lapses, c.State, s.now().UnixMilli())
	if err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// DueCards returns up to limit cards due at or before now, most overdue
// first. A limit of 0 or less returns them all.
func (s *Store) DueCards(ctx context.Context, now time.Time, limit int) ([]Card, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := s.db.QueryContext(ctx, selectCard+" WHERE due <= ? ORDER BY due, item_id LIMIT ?",
		now.UnixMilli(), limit)
	if err != nil {
		return nil, s.wrap("list due review cards", err)
	}
	defer rows.Close()
	var out []Card
	for rows.Next() {
		c, err := scanCard(rows)
		if err != nil {
			return nil, s.wrap("list due review cards", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list due review cards", err)
	}
	return out, nil
}

// CountDue counts the cards due at or before now, for the "N due"
// badge on the home screen.
func (s *Store) CountDue(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM review_cards WHERE due <= ?", now.UnixMilli()).Scan(&n)
	if err != nil {
		return 0, s.wrap("count due review cards", err)
	}
	return n, nil
}
