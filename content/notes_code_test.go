package content_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// codeBlock is one fenced block of a note, with the file line on which its text starts.
type codeBlock struct {
	lang, text string
	line       int
}

// fencedBlocks returns the ``` blocks of a markdown body; bodyLine is the file line of the body's first line.
func fencedBlocks(body string, bodyLine int) []codeBlock {
	var blocks []codeBlock
	var cur *codeBlock
	var lines []string
	for i, l := range strings.Split(body, "\n") {
		trimmed := strings.TrimSpace(l)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```"):
			cur = &codeBlock{lang: strings.ToLower(strings.TrimSpace(strings.TrimPrefix(trimmed, "```"))), line: bodyLine + i + 1}
			lines = nil
		case cur != nil && trimmed == "```":
			cur.text = strings.Join(lines, "\n")
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			lines = append(lines, l)
		}
	}
	return blocks
}

// checkCode parses a block in its language: JSON must be valid JSON, YAML valid YAML (CloudFormation short tags
// such as !Ref, !Sub and !GetAtt are plain YAML tags and parse).
func checkCode(b codeBlock) error {
	switch b.lang {
	case "json":
		var v any
		if err := json.Unmarshal([]byte(b.text), &v); err != nil {
			return fmt.Errorf("invalid JSON: %w", err)
		}
	case "yaml", "yml":
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(b.text), &n); err != nil {
			return fmt.Errorf("invalid YAML: %w", err)
		}
	}
	return nil
}

// TestNoteCodeBlocksParse keeps the notes' example JSON and YAML runnable: a learner copies them.
func TestNoteCodeBlocksParse(t *testing.T) {
	p := load(t)
	counted := map[string]int{}
	for _, n := range p.Notes {
		for _, b := range fencedBlocks(n.Body, n.BodyLine) {
			counted[b.lang]++
			if err := checkCode(b); err != nil {
				t.Errorf("%s:%d: %v", n.File, b.line, err)
			}
		}
	}
	if counted["json"]+counted["yaml"]+counted["yml"] == 0 {
		t.Fatal("found no json or yaml blocks in the notes: the block finder is broken")
	}
	t.Logf("code blocks by language: %v", counted)
}

func TestCheckCodeCatchesBadBlocks(t *testing.T) {
	cases := []struct {
		lang, text string
		ok         bool
	}{
		{"json", `{"a": 1}`, true},
		{"json", `{"a": 1,}`, false},
		{"json", `{"a": 1} // comment`, false},
		{"yaml", "Resources:\n  Fn:\n    Properties:\n      Role: !GetAtt Role.Arn\n      Name: !Sub '${AWS::StackName}-fn'\n      Bucket: !Ref B\n", true},
		{"yaml", "a: [1, 2\nb: 3\n", false},
		{"yaml", "a: 1\n\tb: 2\n", false},
		{"bash", "{not json", true},
	}
	for _, c := range cases {
		err := checkCode(codeBlock{lang: c.lang, text: c.text})
		if (err == nil) != c.ok {
			t.Errorf("%s %q: err = %v, want ok %v", c.lang, c.text, err, c.ok)
		}
	}
	blocks := fencedBlocks("x\n```json\n{}\n```\n\n```yaml\na: 1\n```\n", 10)
	if len(blocks) != 2 || blocks[0].lang != "json" || blocks[0].line != 12 || blocks[1].text != "a: 1" {
		t.Errorf("fencedBlocks = %+v", blocks)
	}
}

var noteLinkRE = regexp.MustCompile(`\]\(([a-z0-9-]*)#([a-z0-9-]+)\)`)

// TestNoteBodyLinksResolve keeps the links written inside note text ([text](note#section) or [text](#section))
// pointing at sections that exist, so "stated once, linked from the other" survives a heading change.
func TestNoteBodyLinksResolve(t *testing.T) {
	p := load(t)
	links := 0
	for _, n := range p.Notes {
		for i, line := range strings.Split(n.Body, "\n") {
			for _, m := range noteLinkRE.FindAllStringSubmatch(line, -1) {
				links++
				id, slug := m[1], m[2]
				if id == "" {
					id = n.ID
				}
				target := p.Note(id)
				found := false
				if target != nil {
					for _, s := range target.Sections {
						found = found || s.Slug == slug
					}
				}
				if !found {
					t.Errorf("%s:%d: link %s#%s does not resolve", n.File, n.BodyLine+i, id, slug)
				}
			}
		}
	}
	if links == 0 {
		t.Fatal("found no note links: the link pattern is broken")
	}
}
