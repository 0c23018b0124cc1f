package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dvaprep/content"
	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/progress"
	"dvaprep/store"
	"dvaprep/study"
)

// TestEveryAnswerCountsEverywhere: a mock with unscored items, an abandoned exam and a drill, recorded
// through the study layer; Home's summary, the Progress report, `dvaprep stats` and the CSV export count
// the same answers. Before, the unscored items and the abandoned exam's answers were not counted at all.
func TestEveryAnswerCountsEverywhere(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "progress.db")
	p, _, err := pack.Load(content.FS())
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Add(-time.Hour)
	s := study.New(st, p, func() time.Time { return now })

	exam := func(cfg engine.Config, answer int) (*engine.Session, int64) {
		cfg.Seed = 3
		sess, err := engine.Start(p, cfg, nil, now)
		if err != nil {
			t.Fatal(err)
		}
		state, _ := sess.MarshalState()
		id, err := s.StartExam(ctx, study.ExamSession{UID: study.NewUID(now), Kind: study.ExamCustom, CreatedAt: now, Config: state}, true)
		if err != nil {
			t.Fatal(err)
		}
		for i := range answer {
			if err := sess.Answer(i, []int{0}); err != nil {
				t.Fatal(err)
			}
			if err := s.SaveAnswer(ctx, id, study.Answer{Position: i, QuestionID: sess.Items[i].QuestionID,
				Choice: engine.EncodeChoice([]int{0})}); err != nil {
				t.Fatal(err)
			}
		}
		return sess, id
	}
	// A mock of 10 with 4 unscored, all answered and submitted.
	mock := engine.CustomMock(10, 20*time.Minute)
	mock.Unscored = 4
	sess, id := exam(mock, 10)
	sess.Submit(now)
	r := engine.Score(p, sess)
	if err := s.FinishExam(ctx, id, nil, study.ExamAttempts(p, sess.Config.Kind, r, now, "")); err != nil {
		t.Fatal(err)
	}
	// An exam with 3 answers, abandoned by starting a drill of 2, which is submitted.
	exam(engine.CustomMock(6, 0), 3)
	drill, id := exam(engine.DomainDrill("1", "", 2), 2)
	drill.Submit(now)
	r = engine.Score(p, drill)
	if err := s.FinishExam(ctx, id, nil, study.ExamAttempts(p, drill.Config.Kind, r, now, "")); err != nil {
		t.Fatal(err)
	}
	const want = 10 + 3 + 2

	home, err := s.Summary(ctx)
	if err != nil || home.Questions.Answered != want {
		t.Errorf("Home counts %d answers, %v; want %d", home.Questions.Answered, err, want)
	}
	data, err := s.Progress(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	rep := progress.Compute(p, data, now)
	if rep.Questions.Answered != want {
		t.Errorf("Progress counts %d answers, want %d", rep.Questions.Answered, want)
	}
	st.Close()

	cmd := rootCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs([]string{"--db", db, "stats", "--json"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	var stats struct {
		Questions struct{ Answered int } `json:"questions"`
	}
	if err := json.Unmarshal(out.Bytes(), &stats); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, out.String())
	}
	if stats.Questions.Answered != want {
		t.Errorf("dvaprep stats counts %d answers, want %d", stats.Questions.Answered, want)
	}

	csvPath := filepath.Join(t.TempDir(), "a.csv")
	cmd = rootCmd()
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs([]string{"--db", db, "export", "--csv", csvPath})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if rows := countLines(t, csvPath); rows != want+1 {
		t.Errorf("CSV export has %d rows, want %d and a header", rows-1, want)
	}
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}
