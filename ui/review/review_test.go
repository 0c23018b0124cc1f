package review_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"dvaprep/progress/progresstest"
	fsrs "dvaprep/review"
	"dvaprep/store"
	"dvaprep/ui/common"
	"dvaprep/ui/review"
	"dvaprep/ui/uitest"
)

// open seeds three due cards (a single-answer question, a multiple-answer question and a scenario
// decision, in that order) and opens the screen.
func open(t *testing.T) (*common.Context, *uitest.Screen) {
	t.Helper()
	ctx := uitest.Context(t, progresstest.Pack())
	now := ctx.Now()
	day := 24 * time.Hour
	cards := []store.Card{
		{ItemID: "q1-01", Kind: store.KindQuestion, Domain: "1", Task: "1.1", Stability: 10, Difficulty: 5,
			State: int(fsrs.Review), Reps: 3, LastReview: now.Add(-10 * day), Due: now.Add(-3 * time.Hour)},
		{ItemID: "q2-01", Kind: store.KindQuestion, Domain: "2", Task: "2.1", Stability: 3, Difficulty: 5,
			State: int(fsrs.Review), Reps: 2, LastReview: now.Add(-3 * day), Due: now.Add(-2 * time.Hour)},
		{ItemID: "s/n1", Kind: store.KindDecision, Domain: "1", Task: "1.2", Stability: 0.212, Difficulty: 6.4,
			State: int(fsrs.Learning), Reps: 1, LastReview: now.Add(-time.Hour), Due: now.Add(-time.Hour + time.Minute)},
		{ItemID: "gone", Kind: store.KindQuestion, Domain: "1", Task: "1.1", Stability: 1, State: int(fsrs.Review),
			LastReview: now.Add(-2 * day), Due: now.Add(-time.Minute)},
		{ItemID: "q1-02", Kind: store.KindQuestion, Domain: "1", Task: "1.1", Stability: 5, State: int(fsrs.Review),
			LastReview: now, Due: now.Add(2 * day)},
	}
	for _, c := range cards {
		if err := uitest.StoreOf(ctx).PutCard(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	return ctx, uitest.New(t, ctx, review.New(ctx))
}

func view(ctx *common.Context, d *uitest.Screen) string { return ansi.Strip(d.View(ctx)) }

func card(t *testing.T, ctx *common.Context, id string) store.Card {
	t.Helper()
	c, err := uitest.StoreOf(ctx).GetCard(context.Background(), id)
	if err != nil || c == nil {
		t.Fatalf("card %s: %v, %v", id, c, err)
	}
	return *c
}

func TestReviewSession(t *testing.T) {
	ctx, d := open(t)
	now := ctx.Now()
	v := view(ctx, d)
	for _, want := range []string{"Card 1 of 3 due now", "0 more later today", "Question · Domain 1 Development", "every", "A. Amazon SNS", "D. Kinesis"} {
		if !strings.Contains(v, want) {
			t.Fatalf("first card lacks %q:\n%s", want, v)
		}
	}

	// A wrong answer: the feedback shows every option's why and the explanation.
	d.Keys("b")
	v = view(ctx, d)
	for _, want := range []string{"✗ Wrong · the answer is A", "Your answer. Works, but more rules", "SNS copies each message",
		"Consumers compete.", "It comes back in a minute"} {
		if !strings.Contains(v, want) {
			t.Errorf("feedback lacks %q:\n%s", want, v)
		}
	}
	d.Keys("pgdown")
	if v := view(ctx, d); !strings.Contains(v, "Explanation") || !strings.Contains(v, "SNS fans out") {
		t.Errorf("feedback lacks the explanation:\n%s", v)
	}
	d.Keys("s") // sure, but wrong: Again. A lapse in Review goes to relearning, 10 minutes.
	c := card(t, ctx, "q1-01")
	if c.State != int(fsrs.Relearning) || c.Lapses != 1 || c.Reps != 4 || !c.Due.Equal(now.Add(10*time.Minute)) {
		t.Errorf("q1-01 after a miss: %+v", c)
	}

	// The multiple-answer card, right and unsure: Hard.
	if v := view(ctx, d); !strings.Contains(v, "Card 2 of 3") || !strings.Contains(v, "Choose 2.") {
		t.Fatalf("second card:\n%s", v)
	}
	d.Keys("1")
	if v := view(ctx, d); !strings.Contains(v, "[x] A.") || strings.Contains(v, "Right") {
		t.Fatalf("one of two toggled:\n%s", v)
	}
	d.Keys("down", "space")
	if v := view(ctx, d); !strings.Contains(v, "✓ Right") || !strings.Contains(v, "Were you sure?") {
		t.Fatalf("after two:\n%s", v)
	}
	d.Keys("enter") // right answers need s or u
	if c := card(t, ctx, "q2-01"); c.Reps != 2 {
		t.Fatalf("enter rated a right answer: %+v", c)
	}
	d.Keys("u")
	c = card(t, ctx, "q2-01")
	if c.State != int(fsrs.Review) || c.Reps != 3 || !c.LastReview.Equal(now) || !c.Due.After(now.Add(24*time.Hour)) {
		t.Errorf("q2-01 after Hard: %+v", c)
	}

	// The decision: an acceptable choice is a miss.
	v = view(ctx, d)
	if !strings.Contains(v, "Scenario decision · Orders · Domain 1") || !strings.Contains(v, "\nOrders  ") ||
		!strings.Contains(v, "Store orders.") || !strings.Contains(v, "B. order status") {
		t.Fatalf("decision card:\n%s", v)
	}
	d.Keys("b")
	if v := view(ctx, d); !strings.Contains(v, "✗ Wrong · the answer is A") || !strings.Contains(v, "Poor: Few values") {
		t.Fatalf("decision feedback:\n%s", v)
	}
	d.Keys("enter")
	if c := card(t, ctx, "s/n1"); c.State != int(fsrs.Learning) || !c.Due.Equal(now.Add(time.Minute)) {
		t.Errorf("s/n1 after Again: %+v", c)
	}

	// Every review is an attempt from the review source.
	as, err := uitest.StoreOf(ctx).Attempts(context.Background(), store.AttemptFilter{Source: store.SourceReview})
	if err != nil || len(as) != 3 {
		t.Fatalf("attempts %+v, %v", as, err)
	}
	if as[0].ItemID != "q1-01" || as[0].Score != 0 || as[0].Choice != "EventBridge" || as[0].CorrectChoice != "SNS" ||
		as[1].Score != 1 || as[1].Choice != "Cognito identity pools + STS AssumeRole" ||
		as[2].Kind != store.KindDecision || as[2].Score != 0 {
		t.Errorf("attempts %+v", as)
	}

	// Nothing left: the next is the decision, in a minute.
	v = view(ctx, d)
	for _, want := range []string{"Nothing due — next review in 1 minute", "This visit: 3 reviewed, 1 right",
		"1 due card is of an item no longer in the pack"} {
		if !strings.Contains(v, want) {
			t.Errorf("empty state lacks %q:\n%s", want, v)
		}
	}
}

func TestReviewFeedbackGolden(t *testing.T) {
	ctx, d := open(t)
	d.Keys("b")
	golden.RequireEqual(t, view(ctx, d))
}

func TestNothingToReview(t *testing.T) {
	ctx := uitest.Context(t, progresstest.Pack())
	d := uitest.New(t, ctx, review.New(ctx))
	if v := view(ctx, d); !strings.Contains(v, "Nothing to review yet.") {
		t.Errorf("no cards:\n%s", v)
	}
	if err := uitest.StoreOf(ctx).PutCard(context.Background(), store.Card{ItemID: "q1-01", Kind: store.KindQuestion,
		Stability: 2, State: int(fsrs.Review), LastReview: ctx.Now(), Due: ctx.Now().Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	d.Keys("r")
	v := view(ctx, d)
	if !strings.Contains(v, "Nothing due — next review in 2 days") || !strings.Contains(v, "tomorrow            0") {
		t.Errorf("one card in two days:\n%s", v)
	}
	// A card due tomorrow counts under tomorrow only: the groups do not overlap.
	ctx2 := uitest.Context(t, progresstest.Pack())
	d2 := uitest.New(t, ctx2, review.New(ctx2))
	for id, due := range map[string]time.Duration{"q1-01": 24 * time.Hour, "q2-01": 48 * time.Hour} {
		if err := uitest.StoreOf(ctx2).PutCard(context.Background(), store.Card{ItemID: id,
			Kind: store.KindQuestion, Stability: 2, State: int(fsrs.Review), LastReview: ctx2.Now(), Due: ctx2.Now().Add(due)}); err != nil {
			t.Fatal(err)
		}
	}
	d2.Keys("r")
	v = view(ctx2, d2)
	for _, want := range []string{"tomorrow            1", "later this week     1", "cards in all        2"} {
		if !strings.Contains(v, want) {
			t.Errorf("one card tomorrow, one in two days: no %q:\n%s", want, v)
		}
	}
	d.Keys("esc")
	if len(d.Sent) == 0 {
		t.Error("esc sent nothing")
	} else if _, ok := d.Sent[len(d.Sent)-1].(common.BackMsg); !ok {
		t.Errorf("esc sent %T", d.Sent[len(d.Sent)-1])
	}
}

// x strikes out the option under the cursor: it shows as struck, cannot be chosen until un-struck, and the
// help shows the key.
func TestReviewStrike(t *testing.T) {
	ctx, d := open(t)
	d.Keys("down", "x") // B
	v := view(ctx, d)
	if !strings.Contains(v, "(~) B.") {
		t.Fatalf("B not shown struck:\n%s", v)
	}
	help := ""
	for _, b := range d.S.KeyMap().ShortHelp() {
		help += b.Help().Key + " " + b.Help().Desc + " · "
	}
	if !strings.Contains(help, "x strike") {
		t.Errorf("the help does not show x: %s", help)
	}
	d.Keys("b")
	if v := view(ctx, d); strings.Contains(v, "✗ Wrong") {
		t.Fatalf("a struck option was chosen:\n%s", v)
	}
	if st, ok := d.Sent[len(d.Sent)-1].(common.StatusMsg); !ok || !strings.Contains(st.Text, "B is struck out") {
		t.Errorf("last message %+v, want the strike explained", d.Sent[len(d.Sent)-1])
	}
	d.Keys("x", "b") // un-strike, then choose it
	if v := view(ctx, d); !strings.Contains(v, "✗ Wrong · the answer is A") {
		t.Fatalf("an un-struck option could not be chosen:\n%s", v)
	}
}
