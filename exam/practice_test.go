package exam

import (
	"slices"
	"testing"
	"time"

	"dvaprep/pack"
)

// A drill reports per task what was answered, skipped and right; a skipped question is not wrong.
func TestPracticeReport(t *testing.T) {
	p := testPack(0, nil)
	p.Questions = []*pack.Question{
		single("a", "1", "1.1", 0), single("b", "1", "1.1", 0), single("c", "1", "1.2", 0),
		multiple("d", "1", "1.2", 0, 1, 2), single("e", "1", "1.3", 0), single("gone", "1", "1.3", 0),
	}
	p.Questions[1].Notes = []string{"sqs#visibility", "lambda"}
	p.Questions[2].Notes = []string{"lambda"}
	p.Questions[3].Notes = []string{"dynamodb"}
	p.Questions[0].Notes = []string{"right-so-not-suggested"}
	var items []Item
	for _, q := range p.Questions {
		items = append(items, Item{QuestionID: q.ID, Perm: []int{0, 1, 2, 3, 4}[:len(q.Options)]})
	}
	s := NewSession(DomainDrill("1", "", 6), items, t0)
	_ = s.Answer(0, []int{0}) // right
	_ = s.Answer(1, []int{2}) // wrong
	// c skipped
	_ = s.Toggle(3, 0) // d incomplete: 1 of 3
	_ = s.Answer(4, []int{0})
	for i := range items {
		_ = s.AddTime(i, time.Duration(10*(i+1))*time.Second)
	}
	p.Questions = p.Questions[:5] // "gone" left the pack: not reported
	r := Score(p, s)
	rep := PracticeReport(p, r)

	if want := (Count{Answered: 4, Skipped: 1, Right: 2, Incomplete: 1}); rep.Count != want {
		t.Errorf("count %+v, want %+v", rep.Count, want)
	}
	if rep.Accuracy() != 0.5 {
		t.Errorf("accuracy %v, want 0.5: skipped questions are not wrong", rep.Accuracy())
	}
	wantTasks := []TaskPractice{
		{ID: "1.1", Domain: "1", Name: "Task 1.1", Count: Count{Answered: 2, Right: 1}, Time: 30 * time.Second, PerItem: 15 * time.Second},
		// c (30 s) was skipped: the time per question rests on d (40 s) alone, as the report's does
		{ID: "1.2", Domain: "1", Name: "Task 1.2", Count: Count{Answered: 1, Skipped: 1, Incomplete: 1}, Time: 70 * time.Second, PerItem: 40 * time.Second},
		{ID: "1.3", Domain: "1", Name: "Task 1.3", Count: Count{Answered: 1, Right: 1}, Time: 50 * time.Second, PerItem: 50 * time.Second},
	}
	if !slices.Equal(rep.Tasks, wantTasks) {
		t.Errorf("tasks\n got %+v\nwant %+v", rep.Tasks, wantTasks)
	}
	if rep.Time != 150*time.Second || rep.PerItem != 120*time.Second/4 { // c (30 s) was skipped
		t.Errorf("time %v, per answer %v", rep.Time, rep.PerItem)
	}
	if want := []string{"lambda", "sqs#visibility", "dynamodb"}; !slices.Equal(rep.Notes, want) {
		t.Errorf("notes %v, want %v (most linked first, then in order)", rep.Notes, want)
	}
}

func TestPaceOf(t *testing.T) {
	budget := 2 * time.Minute
	for _, tt := range []struct {
		per, budget time.Duration
		want        Pace
	}{
		{time.Second, budget, Rushing},
		{29 * time.Second, budget, Rushing},
		{30 * time.Second, budget, OnPace},
		{2 * time.Minute, budget, OnPace},
		{2*time.Minute + time.Second, budget, TooSlow},
		{time.Second, 0, OnPace},
	} {
		if got := PaceOf(tt.per, tt.budget); got != tt.want {
			t.Errorf("PaceOf(%v, %v) = %v, want %v", tt.per, tt.budget, got, tt.want)
		}
	}
}

func TestPaceMinutes(t *testing.T) {
	dva := pack.ExamFormat{Questions: 65, Minutes: 130}
	for _, tt := range []struct {
		f    pack.ExamFormat
		n    int
		want int
	}{
		{dva, 65, 130}, {dva, 5, 10}, {dva, 1, 2}, {dva, 0, 0},
		{pack.ExamFormat{Questions: 5, Minutes: 12}, 3, 8}, // 7.2 rounds up
		{pack.ExamFormat{}, 10, 20},
	} {
		if got := PaceMinutes(tt.f, tt.n); got != tt.want {
			t.Errorf("PaceMinutes(%+v, %d) = %d, want %d", tt.f, tt.n, got, tt.want)
		}
	}
}

// Pacing counts the questions that were on screen: one never opened does not pull the average down.
func TestResultSeen(t *testing.T) {
	r := Result{Items: []ItemResult{{Time: 90 * time.Second}, {}, {Time: 30 * time.Second}, {Missing: true, Time: time.Hour}}}
	if n, spent := r.Seen(); n != 2 || spent != 2*time.Minute {
		t.Errorf("Seen = %d, %v; want 2 items, 2m0s", n, spent)
	}
}
