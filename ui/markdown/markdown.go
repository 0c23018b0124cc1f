// Package markdown renders pack markdown for the terminal with glamour. It keeps a small pool of glamour
// renderers per (width, theme), because a renderer is not safe for concurrent use, and caches outputs by
// (document, width, theme), so a resize renders only what is on screen and a repeat render is free. The
// cache is bounded in bytes and drops the least recently used render first.
// A long document is rendered one group of sections per core and joined.
package markdown

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"charm.land/glamour/v2"
)

// Theme picks the glamour style. It is always chosen explicitly, never "auto", inside a running program.
type Theme int

// The themes: Dark and Light adapt to the terminal background; Plain has no colour, for text that is
// piped or read under NO_COLOR.
const (
	Dark Theme = iota
	Light
	Plain
)

type rendererKey struct {
	width int
	theme Theme
}

type docKey struct {
	id    string
	width int
	theme Theme
}

// Renderer renders and caches markdown. The zero value is not usable; call New.
type Renderer struct {
	mu    sync.Mutex
	idle  map[rendererKey][]*glamour.TermRenderer // renderers not in use
	cache *lru
}

// New returns an empty renderer whose cache holds at most DefaultCacheBytes.
func New() *Renderer { return NewWithLimit(DefaultCacheBytes) }

// NewWithLimit returns an empty renderer whose cache holds at most limit bytes of rendered output.
func NewWithLimit(limit int) *Renderer {
	return &Renderer{idle: map[rendererKey][]*glamour.TermRenderer{}, cache: newLRU(limit)}
}

// parallelFrom is the size from which a document is split and its parts rendered at the same time.
const parallelFrom = 4096

// Render renders md at width for theme. id names the document for the cache ("note:sqs",
// "q:d1-sqs-01:stem"); an empty id skips the cache. Safe for concurrent use.
func (r *Renderer) Render(id, md string, width int, theme Theme) (string, error) {
	width = max(width, 20)
	k := docKey{id, width, theme}
	if id != "" {
		if out, ok := r.Cached(id, width, theme); ok {
			return out, nil
		}
	}
	md = prepare(md, width)
	parts := []string{md}
	if len(md) >= parallelFrom {
		parts = split(md, runtime.GOMAXPROCS(0))
	}
	outs := make([]string, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = r.renderOne(p, width, theme)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return "", err
		}
	}
	// Rendered alone, each part loses the blank line that separated it from the one before.
	out := strings.Join(outs, "\n\n")
	if id != "" {
		r.mu.Lock()
		r.cache.put(k, out)
		r.mu.Unlock()
	}
	return out, nil
}

// Cached returns a finished render without rendering, so a view can show it synchronously.
func (r *Renderer) Cached(id string, width int, theme Theme) (string, bool) {
	width = max(width, 20)
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cache.get(docKey{id, width, theme})
}

func (r *Renderer) renderOne(md string, width int, theme Theme) (string, error) {
	tr, err := r.acquire(rendererKey{width, theme})
	if err != nil {
		return "", err
	}
	defer r.release(rendererKey{width, theme}, tr)
	out, err := tr.Render(md)
	if err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	out = restoreCode.Replace(out)
	if theme == Plain {
		out = trimLines(out)
	}
	return strings.Trim(out, "\n"), nil
}

func (r *Renderer) acquire(k rendererKey) (*glamour.TermRenderer, error) {
	r.mu.Lock()
	if idle := r.idle[k]; len(idle) > 0 {
		tr := idle[len(idle)-1]
		r.idle[k] = idle[:len(idle)-1]
		r.mu.Unlock()
		return tr, nil
	}
	r.mu.Unlock()
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(k.theme.styleConfig()), glamour.WithWordWrap(k.width),
		glamour.WithChromaFormatter(chromaFormatter))
	if err != nil {
		return nil, fmt.Errorf("make markdown renderer: %w", err)
	}
	return tr, nil
}

func (r *Renderer) release(k rendererKey, tr *glamour.TermRenderer) {
	r.mu.Lock()
	r.idle[k] = append(r.idle[k], tr)
	r.mu.Unlock()
}

// documentMargin is the blank margin glamour's styles keep on each side of the text.
const documentMargin = 2

// prepare turns pack markdown into what glamour renders well at width: soft breaks joined, tables that
// would cut words stacked as records, short code spans kept whole.
func prepare(md string, width int) string {
	md = unwrap(md)
	md = stackTables(md, width-2*documentMargin)
	return protectCode(md)
}

// trimLines drops the spaces glamour pads every line with.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// split cuts md before top-level "## " headings (outside code fences) into at most n parts of similar size.
func split(md string, n int) []string {
	if n < 2 {
		return []string{md}
	}
	lines := strings.Split(md, "\n")
	var cuts []int // line numbers where a section starts
	fence := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if !fence && i > 0 && strings.HasPrefix(l, "## ") {
			cuts = append(cuts, i)
		}
	}
	if len(cuts) == 0 {
		return []string{md}
	}
	target := len(md) / n
	var parts []string
	start, size := 0, 0
	for i, l := range lines {
		if len(parts) < n-1 && size >= target && isCut(cuts, i) {
			parts = append(parts, strings.Join(lines[start:i], "\n"))
			start, size = i, 0
		}
		size += len(l) + 1
	}
	return append(parts, strings.Join(lines[start:], "\n"))
}

func isCut(cuts []int, i int) bool {
	for _, c := range cuts {
		if c == i {
			return true
		}
	}
	return false
}

// Doc is one markdown document to render, named for the cache.
type Doc struct{ ID, MD string }

// Missing returns the documents that are not cached yet at width and theme.
func (r *Renderer) Missing(docs []Doc, width int, theme Theme) []Doc {
	var out []Doc
	for _, d := range docs {
		if _, ok := r.Cached(d.ID, width, theme); !ok {
			out = append(out, d)
		}
	}
	return out
}

// RenderAll renders every document into the cache and returns the first error. Screens call it in a
// command, then show the renders from the cache.
func (r *Renderer) RenderAll(docs []Doc, width int, theme Theme) error {
	var first error
	for _, d := range docs {
		if _, err := r.Render(d.ID, d.MD, width, theme); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Head is the start of md from line from (0-based) on: at least maxBytes of it, cut at the first blank line
// outside a code fence after that, so it renders as the same blocks the whole document starts with. A pager
// renders it first, to show the first screenful while the whole document renders. It returns md from that
// line whole when that is short enough.
func Head(md string, from, maxBytes int) string {
	start := 0
	for i := 0; i < from; i++ {
		nl := strings.IndexByte(md[start:], '\n')
		if nl < 0 {
			return ""
		}
		start += nl + 1
	}
	md = md[start:]
	if len(md) <= maxBytes {
		return md
	}
	fence, pos := false, 0
	for pos < len(md) {
		end := strings.IndexByte(md[pos:], '\n')
		if end < 0 {
			return md
		}
		line := strings.TrimSpace(md[pos : pos+end])
		if strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") {
			fence = !fence
		}
		if !fence && line == "" && pos >= maxBytes {
			return md[:pos]
		}
		pos += end + 1
	}
	return md
}
