package pack

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// field reads one YAML mapping with line numbers, reporting wrong types and unknown keys as problems.
// It keeps the loaders declarative without losing the line of any field. Mappings in a pack are small, so
// keys are found by a linear scan rather than a map: loading allocates less.
type field struct {
	file   string
	node   *yaml.Node
	offset int // added to node lines (front matter starts after line 1)
	probs  *Problems
	pairs  []*yaml.Node // key, value, key, value...
}

func newField(file string, n *yaml.Node, offset int, probs *Problems, what string) *field {
	f := &field{file: file, node: n, offset: offset, probs: probs}
	if n == nil {
		return f
	}
	if n.Kind != yaml.MappingNode {
		probs.add(file, n.Line+offset, "%s must be a mapping of keys to values", what)
		return f
	}
	f.pairs = n.Content
	for i := 0; i+1 < len(f.pairs); i += 2 {
		for j := 0; j < i; j += 2 {
			if f.pairs[j].Value == f.pairs[i].Value {
				probs.add(file, f.pairs[i].Line+offset, "key %q appears twice", f.pairs[i].Value)
				break
			}
		}
	}
	return f
}

// get returns the value under key and the key's line.
func (f *field) get(key string) (*yaml.Node, int, bool) {
	for i := len(f.pairs) - 2; i >= 0; i -= 2 { // the last of duplicate keys wins, as in YAML decoders
		if f.pairs[i].Value == key {
			return f.pairs[i+1], f.pairs[i].Line + f.offset, true
		}
	}
	return nil, 0, false
}

// line is the line of the mapping itself.
func (f *field) line() int {
	if f.node == nil {
		return 0
	}
	return f.node.Line + f.offset
}

// lineOf is the line of a key, or of the mapping when the key is absent.
func (f *field) lineOf(key string) int {
	if _, l, ok := f.get(key); ok {
		return l
	}
	return f.line()
}

// allow reports every key not in the allowed list.
func (f *field) allow(allowed ...string) {
next:
	for i := 0; i+1 < len(f.pairs); i += 2 {
		for _, a := range allowed {
			if f.pairs[i].Value == a {
				continue next
			}
		}
		f.probs.add(f.file, f.pairs[i].Line+f.offset, "unknown key %q (expected one of: %s)", f.pairs[i].Value, strings.Join(allowed, ", "))
	}
}

func (f *field) has(key string) bool { _, _, ok := f.get(key); return ok }

func (f *field) scalar(key string) (*yaml.Node, bool) {
	v, line, ok := f.get(key)
	if !ok || v.Kind == 0 {
		return nil, false
	}
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	if v.Kind != yaml.ScalarNode {
		f.probs.add(f.file, line, "%s must be a single value, not a list or mapping", key)
		return nil, false
	}
	if v.Tag == "!!null" {
		return nil, false
	}
	return v, true
}

// str reads a text value. A required value that is missing or blank is a problem.
func (f *field) str(key string, required bool) string {
	v, ok := f.scalar(key)
	if !ok || strings.TrimSpace(v.Value) == "" {
		if required {
			f.probs.add(f.file, f.lineOf(key), "%s is missing or empty", key)
		}
		return ""
	}
	return Sanitize(v.Value)
}

// integer reads a whole number; missing gives def.
func (f *field) integer(key string, def int) int {
	v, ok := f.scalar(key)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if err != nil {
		f.probs.add(f.file, f.lineOf(key), "%s must be a whole number, not %q", key, v.Value)
		return def
	}
	return n
}

// boolean reads true or false; missing gives false.
func (f *field) boolean(key string) bool {
	v, ok := f.scalar(key)
	if !ok {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(v.Value)) {
	case "true", "yes":
		return true
	case "false", "no":
		return false
	}
	f.probs.add(f.file, f.lineOf(key), "%s must be true or false, not %q", key, v.Value)
	return false
}

// list returns the items of a sequence; a single scalar is accepted as a list of one.
func (f *field) list(key string) []*yaml.Node {
	v, line, ok := f.get(key)
	if !ok || v.Tag == "!!null" {
		return nil
	}
	switch v.Kind {
	case yaml.SequenceNode:
		return v.Content
	case yaml.ScalarNode:
		return []*yaml.Node{v}
	}
	f.probs.add(f.file, line, "%s must be a list", key)
	return nil
}

// strs reads a list of text values.
func (f *field) strs(key string) []string {
	var out []string
	for _, n := range f.list(key) {
		if n.Kind != yaml.ScalarNode {
			f.probs.add(f.file, n.Line+f.offset, "%s must be a list of plain values", key)
			continue
		}
		out = append(out, strings.TrimSpace(Sanitize(n.Value)))
	}
	return out
}

// mapping returns the mapping under key, or nil.
func (f *field) mapping(key string) *yaml.Node {
	v, line, ok := f.get(key)
	if !ok {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		f.probs.add(f.file, line, "%s must be a mapping", key)
		return nil
	}
	return v
}

func parseYAML(file string, data []byte, probs *Problems) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		probs.addYAMLError(file, 0, err, data)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		probs.add(file, 1, "file is empty")
		return nil
	}
	return doc.Content[0]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
