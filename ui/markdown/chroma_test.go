package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/quick"
)

// codeMD has a code block whose comment is the Dark style's comment colour, #676767, equally near palette
// greys 241 (#626262) and 242 (#6c6c6c).
const codeMD = "Some text.\n\n```python\n# a comment\ndef handler(event, context):\n    return {\"statusCode\": 200}  # done\n```\n\n```yaml\n# another\nTimeout: 30\n```\n"

// Rendering the same note twice in the Dark style gives the same bytes. Chroma's terminal256 picked between
// the equally near greys at random, so the renders (and `go generate ./content/`) differed from run to run.
// Fresh renderers each time, several times over, since a random pick can agree twice by chance.
func TestDarkRenderIsDeterministic(t *testing.T) {
	first, err := New().Render("", codeMD, 80, Dark)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first, "38;5;241m") {
		t.Errorf("the comment is not grey 241, the lower of the two equally near greys:\n%q", first)
	}
	for i := range 20 {
		again, err := New().Render("", codeMD, 80, Dark)
		if err != nil {
			t.Fatal(err)
		}
		if again != first {
			at := 0
			for at < min(len(first), len(again)) && first[at] == again[at] {
				at++
			}
			t.Fatalf("render %d differs from the first at byte %d: %q, then %q", i+2, at,
				first[max(at-20, 0):min(at+20, len(first))], again[max(at-20, 0):min(at+20, len(again))])
		}
	}
}

// The palette search: a palette colour maps to itself, and a tie to the lower index.
func TestClosest256(t *testing.T) {
	for _, e := range palette256 {
		if got := closest256(e.colour); got != e.index {
			t.Errorf("%s: closest %d, want its own index %d", e.colour, got, e.index)
		}
	}
	if got := closest256(chroma.MustParseColour("#676767")); got != 241 {
		t.Errorf("#676767, as near 241 as 242: got %d, want 241", got)
	}
	// Listed twice: black, grey 8 (#808080, also 244), the bright primaries, yellow, magenta, cyan and white.
	if len(palette256) != 256-9 {
		t.Errorf("%d distinct palette colours", len(palette256))
	}
}

// Apart from the colour numbers chroma may pick at random, the formatter prints what chroma's own
// terminal256 prints.
func TestFormatterMatchesChroma(t *testing.T) {
	num := regexp.MustCompile(`([34]8;5;)[0-9]+`)
	code := "# comment\nimport os\n\ndef f(x: int) -> str:\n    return f\"{x}\" + 'y'  # trailing\n"
	for _, style := range []string{"monokai", "github", "dracula"} {
		var want, got bytes.Buffer
		if err := quick.Highlight(&want, code, "python", "terminal256", style); err != nil {
			t.Fatal(err)
		}
		if err := quick.Highlight(&got, code, "python", chromaFormatter, style); err != nil {
			t.Fatal(err)
		}
		if num.ReplaceAllString(got.String(), "${1}N") != num.ReplaceAllString(want.String(), "${1}N") {
			t.Errorf("%s:\n got %q\nwant %q", style, got.String(), want.String())
		}
	}
}
