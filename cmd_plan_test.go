package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// plan --exam-date stores the date; plan and stats --json then show it with the plan for today.
func TestPlanSetsTheDateAndStatsShowsIt(t *testing.T) {
	flags := seeded(t)
	date := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	out, err := run(t, append([]string{"plan", "--exam-date", date}, flags...)...)
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	for _, want := range []string{"Exam date set", "in 10 days", "4 full mocks fit before it, one every 3 days", "today:\n  1. "} {
		if !strings.Contains(out, want) {
			t.Errorf("plan output lacks %q:\n%s", want, out)
		}
	}
	out, err = run(t, append([]string{"stats", "--json"}, flags...)...)
	if err != nil {
		t.Fatalf("stats: %v\n%s", err, out)
	}
	var j struct {
		ExamDate *string `json:"exam_date"`
		Plan     struct {
			DaysLeft *int `json:"days_left"`
			MocksFit int  `json:"mocks_fit"`
			Steps    []struct {
				Kind, Text, Why string
			} `json:"steps"`
		} `json:"plan"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, out)
	}
	if j.ExamDate == nil || *j.ExamDate != date || j.Plan.DaysLeft == nil || *j.Plan.DaysLeft != 10 ||
		j.Plan.MocksFit != 4 || len(j.Plan.Steps) == 0 || j.Plan.Steps[0].Why == "" {
		t.Errorf("stats --json plan: %+v", j)
	}

	// Cleared, the date is null and the plan says how to set one.
	if out, err := run(t, append([]string{"plan", "--clear-date"}, flags...)...); err != nil ||
		!strings.Contains(out, "exam date: not set") {
		t.Errorf("plan --clear-date: %v\n%s", err, out)
	}
	out, _ = run(t, append([]string{"stats", "--json"}, flags...)...)
	if !strings.Contains(out, `"exam_date": null`) {
		t.Errorf("cleared date still in stats --json")
	}
	if out, err := run(t, append([]string{"plan", "--exam-date", "31/01/2027"}, flags...)...); err == nil ||
		!strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("a bad date: %v\n%s", err, out)
	}
}
