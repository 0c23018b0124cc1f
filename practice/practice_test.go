package practice

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"dvaprep/review"
	"dvaprep/store"
)

var t0 = time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)

func answer(correct, sure, fast bool, at time.Time) Answer {
	return Answer{ItemID: "q1", Kind: store.KindQuestion, Domain: "1", Task: "1.1", Correct: correct, Sure: sure, Fast: fast, At: at}
}

func TestNext(t *testing.T) {
	if _, ok := Next(nil, answer(true, true, true, t0)); ok {
		t.Error("a correct answer without a card made one")
	}
	c, ok := Next(nil, answer(false, true, true, t0))
	if !ok || c.State != int(review.Learning) || !c.Due.Equal(t0.Add(time.Minute)) || c.Reps != 1 ||
		c.ItemID != "q1" || c.Task != "1.1" || c.Kind != store.KindQuestion {
		t.Fatalf("wrong answer: card %+v", c)
	}
	if _, ok := Next(&c, answer(true, true, false, t0)); ok {
		t.Error("an answer at the card's last review was counted again")
	}
	// Good at step 0 moves to step 1 (10 minutes)...
	c, _ = Next(&c, answer(true, true, false, t0.Add(2*time.Minute)))
	if c.State != int(review.Learning) || c.Due.Sub(c.LastReview) != 10*time.Minute {
		t.Fatalf("after Good at step 0: %+v", c)
	}
	// ...and Good at step 1 graduates: the step is read back from the wait.
	c, _ = Next(&c, answer(true, true, false, t0.Add(15*time.Minute)))
	if c.State != int(review.Review) || c.Due.Sub(c.LastReview) < 24*time.Hour {
		t.Fatalf("after Good at step 1: %+v, want Review due in days", c)
	}
	// A lapse goes to relearning, 10 minutes.
	c, _ = Next(&c, answer(false, true, false, t0.Add(3*24*time.Hour)))
	if c.State != int(review.Relearning) || c.Due.Sub(c.LastReview) != 10*time.Minute || c.Lapses != 1 {
		t.Fatalf("after a lapse: %+v", c)
	}
}

func TestFromAttempt(t *testing.T) {
	tests := []struct {
		a    store.Attempt
		want review.Rating
	}{
		{store.Attempt{Score: 0, Elapsed: 5 * time.Second}, review.Again},
		{store.Attempt{Score: 0.5, Elapsed: 5 * time.Second}, review.Again},
		{store.Attempt{Score: 1, Elapsed: 40 * time.Second}, review.Good},
		{store.Attempt{Score: 1, Elapsed: 10 * time.Second}, review.Easy},
		{store.Attempt{Score: 1}, review.Good}, // no time recorded: not fast
	}
	for _, tt := range tests {
		if got := FromAttempt(tt.a, t0).Rating(); got != tt.want {
			t.Errorf("%+v: rating %v, want %v", tt.a, got, tt.want)
		}
	}
	if got := FromAttempt(store.Attempt{}, t0).At; !got.Equal(t0) {
		t.Errorf("zero At = %v, want now", got)
	}
}

func TestCardUpdates(t *testing.T) {
	existing := &store.Card{ItemID: "q2", Kind: store.KindQuestion, State: int(review.Review), Stability: 10,
		Difficulty: 5, LastReview: t0.Add(-10 * 24 * time.Hour), Due: t0, Reps: 3}
	as := []store.Attempt{
		{ItemID: "q1", Kind: store.KindQuestion, Score: 1, At: t0},     // right, no card: nothing
		{ItemID: "s/n1", Kind: store.KindDecision, Score: 0.5, At: t0}, // acceptable: a miss
		{ItemID: "q2", Kind: store.KindQuestion, Score: 1, Elapsed: time.Minute, At: t0},
		{ItemID: "s/n1", Kind: store.KindDecision, Score: 1, Elapsed: time.Minute, At: t0.Add(3 * time.Minute)},
	}
	got := CardUpdates(map[string]*store.Card{"q2": existing}, as, t0)
	if len(got) != 2 || got[0].ItemID != "s/n1" || got[1].ItemID != "q2" {
		t.Fatalf("updates %+v", got)
	}
	if got[0].Reps != 2 || got[0].Due.Sub(got[0].LastReview) != 10*time.Minute {
		t.Errorf("decision card after miss then Good: %+v", got[0])
	}
	// Review, S=10, D=5, R=0.9, Good: S' = 32.026729 → 32 days.
	if got[1].Reps != 4 || got[1].Due.Sub(t0) != 32*24*time.Hour {
		t.Errorf("q2: %+v, want due in 32 days", got[1])
	}
}

func TestRecordWithStore(t *testing.T) {
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	a := store.Attempt{ItemID: "fanout/design", Kind: store.KindDecision, Domain: "1", Task: "1.1", Score: 0,
		Choice: "x", CorrectChoice: "y", Source: store.SourceScenario, At: t0}
	if err := Record(ctx, st, t0, a); err != nil {
		t.Fatal(err)
	}
	c, err := st.GetCard(ctx, a.ItemID)
	if err != nil || c == nil {
		t.Fatalf("card %v, %v", c, err)
	}
	if !c.Due.Equal(t0.Add(time.Minute)) || c.Kind != store.KindDecision {
		t.Errorf("card %+v", c)
	}
	// A retry of the same answer changes nothing.
	if err := Record(ctx, st, t0, a); err != nil {
		t.Fatal(err)
	}
	if c2, _ := st.GetCard(ctx, a.ItemID); c2.Reps != 1 {
		t.Errorf("retry counted twice: reps %d", c2.Reps)
	}
	// An attempt without a time is taken at the clock given, not the wall clock.
	b := a
	b.ItemID, b.At = "fanout/other", time.Time{}
	if err := Record(ctx, st, t0.Add(time.Hour), b); err != nil {
		t.Fatal(err)
	}
	if c, _ := st.GetCard(ctx, b.ItemID); c == nil || !c.LastReview.Equal(t0.Add(time.Hour)) {
		t.Errorf("card of an attempt without a time: %+v, want reviewed at the injected clock", c)
	}
	n, _ := st.CountDue(ctx, t0.Add(time.Minute))
	if n != 1 {
		t.Errorf("due after a minute: %d", n)
	}
}

func TestForecast(t *testing.T) {
	cards := []store.Card{
		{Due: t0.Add(-time.Hour)},
		{Due: t0},
		{Due: t0.Add(3 * time.Hour)},
		{Due: t0.Add(20 * time.Hour)}, // tomorrow 06:00
		{Due: t0.Add(5 * 24 * time.Hour)},
		{Due: t0.Add(30 * 24 * time.Hour)},
	}
	f := ForecastOf(cards, t0)
	want := Forecast{Cards: 6, Now: 2, Today: 3, Tomorrow: 1, Week: 5, Next: t0.Add(3 * time.Hour)}
	if f != want {
		t.Errorf("ForecastOf = %+v, want %+v", f, want)
	}
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{20 * time.Second, "less than a minute"}, {5 * time.Minute, "5 minutes"}, {90 * time.Minute, "2 hours"},
		{59 * time.Second, "1 minute"}, {19 * time.Hour, "19 hours"}, {21 * time.Hour, "1 day"}, {30 * time.Hour, "1 day"}, {47 * time.Hour, "2 days"}, {24 * 24 * time.Hour, "24 days"},
	} {
		if got := Until(t0.Add(tt.d), t0); got != tt.want {
			t.Errorf("Until(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
