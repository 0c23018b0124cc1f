package scenario

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
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
	wantIn(t, view(h), "best 1.5 of 2 points · 3 days ago")
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
		"score 1.5 of 2 points",
		"Overall", "1.5 of 2", "75%",
		"Domain 1 · Development with AWS Services", "0.5 of 1",
		"Domain 4 · Troubleshooting and Optimization", "1 of 1",
		"1.1 Develop code for applications hosted on AWS",
		"4.1 Assist in a root cause analysis",
		"Your decisions",
		"1. How do you deliver it?", "→ EventBridge rule per team", "~ Acceptable · 0.5 of 1 point",
		"Best: SNS topic with one SQS queue per team",
		"2. What now?", "→ Add a dead-letter queue with a redrive policy", "✓ Best · 1 of 1 point",
		"✓ Saved to your progress.",
	)
	wantNotIn(t, v, "did not reach", "Best: Add a dead-letter queue")

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
	wantIn(t, ansi.Strip(h.m.list.view(ctx, false, 80, 20)), "best 1.5 of 2 points · today")

	first := h.m.play.n
	h.press("r")
	if h.m.state != stateDecide || h.m.play.n == first || len(h.m.play.run.Path()) != 0 {
		t.Fatalf("replay: state %v, play %d (was %d)", h.m.state, h.m.play.n, first)
	}
	h.press("3", "enter")
	if h.m.state != stateEnding {
		t.Fatalf("poor path: state %v", h.m.state)
	}
	wantIn(t, view(h), "Orders go missing.", "0 of 1", "✗ Poor · 0 of 1 point",
		"Decisions of the best path you did not reach", "2. What now?", "Best: Add a dead-letter queue with a redrive policy")
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
	withPlaces(t, nil) // no place store: the run cannot be picked up again
	h := newHarness(t, newContext(t), "fanout")
	h.press("esc") // nothing decided yet: no question
	if h.m.state != stateList {
		t.Fatalf("esc before any decision: state %v, want list", h.m.state)
	}
	h.press("enter", "1", "esc")
	if h.m.state != stateLeaving {
		t.Fatalf("esc after a decision: state %v, want the question", h.m.state)
	}
	wantIn(t, view(h), "Leave this scenario?", "decision 2 of 2, with 1 of 1 point", "cannot be picked up again", "y leave · n stay")
	if k := h.m.KeyMap().ShortHelp(); len(k) != 2 || k[0].Help().Key != "y" {
		t.Errorf("help while asking: %v", k)
	}
	h.press("n")
	if h.m.state != stateVerdict {
		t.Fatalf("n: state %v, want the verdict back", h.m.state)
	}
	h.press("esc", "esc")
	if h.m.state != stateVerdict {
		t.Fatalf("esc in the question: state %v, want the verdict back", h.m.state)
	}
	h.press("esc", "y")
	if h.m.state != stateList {
		t.Fatalf("y: state %v, want list", h.m.state)
	}
	wantIn(t, view(h), "unfinished · today")
}

// memPlaces keeps positions in memory, as the store would.
type memPlaces map[string]json.RawMessage

func (p memPlaces) SaveScenarioPosition(_ context.Context, id string, pos json.RawMessage) error {
	if pos == nil {
		delete(p, id)
	} else {
		p[id] = append(json.RawMessage(nil), pos...)
	}
	return nil
}

func (p memPlaces) LoadScenarioPosition(_ context.Context, id string) (json.RawMessage, error) {
	return p[id], nil
}

func withPlaces(t *testing.T, p placeStore) {
	t.Helper()
	old := places
	places = func(*common.Context) placeStore { return p }
	t.Cleanup(func() { places = old })
}

// A run left unfinished resumes where it was left, in the same stored run; n on the list starts over.
func TestResume(t *testing.T) {
	mem := memPlaces{}
	withPlaces(t, mem)
	ctx := newContext(t)
	h := newHarness(t, ctx, "")
	h.press("enter", "2", "esc")
	wantIn(t, view(h), "decision 2 of 2, with 0.5 of 1 point", "Your place is saved")
	h.press("y")
	if string(mem["fanout"]) == "" {
		t.Fatal("no place stored")
	}

	h = newHarness(t, ctx, "") // a new visit to the screen
	wantIn(t, ansi.Strip(h.m.list.view(ctx, false, 80, 20)), "unfinished · today")
	if k := h.m.KeyMap().ShortHelp(); !slices.ContainsFunc(k, func(b key.Binding) bool { return b.Help().Desc == "start over" }) {
		t.Errorf("the list's help lacks start over: %v", k)
	}
	h.press("enter")
	v := view(h)
	if h.m.state != stateDecide || h.m.play.node.ID != "failures" {
		t.Fatalf("resume: state %v at %q", h.m.state, h.m.play.node.ID)
	}
	wantIn(t, v, "Decision 2 of 2", "score 0.5 of 1 point", "↪ You went with EventBridge")
	if len(h.status) == 0 || !strings.Contains(h.status[len(h.status)-1].Text, "Picked up where you left off: decision 2 of 2") {
		t.Errorf("status %v", h.status)
	}
	h.press("1", "enter")
	if h.m.state != stateEnding {
		t.Fatalf("state %v, want ending", h.m.state)
	}
	if _, ok := mem["fanout"]; ok {
		t.Error("the place is still kept after the ending")
	}
	attempts, err := uitest.StoreOf(ctx).Attempts(context.Background(), store.AttemptFilter{Source: store.SourceScenario})
	if err != nil {
		t.Fatal(err)
	}
	if len(attempts) != 2 || attempts[0].SessionID == 0 || attempts[1].SessionID != attempts[0].SessionID {
		t.Errorf("the resumed decision should join the first one's run: %+v", attempts)
	}
	recs, err := uitest.StoreOf(ctx).ScenarioBest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r := recs["fanout"]; r.Finished != 1 || r.BestScore != 1.5 || r.MaxScore != 2 {
		t.Errorf("record %+v", r)
	}

	// n on the list starts over and forgets the place.
	h = newHarness(t, ctx, "fanout")
	h.press("2", "esc", "y")
	if _, ok := mem["fanout"]; !ok {
		t.Fatal("no place stored")
	}
	h.press("n")
	if h.m.state != stateDecide || h.m.play.node.ID != "design" || len(h.m.play.run.Path()) != 0 {
		t.Fatalf("n: state %v at %q", h.m.state, h.m.play.node.ID)
	}
	if _, ok := mem["fanout"]; ok {
		t.Error("n kept the place")
	}
}

// A place that no longer fits the scenario starts it from the beginning, and is forgotten.
func TestResumeStalePlace(t *testing.T) {
	for name, raw := range map[string]string{
		"unknown node":   `{"run":1,"steps":[{"node":"gone","choice":0}]}`,
		"unknown choice": `{"steps":[{"node":"design","choice":7}]}`,
		"ended":          `{"steps":[{"node":"design","choice":2}]}`,
		"not json":       `{`,
	} {
		t.Run(name, func(t *testing.T) {
			mem := memPlaces{"fanout": json.RawMessage(raw)}
			withPlaces(t, mem)
			h := newHarness(t, newContext(t), "fanout")
			if h.m.state != stateDecide || h.m.play.node.ID != "design" || len(h.m.play.run.Path()) != 0 {
				t.Fatalf("state %v at %q", h.m.state, h.m.play.node.ID)
			}
			if _, ok := mem["fanout"]; ok {
				t.Error("the stale place is still kept")
			}
			if len(h.status) == 0 || !strings.Contains(h.status[0].Text, "starts from the beginning") {
				t.Errorf("status %v", h.status)
			}
		})
	}
}

// Every view fits the screen at the smallest supported size and at 80×24.
func TestViewFits(t *testing.T) {
	for _, size := range [][2]int{{common.MinWidth, common.MinHeight}, {80, 24}, {120, 40}} {
		ctx := newContext(t)
		h := newHarness(t, ctx, "")
		ctx.Width, ctx.Height = size[0], size[1]
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, k := range []string{"", "enter", "1", "o", "esc", "n", "l", "esc", "enter", "1", "enter"} {
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
	wantIn(t, view(h), " 2. "+n.Choices[order[1]].Text[:10]) // after its verdict mark
}

// A choice with a bridge shows it above the next decision; the title counts decisions of the best path
// and says when a decision is a retry; the line after a verdict says what enter does.
func TestBridgeProgressAndRetry(t *testing.T) {
	h := newHarness(t, newContext(t), "fanout")
	wantIn(t, view(h), "Decision 1 of 2")
	wantNotIn(t, view(h), "You went with EventBridge")
	h.press("2")
	wantIn(t, view(h), "Decision 1 of 2", "score 0.5 of 1 point", "enter · next decision")
	h.press("enter")
	v := view(h)
	wantIn(t, v, "Decision 2 of 2", "↪ You went with EventBridge; the team standardises on SNS to SQS.",
		"A consumer keeps failing on one message. What now?")
	if strings.Index(v, "You went with") > strings.Index(v, "A consumer keeps failing") {
		t.Errorf("the bridge should come before the prompt:\n%s", v)
	}
	wantNotIn(t, v, "retry")

	h.press("2") // retry forever: poor, back to the same decision
	v = view(h)
	wantIn(t, v, "Decision 2 of 2", "✗ Poor", "enter · choose again")
	wantNotIn(t, v, "retry", "next decision")
	if k := h.m.KeyMap().ShortHelp()[0].Help(); k.Desc != "choose again" {
		t.Errorf("help for enter says %q, want choose again", k.Desc)
	}
	h.press("enter")
	v = view(h)
	wantIn(t, v, "Decision 2 of 2 · retry")
	wantNotIn(t, v, "You went with EventBridge") // the bridge belonged to the first visit
	h.press("1")
	v = view(h)
	wantIn(t, v, "Decision 2 of 2 · retry", "enter · see how it ends", "no points: a retry")
	wantNotIn(t, v, "1 of 1 point") // the first choice here counted, not this one
	h.press("enter")
	h.m.ctx.Height = 60
	h.send(tea.WindowSizeMsg{Width: 80, Height: 60})
	v = view(h)
	wantIn(t, v, "score 0.5 of 2 points", "2. What now? (retry)", "→ Retry forever", "Best: Add a dead-letter queue")
	if strings.Count(v, "no points: a retry") != 1 {
		t.Errorf("the recap should say the retry earned no points, once:\n%s", v)
	}
}

// With the real store, a run left unfinished is picked up again on the next visit, in the same run.
func TestResumeFromStore(t *testing.T) {
	ctx := newContext(t)
	h := newHarness(t, ctx, "fanout")
	h.press("2", "esc")
	wantIn(t, view(h), "Your place is saved")
	h.press("y")
	h = newHarness(t, ctx, "fanout")
	if h.m.state != stateDecide || h.m.play.node.ID != "failures" {
		t.Fatalf("resume: state %v at %q", h.m.state, h.m.play.node.ID)
	}
	wantIn(t, view(h), "Decision 2 of 2", "score 0.5 of 1 point")
	h.press("1", "enter")
	recs, err := uitest.StoreOf(ctx).ScenarioBest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r := recs["fanout"]; r.Finished != 1 || r.BestScore != 1.5 || r.MaxScore != 2 {
		t.Errorf("record %+v", r)
	}
	if raw, err := ctx.Study.LoadScenarioPosition(context.Background(), "fanout"); err != nil || raw != nil {
		t.Errorf("place after the ending: %s, %v", raw, err)
	}
}

// A bridge on a choice that leads to an ending shows above the outcome, since the ending may rest on it;
// its source line breaks are joined, so it wraps to the screen and not to the YAML.
func TestBridgeBeforeEnding(t *testing.T) {
	ctx := newContext(t)
	s := ctx.Pack.Scenario("fanout")
	s.Nodes["failures"].Choices[0].Bridge = "You added the DLQ;\nthe team also alarms on its depth."
	h := newHarness(t, ctx, "fanout")
	h.press("1", "enter", "1", "enter")
	v := view(h)
	wantIn(t, v, "↪ You added the DLQ; the team also alarms on its depth.", "Every team gets every order")
	if strings.Index(v, "You added the DLQ") > strings.Index(v, "Every team gets every order") {
		t.Errorf("the bridge should come before the outcome:\n%s", v)
	}
}
