package markdown

import (
	"fmt"
	"io"
	"math"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters"
)

// chromaFormatter names the formatter glamour highlights code blocks with. It prints what chroma's own
// "terminal256" prints, except that it is deterministic: chroma finds a token's nearest palette colour by
// ranging over a map, so where two entries are equally near (grey 241 and 242 for the Dark style's comment
// colour, #676767) two renders of one note differed, and so did each `go generate ./content/`. Here the
// palette is searched in index order and a tie goes to the lower index.
const chromaFormatter = "dvaprep-terminal256"

func init() { formatters.Register(chromaFormatter, terminal256{}) }

// paletteEntry is one colour of the xterm 256-colour palette and the index an escape sequence names it by.
type paletteEntry struct {
	colour chroma.Colour
	index  int
}

// palette256 is the xterm palette as chroma's terminal256 table holds it: the 16 system colours, the 6×6×6
// cube and 24 greys. A colour listed twice (black is 0 and 16, white 15 and 231) keeps its later index, as
// the later key of chroma's map literal wins. Entries are in index order.
var palette256 = func() []paletteEntry {
	system := []string{"#000000", "#800000", "#008000", "#808000", "#000080", "#800080", "#008080", "#c0c0c0",
		"#808080", "#ff0000", "#00ff00", "#ffff00", "#0000ff", "#ff00ff", "#00ffff", "#ffffff"}
	all := make([]chroma.Colour, 0, 256)
	for _, s := range system {
		all = append(all, chroma.MustParseColour(s))
	}
	levels := []uint8{0, 0x5f, 0x87, 0xaf, 0xd7, 0xff}
	for _, r := range levels {
		for _, g := range levels {
			for _, b := range levels {
				all = append(all, chroma.NewColour(r, g, b))
			}
		}
	}
	for i := range 24 {
		v := uint8(8 + 10*i)
		all = append(all, chroma.NewColour(v, v, v))
	}
	last := map[chroma.Colour]int{}
	for i, c := range all {
		last[c] = i
	}
	var out []paletteEntry
	for i, c := range all {
		if last[c] == i {
			out = append(out, paletteEntry{c, i})
		}
	}
	return out
}()

// closest256 is the palette index nearest to c, by chroma's colour distance; the lower index on a tie.
func closest256(c chroma.Colour) int {
	best, dist := 0, math.MaxFloat64
	for _, e := range palette256 {
		if d := e.colour.Distance(c); d < dist {
			best, dist = e.index, d
		}
	}
	return best
}

// terminal256 is chroma's 256-colour terminal formatter with a deterministic palette search (closest256).
type terminal256 struct{}

// Format writes the tokens with the escape sequences of style, as chroma's indexed terminal formatter does:
// the style's background is cleared, and a token without an entry of its own takes its subcategory's, its
// category's, plain text's or the background's.
func (terminal256) Format(w io.Writer, style *chroma.Style, it chroma.Iterator) error {
	builder := style.Builder()
	bg := builder.Get(chroma.Background)
	bg.Background = 0
	bg.NoInherit = true
	builder.AddEntry(chroma.Background, bg)
	style, err := builder.Build()
	if err != nil {
		return err
	}
	theme := map[chroma.TokenType]string{}
	for _, tt := range style.Types() {
		theme[tt] = escape256(style.Get(tt))
	}
	for token := it(); token != chroma.EOF; token = it() {
		clr, ok := theme[token.Type]
		if !ok {
			if clr, ok = theme[token.Type.SubCategory()]; !ok {
				if clr, ok = theme[token.Type.Category()]; !ok {
					if clr, ok = theme[chroma.Text]; !ok {
						clr = theme[chroma.Background]
					}
				}
			}
		}
		if clr != "" {
			if _, err := io.WriteString(w, clr); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, token.Value); err != nil {
			return err
		}
		if clr != "" {
			if _, err := io.WriteString(w, "\033[0m"); err != nil {
				return err
			}
		}
	}
	return nil
}

// escape256 is the escape sequence of one style entry.
func escape256(e chroma.StyleEntry) string {
	out := ""
	if e.Bold == chroma.Yes {
		out += "\033[1m"
	}
	if e.Underline == chroma.Yes {
		out += "\033[4m"
	}
	if e.Italic == chroma.Yes {
		out += "\033[3m"
	}
	if e.Colour.IsSet() {
		out += fmt.Sprintf("\033[38;5;%dm", closest256(e.Colour))
	}
	if e.Background.IsSet() {
		out += fmt.Sprintf("\033[48;5;%dm", closest256(e.Background))
	}
	return out
}
