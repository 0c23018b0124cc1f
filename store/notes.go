package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// MarkRead records that a notes section ("note-id#slug") was read now.
func (s *Store) MarkRead(ctx context.Context, section string) error {
	what := "mark section read " + section
	if section == "" {
		return s.wrap(what, fmt.Errorf("empty section key"))
	}
	now := s.now().UnixMilli()
	_, err := s.exec(ctx, `INSERT INTO notes_read (section, first_read, last_read, count) VALUES (?1, ?2, ?2, 1)
		ON CONFLICT (section) DO UPDATE SET last_read = excluded.last_read, count = count + 1`, section, now)
	if err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// ReadSections is the set of section keys ever read.
func (s *Store) ReadSections(ctx context.Context) (map[string]bool, error) {
	return s.stringSet(ctx, s.db, "list read sections", "SELECT section FROM notes_read")
}

// ToggleBookmark bookmarks a section, or removes its bookmark if it has one,
// and reports whether it is bookmarked now. The label is kept only when a
// bookmark is added.
func (s *Store) ToggleBookmark(ctx context.Context, section, label string) (bool, error) {
	what := "toggle bookmark " + section
	if section == "" {
		return false, s.wrap(what, fmt.Errorf("empty section key"))
	}
	var marked bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM bookmarks WHERE section = ?", section)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n > 0 {
			marked = false
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO bookmarks (section, created_at, label) VALUES (?, ?, ?)",
			section, s.now().UnixMilli(), label)
		marked = err == nil
		return err
	})
	if err != nil {
		return false, s.wrap(what, err)
	}
	return marked, nil
}

// Bookmark is a section the user wants to find again.
type Bookmark struct {
	Section   string // "note-id#slug"
	Label     string
	CreatedAt time.Time
}

// Bookmarks lists bookmarks newest first.
func (s *Store) Bookmarks(ctx context.Context) ([]Bookmark, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT section, label, created_at FROM bookmarks ORDER BY created_at DESC, section")
	if err != nil {
		return nil, s.wrap("list bookmarks", err)
	}
	defer rows.Close()
	var out []Bookmark
	for rows.Next() {
		var (
			b  Bookmark
			at int64
		)
		if err := rows.Scan(&b.Section, &b.Label, &at); err != nil {
			return nil, s.wrap("list bookmarks", err)
		}
		b.CreatedAt = time.UnixMilli(at).UTC()
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list bookmarks", err)
	}
	return out, nil
}

// SetBookmark bookmarks a section (on) or removes its bookmark. Unlike a toggle, doing it twice is the same
// as doing it once, so a retried write cannot undo itself. An existing bookmark keeps its label and time.
func (s *Store) SetBookmark(ctx context.Context, section, label string, on bool) error {
	what := "bookmark " + section
	if section == "" {
		return s.wrap(what, fmt.Errorf("empty section key"))
	}
	var err error
	if on {
		_, err = s.exec(ctx, `INSERT INTO bookmarks (section, created_at, label) VALUES (?, ?, ?)
			ON CONFLICT (section) DO NOTHING`, section, s.now().UnixMilli(), label)
	} else {
		_, err = s.exec(ctx, "DELETE FROM bookmarks WHERE section = ?", section)
	}
	if err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// NotePosition is where the reader stopped in a note: the section slug, and the text of the line at the
// top of the screen, which finds the place again at any width.
type NotePosition struct {
	Section  string
	LineText string
}

// maxLineText bounds the stored line text: a probe needs only its first words.
const maxLineText = 200

// SetNotePosition records where the reader stopped in a note. Doing it twice is doing it once.
func (s *Store) SetNotePosition(ctx context.Context, noteID string, p NotePosition) error {
	what := "save the place in note " + noteID
	if noteID == "" {
		return s.wrap(what, fmt.Errorf("empty note id"))
	}
	if r := []rune(p.LineText); len(r) > maxLineText {
		p.LineText = string(r[:maxLineText])
	}
	_, err := s.exec(ctx, `INSERT INTO note_positions (note_id, section, line_text, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (note_id) DO UPDATE SET section = excluded.section, line_text = excluded.line_text,
		updated_at = excluded.updated_at`, noteID, p.Section, p.LineText, s.now().UnixMilli())
	if err != nil {
		return s.wrap(what, err)
	}
	return nil
}

// NotePositions is where the reader stopped in each note read, by note ID.
func (s *Store) NotePositions(ctx context.Context) (map[string]NotePosition, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT note_id, section, line_text FROM note_positions")
	if err != nil {
		return nil, s.wrap("list note positions", err)
	}
	defer rows.Close()
	out := map[string]NotePosition{}
	for rows.Next() {
		var id string
		var p NotePosition
		if err := rows.Scan(&id, &p.Section, &p.LineText); err != nil {
			return nil, s.wrap("list note positions", err)
		}
		out[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list note positions", err)
	}
	return out, nil
}
