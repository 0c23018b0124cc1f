package progress_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"dvaprep/pack"
	"dvaprep/progress"
	"dvaprep/progress/progresstest"
	"dvaprep/store"
)

// planData loads the story's pack and data, seeded or empty, with an exam date.
func planData(t *testing.T, seed bool, date time.Time) (*pack.Pack, progress.Data) {
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
	d.ExamDate = date
	return p, d
}

func kinds(pl progress.Plan) []progress.StepKind {
	var out []progress.StepKind
	for _, s := range pl.Steps {
		out = append(out, s.Kind)
	}
	return out
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// The plan is a function of the date, the data and the clock: the same inputs give the same plan, and
// moving the clock moves the countdown.
func TestPlanDeterministic(t *testing.T) {
	p, d := planData(t, true, day(2026, 2, 4)) // three weeks after the story's Wednesday 14 January
	now := progresstest.Now
	a := progress.Compute(p, d, now).Plan
	b := progress.Compute(p, d, now).Plan
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("two plans for the same data differ:\n%+v\n%+v", a, b)
	}
	if a.DaysLeft != 21 || a.MocksFit != 7 || a.Countdown() != "in 21 days (Wed Feb 4)" {
		t.Errorf("days left %d, mocks %d, %q; want 21, 7 (one every 3 days)", a.DaysLeft, a.MocksFit, a.Countdown())
	}
	later := progress.Compute(p, d, now.Add(20*24*time.Hour)).Plan
	if later.DaysLeft != 1 || later.MocksFit != 1 || later.Countdown() != "tomorrow (Wed Feb 4)" {
		t.Errorf("a day before: %d days, %d mocks, %q", later.DaysLeft, later.MocksFit, later.Countdown())
	}
	// Late in the evening in a zone east of UTC it is already the next day there.
	east := time.FixedZone("UTC+13", 13*3600)
	if pl := progress.Compute(p, d, time.Date(2026, 1, 14, 12, 0, 0, 0, time.UTC).In(east)).Plan; pl.DaysLeft != 20 {
		t.Errorf("in UTC+13 at 01:00 on the 15th: %d days left, want 20", pl.DaysLeft)
	}
}

func TestPlanSteps(t *testing.T) {
	p, d := planData(t, true, time.Time{})
	now := progresstest.Now
	r := progress.Compute(p, d, now)
	pl := r.Plan
	if pl.HasDate() || pl.MocksFit != 0 {
		t.Errorf("no date, but %+v", pl)
	}
	due := 0
	for _, c := range d.Cards {
		if !c.Due.After(now) {
			due++
		}
	}
	got := kinds(pl)
	if due > 0 && (len(got) == 0 || got[0] != progress.StepReview || pl.Steps[0].Count != due) {
		t.Errorf("%d cards due, steps %v", due, pl.Steps)
	}
	var drill *progress.Step
	for i := range pl.Steps {
		if pl.Steps[i].Kind == progress.StepDrill {
			drill = &pl.Steps[i]
		}
	}
	if drill == nil || drill.Task != r.Weak[0].ID {
		t.Fatalf("no drill on the weakest task %s: %+v", r.Weak[0].ID, pl.Steps)
	}
	// The story has too few answers for a readiness estimate: a full mock is on the plan, and says why.
	if !r.Readiness.Enough {
		found := false
		for _, s := range pl.Steps {
			found = found || (s.Kind == progress.StepMock && strings.Contains(s.Why, "not enough data"))
		}
		if !found {
			t.Errorf("no full mock while readiness lacks data: %+v", pl.Steps)
		}
	}
}

// PlanFor on a hand-made report: each rule on its own.
func TestPlanRules(t *testing.T) {
	p, d := planData(t, false, time.Time{})
	now := progresstest.Now
	base := progress.Compute(p, d, now)
	if k := kinds(base.Plan); len(k) == 0 || k[0] != progress.StepDrill {
		t.Fatalf("nothing studied: steps %v, want a drill first (nothing due)", k)
	}

	ready := base
	ready.Readiness = progress.Readiness{Enough: true}
	// A mock two days ago: recent enough, no mock today.
	ready.Exams = []progress.ExamPoint{{At: now.Add(-48 * time.Hour)}}
	if pl := progress.PlanFor(p, d, ready, now); contains(kinds(pl), progress.StepMock) || pl.LastMock != 2 {
		t.Errorf("a mock 2 days ago: %+v", pl)
	}
	// Three days ago: time for the next.
	ready.Exams = []progress.ExamPoint{{At: now.Add(-72 * time.Hour)}}
	if pl := progress.PlanFor(p, d, ready, now); !contains(kinds(pl), progress.StepMock) {
		t.Errorf("a mock 3 days ago and none suggested: %+v", pl.Steps)
	}
	// On the exam day, no mock.
	d.ExamDate = day(2026, 1, 14)
	if pl := progress.PlanFor(p, d, ready, now); contains(kinds(pl), progress.StepMock) || pl.DaysLeft != 0 ||
		pl.Countdown() != "today (Wed Jan 14)" {
		t.Errorf("exam day: %+v", pl)
	}
	// Unread notes of the weakest tasks are on the plan, at most PlanReads of them, with the count unread.
	reads := 0
	for _, s := range base.Plan.Steps {
		if s.Kind == progress.StepRead {
			reads++
			if s.Note == "" || s.Count == 0 {
				t.Errorf("read step %+v", s)
			}
		}
	}
	if reads == 0 || reads > progress.PlanReads {
		t.Errorf("%d read steps: %+v", reads, base.Plan.Steps)
	}
	// Once those notes are read, they leave the plan.
	d.Read = map[string]bool{}
	for _, n := range p.Notes {
		for _, s := range n.Sections {
			d.Read[n.ID+"#"+s.Slug] = true
		}
	}
	if pl := progress.PlanFor(p, d, base, now); contains(kinds(pl), progress.StepRead) {
		t.Errorf("read notes still suggested: %+v", pl.Steps)
	}
}

func contains(ks []progress.StepKind, k progress.StepKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// With no answers at all, no task is "weak": the plan says the first drill and reads are of untried tasks.
func TestPlanForANewLearnerCallsNothingWeak(t *testing.T) {
	p, d := planData(t, false, time.Time{})
	now := progresstest.Now
	pl := progress.PlanFor(p, d, progress.Compute(p, d, now), now)
	if len(pl.Steps) == 0 {
		t.Fatal("an empty plan for a new learner")
	}
	for _, s := range pl.Steps {
		if strings.Contains(s.Why, "weakest") {
			t.Errorf("step %q calls a task weak with no answers: %q", s.Text, s.Why)
		}
		if (s.Kind == progress.StepDrill || s.Kind == progress.StepRead) && !strings.Contains(s.Why, "not tried yet") {
			t.Errorf("step %q should say its task is not tried yet: %q", s.Text, s.Why)
		}
	}
}
