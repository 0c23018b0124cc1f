package scenario

import (
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"

	"dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/store"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
	"dvaprep/ui/uitest"
)

// testPack is a small pack: two domains, one note with two sections, and one scenario of two decisions
// whose choices link to the note.
var testPack = fstest.MapFS{
	"pack.yaml": {Data: []byte(`id: test
title: Test pack
exam: {questions: 65, minutes: 130, unscored: 15, scale_min: 100, scale_max: 1000, passing: 720}
domains:
  - id: "1"
    name: Development with AWS Services
    weight: 60
    tasks:
      - {id: "1.1", name: Develop code for applications hosted on AWS}
  - id: "4"
    name: Troubleshooting and Optimization
    weight: 40
    tasks:
      - {id: "4.1", name: Assist in a root cause analysis}
`)},
	"notes/sqs.md": {Data: []byte(`---
id: sqs
title: Amazon SQS
domain: "1"
tasks: ["1.1"]
tags: [sqs]
order: 1
---
Queues decouple producers from consumers.

## Visibility timeout

A received message is hidden for the visibility timeout.

## Dead-letter queues

After maxReceiveCount receives, a message moves to the DLQ.
`)},
	"scenarios/fanout.yaml": {Data: []byte(`id: fanout
title: Fan out order events
summary: Deliver every order event to three teams.
domain: "1"
tasks: ["1.1"]
start: design
nodes:
  design:
    prompt: |
      Three teams must each receive **every** order event.

      How do you deliver it?
    choices:
      - text: SNS topic with one SQS queue per team
        verdict: best
        explain: SNS copies each message to every subscribed queue.
        notes: [sqs#visibility-timeout, sqs#dead-letter-queues]
        next: failures
      - text: EventBridge rule per team
        verdict: ok
        explain: Works, but more moving parts than needed here.
        notes: [sqs]
        next: failures
        bridge: You went with EventBridge; the team standardises on SNS to SQS.
      - text: One queue polled by all three teams
        verdict: poor
        explain: Consumers of one queue compete, so each team sees a third.
        next: lost
  failures:
    prompt: A consumer keeps failing on one message. What now?
    choices:
      - text: Add a dead-letter queue with a redrive policy
        verdict: best
        explain: The DLQ keeps the poison message aside.
        domain: "4"
        task: "4.1"
        notes: [sqs#dead-letter-queues]
        next: good
      - text: Retry forever
        verdict: poor
        explain: The message blocks the queue; choose again.
        domain: "4"
        task: "4.1"
        next: failures
      - text: Catch the error and delete the message
        verdict: poor
        explain: The order is lost without a trace.
        domain: "4"
        task: "4.1"
        next: dropped
  good:
    outcome: Every team gets every order, and failures are **isolated**.
  lost:
    outcome: Orders go missing.
  dropped:
    outcome: Failed orders vanish.
`)},
}

func loadTestPack(t testing.TB) *pack.Pack {
	t.Helper()
	p, probs, err := pack.Load(testPack)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Fatalf("test pack has problems: %v", probs)
	}
	return p
}

// testNow is the fixed clock of the tests.
var testNow = time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)

// newContext is an 80×24 context without colour, on a store in a temporary file.
func newContext(t testing.TB) *common.Context {
	t.Helper()
	p := loadTestPack(t)
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "progress.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := &common.Context{
		Width: 80, Height: 24,
		Pack:     p,
		Index:    notes.NewIndex(p),
		Markdown: markdown.New(),
		NoColor:  true,
		Now:      func() time.Time { return testNow },
	}
	uitest.Wire(ctx, st, p)
	ctx.SetTheme(true)
	return ctx
}

// harness drives a screen: it sends messages, runs the commands they return and feeds the results
// back, and keeps what goes to the root (navigation and status lines).
type harness struct {
	t      testing.TB
	m      *Model
	nav    []common.NavigateMsg
	status []common.StatusMsg
	back   int
}

func newHarness(t testing.TB, ctx *common.Context, arg string) *harness {
	t.Helper()
	m, err := New(ctx, arg)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, m: m}
	h.run(m.Init())
	return h
}

// send delivers msg and runs what follows from it.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

// press sends key presses: "enter", "esc", "space", "up", "down" or a single character.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyPress(k))
	}
}

// typeText types into a focused field without running its cursor-blink commands.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// run executes cmd synchronously with the one test command driver, and feeds each result back to the screen.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	d := uitest.Driver{T: h.t, Writes: h.m.ctx.Writes,
		Deliver: func(msg tea.Msg) tea.Cmd {
			_, next := h.m.Update(msg)
			return next
		},
		Take: func(msg tea.Msg) bool {
			switch msg := msg.(type) {
			case common.NavigateMsg:
				h.nav = append(h.nav, msg)
			case common.StatusMsg:
				if msg.Err {
					h.t.Errorf("error status: %s", msg.Text)
				}
				h.status = append(h.status, msg)
			case common.BackMsg:
				h.back++
			default:
				return false
			}
			return true
		}}
	d.Run(cmd)
	if d.Held() > 0 {
		h.t.Errorf("a write failed: %v", h.m.ctx.Writes.Err())
	}
}
