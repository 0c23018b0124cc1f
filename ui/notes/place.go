package notes

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"dvaprep/study"
	"dvaprep/ui/common"
)

// The reader's place in each note is stored, so a note opened from the contents reopens where the reader
// stopped. It is saved when the section on screen changes and when the reader leaves the note.

type placesMsg struct {
	places map[string]study.NotePosition
	err    error
}

func (m *Model) loadPlaces() tea.Cmd {
	st, ctx := m.study(), m.ctx.Background()
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		p, err := st.NotePositions(ctx)
		return placesMsg{p, err}
	}
}

// place is the pager's place: the section on screen and the text of its top line, unless that line is
// the section's heading or blank.
func (p *pager) place() (study.NotePosition, bool) {
	if p.note == nil || !p.loaded {
		return study.NotePosition{}, false
	}
	pos := study.NotePosition{Section: p.currentSlug()}
	top := p.vp.YOffset()
	if p.anchor >= top && p.anchor < top+p.vp.Height() {
		top = p.anchor
	}
	if top >= 0 && top < len(p.plain) && !p.isHeadingRow(top) {
		pos.LineText = strings.Join(strings.Fields(p.plain[top]), " ")
	}
	return pos, true
}

func (p *pager) isHeadingRow(row int) bool {
	for _, r := range p.sectionRows {
		if r == row {
			return true
		}
	}
	return false
}

// placeTarget is where a note opens by default: the stored place, or its top.
func (m *Model) placeTarget(noteID string) target {
	if pos, ok := m.places[noteID]; ok {
		return target{slug: pos.Section, text: pos.LineText}
	}
	return target{}
}

// keepPlace saves the reader's place: always when leaving (force), else only when the section changed.
func (m *Model) keepPlace(force bool) tea.Cmd {
	pos, ok := m.pager.place()
	if !ok {
		return nil
	}
	id := m.pager.note.ID
	old, had := m.places[id]
	if had && (old == pos || (!force && old.Section == pos.Section)) {
		return nil
	}
	m.places[id] = pos
	return m.save("your place in "+m.pager.note.Title, "", func(ctx context.Context, s common.NotesStudy) error {
		return s.SetNotePosition(ctx, id, pos)
	})
}
