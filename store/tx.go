package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// querier is what reads and writes need of a database or a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is one write transaction. The study layer composes a use case ("finish this exam: its result, its
// attempts and their review cards") from its methods, so that the use case is stored whole or not at all.
type Tx struct {
	s  *Store
	tx *sql.Tx
}

// Update runs fn in one immediate transaction and commits it if fn returns nil. A database busy past the
// busy timeout is tried again a few times. what names the use case in the error.
func (s *Store) Update(ctx context.Context, what string, fn func(tx *Tx) error) error {
	err := s.write(ctx, func(tx *sql.Tx) error { return fn(&Tx{s: s, tx: tx}) })
	if err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// InsertAttempt stores an attempt, giving it a UID and time when it has none, and reports whether it is
// new: false when an attempt with the same UID was stored before, so that a retried write counts once.
func (t *Tx) InsertAttempt(ctx context.Context, a *Attempt) (bool, error) {
	return t.s.insertAttempt(ctx, t.tx, a)
}

// GetCard returns the review card of an item, or nil.
func (t *Tx) GetCard(ctx context.Context, itemID string) (*Card, error) {
	return t.s.getCard(ctx, t.tx, itemID)
}

// PutCard creates or replaces a review card.
func (t *Tx) PutCard(ctx context.Context, c Card) error { return t.s.putCard(ctx, t.tx, c) }

// AttemptExists reports whether an attempt with this UID is stored.
func (t *Tx) AttemptExists(ctx context.Context, uid string) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, "SELECT count(*) FROM attempts WHERE uid = ?", uid).Scan(&n)
	return n > 0, err
}

// SessionItems is the set of items with an attempt recorded for an exam session or scenario run.
func (t *Tx) SessionItems(ctx context.Context, sessionID int64) (map[string]bool, error) {
	return t.s.stringSet(ctx, t.tx, "list a session's items", "SELECT item_id FROM attempts WHERE session_id = ?", sessionID)
}

// ExamSessionByUID returns the session with this UID, or nil.
func (t *Tx) ExamSessionByUID(ctx context.Context, uid string) (*ExamSession, error) {
	e, err := scanSession(t.tx.QueryRowContext(ctx, selectSession+" WHERE uid = ?", uid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}
