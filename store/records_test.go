package store

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestScenarioBest(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	runs := []struct {
		scenario    string
		start       time.Duration // after t0
		finished    bool
		score, max_ float64
	}{
		{"fanout", 0, true, 2, 4},
		{"fanout", time.Hour, true, 3, 4},
		{"fanout", 2 * time.Hour, true, 1, 4},
		{"fanout", 3 * time.Hour, false, 0, 0},
		{"dlq", time.Hour, false, 0, 0},
		{"cache", 0, true, 1.5, 3},
		{"cache", 30 * time.Minute, true, 2.5, 5},
	}
	for _, r := range runs {
		id, err := s.StartScenarioRun(ctx, r.scenario, t0.Add(r.start))
		if err != nil {
			t.Fatal(err)
		}
		if r.finished {
			if err := s.FinishScenarioRun(ctx, id, json.RawMessage(`[{"node":"start","choice":0}]`), r.score, r.max_); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := s.ScenarioBest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]ScenarioRecord{
		"fanout": {Best: 0.75, BestScore: 3, MaxScore: 4, Finished: 3, LastPlayed: t0.Add(3 * time.Hour)},
		"dlq":    {Finished: 0, LastPlayed: t0.Add(time.Hour)},
		// Equal ratios: the higher score wins.
		"cache": {Best: 0.5, BestScore: 2.5, MaxScore: 5, Finished: 2, LastPlayed: t0.Add(30 * time.Minute)},
	}
	if !maps.EqualFunc(got, want, func(a, b ScenarioRecord) bool {
		return a.Best == b.Best && a.BestScore == b.BestScore && a.MaxScore == b.MaxScore &&
			a.Finished == b.Finished && a.LastPlayed.Equal(b.LastPlayed)
	}) {
		t.Errorf("ScenarioBest:\n got %+v\nwant %+v", got, want)
	}
	if err := s.FinishScenarioRun(ctx, 99, nil, 1, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("finish a missing run: %v, want ErrNotFound", err)
	}
	if err := s.FinishScenarioRun(ctx, 1, json.RawMessage("["), 1, 1); err == nil {
		t.Error("finish with bad path JSON: accepted")
	}
	if _, err := s.StartScenarioRun(ctx, "", t0); err == nil {
		t.Error("start with no scenario ID: accepted")
	}
}

func TestCards(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if c, err := s.GetCard(ctx, "q1"); err != nil || c != nil {
		t.Fatalf("GetCard of a missing card = %v, %v; want nil", c, err)
	}
	cards := []Card{
		{ItemID: "q1", Kind: KindQuestion, Domain: "d1", Task: "1.1", Stability: 2.5, Difficulty: 5.1,
			Due: t0.Add(-time.Hour), LastReview: t0.Add(-48 * time.Hour), Reps: 3, Lapses: 1, State: 2},
		{ItemID: "q2", Kind: KindQuestion, Domain: "d2", Task: "2.1", Due: t0.Add(-2 * time.Hour)},
		{ItemID: "fanout/n1", Kind: KindDecision, Domain: "d1", Task: "1.1", Due: t0},
		{ItemID: "q3", Kind: KindQuestion, Domain: "d3", Task: "3.1", Due: t0.Add(time.Millisecond)},
	}
	for _, c := range cards {
		if err := s.PutCard(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.GetCard(ctx, "q1")
	if err != nil {
		t.Fatal(err)
	}
	want := cards[0]
	want.UpdatedAt = t0
	if *got != want {
		t.Errorf("GetCard:\n got %+v\nwant %+v", *got, want)
	}

	// Replace q1: it is now due later.
	updated := cards[0]
	updated.Due, updated.Reps, updated.State = t0.Add(72*time.Hour), 4, 2
	if err := s.PutCard(ctx, updated); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetCard(ctx, "q1"); got.Reps != 4 || !got.Due.Equal(updated.Due) {
		t.Errorf("after update: %+v", got)
	}

	dueTests := []struct {
		now   time.Time
		limit int
		want  []string
		count int
	}{
		{t0, 0, []string{"q2", "fanout/n1"}, 2},
		{t0, 1, []string{"q2"}, 2},
		{t0.Add(time.Millisecond), 10, []string{"q2", "fanout/n1", "q3"}, 3},
		{t0.Add(-3 * time.Hour), 10, nil, 0},
		{t0.Add(100 * time.Hour), -1, []string{"q2", "fanout/n1", "q3", "q1"}, 4},
	}
	for _, tt := range dueTests {
		due, err := s.DueCards(ctx, tt.now, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		var gotIDs []string
		for _, c := range due {
			gotIDs = append(gotIDs, c.ItemID)
		}
		if !slices.Equal(gotIDs, tt.want) {
			t.Errorf("DueCards(%v, %d) = %v, want %v", tt.now, tt.limit, gotIDs, tt.want)
		}
		if n, err := s.CountDue(ctx, tt.now); err != nil || n != tt.count {
			t.Errorf("CountDue(%v) = %d, %v; want %d", tt.now, n, err, tt.count)
		}
	}
	for _, bad := range []Card{{Kind: KindQuestion, Due: t0}, {ItemID: "x", Kind: "k", Due: t0}, {ItemID: "x", Kind: KindQuestion}} {
		if err := s.PutCard(ctx, bad); err == nil {
			t.Errorf("PutCard(%+v): accepted", bad)
		}
	}
}

func TestNotesAndBookmarks(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	for i, key := range []string{"sqs#visibility", "sns#fanout", "sqs#visibility"} {
		s.now = func() time.Time { return t0.Add(time.Duration(i) * time.Hour) }
		if err := s.MarkRead(ctx, key); err != nil {
			t.Fatal(err)
		}
	}
	read, err := s.ReadSections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(read, map[string]bool{"sqs#visibility": true, "sns#fanout": true}) {
		t.Errorf("ReadSections = %v", read)
	}
	var first, last, count int64
	s.db.QueryRow("SELECT first_read, last_read, count FROM notes_read WHERE section = 'sqs#visibility'").Scan(&first, &last, &count)
	if first != t0.UnixMilli() || last != t0.Add(2*time.Hour).UnixMilli() || count != 2 {
		t.Errorf("sqs#visibility read: first %d last %d count %d", first, last, count)
	}
	if err := s.MarkRead(ctx, ""); err == nil {
		t.Error("MarkRead of an empty key: accepted")
	}

	toggles := []struct {
		key, label string
		want       bool
	}{
		{"sqs#visibility", "timeouts", true},
		{"sns#fanout", "", true},
		{"lambda#layers", "layers", true},
		{"sqs#visibility", "", false},
	}
	for i, tt := range toggles {
		s.now = func() time.Time { return t0.Add(time.Duration(i) * time.Minute) }
		got, err := s.ToggleBookmark(ctx, tt.key, tt.label)
		if err != nil || got != tt.want {
			t.Errorf("toggle %d %s = %v, %v; want %v", i, tt.key, got, err, tt.want)
		}
	}
	bms, err := s.Bookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []Bookmark{
		{Section: "lambda#layers", Label: "layers", CreatedAt: t0.Add(2 * time.Minute)},
		{Section: "sns#fanout", CreatedAt: t0.Add(time.Minute)},
	}
	if !slices.Equal(bms, want) {
		t.Errorf("Bookmarks:\n got %+v\nwant %+v", bms, want)
	}
	if _, err := s.ToggleBookmark(ctx, "", ""); err == nil {
		t.Error("ToggleBookmark of an empty key: accepted")
	}
}

func TestNotePositions(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if err := s.SetNotePosition(ctx, "", NotePosition{}); err == nil {
		t.Error("an empty note id was saved")
	}
	if err := s.SetNotePosition(ctx, "sqs", NotePosition{Section: "dlq", LineText: "first"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNotePosition(ctx, "sqs", NotePosition{Section: "retention", LineText: strings.Repeat("x", 500)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.NotePositions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p := got["sqs"]; len(got) != 1 || p.Section != "retention" || len([]rune(p.LineText)) != maxLineText {
		t.Errorf("positions = %+v", got)
	}
}
