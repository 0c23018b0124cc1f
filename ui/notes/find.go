package notes

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"dvaprep/ui/common"
)

// finder is find-in-note: the query, where it matches in the rendered note, and which match is current.
type finder struct {
	input textinput.Model
	query string
	hits  []hit
	idx   int
}

// hit is one match: a rendered row and the cell columns it spans.
type hit struct{ row, start, end int }

func newFinder() finder {
	return finder{input: common.NewInput("find: ", "text in this note", 100)}
}

func (f *finder) reset() {
	f.query, f.hits, f.idx = "", nil, 0
	f.input.SetValue("")
	f.input.Blur()
}

// refresh finds every match of the query in the rendered note and highlights them.
func (f *finder) refresh(p *pager) {
	f.hits = nil
	q := strings.ToLower(f.query)
	if q == "" {
		p.highlight()
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
	f.idx = 0
	for i, h := range f.hits {
		if h.row >= p.vp.YOffset() {
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
		f.query = strings.TrimSpace(f.input.Value())
		f.refresh(&m.pager)
		return m.trackRead()
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}
