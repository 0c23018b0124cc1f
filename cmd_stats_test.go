package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dvaprep/progress/progresstest"
	"dvaprep/store"
)

// seeded writes the progress test pack to a directory and the seeded story to a database, and returns
// the flags that point the command line at both.
func seeded(t *testing.T, extra ...store.Attempt) []string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range progresstest.Pack() {
		path := filepath.Join(dir, "pack", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "progress.db")
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	progresstest.Seed(t, st)
	for _, a := range extra {
		if _, err := st.RecordAttempt(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return []string{"--pack", filepath.Join(dir, "pack"), "--db", db}
}

func TestStatsEmptyDatabase(t *testing.T) {
	out, err := run(t, "stats")
	if err != nil {
		t.Fatalf("stats on an empty database: %v\n%s", err, out)
	}
	for _, want := range []string{
		"   domain                        questions  decisions  accuracy  mastery  weight\n",
		"1  Development with AWS Servic…  0          0          —         —        32%\n",
		"4.3  Optimize applications…  0          0          —         —        0/13\n",
		"questions: no answers yet\n",
		"scenario decisions: none yet\n",
		"notes: 0 of ",
		"readiness (an estimate): not enough data: 0 of the 30 answers needed",
		"Nothing answered yet. Start with a drill, `dvaprep exam --domain 1 --questions 10`,\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestStatsSeeded(t *testing.T) {
	flags := seeded(t)
	out, err := run(t, append(flags, "stats")...)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		// Questions and scenario decisions apart: domain 1's 22 answers are 20 questions and 2 decisions.
		"1  Development with AWS Servic…  20         2          70%       68%",
		"1.2  Use data stores in ap…  0          2          25%*      18%*",
		"* fewer than 5 answers: too little data to read much into\n",
		"questions: 67% · 30 answers\n",
		"scenario decisions: 25% · 2 answers · too little data\n",
		"  2/4\n",
		"notes: 2 of 7 sections read",
		"review: 2 cards",
		"readiness (an estimate): 659, range 512–820, pass mark 720, from 30 answers",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Nothing answered yet") {
		t.Errorf("hint shown with answers:\n%s", out)
	}

	out, err = run(t, append(flags, "stats", "--json")...)
	if err != nil {
		t.Fatal(err)
	}
	var j statsJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !j.Readiness.Enough || j.Readiness.Estimate != 659 || j.Readiness.Low != 512 || j.Readiness.High != 820 ||
		len(j.Tasks) != 4 || j.Tasks[0].Answered != 20 || j.Tasks[0].Questions != 20 || j.Tasks[0].Decisions != 0 ||
		j.Domains[0].Answered != 22 || j.Domains[0].Questions != 20 || j.Domains[0].Decisions != 2 || j.Decisions.Answered != 2 || j.Tasks[0].Accuracy != 0.75 || j.Questions.Answered != 30 ||
		j.Weak[0].Suggestion != "read DynamoDB notes" || !j.Tasks[0].Enough || j.Tasks[1].Enough || j.MinFigure != 5 {
		t.Errorf("json: %+v", j)
	}
}
