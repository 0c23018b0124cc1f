package notes

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"dvaprep/pack"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
)

// target is where to scroll once a note is rendered: a section. A note opened from search then moves on
// to the section's first match (see finder.words).
type target struct {
	slug string
	text string // the text of the line to bring to the top, within the section (the reader's place); "" for the heading
}

type pager struct {
	note        *pack.Note
	vp          viewport.Model
	width       int
	theme       markdown.Theme
	plain       []string // rendered lines without ANSI codes, for finding headings and matches
	lines       []string // rendered lines
	sectionRows []int    // rendered row of each note section; -1 if not found
	pending     *target
	anchor      int // the row jumped to last; it names the current section even when the note cannot scroll there
	loaded      bool
	preview     string // the first screenful, rendered alone, shown until the whole note is rendered
	find        finder
}

// renderedMsg carries a finished render and what it was made for, so a late one is dropped.
type renderedMsg struct {
	noteID string
	width  int
	theme  markdown.Theme
	out    string
	err    error
	// preview marks a render of the first screenful only: it is shown until the whole note arrives, and
	// next renders the whole note.
	preview bool
	next    tea.Cmd
}

func newPager() pager {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "space")),
		PageUp:       key.NewBinding(key.WithKeys("pgup")),
		HalfPageUp:   key.NewBinding(key.WithKeys("ctrl+u")),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d")),
		Up:           key.NewBinding(key.WithKeys("up", "k")),
		Down:         key.NewBinding(key.WithKeys("down", "j")),
	}
	return pager{vp: vp, find: newFinder(), anchor: -1}
}

func (p *pager) open(n *pack.Note, t target) {
	p.note = n
	p.loaded = false
	p.preview = ""
	p.pending = &t
	p.find.reset()
	p.vp.SetContent("")
	p.vp.SetYOffset(0)
}

func (p *pager) resize(ctx *common.Context) tea.Cmd {
	if ctx.Width < common.MinWidth || ctx.Height < common.MinHeight {
		// The app shows "terminal too small" instead of the note: keep the render and the place as they
		// are, so a brief narrow resize does not lose the reader's place.
		return nil
	}
	p.vp.SetWidth(ctx.Width)
	p.vp.SetHeight(max(ctx.BodyHeight()-2, 1))
	if p.note != nil && (ctx.MarkdownWidth() != p.width || ctx.Theme() != p.theme) {
		// Keep the reader's place, down to the line at the top, across the re-render.
		if pos, ok := p.place(); ok && pos.Section != "" && p.pending == nil {
			p.pending = &target{slug: pos.Section, text: pos.LineText}
		}
		return p.renderCmd(ctx)
	}
	return nil
}

// renderCmd renders the open note in a command. The cache makes a repeat free.
func (p *pager) renderCmd(ctx *common.Context) tea.Cmd {
	if p.note == nil || ctx.Width == 0 {
		return nil
	}
	n, w, theme, r := p.note, ctx.MarkdownWidth(), ctx.Theme(), ctx.Markdown
	whole := func() tea.Msg {
		out, err := r.Render(markdown.NoteID(n.ID), n.Body, w, theme)
		return renderedMsg{noteID: n.ID, width: w, theme: theme, out: out, err: err}
	}
	if _, ok := r.Cached(markdown.NoteID(n.ID), w, theme); ok || p.loaded {
		return whole // a cached render is instant; a re-render after a resize keeps the old one on screen
	}
	// A long note shows its first screenful, from the section asked for, while the rest renders.
	from := 0
	if p.pending != nil {
		for _, s := range n.Sections {
			if s.Slug == p.pending.slug {
				from = s.Line
			}
		}
	}
	head := markdown.Head(n.Body, from, ctx.Width*ctx.BodyHeight())
	if len(head) == len(n.Body) {
		return whole
	}
	first := func() tea.Msg {
		out, err := r.Render("", head, w, theme)
		if err != nil {
			return whole() // the whole render reports it
		}
		return renderedMsg{noteID: n.ID, width: w, theme: theme, out: out, preview: true, next: whole}
	}
	return first
}

// rendered shows a finished render. After the first screenful it returns the command that renders the rest.
func (p *pager) rendered(ctx *common.Context, msg renderedMsg) tea.Cmd {
	if p.note == nil || msg.noteID != p.note.ID || msg.width != ctx.MarkdownWidth() || msg.theme != ctx.Theme() {
		return nil // a late render for something no longer on screen
	}
	if msg.preview {
		if !p.loaded {
			p.preview = msg.out
		}
		return msg.next
	}
	p.preview = ""
	out := msg.out
	if msg.err != nil {
		out = "Could not render this note: " + msg.err.Error() + "\n\n" + p.note.Body
	}
	lines := strings.Split(out, "\n")
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = ansi.Strip(l)
	}
	// The same text again keeps the reader's place, anchor and all: a new theme, or a second render the root
	// asked for by sending a new screen its size along with Init. (Its colours may differ: syntax highlighting
	// is not deterministic.) Only the anchor names a linked section near the end, which cannot scroll to the top.
	same := p.loaded && p.pending == nil && slices.Equal(plain, p.plain)
	p.width, p.theme, p.loaded = msg.width, msg.theme, true
	p.lines, p.plain = lines, plain
	p.sectionRows = headingRows(p.note, p.plain)
	p.vp.SetWidth(ctx.Width)
	p.vp.SetHeight(max(ctx.BodyHeight()-2, 1))
	p.vp.SetContent(out)
	if !same {
		p.anchor = -1
	}
	if p.pending != nil {
		p.jumpTo(p.rowOf(*p.pending))
		p.pending = nil
	}
	p.find.refresh(p)
	return nil
}

// headingRows finds each section's heading in the rendered lines, in order.
func headingRows(n *pack.Note, plain []string) []int {
	rows := make([]int, len(n.Sections))
	from := 0
	for i, s := range n.Sections {
		rows[i] = -1
		want := strings.ToLower(s.Heading)
		for r := from; r < len(plain); r++ {
			line := strings.ToLower(strings.TrimSpace(plain[r]))
			if strings.HasSuffix(strings.TrimRight(line, " "), want) || strings.TrimLeft(line, "# ") == want {
				rows[i], from = r, r+1
				break
			}
		}
	}
	return rows
}

// rowOf is the rendered row a target points at.
func (p *pager) rowOf(t target) int {
	row := 0
	for i, s := range p.note.Sections {
		if s.Slug == t.slug && p.sectionRows[i] >= 0 {
			row = p.sectionRows[i]
		}
	}
	if t.text == "" {
		return row
	}
	// Look for the line's first words from the section heading on: the text may wrap differently now.
	ws := strings.Fields(strings.ToLower(t.text))
	for n := min(len(ws), 5); n >= 2; n-- {
		probe := strings.Join(ws[:n], " ")
		for r := row; r < len(p.plain); r++ {
			if strings.Contains(strings.Join(strings.Fields(strings.ToLower(p.plain[r])), " "), probe) {
				return r
			}
		}
	}
	return row
}

// scroll passes a key or the mouse wheel to the viewport. The reader's place follows the viewport once it
// moves; a key that scrolls nothing (a digit, or down at the end) keeps the section jumped to.
func (p *pager) scroll(msg tea.Msg) tea.Cmd {
	before := p.vp.YOffset()
	var cmd tea.Cmd
	p.vp, cmd = p.vp.Update(msg)
	if p.vp.YOffset() != before {
		p.anchor = -1
	}
	return cmd
}

// jumpTo scrolls a row to the top, or as near as the note allows, and remembers it as the reader's place.
func (p *pager) jumpTo(row int) {
	p.vp.SetYOffset(row)
	p.anchor = row
}

// currentIndex is the section whose heading is at or above the top of the viewport, or at the row last
// jumped to while that row is on screen.
func (p *pager) currentIndex() int {
	if p.note != nil && !p.loaded && p.pending != nil {
		// Still rendering: the section asked for, so b at once bookmarks the section the link named.
		for i, s := range p.note.Sections {
			if s.Slug == p.pending.slug {
				return i
			}
		}
	}
	if p.note == nil || !p.loaded {
		return -1
	}
	top := p.vp.YOffset() + 1
	if p.anchor >= p.vp.YOffset() && p.anchor < p.vp.YOffset()+p.vp.Height() {
		top = p.anchor
	}
	cur := -1
	for i, r := range p.sectionRows {
		if r >= 0 && r <= top {
			cur = i
		}
	}
	if cur < 0 && len(p.note.Sections) > 0 {
		cur = 0
	}
	return cur
}

// inIntro says the top of the screen is the note's introduction, above its first heading: the header then names
// the note alone, not a section the reader has not reached.
func (p *pager) inIntro() bool {
	if p.note == nil || !p.loaded {
		return false
	}
	top := p.vp.YOffset() + 1
	if p.anchor >= p.vp.YOffset() && p.anchor < p.vp.YOffset()+p.vp.Height() {
		top = p.anchor
	}
	for _, r := range p.sectionRows {
		if r >= 0 && r <= top {
			return false
		}
	}
	return true
}

func (p *pager) currentSlug() string {
	if i := p.currentIndex(); i >= 0 {
		return p.note.Sections[i].Slug
	}
	return ""
}

// currentKey is the section on screen as a link, for reading progress and bookmarks.
func (p *pager) currentKey() string {
	if p.currentIndex() < 0 {
		return ""
	}
	return sectionKey(p.note.ID, p.currentSlug())
}

func (p *pager) jumpSection(delta int) {
	if !p.loaded {
		return // no rows to jump to yet
	}
	i := p.currentIndex() + delta
	if delta > 0 && p.currentIndex() >= 0 && p.sectionRows[p.currentIndex()] > p.vp.YOffset()+1 {
		i = p.currentIndex()
	}
	for i >= 0 && i < len(p.sectionRows) {
		if r := p.sectionRows[i]; r >= 0 {
			p.jumpTo(r)
			return
		}
		i += delta
	}
}

func (m *Model) updatePager(msg tea.KeyPressMsg) tea.Cmd {
	k, p := m.keys.inMode(modePager), &m.pager
	switch {
	case key.Matches(msg, k.Back):
		if p.find.query != "" {
			fromSearch := p.find.hl != nil
			p.find.reset()
			p.highlight()
			if !fromSearch {
				return nil // esc first clears a find; the search's words go with the note
			}
		}
		place := m.keepPlace(true)
		if m.linked {
			return tea.Batch(place, common.Back())
		}
		m.mode, m.back = m.from, modeTOC
		if m.mode == modeSearch {
			return tea.Batch(place, m.input.Focus())
		}
		return place
	case key.Matches(msg, k.Find):
		m.mode = modeFind
		p.find.input.SetValue("")
		return p.find.input.Focus()
	case key.Matches(msg, k.Search):
		m.back = modePager
		return tea.Batch(m.keepPlace(true), m.openSearch())
	case key.Matches(msg, k.Next):
		p.find.step(p, 1)
	case key.Matches(msg, k.Prev):
		p.find.step(p, -1)
	case key.Matches(msg, k.Top):
		p.vp.GotoTop()
		p.anchor = -1
	case key.Matches(msg, k.Bottom):
		p.vp.GotoBottom()
		p.anchor = -1
	case key.Matches(msg, k.NextSection):
		p.jumpSection(1)
	case key.Matches(msg, k.PrevSection):
		p.jumpSection(-1)
	case key.Matches(msg, k.Bookmarks):
		m.back = modePager
		m.mode = modeBookmarks
		return tea.Batch(m.keepPlace(true), m.loadBookmarks())
	case key.Matches(msg, k.Bookmark):
		return m.toggleBookmark()
	default:
		return tea.Batch(p.scroll(msg), m.trackRead())
	}
	return m.trackRead()
}

// bookmarkKey is what b bookmarks: what the header names. On the note's introduction, above its first
// heading, that is the note itself (its ID, a link to its top); elsewhere the section on screen.
func (p *pager) bookmarkKey() string {
	if p.inIntro() {
		return p.note.ID
	}
	return p.currentKey()
}

func (m *Model) toggleBookmark() tea.Cmd {
	key := m.pager.bookmarkKey()
	if key == "" || m.ctx.Study == nil {
		return nil
	}
	label, kind := m.pager.note.Title, "the note "
	if key != m.pager.note.ID {
		if i := m.pager.currentIndex(); i >= 0 {
			label, kind = label+" › "+m.pager.note.Sections[i].Heading, "the section "
		}
	}
	on := !m.marked[key]
	what := "Bookmark removed: " + kind + label
	if on {
		what = "Bookmarked " + kind + label
		if kind == "the note " {
			what += " (it opens at its top)"
		}
	}
	m.marked[key] = on // shown at once; the list reloads once it is stored
	return m.save("a bookmark", what, func(ctx context.Context, s common.NotesStudy) error {
		return s.SetBookmark(ctx, key, label, on)
	})
}

func (p *pager) view(ctx *common.Context, bar string, bookmarked bool) string {
	st := ctx.Styles
	if p.note == nil {
		return ""
	}
	title := st.Title.Render(p.note.Title)
	if i := p.currentIndex(); i >= 0 && !p.inIntro() {
		title += st.Subtle.Render(" › " + p.note.Sections[i].Heading)
	}
	if bookmarked {
		title += st.Warn.Render(" ★ bookmarked")
	}
	body := "Rendering…"
	switch {
	case p.loaded:
		body = p.vp.View()
	case p.preview != "":
		body = p.preview
	}
	pos := fmt.Sprintf("%3.0f%%", p.vp.ScrollPercent()*100)
	if p.vp.TotalLineCount() <= p.vp.Height() {
		pos = "all"
	}
	status := st.Subtle.Render(pos)
	if bar != "" {
		status = bar + "  " + status
	}
	h := max(ctx.BodyHeight()-2, 1)
	return common.Truncate(title, ctx.Width) + "\n" + common.Fit(body, ctx.Width, h) + "\n" + common.Truncate(status, ctx.Width)
}
