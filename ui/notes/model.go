// Package notes is the notes browser: a table of contents grouped by exam domain, a pager that shows one
// note rendered with glamour, a global fuzzy search over every heading and line, find-in-note, and
// bookmarks. Rendering and store writes run in commands; Update only moves state.
package notes

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	notesidx "dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/study"
	"dvaprep/ui/common"
)

type mode int

const (
	modeTOC mode = iota
	modePager
	modeSearch
	modeFind
	modeBookmarks
)

// Model is the notes screen.
type Model struct {
	ctx   *common.Context
	owner common.Owner // this screen, for the results of its writes
	keys  KeyMap
	mode  mode
	back  mode // where esc returns from search, find and bookmarks
	from  mode // where esc in the pager returns: the contents, search or bookmarks

	toc  toc
	read map[string]bool

	pager pager

	input   textinput.Model
	results []notesidx.Result
	suggest []string // "did you mean" when nothing matches
	sel     int

	marks   []study.Bookmark
	markSel int
	marked  map[string]bool

	places map[string]study.NotePosition // where the reader stopped in each note

	linked bool // opened at a link from another screen: esc in the pager returns there
}

// New opens the notes screen: at the table of contents, in search, in the bookmarks, or at a link such as
// "sqs#visibility-timeout".
func New(ctx *common.Context, a common.NotesArg) (*Model, error) {
	m := &Model{ctx: ctx, keys: DefaultKeyMap(), read: map[string]bool{}, marked: map[string]bool{},
		places: map[string]study.NotePosition{}, owner: common.NewOwner()}
	m.toc = newTOC(ctx.Pack)
	m.pager = newPager()
	m.input = common.NewInput("/ ", "search every note: try visibility timeout, dlq, kms rotation", 200)
	switch {
	case a.Search:
		m.openSearch()
	case a.Bookmarks:
		m.mode = modeBookmarks
	case a.Link != "":
		n, sec, ok := ctx.Pack.Section(a.Link)
		if n == nil || !ok {
			return nil, fmt.Errorf("no note section %q", a.Link)
		}
		m.toc.selectNote(n.ID)
		m.openNote(n, target{slug: sec.Slug})
		m.linked = true
	}
	return m, nil
}

// Init loads what the store knows: sections read and bookmarks.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.loadRead(), m.loadBookmarks(), m.loadPlaces(), m.pager.renderCmd(m.ctx))
}

// Title names the screen for the header.
func (m *Model) Title() string {
	if m.mode == modePager || (m.mode == modeFind) {
		return "Notes › " + m.pager.note.Title
	}
	return "Notes"
}

// KeyMap returns the keys of the current mode.
func (m *Model) KeyMap() help.KeyMap {
	k := m.keys.inMode(m.mode)
	k.wide = m.ctx.Width >= wideFooter
	return k
}

// Capturing is true while the search or find field has focus.
func (m *Model) Capturing() bool { return m.mode == modeSearch || m.mode == modeFind }

type readLoadedMsg struct {
	read map[string]bool
	err  error
}

type bookmarksMsg struct {
	list []study.Bookmark
	err  error
}

// savedMsg says a write of this screen was stored.
type savedMsg struct {
	owner common.Owner
	what  string
}

// save sends a write to the root's queue; what is said once it is stored ("" for nothing).
func (m *Model) save(what, status string, do func(ctx context.Context, s common.NotesStudy) error) tea.Cmd {
	s, owner := m.study(), m.owner
	if s == nil {
		return nil
	}
	return m.ctx.Write(common.Write{Owner: owner, What: what, Do: func(ctx context.Context) (tea.Msg, error) {
		if err := do(ctx, s); err != nil {
			return nil, err
		}
		return savedMsg{owner: owner, what: status}, nil
	}})
}

func (m *Model) loadRead() tea.Cmd {
	st, ctx := m.study(), m.ctx.Background()
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		r, err := st.ReadSections(ctx)
		return readLoadedMsg{r, err}
	}
}

func (m *Model) loadBookmarks() tea.Cmd {
	st, ctx := m.study(), m.ctx.Background()
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		l, err := st.Bookmarks(ctx)
		return bookmarksMsg{l, err}
	}
}

// Update moves the screen's state; I/O happens in the commands it returns.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.pager.resize(m.ctx)
	case common.ThemeMsg:
		return m, m.pager.renderCmd(m.ctx)
	case common.ResumeMsg:
		return m, tea.Batch(m.loadRead(), m.loadBookmarks())
	case renderedMsg:
		cmd := m.pager.rendered(m.ctx, msg)
		return m, tea.Batch(cmd, m.trackRead())
	case placesMsg:
		if msg.err != nil {
			return m, common.Status(msg.err.Error(), true)
		}
		for id, p := range msg.places {
			if _, ok := m.places[id]; !ok {
				m.places[id] = p
			}
		}
		return m, nil
	case readLoadedMsg:
		if msg.err != nil {
			return m, common.Status(msg.err.Error(), true)
		}
		m.read = msg.read
		return m, nil
	case bookmarksMsg:
		if msg.err != nil {
			return m, common.Status(msg.err.Error(), true)
		}
		m.marks = msg.list
		m.marked = map[string]bool{}
		for _, b := range msg.list {
			m.marked[b.Section] = true
		}
		m.markSel = min(m.markSel, max(len(m.marks)-1, 0))
		return m, nil
	case savedMsg:
		if msg.owner != m.owner {
			return m, nil
		}
		if msg.what != "" {
			return m, tea.Batch(common.Status(msg.what, false), m.loadBookmarks())
		}
		return m, nil
	case tea.KeyPressMsg:
		switch m.mode {
		case modeSearch:
			return m, m.updateSearch(msg)
		case modeFind:
			return m, m.updateFind(msg)
		case modeBookmarks:
			return m, m.updateBookmarks(msg)
		case modePager:
			return m, m.updatePager(msg)
		}
		return m, m.updateTOC(msg)
	case tea.MouseWheelMsg:
		switch m.mode {
		case modePager:
			return m, tea.Batch(m.pager.scroll(msg), m.trackRead())
		case modeTOC:
			if msg.Button == tea.MouseWheelUp {
				m.toc.Move(-3)
			} else if msg.Button == tea.MouseWheelDown {
				m.toc.Move(3)
			}
		}
	}
	if m.mode == modeSearch {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

// openNote shows a note in the pager and asks for its render.
func (m *Model) openNote(n *pack.Note, t target) tea.Cmd {
	m.from = m.mode
	if m.from != modeSearch && m.from != modeBookmarks {
		m.from = modeTOC
	}
	m.mode = modePager
	m.pager.open(n, t)
	return m.pager.renderCmd(m.ctx)
}

// trackRead records the section on screen as read, once per section, through a command.
func (m *Model) trackRead() tea.Cmd {
	place := m.keepPlace(false)
	key := m.pager.currentKey()
	if key == "" || m.read[key] || m.ctx.Study == nil {
		return place
	}
	m.read[key] = true
	return tea.Batch(place, m.save("that you read "+key, "", func(ctx context.Context, s common.NotesStudy) error {
		return s.MarkRead(ctx, key)
	}))
}

// View draws the current mode.
func (m *Model) View() string {
	w, h := m.ctx.Width, m.ctx.BodyHeight()
	switch m.mode {
	case modePager, modeFind:
		return m.pager.view(m.ctx, m.findBar(), m.marked[m.pager.bookmarkKey()])
	case modeSearch:
		return m.searchView(w, h)
	case modeBookmarks:
		return m.bookmarksView(w, h)
	}
	return m.toc.view(m.ctx, m.read, w, h)
}

func (m *Model) findBar() string {
	if m.mode == modeFind {
		return m.pager.find.input.View()
	}
	if q := m.pager.find.query; q != "" {
		f := &m.pager.find
		if len(f.hits) == 0 {
			return "no match for " + quoteShort(q)
		}
		return fmt.Sprintf("match %d/%d for %s · n/N next/prev", f.idx+1, len(f.hits), quoteShort(q))
	}
	return ""
}

func sectionKey(noteID, slug string) string {
	if slug == "" {
		return noteID
	}
	return noteID + "#" + slug
}

func trimQuery(s string) string { return strings.TrimSpace(s) }

// study is the part of the study layer this screen uses, or nil without a database.
func (m *Model) study() common.NotesStudy {
	if m.ctx.Study == nil {
		return nil
	}
	return m.ctx.Study
}
