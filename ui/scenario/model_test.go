package scenario

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"dvaprep/store"
	"dvaprep/ui/common"
	"dvaprep/ui/uitest"
)

func view(h *harness) string { return ansi.Strip(h.m.View()) }

func wantIn(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("view lacks %q:\n%s", sub, s)
		}
	}
}

func wantNotIn(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			t.Errorf("view has %q:\n%s", sub, s)
		}
	}
}

func TestList(t *testing.T) {
	h := newHarness(t, newContext(t), "")
	v := view(h)
	wantIn(t, v, "Domain 1 · Development with AWS Services", "› Fan out order events", "never played", "Deliver every order event")
	wantNotIn(t, v, "Domain 4")

	h.m.Update(keyPress("/")) // focusing returns a cursor-blink tick: not run
	if !h.m.Capturing() || h.m.state != stateFilter {
		t.Fatalf("after /: capturing %v, state %v", h.m.Capturing(), h.m.state)
	}
	h.typeText("ZZZ")
	wantIn(t, view(h), `No scenario matches "ZZZ"`)
	h.press("esc")
	if h.m.Capturing() || h.m.list.input.Value() != "" || h.m.list.selected() == nil {
		t.Fatalf("esc should clear the filter and stop capturing")
	}
	h.m.Update(keyPress("/"))
	h.typeText("EVERY ORDER") // summary, any case
	if s := h.m.list.selected(); s == nil || s.ID != "fanout" {
		t.Fatalf("filter by summary selected %v", s)
	}
	h.press("enter")
	if h.m.state != stateDecide || h.m.Capturing() {
		t.Fatalf("enter while filtering: state %v, want decide", h.m.state)
	}
}

func TestListRecords(t *testing.T) {
	ctx := newContext(t)
	id, err := uitest.StoreOf(ctx).StartScenarioRun(context.Background(), "fanout", testNow.AddDate(0, 0, -3))
	if err != nil {
		t.Fatal(err)
	}
	if err := uitest.StoreOf(ctx).FinishScenarioRun(context.Background(), id, []byte("[]"), 1.5, 2); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, ctx, "")
	wantIn(t, view(h), "best 75% · 3 days ago")
}

func TestAgo(t *testing.T) {
	for _, tt := range []struct {
		days int
		want string
	}{{0, "today"}, {1, "yesterday"}, {3, "3 days ago"}, {400, "7 Feb 2025"}} {
		if got := ago(testNow.AddDate(0, 0, -tt.days), testNow); got != tt.want {
			t.Errorf("ago(-%d days) = %q, want %q", tt.days, got, tt.want)
		}
	}
}

func TestChooseByNumber(t *testing.T) {
	h := newHarness(t, newContext(t), "")
	h.press("enter")
	if h.m.state != stateDecide {
		t.Fatalf("state %v, want decide", h.m.state)
	}
	v := view(h)
	wantIn(t, v, "Three teams must each receive every order event.", "1. SNS topic with one SQS queue per team", "3. One queue polled")

	h.press("9") // no such choice: nothing happens
	if h.m.state != stateDecide {
		t.Fatalf("9 with 3 choices changed the state to %v", h.m.state)
	}
	h.press("2")
	if h.m.state != stateVerdict || h.m.play.step == nil || h.m.play.step.Choice != 1 {
		t.Fatalf("after 2: state %v, step %+v", h.m.state, h.m.play.step)
	}
	v = view(h)
	wantIn(t, v, "~ Acceptable", "more moving parts", "o · show the other 2 choices")
	wantNotIn(t, v, "✓ Best", "SNS copies each message")

	h.press("o")
	v = view(h)
	wantIn(t, v, "The other choices", "✓ Best", "SNS copies each message")
	h.press("pgdown", "G")
	wantIn(t, view(h), "✗ Poor", "Consumers of one queue compete")
	h.press("o")
	if h.m.play.others {
		t.Fatal("o again should hide the other choices")
	}
	wantNotIn(t, view(h), "SNS copies each message")
}

func TestChooseBySelection(t *testing.T) {
	h := newHarness(t, newContext(t), "fanout")
	h.press("down", "down", "up", "j", "k", "k")
	if h.m.play.sel != 0 {
		t.Fatalf("sel %d, want 0", h.m.play.sel)
	}
	h.press("j", "enter")
	if h.m.state != stateVerdict || h.m.play.step.Choice != 1 {
		t.Fatalf("enter chose %+v in state %v", h.m.play.step, h.m.state)
	}
}

func TestLinks(t *testing.T) {
	h := newHarness(t, newContext(t), "fanout")
	h.press("1")
	wantIn(t, view(h), "Amazon SQS › Visibility timeout", "Amazon SQS › Dead-letter queues")
	h.press("l")
	if h.m.state != stateLinks {
		t.Fatalf("l with two links: state %v, want the picker", h.m.state)
	}
	h.press("2")
	if len(h.nav) != 1 || h.nav[0] != (common.NavigateMsg{To: common.NotesScreen, Notes: common.NotesArg{Link: "sqs#dead-letter-queues"}}) {
		t.Fatalf("navigation %+v", h.nav)
	}
	if h.m.state != stateVerdict {
		t.Fatalf("after opening a link: state %v, want verdict", h.m.state)
	}
	// Back from the notes, the screen is as it was.
	h.send(common.ResumeMsg{})
	if h.m.state != stateVerdict || h.m.play.step.Choice != 0 {
		t.Fatalf("after resume: state %v", h.m.state)
	}
	h.press("l", "esc")
	if h.m.state != stateVerdict || len(h.nav) != 1 {
		t.Fatalf("esc in the picker: state %v, nav %v", h.m.state, h.nav)
	}
	h.press("l", "down", "enter")
	if len(h.nav) != 2 || h.nav[1].Notes.Link != "sqs#dead-letter-queues" {
		t.Fatalf("enter in the picker: nav %v", h.nav)
	}

	// A choice with one link opens it at once.
	h = newHarness(t, newContext(t), "fanout")
	h.press("2", "l")
	if h.m.state != stateVerdict || len(h.nav) != 1 || h.nav[0].Notes.Link != "sqs" {
		t.Fatalf("l with one link: state %v, nav %v", h.m.state, h.nav)
	}
}

func TestEndingAndReplay(t *testing.T) {
	ctx := newContext(t)
	h := newHarness(t, ctx, "")
	h.press("enter", "2", "enter", "1", "space")
	if h.m.state != stateEnding {
		t.Fatalf("state %v, want ending", h.m.state)
	}
	ctx.Height = 60 // see the whole ending
	h.send(tea.WindowSizeMsg{Width: 80, Height: 60})
	v := view(h)
	wantIn(t, v,
		"Every team gets every order, and failures are isolated.",
		"Overall", "1.5/2", "75%",
		"Domain 1 · Development with AWS Services", "0.5/1",
		"Domain 4 · Troubleshooting and Optimization", "1/1",
		"1.1 Develop code for applications hosted on AWS",
		"4.1 Assist in a root cause analysis",
		"Your path", "Best path",
		"→ EventBridge rule per team (~ Acceptable)",
		"→ SNS topic with one SQS queue per team (✓ Best)",
		"→ Add a dead-letter queue with a redrive policy (✓ Best)",
		"✓ Saved to your progress.",
	)

	attempts, err := uitest.StoreOf(ctx).Attempts(context.Background(), store.AttemptFilter{Source: store.SourceScenario})
	if err != nil {
		t.Fatal(err)
	}
	if len(attempts) != 2 {
		t.Fatalf("%d attempts stored, want 2", len(attempts))
	}
	a := attempts[0]
	if a.ItemID != "fanout/design" || a.Kind != store.KindDecision || a.Score != 0.5 || a.Domain != "1" || a.Task != "1.1" ||
		a.Choice != "EventBridge rule per team" || a.CorrectChoice != "SNS topic with one SQS queue per team" || a.SessionID == 0 {
		t.Errorf("first attempt %+v", a)
	}
	if b := attempts[1]; b.ItemID != "fanout/failures" || b.Domain != "4" || b.Task != "4.1" || b.Score != 1 || b.SessionID != a.SessionID {
		t.Errorf("second attempt %+v", b)
	}
	recs, err := uitest.StoreOf(ctx).ScenarioBest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r := recs["fanout"]; r.Finished != 1 || r.BestScore != 1.5 || r.MaxScore != 2 {
		t.Errorf("record %+v", r)
	}
	wantIn(t, ansi.Strip(h.m.list.view(ctx, false, 80, 20)), "best 75% · today")

	first := h.m.play.n
	h.press("r")
	if h.m.state != stateDecide || h.m.play.n == first || len(h.m.play.run.Path()) != 0 {
		t.Fatalf("replay: state %v, play %d (was %d)", h.m.state, h.m.play.n, first)
	}
	h.press("3", "enter")
	if h.m.state != stateEnding {
		t.Fatalf("poor path: state %v", h.m.state)
	}
	wantIn(t, view(h), "Orders go missing.", "0/1")
	h.press("enter")
	if h.m.state != stateList || h.m.play.run != nil {
		t.Fatalf("enter at the ending: state %v", h.m.state)
	}
	h.press("esc")
	if h.back != 1 {
		t.Fatal("esc on the list should go back")
	}
}

func TestLeaveMidRun(t *testing.T) {
	h := newHarness(t, newContext(t), "fanout")
	h.press("1", "esc")
	if h.m.state != stateList {
		t.Fatalf("esc during a run: state %v, want list", h.m.state)
	}
	wantIn(t, view(h), "unfinished · today")
}

// Every view fits the screen at the smallest supported size and at 80×24.
func TestViewFits(t *testing.T) {
	for _, size := range [][2]int{{common.MinWidth, common.MinHeight}, {80, 24}, {120, 40}} {
		ctx := newContext(t)
		h := newHarness(t, ctx, "")
		ctx.Width, ctx.Height = size[0], size[1]
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, k := range []string{"", "enter", "1", "o", "l", "esc", "enter", "1", "enter"} {
			if k != "" {
				h.press(k)
			}
			lines := strings.Split(h.m.View(), "\n")
			if len(lines) != ctx.BodyHeight() {
				t.Errorf("%v after %q: %d lines, want %d", size, k, len(lines), ctx.BodyHeight())
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > ctx.Width {
					t.Errorf("%v after %q: line %d cells wide: %q", size, k, w, l)
				}
			}
		}
	}
}

// TestChoicesAreShuffled checks that the best choice is not always shown first (authors write it first),
// that the order holds while a decision is on screen, and that a number key picks the choice shown there.
func TestChoicesAreShuffled(t *testing.T) {
	choiceOrder = shuffled
	defer func() { choiceOrder = inFileOrder }()
	firsts := map[int]bool{}
	base := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	for i := range 40 {
		order := shuffled(3, "fanout/design", base.Add(time.Duration(i)*time.Second))
		if len(order) != 3 {
			t.Fatalf("order %v", order)
		}
		firsts[order[0]] = true
	}
	if len(firsts) != 3 {
		t.Errorf("over 40 visits the first choice shown was only ever %v", firsts)
	}
	if a, b := shuffled(4, "x/y", base), shuffled(4, "x/y", base); !slices.Equal(a, b) {
		t.Errorf("the order changed while on screen: %v then %v", a, b)
	}

	ctx := newContext(t)
	h := newHarness(t, ctx, "fanout")
	order := h.m.play.order
	n := h.m.play.node
	h.press("2")
	if got := h.m.play.step; got == nil || got.Choice != order[1] {
		t.Fatalf("pressing 2 chose %+v, want the node's choice %d (%q)", got, order[1], n.Choices[order[1]].Text)
	}
	wantIn(t, view(h), "› 2. "+n.Choices[order[1]].Text[:10])
}
