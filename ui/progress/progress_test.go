package progress_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"dvaprep/progress/progresstest"
	"dvaprep/ui/common"
	"dvaprep/ui/progress"
	"dvaprep/ui/uitest"
)

// open shows the dashboard on the seeded story, at width×height.
func open(t *testing.T, seed bool, width, height int) (*common.Context, *uitest.Screen) {
	t.Helper()
	ctx := uitest.Context(t, progresstest.Pack())
	ctx.Now = func() time.Time { return progresstest.Now }
	ctx.Width, ctx.Height = width, height
	if seed {
		progresstest.Seed(t, uitest.StoreOf(ctx))
	}
	return ctx, uitest.New(t, ctx, progress.New(ctx))
}

func TestDashboardGolden(t *testing.T) {
	t.Run("80x24", func(t *testing.T) {
		ctx, d := open(t, true, 80, 24)
		golden.RequireEqual(t, ansi.Strip(d.View(ctx)))
	})
	t.Run("whole", func(t *testing.T) {
		ctx, d := open(t, true, 80, 70)
		golden.RequireEqual(t, ansi.Strip(d.View(ctx)))
	})
	t.Run("empty", func(t *testing.T) {
		ctx, d := open(t, false, 80, 24)
		golden.RequireEqual(t, ansi.Strip(d.View(ctx)))
	})
}

func TestDashboardFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 18}, {120, 40}} {
		ctx, d := open(t, true, size[0], size[1])
		for _, l := range strings.Split(d.S.View(), "\n") {
			if w := ansi.StringWidth(l); w > size[0] {
				t.Errorf("%dx%d: line of %d cells: %q", size[0], size[1], w, ansi.Strip(l))
			}
		}
		if n := strings.Count(d.S.View(), "\n") + 1; n > ctx.BodyHeight() {
			t.Errorf("%dx%d: %d lines, body is %d", size[0], size[1], n, ctx.BodyHeight())
		}
	}
}

func TestWeakSpotKeys(t *testing.T) {
	_, d := open(t, true, 80, 24)
	d.Keys("1", "2", "9")
	if len(d.Sent) != 2 {
		t.Fatalf("sent %#v", d.Sent)
	}
	if nav := d.Sent[0].(common.NavigateMsg); nav.To != common.NotesScreen || nav.Notes.Link != "dynamodb" {
		t.Errorf("1: %+v, want the DynamoDB note", nav)
	}
	nav := d.Sent[1].(common.NavigateMsg)
	arg := nav.Exam
	if nav.To != common.ExamScreen || arg.FromCLI || arg.Start == nil ||
		*arg.Start != (common.ExamStart{Questions: 10, Domain: "2", Task: "2.1"}) {
		t.Errorf("2: %+v, want a drill of 2.1", nav)
	}
}

func TestScroll(t *testing.T) {
	ctx, d := open(t, true, 80, 24)
	before := ansi.Strip(d.View(ctx))
	d.Keys("G")
	after := ansi.Strip(d.View(ctx))
	if before == after || !strings.Contains(after, "Answers you confuse") || strings.Contains(after, "more below") {
		t.Errorf("G did not reach the bottom:\n%s", after)
	}
	d.Keys("esc")
	if _, ok := d.Sent[len(d.Sent)-1].(common.BackMsg); !ok {
		t.Errorf("esc sent %T", d.Sent[len(d.Sent)-1])
	}
}

// A percentage that rests on few answers is marked as too little data, and the dashboard says what the mark
// means; one that rests on enough is not.
func TestFewAnswersMarked(t *testing.T) {
	ctx, d := open(t, true, 80, 70)
	view := ansi.Strip(d.View(ctx))
	var few, many string
	for _, l := range strings.Split(view, "\n") {
		if strings.HasPrefix(l, "  1.2  ") {
			few = l // 2 answers
		}
		if strings.HasPrefix(l, "  1.1  ") {
			many = l // 20 answers
		}
	}
	if !strings.Contains(few, "25%*") || strings.Contains(many, "*") {
		t.Errorf("task rows:\n%s\n%s", few, many)
	}
	if !strings.Contains(view, "* fewer than 5 answers: too little data") {
		t.Errorf("no footnote:\n%s", view)
	}
	if !strings.Contains(view, "questions 67% · 30 answers") {
		t.Errorf("the overall accuracy does not say what it rests on:\n%s", view)
	}
}

// With an exam date the dashboard counts down to it and says how many full mocks fit before it.
func TestDashboardExamDate(t *testing.T) {
	ctx, d := open(t, true, 100, 30)
	if v := ansi.Strip(d.View(ctx)); strings.Contains(v, "Exam in") {
		t.Fatalf("a countdown without a date:\n%s", v)
	}
	if err := uitest.StoreOf(ctx).SetSetting(context.Background(), "exam_date", "2026-01-24"); err != nil {
		t.Fatal(err)
	}
	d.Keys("r")
	if v := ansi.Strip(d.View(ctx)); !strings.Contains(v, "Exam in 10 days (Sat Jan 24) · 4 full mocks fit before it") {
		t.Errorf("no countdown:\n%s", v)
	}
}
