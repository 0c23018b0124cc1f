package pack

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// loadQuestions reads one parsed questions file: a YAML list of questions.
func loadQuestions(p *Pack, file string, root *yaml.Node, probs *Problems) []*Question {
	if root == nil {
		return nil
	}
	if root.Kind != yaml.SequenceNode {
		probs.add(file, root.Line, "a questions file is a list: start each question with \"- id: ...\"")
		return nil
	}
	var out []*Question
	for _, qn := range root.Content {
		if q := loadQuestion(p, file, qn, probs); q != nil {
			out = append(out, q)
		}
	}
	return out
}

func loadQuestion(p *Pack, file string, qn *yaml.Node, probs *Problems) *Question {
	f := newField(file, qn, 0, probs, "a question")
	f.allow("id", "domain", "task", "type", "select", "difficulty", "stem", "options", "explanation", "notes", "sources")
	q := &Question{
		ID:          f.str("id", true),
		Domain:      f.str("domain", true),
		Task:        f.str("task", true),
		Type:        QuestionType(f.str("type", true)),
		Select:      f.integer("select", 0),
		Difficulty:  f.integer("difficulty", 2),
		Stem:        f.str("stem", true),
		Explanation: f.str("explanation", true),
		Notes:       f.strs("notes"),
		File:        file,
		Line:        f.line(),
	}
	if q.ID != "" && !validID(q.ID) {
		probs.add(file, f.lineOf("id"), "question id %q may hold only a-z, 0-9 and -", q.ID)
	}
	p.checkDomainTask(probs, file, f.lineOf("task"), q.Domain, q.Task)
	if q.Difficulty < 1 || q.Difficulty > 3 {
		probs.add(file, f.lineOf("difficulty"), "difficulty must be 1, 2 or 3, not %d", q.Difficulty)
	}
	correct := 0
	for _, on := range f.list("options") {
		o := newField(file, on, 0, probs, "an option")
		o.allow("text", "correct", "why", "label", "works")
		opt := Option{Text: o.str("text", true), Correct: o.boolean("correct"), Why: o.str("why", true),
			Label: o.str("label", false), Works: o.boolean("works")}
		if opt.Correct {
			correct++
		}
		if opt.Correct && opt.Works {
			probs.add(file, o.lineOf("works"), "works marks a wrong option that would work but is worse for the stated constraint; drop it from a correct option")
		}
		q.Options = append(q.Options, opt)
	}
	switch q.Type {
	case Single:
		if f.has("select") && q.Select != 1 {
			probs.add(file, f.lineOf("select"), "a single-response question selects 1; drop select or use type: multiple")
		}
		q.Select = 1
		if len(q.Options) != 4 {
			probs.add(file, f.lineOf("options"), "a single-response question has exactly 4 options, not %d", len(q.Options))
		}
		if correct != 1 {
			probs.add(file, f.lineOf("options"), "a single-response question has exactly 1 correct option, not %d", correct)
		}
	case Multiple:
		if q.Select < 2 {
			probs.add(file, f.lineOf("select"), "a multiple-response question needs select: 2 or more")
		}
		if len(q.Options) < 5 {
			probs.add(file, f.lineOf("options"), "a multiple-response question has 5 or more options, not %d", len(q.Options))
		}
		if q.Select >= 2 && correct != q.Select {
			probs.add(file, f.lineOf("options"), "select is %d but %s marked correct", q.Select, plural(correct, "option is", "options are"))
		}
	case "":
	default:
		probs.add(file, f.lineOf("type"), "type must be single or multiple, not %q", q.Type)
	}
	if len(q.Notes) == 0 {
		probs.add(file, f.lineOf("notes"), "question %s links to no notes: add notes: [note-id#section]", q.ID)
	}
	p.checkLinks(probs, file, f.lineOf("notes"), q.Notes)
	q.Sources = loadSources(file, f, probs)
	if q.ID == "" {
		return nil
	}
	return q
}

// maxSources is how many documentation references one question may cite.
const maxSources = 3

// loadSources reads a question's optional sources: a list of {title, url}, where url is an https address.
func loadSources(file string, f *field, probs *Problems) []Source {
	list := f.list("sources")
	if len(list) > maxSources {
		probs.add(file, f.lineOf("sources"), "a question cites at most %d sources, not %d", maxSources, len(list))
	}
	var out []Source
	for _, sn := range list {
		s := newField(file, sn, 0, probs, "a source")
		s.allow("title", "url")
		src := Source{Title: s.str("title", true), URL: s.str("url", true)}
		if src.URL != "" && !strings.HasPrefix(src.URL, "https://") {
			probs.add(file, s.lineOf("url"), "source url must start with https://, not %q", src.URL)
		}
		out = append(out, src)
	}
	return out
}
