package markdown

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// RenderVersion names the rendering code of this package. Bump it by hand whenever a change here (prepare,
// the styles, trimLines, …) can change what Render prints: the key of every pre-render (KeyOf) holds it, so
// the pre-renders made before the change are no longer used, and TestPrerendersMatchLive (in content) fails
// until `go generate ./content/` makes new ones.
const RenderVersion = 2

// RenderModules are the versions of the modules that draw a render (glamour and what it draws with), as
// go.mod requires them; the key of every pre-render holds them too. A test (TestRenderModulesMatchGoMod)
// fails when go.mod requires other versions and prints the new value. They are written here rather than
// read from the build information because a test binary carries no module versions, and a key must be the
// same in the generator, the tests and dvaprep.
const RenderModules = `charm.land/glamour/v2 v2.0.1
charm.land/lipgloss/v2 v2.1.0
github.com/alecthomas/chroma/v2 v2.14.0
github.com/charmbracelet/colorprofile v0.4.3
github.com/charmbracelet/x/ansi v0.11.9
github.com/clipperhouse/displaywidth v0.11.0
github.com/clipperhouse/uax29/v2 v2.7.0
github.com/lucasb-eyer/go-colorful v1.4.1
github.com/rivo/uniseg v0.4.7
github.com/yuin/goldmark v1.7.8
github.com/yuin/goldmark-emoji v1.0.5
`

var rendererID = fmt.Sprintf("dvaprep-markdown %d\n%s", RenderVersion, RenderModules)

// PrerenderWidths and PrerenderThemes are what `go generate ./content/` pre-renders `notes show` at: 80
// columns when piped or when the terminal's width is unknown, 100 (its widest) on most terminals; Plain when
// piped or under NO_COLOR, Dark on a terminal. Any other width or theme renders live.
var (
	PrerenderWidths = []int{80, 100}
	PrerenderThemes = []Theme{Plain, Dark}
)

// PrerenderKey identifies a render of md at width in theme by this rendering code and these modules
// (see RenderVersion): equal keys mean Render would print the same.
type PrerenderKey [16]byte

// KeyOf returns the key of a render of md at width in theme.
func KeyOf(md string, width int, theme Theme) PrerenderKey {
	h := sha256.New()
	io.WriteString(h, rendererID)
	fmt.Fprintf(h, "%d\x00%d\x00", max(width, 20), theme)
	io.WriteString(h, md)
	var k PrerenderKey
	copy(k[:], h.Sum(nil))
	return k
}

// Prerender is one document to render ahead of time.
type Prerender struct {
	MD    string
	Width int
	Theme Theme
}

// prerenderMagic starts an encoded set of pre-renders:
//
//	magic count(uint32) count × (key(16 bytes) offset(uint32) length(uint32)), sorted by key; then the
//	renders, each compressed with DEFLATE, at offset from the end of the table.
var prerenderMagic = []byte("dvaprep-renders\x00")

const prerenderEntry = 16 + 4 + 4

// CompilePrerenders renders every document with Render and encodes the renders for LookupPrerender.
// Duplicates (the same markdown at the same width and theme) are stored once.
func CompilePrerenders(docs []Prerender) ([]byte, error) {
	r := New()
	type entry struct {
		key  PrerenderKey
		data []byte
	}
	seen := map[PrerenderKey]bool{}
	var entries []entry
	for _, d := range docs {
		k := KeyOf(d.MD, d.Width, d.Theme)
		if seen[k] {
			continue
		}
		seen[k] = true
		out, err := r.Render("", d.MD, d.Width, d.Theme)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		w, err := flate.NewWriter(&b, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		io.WriteString(w, out)
		if err := w.Close(); err != nil {
			return nil, err
		}
		entries = append(entries, entry{k, b.Bytes()})
	}
	sort.Slice(entries, func(i, j int) bool { return bytes.Compare(entries[i].key[:], entries[j].key[:]) < 0 })
	var out bytes.Buffer
	out.Write(prerenderMagic)
	out.Write(binary.BigEndian.AppendUint32(nil, uint32(len(entries))))
	off := 0
	for _, e := range entries {
		out.Write(e.key[:])
		out.Write(binary.BigEndian.AppendUint32(nil, uint32(off)))
		out.Write(binary.BigEndian.AppendUint32(nil, uint32(len(e.data))))
		off += len(e.data)
	}
	for _, e := range entries {
		out.Write(e.data)
	}
	return out.Bytes(), nil
}

// errBadPrerenders means the encoded pre-renders are damaged.
var errBadPrerenders = errors.New("pre-rendered notes: damaged")

// LookupPrerender returns the pre-render of md at width in theme from data (made by CompilePrerenders), if
// it holds one made by this rendering code and these modules. ok is false when it holds none, and err is
// set when data is damaged; either way the caller renders live.
func LookupPrerender(data []byte, md string, width int, theme Theme) (out string, ok bool, err error) {
	if len(data) == 0 {
		return "", false, nil
	}
	head := len(prerenderMagic) + 4
	if len(data) < head || !bytes.Equal(data[:len(prerenderMagic)], prerenderMagic) {
		return "", false, errBadPrerenders
	}
	n := int(binary.BigEndian.Uint32(data[len(prerenderMagic):]))
	if n > (len(data)-head)/prerenderEntry {
		return "", false, errBadPrerenders
	}
	table := data[head : head+n*prerenderEntry]
	blob := data[head+n*prerenderEntry:]
	k := KeyOf(md, width, theme)
	i := sort.Search(n, func(i int) bool { return bytes.Compare(table[i*prerenderEntry:i*prerenderEntry+16], k[:]) >= 0 })
	if i == n || !bytes.Equal(table[i*prerenderEntry:i*prerenderEntry+16], k[:]) {
		return "", false, nil
	}
	e := table[i*prerenderEntry:]
	off, size := uint64(binary.BigEndian.Uint32(e[16:])), uint64(binary.BigEndian.Uint32(e[20:]))
	if off+size > uint64(len(blob)) {
		return "", false, errBadPrerenders
	}
	rd := flate.NewReader(bytes.NewReader(blob[off : off+size]))
	defer rd.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, io.LimitReader(rd, 64<<20)); err != nil {
		return "", false, errBadPrerenders
	}
	return b.String(), true, nil
}
