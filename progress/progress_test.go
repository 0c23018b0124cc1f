package progress_test

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"testing"
	"time"

	"dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/progress"
	"dvaprep/progress/progresstest"
	"dvaprep/store"
)

func report(t *testing.T, seed bool) progress.Report {
	t.Helper()
	p, probs, err := pack.Load(progresstest.Pack())
	if err != nil || len(probs) > 0 {
		t.Fatalf("pack: %v %v", err, probs)
	}
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if seed {
		progresstest.Seed(t, st)
	}
	d, err := progress.Load(context.Background(), st, progresstest.Now)
	if err != nil {
		t.Fatal(err)
	}
	return progress.Compute(p, d, progresstest.Now)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestMastery(t *testing.T) {
	r := report(t, true)
	tests := []struct {
		m                                    progress.Mastery
		id                                   string
		answered, cards                      int
		accuracy, recent, retention, mastery float64
		tried                                bool
		read, sections                       int
	}{
		// 8/10 today at weight 1, 7/10 a fortnight ago at weight ½: 11.5/15; q1-01's card is at R = 0.9.
		{r.Tasks[0], "1.1", 20, 1, 0.75, 11.5 / 15, 19.9 / 20, 11.5 / 15 * 19.9 / 20, true, 0, 2},
		{r.Tasks[1], "1.2", 2, 1, 0.25, 0.25, 1, 0.25, true, 2, 4},
		{r.Tasks[2], "2.1", 10, 0, 0.5, 0.5, 1, 0.5, true, 0, 1},
		{r.Tasks[3], "2.2", 0, 0, 0, 0, 0, 0, false, 0, 0},
		{r.Domains[0], "1", 22, 2, 15.5 / 22, 12.0 / 17, 21.9 / 22, 12.0 / 17 * 21.9 / 22, true, 2, 6},
		{r.Domains[1], "2", 10, 0, 0.5, 0.5, 1, 0.5, true, 0, 1},
	}
	for _, tt := range tests {
		m := tt.m
		if m.ID != tt.id || m.Answered != tt.answered || m.Cards != tt.cards || m.Tried != tt.tried ||
			!near(m.Accuracy, tt.accuracy) || !near(m.Recent, tt.recent) || !near(m.Retention, tt.retention) ||
			!near(m.Mastery, tt.mastery) || m.Sections != (progress.Count{Done: tt.read, Total: tt.sections}) {
			t.Errorf("%s: got %+v\nwant answered %d cards %d accuracy %.6f recent %.6f retention %.6f mastery %.6f sections %d/%d",
				tt.id, m, tt.answered, tt.cards, tt.accuracy, tt.recent, tt.retention, tt.mastery, tt.read, tt.sections)
		}
	}
	// The counts say what they are: task 1.2's two answers are its scenario's two decisions.
	for _, tt := range []struct {
		m                   progress.Mastery
		questions, decision int
	}{{r.Tasks[0], 20, 0}, {r.Tasks[1], 0, 2}, {r.Tasks[3], 0, 0}, {r.Domains[0], 20, 2}, {r.Domains[1], 10, 0}} {
		if tt.m.Questions != tt.questions || tt.m.Decisions != tt.decision || tt.m.Questions+tt.m.Decisions != tt.m.Answered {
			t.Errorf("%s: %d questions and %d decisions of %d answered; want %d and %d",
				tt.m.ID, tt.m.Questions, tt.m.Decisions, tt.m.Answered, tt.questions, tt.decision)
		}
	}
	if len(r.Tasks) != 4 || len(r.Domains) != 2 || r.Domains[0].Weight != 60 {
		t.Errorf("rows: %d tasks, %d domains", len(r.Tasks), len(r.Domains))
	}
	if r.Questions != (store.Tally{Answered: 30, Score: 20}) || r.Decisions != (store.Tally{Answered: 2, Score: 0.5}) ||
		r.Cards != 2 || r.Notes != (progress.Count{Done: 2, Total: 7}) {
		t.Errorf("totals: questions %+v decisions %+v cards %d notes %+v", r.Questions, r.Decisions, r.Cards, r.Notes)
	}
}

func TestReadiness(t *testing.T) {
	got := report(t, true).Readiness
	// Domain 1: 15/20, domain 2: 5/10, weights 60/40: 0.6·0.75 + 0.4·0.5 = 65%.
	// se² = 0.36·(16/22)(6/22)/20 + 0.16·(6/12)(6/12)/10 = 0.00357025 + 0.004; 1.96·se = 17.0534 points.
	want := progress.Readiness{Enough: true, Answers: 30, Fewest: 10, FewestID: "2", Percent: 65,
		Low: 47.946603, High: 82.053397, Scaled: 659, ScaledLow: 512, ScaledHigh: 820, Passing: 720}
	if got.Enough != want.Enough || got.Answers != want.Answers || got.Fewest != want.Fewest || got.FewestID != want.FewestID ||
		!near(got.Percent, want.Percent) || math.Abs(got.Low-want.Low) > 1e-4 || math.Abs(got.High-want.High) > 1e-4 ||
		got.Scaled != want.Scaled || got.ScaledLow != want.ScaledLow || got.ScaledHigh != want.ScaledHigh || got.Passing != 720 {
		t.Errorf("readiness\n got %+v\nwant %+v", got, want)
	}
	if got.Reason() != "" {
		t.Errorf("reason %q", got.Reason())
	}
}

func TestReadinessNotEnough(t *testing.T) {
	p, _, _ := pack.Load(progresstest.Pack())
	q := func(domain string, n int) []store.Attempt {
		var out []store.Attempt
		for range n {
			out = append(out, store.Attempt{Kind: store.KindQuestion, Domain: domain, Score: 1, At: progresstest.Now})
		}
		return out
	}
	tests := []struct {
		name     string
		attempts []store.Attempt
		reason   string
	}{
		{"empty", nil, "not enough data: 0 of the 30 answers needed"},
		{"29 answers", append(q("1", 20), q("2", 9)...), "not enough data: 29 of the 30 answers needed"},
		{"a thin domain", append(q("1", 40), q("2", 4)...), "not enough data: domain 2 has 4 answers, 5 needed in every domain"},
		{"decisions do not count", append(q("1", 30), store.Attempt{Kind: store.KindDecision, Domain: "2", Score: 1}),
			"not enough data: domain 2 has 0 answers, 5 needed in every domain"},
	}
	for _, tt := range tests {
		r := progress.Compute(p, progress.Data{Attempts: tt.attempts}, progresstest.Now).Readiness
		if r.Enough || r.Reason() != tt.reason || r.Scaled != 0 {
			t.Errorf("%s: %+v, reason %q, want %q", tt.name, r, r.Reason(), tt.reason)
		}
	}
	// Only the 40 most recent answers of a domain count.
	old := q("1", 50)
	for i := range old {
		old[i].Score, old[i].At = 0, progresstest.Now.Add(-time.Hour)
	}
	r := progress.Compute(p, progress.Data{Attempts: append(append(old, q("1", 40)...), q("2", 5)...)}, progresstest.Now).Readiness
	if !r.Enough || r.Answers != 45 || !near(r.Percent, 100) || r.Scaled != 1000 {
		t.Errorf("recent window: %+v", r)
	}
}

func TestWeakSpots(t *testing.T) {
	r := report(t, true)
	want := []struct{ id, suggestion, note string }{
		{"1.2", "read DynamoDB notes", "dynamodb"}, // tried, a quarter right; DynamoDB has the most sections
		{"2.1", "drill 2.1", "cognito"},            // half right
		{"2.2", "drill 2.2", ""},                   // never tried: ranks as a coin flip, after tried 2.1
		{"1.1", "drill 1.1", "sqs"},
	}
	if len(r.Weak) != len(want) {
		t.Fatalf("weak spots: %+v", r.Weak)
	}
	for i, w := range want {
		g := r.Weak[i]
		if g.ID != w.id || g.Suggestion() != w.suggestion || g.NoteID != w.note {
			t.Errorf("weak %d: %s %q %s, want %s %q %s", i, g.ID, g.Suggestion(), g.NoteID, w.id, w.suggestion, w.note)
		}
	}
}

func TestConfusionsPacingStreakHistory(t *testing.T) {
	r := report(t, true)
	var conf []string
	for _, c := range r.Confusions {
		conf = append(conf, c.String())
	}
	wantConf := []string{"B when the answer was A: 5 times", "EventBridge when the answer was SNS: 4 times"}
	if len(conf) != 2 || conf[0] != wantConf[0] || conf[1] != wantConf[1] {
		t.Errorf("confusions %q, want %q (multiple answers left out)", conf, wantConf)
	}
	wantPace := progress.Pacing{Exams: 2, Questions: 5, Average: 84 * time.Second, Last: 60 * time.Second, Budget: 2 * time.Minute,
		Pace: exam.OnPace}
	if r.Pacing != wantPace {
		t.Errorf("pacing %+v, want %+v", r.Pacing, wantPace)
	}
	if want := (progress.Streak{Current: 2, Longest: 2, Days: 3, Today: true}); r.Streak != want {
		t.Errorf("streak %+v, want %+v", r.Streak, want)
	}
	// Only the full mock has a scaled estimate: the drill and the custom exam are practice.
	if len(r.Exams) != 1 || r.Exams[0].Scaled != 513 || r.Exams[0].Pass || r.Exams[0].Total != 3 ||
		r.Exams[0].Kind != store.ExamMock {
		t.Errorf("exam history %+v", r.Exams)
	}
	if len(r.Weeks) != progress.Weeks {
		t.Fatalf("%d weeks", len(r.Weeks))
	}
	mon := time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)
	if !r.Weeks[7].Start.Equal(mon) || r.Weeks[7].Tally != (store.Tally{Answered: 22, Score: 13.5}) ||
		!r.Weeks[5].Start.Equal(mon.AddDate(0, 0, -14)) || r.Weeks[5].Tally != (store.Tally{Answered: 10, Score: 7}) ||
		r.Weeks[6].Answered != 0 || !r.Weeks[0].Start.Equal(mon.AddDate(0, 0, -49)) {
		t.Errorf("weeks %+v", r.Weeks)
	}
}

func TestStreak(t *testing.T) {
	p, _, _ := pack.Load(progresstest.Pack())
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	now := time.Date(2026, 1, 14, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		days []time.Time
		want progress.Streak
	}{
		{"none", nil, progress.Streak{}},
		{"up to yesterday", []time.Time{day(1), day(2), day(3), day(12), day(13)}, progress.Streak{Current: 2, Longest: 3, Days: 5}},
		{"broken", []time.Time{day(10), day(11)}, progress.Streak{Current: 0, Longest: 2, Days: 2}},
		{"today only", []time.Time{day(14)}, progress.Streak{Current: 1, Longest: 1, Days: 1, Today: true}},
	}
	for _, tt := range tests {
		if got := progress.Compute(p, progress.Data{Days: tt.days}, now).Streak; got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestEmpty(t *testing.T) {
	r := report(t, false)
	if r.Readiness.Enough || len(r.Tasks) != 4 || r.Tasks[0].Tried || len(r.Weak) != 4 || r.Weak[0].ID != "1.1" ||
		r.Pacing.Exams != 0 || r.Streak != (progress.Streak{}) || len(r.Confusions) != 0 {
		t.Errorf("empty report: %+v", r)
	}
}

// A percentage always says how many answers it rests on, and under MinFigure that they are too few.
func TestFigure(t *testing.T) {
	for _, tt := range []struct {
		frac float64
		n    int
		want string
	}{
		{0, 0, "no answers yet"},
		{1, 1, "100% · 1 answer · too little data"},
		{0.5, 4, "50% · 4 answers · too little data"},
		{0.6, 5, "60% · 5 answers"},
		{0.615, 13, "62% · 13 answers"},
	} {
		if got := progress.Figure(tt.frac, tt.n); got != tt.want {
			t.Errorf("Figure(%v, %d) = %q, want %q", tt.frac, tt.n, got, tt.want)
		}
	}
	if progress.Enough(progress.MinFigure-1) || !progress.Enough(progress.MinFigure) {
		t.Error("Enough does not follow MinFigure")
	}
}

// Racing through timed exams is a warning too, not "on pace".
func TestPacingWarnsAboutRushing(t *testing.T) {
	p, _, _ := pack.Load(progresstest.Pack())
	res, err := json.Marshal(exam.Result{Pace: 2 * time.Minute, Time: 3 * time.Second,
		Items: []exam.ItemResult{{Time: time.Second}, {Time: time.Second}, {Time: time.Second}}})
	if err != nil {
		t.Fatal(err)
	}
	d := progress.Data{Exams: []store.ExamSession{{Kind: store.ExamMock, Result: res}}}
	pace := progress.Compute(p, d, progresstest.Now).Pacing
	if pace.Average != time.Second || pace.Pace != exam.Rushing {
		t.Errorf("pacing %+v, want 1 s a question, rushing", pace)
	}
}
