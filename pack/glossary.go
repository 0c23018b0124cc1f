package pack

import (
	"errors"
	"io/fs"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// GlossaryFile is the optional file of a pack that maps what learners type to what the notes say.
const GlossaryFile = "glossary.yaml"

// Glossary limits: a term is a short phrase, and so is each of its meanings.
const (
	maxGlossaryWords    = 4
	maxMeaningWords     = 6
	maxMeaningsPerEntry = 8
)

// GlossaryEntry is one abbreviation or synonym: search expands Term (one to four words, as a learner types
// them) to each of Means, phrases the notes use. Expansion is one-way; write the reverse entry if wanted.
type GlossaryEntry struct {
	Term  string   // lower case, words separated by one space
	Means []string // lower case, words separated by one space
	Line  int
}

// loadGlossary reads glossary.yaml if the pack has one: a mapping of term to one meaning or a list of them.
// It is read like every other pack file: a plain file within the limits.
func loadGlossary(p *Pack, r *reader, probs *Problems) {
	data, err := r.read(GlossaryFile)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			probs.add(GlossaryFile, 0, "%s", readError(err))
		}
		return
	}
	root := parseYAML(GlossaryFile, data, probs)
	if root == nil {
		return
	}
	if root.Kind != yaml.MappingNode {
		probs.add(GlossaryFile, root.Line, "the glossary is a mapping of terms to meanings, such as `gsi: global secondary index`")
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		term := glossaryPhrase(k.Value)
		switch {
		case k.Kind != yaml.ScalarNode || term == "":
			probs.add(GlossaryFile, k.Line, "a glossary term must be a word or a short phrase")
			continue
		case len(strings.Fields(term)) > maxGlossaryWords:
			probs.add(GlossaryFile, k.Line, "glossary term %q has more than %d words", term, maxGlossaryWords)
			continue
		}
		if prev, dup := seen[term]; dup {
			probs.add(GlossaryFile, k.Line, "glossary term %q is already defined on line %d", term, prev)
			continue
		}
		seen[term] = k.Line
		var vals []*yaml.Node
		switch v.Kind {
		case yaml.ScalarNode:
			vals = []*yaml.Node{v}
		case yaml.SequenceNode:
			vals = v.Content
		default:
			probs.add(GlossaryFile, k.Line, "glossary term %q: give a meaning or a list of meanings", term)
			continue
		}
		e := GlossaryEntry{Term: term, Line: k.Line}
		for _, m := range vals {
			mean := glossaryPhrase(m.Value)
			switch {
			case m.Kind != yaml.ScalarNode || mean == "":
				probs.add(GlossaryFile, m.Line, "glossary term %q: a meaning must be a word or a short phrase", term)
			case len(strings.Fields(mean)) > maxMeaningWords:
				probs.add(GlossaryFile, m.Line, "glossary term %q: meaning %q has more than %d words", term, mean, maxMeaningWords)
			case mean == term:
				probs.add(GlossaryFile, m.Line, "glossary term %q means itself", term)
			default:
				e.Means = append(e.Means, mean)
			}
		}
		if len(e.Means) > maxMeaningsPerEntry {
			probs.add(GlossaryFile, k.Line, "glossary term %q has %d meanings; keep it to %d", term, len(e.Means), maxMeaningsPerEntry)
			e.Means = e.Means[:maxMeaningsPerEntry]
		}
		if len(e.Means) > 0 {
			p.Glossary = append(p.Glossary, e)
		} else if len(vals) == 0 {
			probs.add(GlossaryFile, k.Line, "glossary term %q has no meaning", term)
		}
	}
}

// glossaryPhrase lower-cases a phrase and keeps its letters and digits, one space between words, as
// search sees text: "Dead-letter queue" becomes "dead letter queue".
func glossaryPhrase(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(Sanitize(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
