package notes

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	notesidx "dvaprep/notes"
	"dvaprep/ui/common"
)

// finder is find-in-note: the query, where it matches in the rendered note, and which match is current.
// A note opened from search finds the search's words (hl) rather than the query as one string.
type finder struct {
	input textinput.Model
	query string
	hl    *notesidx.Highlighter
	hits  []hit
	idx   int
}

// hit is one match: a rendered row and the cell columns it spans.
type hit struct{ row, start, end int }

func newFinder() finder {
	return finder{input: common.NewInput("find: ", "text in this note", 100)}
}

func (f *finder) reset() {
	f.query, f.hl, f.hits, f.idx = "", nil, nil, 0
	f.input.SetValue("")
	f.input.Blur()
}

// words makes the finder look for the words of a search query, as search matched them, once the note is
// rendered.
func (f *finder) words(query string, hl *notesidx.Highlighter) {
	if hl.Empty() {
		return
	}
	f.query, f.hl = query, hl
}

// wordHits finds the highlighter's words in every rendered line, as cell columns.
func (f *finder) wordHits(p *pager) {
	for row, line := range p.plain {
		spans := f.hl.Find(line)
		if len(spans) == 0 {
			continue
		}
		runes := []rune(line)
		for _, sp := range spans {
			start := ansi.StringWidth(string(runes[:sp[0]]))
			f.hits = append(f.hits, hit{row, start, start + ansi.StringWidth(string(runes[sp[0]:sp[1]]))})
		}
	}
}

// refresh finds every match of the query in the rendered note and highlights them. The current match is
// the first at or after the place the note was opened at.
func (f *finder) refresh(p *pager) {
	f.hits = nil
	q := strings.ToLower(f.query)
	if q == "" {
		p.highlight()
		return
	}
	if f.hl != nil {
		f.wordHits(p)
		f.current(p)
		return
	}
	for row, line := range p.plain {
		low := strings.ToLower(line)
		if len(low) != len(line) {
			continue // case folding changed byte offsets; skip rather than mis-highlight
		}
		for from := 0; ; {
			i := strings.Index(low[from:], q)
			if i < 0 {
				break
			}
			start := ansi.StringWidth(line[:from+i])
			end := start + ansi.StringWidth(line[from+i:from+i+len(q)])
			f.hits = append(f.hits, hit{row, start, end})
			from += i + len(q)
		}
	}
	f.current(p)
}

func (f *finder) current(p *pager) {
	from := p.vp.YOffset()
	if p.anchor >= 0 {
		from = p.anchor
	}
	f.idx = 0
	for i, h := range f.hits {
		if h.row >= from {
			f.idx = i
			break
		}
	}
	p.highlight()
	f.show(p)
}

func (f *finder) step(p *pager, d int) {
	if len(f.hits) == 0 {
		return
	}
	f.idx = (f.idx + d + len(f.hits)) % len(f.hits)
	p.highlight()
	f.show(p)
}

// show scrolls so the current match is on screen, a few rows from the top.
func (f *finder) show(p *pager) {
	if len(f.hits) == 0 {
		return
	}
	row := f.hits[f.idx].row
	if row < p.vp.YOffset() || row >= p.vp.YOffset()+p.vp.Height() {
		p.vp.SetYOffset(max(row-2, 0))
	}
	p.anchor = row
}

// highlight redraws the content with every match marked and the current one stronger.
func (p *pager) highlight() {
	if !p.loaded {
		return
	}
	if len(p.find.hits) == 0 {
		off := p.vp.YOffset()
		p.vp.SetContent(strings.Join(p.lines, "\n"))
		p.vp.SetYOffset(off)
		return
	}
	lines := append([]string(nil), p.lines...)
	other := lipgloss.NewStyle().Reverse(true)
	current := lipgloss.NewStyle().Reverse(true).Bold(true).Underline(true)
	byRow := map[int][]int{}
	for i, h := range p.find.hits {
		byRow[h.row] = append(byRow[h.row], i)
	}
	for row, idxs := range byRow {
		line, plain := p.lines[row], p.plain[row]
		var b strings.Builder
		col := 0
		for _, i := range idxs {
			h := p.find.hits[i]
			b.WriteString(ansi.Cut(line, col, h.start))
			st := other
			if i == p.find.idx {
				st = current
			}
			b.WriteString(st.Render(ansi.Cut(plain, h.start, h.end)))
			col = h.end
		}
		b.WriteString(ansi.Cut(line, col, ansi.StringWidth(line)))
		lines[row] = b.String()
	}
	off := p.vp.YOffset()
	p.vp.SetContent(strings.Join(lines, "\n"))
	p.vp.SetYOffset(off)
}

func (m *Model) updateFind(msg tea.KeyPressMsg) tea.Cmd {
	f := &m.pager.find
	switch {
	case key.Matches(msg, m.keys.Back):
		f.input.Blur()
		m.mode = modePager
		return nil
	case key.Matches(msg, m.keys.Open):
		f.input.Blur()
		m.mode = modePager
		f.query, f.hl = strings.TrimSpace(f.input.Value()), nil
		f.refresh(&m.pager)
		return m.trackRead()
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}
