// Package markdown renders pack markdown for the terminal with glamour. It keeps one renderer per
// (width, theme), because a glamour renderer is not safe for concurrent use, and caches every output by
// (document, width, theme), so a resize renders only what is on screen and a repeat render is free.
package markdown

import (
	"fmt"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
)

// Theme picks the glamour style. It is always chosen explicitly, never "auto", inside a running program.
type Theme int

// The themes: Dark and Light adapt to the terminal background; Plain has no colour, for NO_COLOR.
const (
	Dark Theme = iota
	Light
	Plain
)

func (t Theme) style() string {
	switch t {
	case Light:
		return styles.LightStyle
	case Plain:
		return styles.NoTTYStyle
	}
	return styles.DarkStyle
}

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
	mu        sync.Mutex
	renderers map[rendererKey]*glamour.TermRenderer
	cache     map[docKey]string
}

// New returns an empty renderer cache.
func New() *Renderer {
	return &Renderer{renderers: map[rendererKey]*glamour.TermRenderer{}, cache: map[docKey]string{}}
}

// Render renders md at width for theme. id names the document for the cache ("note:sqs",
// "q:d1-sqs-01:stem"); an empty id skips the cache. Safe for concurrent use.
func (r *Renderer) Render(id, md string, width int, theme Theme) (string, error) {
	width = max(width, 20)
	k := docKey{id, width, theme}
	r.mu.Lock()
	defer r.mu.Unlock()
	if id != "" {
		if out, ok := r.cache[k]; ok {
			return out, nil
		}
	}
	tr, err := r.renderer(width, theme)
	if err != nil {
		return "", err
	}
	out, err := tr.Render(unwrap(md))
	if err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	out = strings.Trim(out, "\n")
	if id != "" {
		r.cache[k] = out
	}
	return out, nil
}

// Cached returns a finished render without rendering, so a view can show it synchronously.
func (r *Renderer) Cached(id string, width int, theme Theme) (string, bool) {
	width = max(width, 20)
	r.mu.Lock()
	defer r.mu.Unlock()
	out, ok := r.cache[docKey{id, width, theme}]
	return out, ok
}

func (r *Renderer) renderer(width int, theme Theme) (*glamour.TermRenderer, error) {
	k := rendererKey{width, theme}
	if tr, ok := r.renderers[k]; ok {
		return tr, nil
	}
	tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle(theme.style()), glamour.WithWordWrap(width))
	if err != nil {
		return nil, fmt.Errorf("make markdown renderer: %w", err)
	}
	r.renderers[k] = tr
	return tr, nil
}
