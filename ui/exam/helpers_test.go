package exam

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/store"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
	"dvaprep/ui/uitest"
)

// t0 is the fake clock's start.
var t0 = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

const packYAML = `id: test
title: Test pack
exam:
  questions: 5
  minutes: 20
  unscored: 1
  scale_min: 100
  scale_max: 1000
  passing: 720
domains:
  - id: "1"
    name: Development
    weight: 32
    tasks:
      - {id: "1.1", name: Develop code}
      - {id: "1.2", name: Develop code for Lambda}
  - id: "2"
    name: Security
    weight: 26
    tasks:
      - {id: "2.1", name: Authentication}
  - id: "3"
    name: Deployment
    weight: 24
    tasks:
      - {id: "3.1", name: Artifacts}
  - id: "4"
    name: Troubleshooting
    weight: 18
    tasks:
      - {id: "4.1", name: Root cause}
`

const noteMD = `---
id: sqs
title: Amazon SQS
domain: "1"
tasks: ["1.1"]
---
SQS is a queue.

## Visibility timeout

A received message is hidden for the visibility timeout.
`

// single writes a single-response question whose first option is right.
func single(id, domain, task, stem string) string {
	return `- id: ` + id + `
  domain: "` + domain + `"
  task: "` + task + `"
  type: single
  stem: |
    ` + stem + `
  options:
    - {text: "Right answer of ` + id + `", correct: true, why: "This is why it is right.", label: Right}
    - {text: "Wrong answer one", correct: false, why: "This is why one is wrong."}
    - {text: "Wrong answer two", correct: false, why: "This is why two is wrong."}
    - {text: "Wrong answer three", correct: false, why: "This is why three is wrong."}
  explanation: |
    The **explanation** of ` + id + `.
  notes: [sqs#visibility-timeout]
`
}

// multiple writes a multiple-response question whose first two options are right.
func multiple(id, domain, task, stem string) string {
	return `- id: ` + id + `
  domain: "` + domain + `"
  task: "` + task + `"
  type: multiple
  select: 2
  stem: |
    ` + stem + `
  options:
    - {text: "First right option", correct: true, why: "One of the two right ones.", label: First}
    - {text: "Second right option", correct: true, why: "The other right one.", label: Second}
    - {text: "A wrong option", correct: false, why: "Wrong because of this."}
    - {text: "Another wrong option", correct: false, why: "Wrong because of that."}
    - {text: "A third wrong option", correct: false, why: "Wrong as well."}
  explanation: |
    Pick both right options.
  notes: [sqs, sqs#visibility-timeout]
`
}

// testPack is a small valid pack: 4 questions in domain 1 (one multiple response), 2 in each other domain.
func testPack(t testing.TB) *pack.Pack {
	t.Helper()
	fsys := fstest.MapFS{
		"pack.yaml":    {Data: []byte(packYAML)},
		"notes/sqs.md": {Data: []byte(noteMD)},
		"questions/d1.yaml": {Data: []byte(
			single("d1-a", "1", "1.1", "A queue consumer processes the same message twice. What should the developer change?") +
				multiple("d1-b", "1", "1.2", "Which TWO settings reduce Lambda cold starts?") +
				single("d1-c", "1", "1.1", "Which API call hides a message from other consumers?") +
				single("d1-d", "1", "1.1", "Which invocation type retries twice on error?"))},
		"questions/d2.yaml": {Data: []byte(
			single("d2-a", "2", "2.1", "Which service issues temporary credentials?") +
				single("d2-b", "2", "2.1", "Which Cognito pool federates identities?"))},
		"questions/d3.yaml": {Data: []byte(
			single("d3-a", "3", "3.1", "Which file describes a SAM application?") +
				single("d3-b", "3", "3.1", "Which command packages a SAM application?"))},
		"questions/d4.yaml": {Data: []byte(
			single("d4-a", "4", "4.1", "Which service traces requests end to end?") +
				single("d4-b", "4", "4.1", "Which metric shows Lambda throttles?"))},
	}
	p, probs, err := pack.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Fatalf("test pack has problems: %v", probs)
	}
	return p
}

// clock is a fake time source for ctx.Now.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) advance(d time.Duration) { c.now = c.now.Add(d) }

// env is one screen under test with its store and clock.
type env struct {
	t        *testing.T
	ctx      *common.Context
	clock    *fakeClock
	m        *Model
	statuses []common.StatusMsg
	navs     []common.NavigateMsg
	backs    int
	quits    int // common.QuitMsg commands run
	d        *uitest.Driver
}

// newEnv makes a context at 80×24 without colour, on a store in a temporary file.
func newEnv(t *testing.T) *env {
	t.Helper()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "progress.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &fakeClock{now: t0}
	ctx := &common.Context{Width: 80, Height: 24, NoColor: true, Pack: testPack(t),
		Markdown: markdown.New(), Now: c.Now}
	uitest.Wire(ctx, st, ctx.Pack)
	ctx.SetTheme(true)
	return &env{t: t, ctx: ctx, clock: c}
}

// open builds the screen for arg with the clock's tick disabled: tests send tickMsg themselves.
func (e *env) open(arg common.ExamArg) *Model {
	e.t.Helper()
	m, err := New(e.ctx, arg)
	if err != nil {
		e.t.Fatal(err)
	}
	m.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	e.m = m
	e.run(m.Init())
	e.send(tea.WindowSizeMsg{Width: e.ctx.Width, Height: e.ctx.Height})
	return m
}

// start opens the screen on a seeded exam of cfg.
func (e *env) start(cfg engine.Config) *Model {
	e.t.Helper()
	m := e.open(common.ExamArg{})
	cfg.Seed = 7
	m.mode = modeLoading
	e.run(m.startCmd(cfg))
	if m.sess == nil {
		e.t.Fatalf("the exam did not start: %v", e.statuses)
	}
	return m
}

// run executes a command and feeds what it yields back into the screen, as the runtime would, until nothing is
// left. Navigation, back and status messages are recorded instead, as the root model would take them.
func (e *env) run(cmd tea.Cmd) {
	e.t.Helper()
	e.driver().Run(cmd)
}

// driver is the one test command driver (uitest.Driver), on this env's screen and write queue.
func (e *env) driver() *uitest.Driver {
	if e.d == nil || e.d.Writes != e.ctx.Writes {
		e.d = &uitest.Driver{T: e.t, Writes: e.ctx.Writes,
			Deliver: func(msg tea.Msg) tea.Cmd {
				_, cmd := e.m.Update(msg)
				return cmd
			},
			Take: func(msg tea.Msg) bool {
				switch msg := msg.(type) {
				case common.StatusMsg:
					e.statuses = append(e.statuses, msg)
				case common.NavigateMsg:
					e.navs = append(e.navs, msg)
				case common.BackMsg:
					e.backs++
				case common.QuitMsg:
					e.quits++
				default:
					return false
				}
				return true
			}}
	}
	return e.d
}

// retry fires the write queue's waiting retries, as their timers would.
func (e *env) retry() { e.driver().Retry() }

// send delivers one message and runs what it asks for.
func (e *env) send(msg tea.Msg) {
	e.t.Helper()
	_, cmd := e.m.Update(msg)
	e.run(cmd)
}

// press sends keys: single characters, or names such as "enter", "space", "esc", "down".
func (e *env) press(keys ...string) {
	e.t.Helper()
	for _, k := range keys {
		e.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// tick delivers the current clock tick.
func (e *env) tick() {
	e.t.Helper()
	e.send(tickMsg{owner: e.m.owner, gen: e.m.tickGen})
}

// view is the screen without ANSI codes.
func (e *env) view() string { return ansi.Strip(e.m.View()) }

// lastStatus is the text of the latest status message, or "".
func (e *env) lastStatus() string {
	if len(e.statuses) == 0 {
		return ""
	}
	return e.statuses[len(e.statuses)-1].Text
}

// find returns the first position whose question has the given type, failing if there is none.
func (e *env) find(typ pack.QuestionType) int {
	e.t.Helper()
	for i, it := range e.m.sess.Items {
		if e.ctx.Pack.Question(it.QuestionID).Type == typ {
			return i
		}
	}
	e.t.Fatalf("no %s question in the session", typ)
	return -1
}

// displayOf is the display position of original option o of item i.
func (e *env) displayOf(i, o int) int { return e.m.sess.Items[i].Display(o) }

// answers reads the saved rows of the session.
func (e *env) answers() []store.Answer {
	e.t.Helper()
	as, err := uitest.StoreOf(e.ctx).ExamAnswers(context.Background(), e.m.id)
	if err != nil {
		e.t.Fatal(err)
	}
	return as
}

func contains(t *testing.T, s, want string) {
	t.Helper()
	if !strings.Contains(s, want) {
		t.Fatalf("want %q in:\n%s", want, s)
	}
}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
