// Package pack loads a dvaprep content pack (blueprint, notes, scenarios and questions) from any fs.FS and
// validates it whole, so that every other package can trust the content it is handed.
package pack

// Pack is a loaded, validated content pack. The slices are sorted in a stable, meaningful order:
// domains by number, notes by domain then order, scenarios and questions by domain then ID.
type Pack struct {
	ID        string
	Title     string
	Exam      ExamFormat
	Domains   []Domain
	Notes     []*Note
	Scenarios []*Scenario
	Questions []*Question
	Glossary  []GlossaryEntry // glossary.yaml: learners' abbreviations and synonyms, for search
	// CompiledIndex is the search index of the notes as the notes package encodes it (notes.CompileIndex),
	// when the pack was loaded from a compiled pack with the SearchIndex part; nil otherwise. It is part of
	// the data given to LoadCompiled, which must not change afterwards: the index reads it in place.
	CompiledIndex []byte
	// CompiledRenders holds the notes and their sections rendered ahead of time, as the ui/markdown package
	// encodes them (markdown.CompilePrerenders), when the pack was loaded from a compiled pack with the Notes
	// part; nil otherwise. Like CompiledIndex it is read in place from the data given to LoadCompiled.
	CompiledRenders []byte

	domains   map[string]*Domain
	tasks     map[string]*Task
	notes     map[string]*Note
	scenarios map[string]*Scenario
	questions map[string]*Question
}

// ExamFormat describes the real exam that a full mock imitates.
type ExamFormat struct {
	Questions int `yaml:"questions"`
	Minutes   int `yaml:"minutes"`
	Unscored  int `yaml:"unscored"`
	ScaleMin  int `yaml:"scale_min"`
	ScaleMax  int `yaml:"scale_max"`
	Passing   int `yaml:"passing"`
}

// Domain is one exam domain with its weight in percent and its task statements.
type Domain struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	Weight int    `yaml:"weight"`
	Tasks  []Task `yaml:"tasks"`
}

// Task is one task statement of the exam guide, such as "1.2 Develop code for AWS Lambda".
type Task struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	Domain string `yaml:"-"`
}

// Note is one markdown study note. Every heading in Body is a Section addressable as "id#slug".
type Note struct {
	ID       string
	Title    string
	Domain   string
	Tasks    []string
	Tags     []string
	Order    int
	Body     string // markdown without front matter, sanitised
	File     string // path inside the pack, for messages
	BodyLine int    // line of the file on which Body starts
	Sections []Section
	Check    NoteCheck // when the note was last checked against the AWS documentation
}

// Section is one heading of a note. Line is 0-based within Body.
type Section struct {
	Slug    string
	Heading string
	Level   int
	Line    int
}

// Verdict grades a scenario choice.
type Verdict string

// The three verdicts a scenario choice can carry.
const (
	Best Verdict = "best"
	OK   Verdict = "ok"
	Poor Verdict = "poor"
)

// Score is the credit a verdict earns: best 1, ok 0.5, poor 0.
func (v Verdict) Score() float64 {
	switch v {
	case Best:
		return 1
	case OK:
		return 0.5
	}
	return 0
}

// Scenario is a branching architecture decision: a graph of decision and ending nodes.
type Scenario struct {
	ID      string
	Title   string
	Summary string
	Domain  string
	Tasks   []string
	Start   string
	Nodes   map[string]*Node
	File    string
	Line    int
}

// Node is a decision (Prompt and Choices) or an ending (Outcome).
type Node struct {
	ID      string
	Prompt  string
	Outcome string
	Choices []Choice
	Line    int
}

// IsEnding reports whether the node ends the scenario.
func (n *Node) IsEnding() bool { return len(n.Choices) == 0 }

// Choice is one option at a decision. Domain and Task default to the scenario's.
type Choice struct {
	Text    string
	Verdict Verdict
	Explain string
	Domain  string
	Task    string
	Notes   []string
	Next    string
	// Bridge is shown after this choice, before the next node, when the story goes on along another line than
	// the one chosen ("You went with EventBridge; for the rest of this scenario the team standardises on SNS").
	Bridge string
	Line   int
}

// QuestionType is single (one answer of four) or multiple (Select answers of five or more).
type QuestionType string

// The two question types of the exam.
const (
	Single   QuestionType = "single"
	Multiple QuestionType = "multiple"
)

// Question is one exam-style question.
type Question struct {
	ID          string
	Domain      string
	Task        string
	Type        QuestionType
	Select      int // how many options are correct: 1 for single
	Difficulty  int
	Stem        string
	Options     []Option
	Explanation string
	Notes       []string
	Sources     []Source // AWS documentation pages that back the question, shown in review
	File        string
	Line        int
}

// Source is a documentation page a question rests on: a title to look up offline and its address.
type Source struct {
	Title string
	URL   string
}

// WorksLead leads the why of a wrong option marked Works wherever answers are explained, so a learner sees
// why an option that would work still lost: it is worse for the constraint the question states.
const WorksLead = "Would work, but is not the best answer here. "

// Option is one answer option. Why explains it whether it is right or wrong.
type Option struct {
	Text    string
	Correct bool
	Why     string
	Label   string // optional short concept name, used for confusion pairs
	// Works marks a wrong option that would meet the need but is worse for the constraint the stem states (cost,
	// overhead, latency, security): the distractor the real exam is built on. Its Why says what makes it worse.
	Works bool
}

// Domain returns the domain with the given ID, or nil.
func (p *Pack) Domain(id string) *Domain { return p.domains[id] }

// Task returns the task statement with the given ID, or nil.
func (p *Pack) Task(id string) *Task { return p.tasks[id] }

// Note returns the note with the given ID, or nil.
func (p *Pack) Note(id string) *Note { return p.notes[id] }

// Scenario returns the scenario with the given ID, or nil.
func (p *Pack) Scenario(id string) *Scenario { return p.scenarios[id] }

// Question returns the question with the given ID, or nil.
func (p *Pack) Question(id string) *Question { return p.questions[id] }

// Section returns the section a link such as "sqs#visibility-timeout" points to. A link with no "#" points
// to the note's top, returned as a Section with an empty slug.
func (p *Pack) Section(link string) (*Note, Section, bool) {
	id, slug := SplitLink(link)
	n := p.notes[id]
	if n == nil {
		return nil, Section{}, false
	}
	if slug == "" {
		return n, Section{Heading: n.Title}, true
	}
	for _, s := range n.Sections {
		if s.Slug == slug {
			return n, s, true
		}
	}
	return n, Section{}, false
}
