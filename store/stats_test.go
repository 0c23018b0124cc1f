package store

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func TestStatsByDomainAndTask(t *testing.T) {
	s := seeded(t)
	ctx := context.Background()
	tests := []struct {
		name string
		get  func() ([]Stat, error)
		want []Stat
	}{
		{"domain, all kinds", func() ([]Stat, error) { return s.StatsByDomain(ctx, "") }, []Stat{
			{Domain: "d1", Tally: Tally{5, 1.5}},
			{Domain: "d2", Tally: Tally{4, 2}},
			{Domain: "d3", Tally: Tally{1, 0}},
		}},
		{"domain, questions", func() ([]Stat, error) { return s.StatsByDomain(ctx, KindQuestion) }, []Stat{
			{Domain: "d1", Tally: Tally{4, 1}},
			{Domain: "d2", Tally: Tally{3, 1}},
			{Domain: "d3", Tally: Tally{1, 0}},
		}},
		{"domain, decisions", func() ([]Stat, error) { return s.StatsByDomain(ctx, KindDecision) }, []Stat{
			{Domain: "d1", Tally: Tally{1, 0.5}},
			{Domain: "d2", Tally: Tally{1, 1}},
		}},
		{"task, all kinds", func() ([]Stat, error) { return s.StatsByTask(ctx, "") }, []Stat{
			{Domain: "d1", Task: "1.1", Tally: Tally{4, 1.5}},
			{Domain: "d1", Task: "1.2", Tally: Tally{1, 0}},
			{Domain: "d2", Task: "2.1", Tally: Tally{3, 2}},
			{Domain: "d2", Task: "2.2", Tally: Tally{1, 0}},
			{Domain: "d3", Task: "3.1", Tally: Tally{1, 0}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.get()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestTallyAccuracy(t *testing.T) {
	for _, tt := range []struct {
		t    Tally
		want float64
	}{{Tally{}, 0}, {Tally{4, 1}, 0.25}, {Tally{5, 1.5}, 0.3}, {Tally{2, 2}, 1}} {
		if got := tt.t.Accuracy(); got != tt.want {
			t.Errorf("%+v.Accuracy() = %v, want %v", tt.t, got, tt.want)
		}
	}
}

func day(n int) time.Time { return time.Date(2025, 3, 9+n, 0, 0, 0, 0, time.UTC) }

func TestDailyAccuracy(t *testing.T) {
	s := seeded(t)
	ctx := context.Background()
	tests := []struct {
		since time.Time
		want  []DayStat
	}{
		{time.Time{}, []DayStat{{day(1), Tally{3, 1}}, {day(2), Tally{3, 1.5}}, {day(3), Tally{3, 1}}, {day(4), Tally{1, 0}}}},
		{day(2), []DayStat{{day(2), Tally{3, 1.5}}, {day(3), Tally{3, 1}}, {day(4), Tally{1, 0}}}},
		// Since an exact attempt time: that attempt counts.
		{t0.Add(49 * time.Hour), []DayStat{{day(3), Tally{2, 0}}, {day(4), Tally{1, 0}}}},
		{day(5), nil},
	}
	for _, tt := range tests {
		got, err := s.DailyAccuracy(ctx, tt.since)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, tt.want, func(a, b DayStat) bool { return a.Day.Equal(b.Day) && a.Tally == b.Tally }) {
			t.Errorf("DailyAccuracy(%v):\n got %+v\nwant %+v", tt.since, got, tt.want)
		}
	}
}

// TestDaysFollowTheLocation checks that a day is the caller's calendar day,
// here in a zone 5:45 ahead of UTC.
func TestDaysFollowTheLocation(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	nepal := time.FixedZone("NPT", 5*3600+45*60)
	for _, at := range []time.Time{
		time.Date(2025, 3, 10, 18, 14, 0, 0, time.UTC), // 23:59 on the 10th in Nepal
		time.Date(2025, 3, 10, 18, 15, 0, 0, time.UTC), // 00:00 on the 11th
		time.Date(2025, 3, 10, 18, 16, 0, 0, time.UTC),
	} {
		if _, err := s.RecordAttempt(ctx, Attempt{ItemID: "q", Kind: KindQuestion, Source: SourceDrill, Score: 1, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	tenth, eleventh := time.Date(2025, 3, 10, 0, 0, 0, 0, nepal), time.Date(2025, 3, 11, 0, 0, 0, 0, nepal)

	got, err := s.DailyAccuracy(ctx, tenth)
	if err != nil {
		t.Fatal(err)
	}
	want := []DayStat{{tenth, Tally{1, 1}}, {eleventh, Tally{2, 2}}}
	if !slices.EqualFunc(got, want, func(a, b DayStat) bool { return a.Day.Equal(b.Day) && a.Tally == b.Tally }) {
		t.Errorf("DailyAccuracy in Nepal:\n got %+v\nwant %+v", got, want)
	}
	if got[0].Day.Location() != nepal {
		t.Errorf("days are in %v, want %v", got[0].Day.Location(), nepal)
	}

	days, err := s.ActiveDays(ctx, nepal)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(days, []time.Time{tenth, eleventh}, time.Time.Equal) {
		t.Errorf("ActiveDays in Nepal = %v", days)
	}
	days, err = s.ActiveDays(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(days, []time.Time{day(1)}, time.Time.Equal) {
		t.Errorf("ActiveDays in UTC = %v", days)
	}
}

func TestActiveDays(t *testing.T) {
	s := seeded(t)
	got, err := s.ActiveDays(context.Background(), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if want := []time.Time{day(1), day(2), day(3), day(4)}; !slices.EqualFunc(got, want, time.Time.Equal) {
		t.Errorf("ActiveDays = %v, want %v", got, want)
	}
}

func TestMostMissed(t *testing.T) {
	s := seeded(t)
	all := []Missed{
		{ItemID: "q1", Kind: KindQuestion, Domain: "d1", Task: "1.1", Misses: 2, Attempts: 3, LastChoice: "B", CorrectChoice: "A", LastScore: 0, LastAt: t0.Add(72 * time.Hour)},
		{ItemID: "q5", Kind: KindQuestion, Domain: "d3", Task: "3.1", Misses: 1, Attempts: 1, LastChoice: "C", CorrectChoice: "A", LastScore: 0, LastAt: t0.Add(50 * time.Hour)},
		{ItemID: "q4", Kind: KindQuestion, Domain: "d2", Task: "2.2", Misses: 1, Attempts: 1, LastChoice: "B", CorrectChoice: "A", LastScore: 0, LastAt: t0.Add(49 * time.Hour)},
		{ItemID: "fanout/n1", Kind: KindDecision, Domain: "d1", Task: "1.1", Misses: 1, Attempts: 1, LastChoice: "sns", CorrectChoice: "eventbridge", LastScore: 0.5, LastAt: t0.Add(26 * time.Hour)},
		{ItemID: "q3", Kind: KindQuestion, Domain: "d2", Task: "2.1", Misses: 1, Attempts: 2, LastChoice: "A + B", CorrectChoice: "A + B", LastScore: 1, LastAt: t0.Add(25 * time.Hour)},
		{ItemID: "q2", Kind: KindQuestion, Domain: "d1", Task: "1.2", Misses: 1, Attempts: 1, LastChoice: "C", CorrectChoice: "A", LastScore: 0, LastAt: t0.Add(2 * time.Hour)},
	}
	for _, tt := range []struct {
		limit int
		want  []Missed
	}{{0, all}, {3, all[:3]}, {100, all}} {
		got, err := s.MostMissed(context.Background(), tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("MostMissed(%d):\n got %+v\nwant %+v", tt.limit, got, tt.want)
		}
	}
}

func TestConfusionPairs(t *testing.T) {
	s := seeded(t)
	all := []ConfusionPair{
		{Chosen: "B", Correct: "A", Count: 3, Items: 2}, // q1 twice, q4
		{Chosen: "C", Correct: "A", Count: 2, Items: 2}, // q2, q5; the multiple-response q3 is left out
	}
	for _, tt := range []struct {
		limit int
		want  []ConfusionPair
	}{{0, all}, {1, all[:1]}} {
		got, err := s.ConfusionPairs(context.Background(), tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ConfusionPairs(%d):\n got %+v\nwant %+v", tt.limit, got, tt.want)
		}
	}
}

func TestSummary(t *testing.T) {
	s := seeded(t)
	ctx := context.Background()
	for _, key := range []string{"sqs#a", "sqs#b", "sqs#a"} {
		if err := s.MarkRead(ctx, key); err != nil {
			t.Fatal(err)
		}
	}
	for _, finish := range []ExamStatus{StatusSubmitted, StatusAbandoned, ""} {
		id, err := s.CreateExamSession(ctx, ExamSession{Kind: ExamMock})
		if err != nil {
			t.Fatal(err)
		}
		if finish != "" {
			if err := s.FinishExamSession(ctx, id, finish, json.RawMessage(`{}`), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Summary{
		Questions:         Tally{8, 2},
		DistinctQuestions: 5,
		Decisions:         Tally{2, 1.5},
		SectionsRead:      2,
		ExamsSubmitted:    1,
	}
	if got != want {
		t.Errorf("Summary:\n got %+v\nwant %+v", got, want)
	}

	empty, _ := openTemp(t)
	if got, err := empty.Summary(ctx); err != nil || got != (Summary{}) {
		t.Errorf("Summary of an empty store = %+v, %v", got, err)
	}
}
