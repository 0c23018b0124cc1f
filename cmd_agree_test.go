package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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
// through the study layer, and three scenario decisions; Home's summary, the Progress report, `dvaprep
// stats` and the CSV export count the same questions answered and the same decisions, apart, overall and
// per domain. Before, the unscored items and the abandoned exam's answers were not counted at all, and
// stats counted a domain's decisions as answers.
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
	// Three decisions of a scenario of domain 1 (task 1.1), one of them in another domain (2, task 2.1).
	const decisions, decisionsIn1 = 3, 2
	for i, dt := range [][2]string{{"1", "1.1"}, {"1", "1.1"}, {"2", "2.1"}} {
		if err := s.RecordAttempt(ctx, study.Attempt{UID: study.NewUID(now), ItemID: fmt.Sprintf("scn/n%d", i),
			Kind: store.KindDecision, Domain: dt[0], Task: dt[1], Score: 1, Choice: "a", CorrectChoice: "a",
			Source: store.SourceScenario, At: now}); err != nil {
			t.Fatal(err)
		}
	}

	home, err := s.Summary(ctx)
	if err != nil || home.Questions.Answered != want || home.Decisions.Answered != decisions {
		t.Errorf("Home counts %d answers and %d decisions, %v; want %d and %d", home.Questions.Answered,
			home.Decisions.Answered, err, want, decisions)
	}
	data, err := s.Progress(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	rep := progress.Compute(p, data, now)
	if rep.Questions.Answered != want || rep.Decisions.Answered != decisions {
		t.Errorf("Progress counts %d answers and %d decisions, want %d and %d", rep.Questions.Answered,
			rep.Decisions.Answered, want, decisions)
	}
	var domQ, domD int
	for _, d := range rep.Domains {
		domQ, domD = domQ+d.Questions, domD+d.Decisions
	}
	if domQ != want || domD != decisions || rep.Domains[0].Decisions != decisionsIn1 {
		t.Errorf("Progress's domains count %d answers and %d decisions (%d in domain 1), want %d, %d and %d",
			domQ, domD, rep.Domains[0].Decisions, want, decisions, decisionsIn1)
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
		Decisions struct{ Answered int } `json:"decisions"`
		Domains   []struct {
			Answered, Questions, Decisions int
		} `json:"domains"`
	}
	if err := json.Unmarshal(out.Bytes(), &stats); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, out.String())
	}
	if stats.Questions.Answered != want || stats.Decisions.Answered != decisions {
		t.Errorf("dvaprep stats counts %d answers and %d decisions, want %d and %d", stats.Questions.Answered,
			stats.Decisions.Answered, want, decisions)
	}
	domQ, domD = 0, 0
	for _, d := range stats.Domains {
		domQ, domD = domQ+d.Questions, domD+d.Decisions
		if d.Answered != d.Questions+d.Decisions {
			t.Errorf("dvaprep stats: a domain's answered %d is not its questions %d and decisions %d", d.Answered, d.Questions, d.Decisions)
		}
	}
	if domQ != want || domD != decisions || stats.Domains[0].Decisions != decisionsIn1 {
		t.Errorf("dvaprep stats's domains count %d answers and %d decisions (%d in domain 1), want %d, %d and %d",
			domQ, domD, stats.Domains[0].Decisions, want, decisions, decisionsIn1)
	}

	csvPath := filepath.Join(t.TempDir(), "a.csv")
	cmd = rootCmd()
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs([]string{"--db", db, "export", "--csv", csvPath})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if rows := countLines(t, csvPath); rows != want+decisions+1 {
		t.Errorf("CSV export has %d rows, want %d and a header", rows-1, want+decisions)
	}
	csv, _ := os.ReadFile(csvPath)
	if n := bytes.Count(csv, []byte(",decision,")); n != decisions {
		t.Errorf("CSV export has %d decisions, want %d", n, decisions)
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
