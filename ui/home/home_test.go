package home_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"dvaprep/store"
	"dvaprep/ui/common"
	"dvaprep/ui/home"
	"dvaprep/ui/uitest"
)

func packFS() fstest.MapFS {
	return fstest.MapFS{"pack.yaml": {Data: []byte("id: t\ntitle: Test pack\nexam: {questions: 65, minutes: 130, scale_min: 100, scale_max: 1000, passing: 720}\n" +
		"domains:\n  - {id: \"1\", name: One, weight: 100, tasks: [{id: \"1.1\", name: T}]}\n")}}
}

func TestEmptyHome(t *testing.T) {
	ctx := uitest.Context(t, packFS())
	d := uitest.New(t, ctx, home.New(ctx))
	v := ansi.Strip(d.View(ctx))
	if !strings.Contains(v, "Nothing studied yet") || strings.Contains(v, "Resume exam") {
		t.Errorf("view:\n%s", v)
	}
	golden.RequireEqual(t, []byte(v))
}

func TestHomeSummaryAndResume(t *testing.T) {
	ctx := uitest.Context(t, packFS())
	bg := context.Background()
	for i, score := range []float64{1, 0, 1, 1} {
		_, err := uitest.StoreOf(ctx).RecordAttempt(bg, store.Attempt{ItemID: "q" + string(rune('a'+i)), Kind: store.KindQuestion,
			Domain: "1", Task: "1.1", Score: score, Source: store.SourceDrill, At: ctx.Now()})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := uitest.StoreOf(ctx).MarkRead(bg, "sqs#visibility-timeout"); err != nil {
		t.Fatal(err)
	}
	id, err := uitest.StoreOf(ctx).CreateExamSession(bg, store.ExamSession{Kind: store.ExamMock, CreatedAt: ctx.Now(),
		Deadline: ctx.Now().Add(90 * time.Minute), Status: store.StatusActive, Config: []byte(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	if err := uitest.StoreOf(ctx).SaveAnswer(bg, id, store.Answer{Position: 0, QuestionID: "qa", Choice: "1"}); err != nil {
		t.Fatal(err)
	}
	d := uitest.New(t, ctx, home.New(ctx))
	v := ansi.Strip(d.View(ctx))
	for _, want := range []string{"Questions right: 75% · 4 answers · too little data", "0 decisions · 1/0 sections read", "Resume exam", "1 answered · 1:30:00 left"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	// The first entry is the resume offer; enter opens the exam screen with the session to resume.
	d.Keys("enter")
	nav, ok := d.Sent[len(d.Sent)-1].(common.NavigateMsg)
	if !ok || nav.To != common.ExamScreen || nav.Exam != (common.ExamArg{Resume: id}) {
		t.Errorf("enter sent %+v", d.Sent)
	}
	d.Keys("n")
	if nav := d.Sent[len(d.Sent)-1].(common.NavigateMsg); nav.To != common.NotesScreen {
		t.Errorf("n sent %+v", nav)
	}
}

// d opens the exam date field; enter stores the date, and Home then counts down to it with the plan for
// today. A malformed date is refused and the field stays open.
func TestHomeSetsTheExamDate(t *testing.T) {
	ctx := uitest.Context(t, packFS())
	d := uitest.New(t, ctx, home.New(ctx))
	if v := ansi.Strip(d.View(ctx)); !strings.Contains(v, "No exam date yet · d sets it") || !strings.Contains(v, "Today (1–2 starts a step)") {
		t.Fatalf("no offer to set a date:\n%s", v)
	}
	// 1 starts the first step: a drill on the weakest task statement.
	d.Keys("1")
	nav, ok := d.Sent[len(d.Sent)-1].(common.NavigateMsg)
	if !ok || nav.To != common.ExamScreen || nav.Exam.Start == nil || nav.Exam.Start.Task != "1.1" {
		t.Errorf("1 sent %+v", d.Sent[len(d.Sent)-1])
	}
	d.Keys("d")
	if !d.S.Capturing() {
		t.Fatal("the date field does not capture keys")
	}
	d.Keys("31/01/2027", "enter")
	if st, ok := d.Sent[len(d.Sent)-1].(common.StatusMsg); !ok || !st.Err || !strings.Contains(st.Text, "YYYY-MM-DD") {
		t.Errorf("a malformed date: %+v", d.Sent[len(d.Sent)-1])
	}
	for range 10 {
		d.Keys("backspace")
	}
	date := ctx.Now().AddDate(0, 0, 9)
	d.Keys(date.Format(time.DateOnly), "enter")
	if d.S.Capturing() {
		t.Fatal("the field stayed open after a good date")
	}
	v := ansi.Strip(d.View(ctx))
	if !strings.Contains(v, "Exam in 9 days") || !strings.Contains(v, "3 full mocks fit before it") {
		t.Fatalf("no countdown after setting the date:\n%s", v)
	}
	got, ok, err := uitest.StoreOf(ctx).Setting(context.Background(), "exam_date")
	if err != nil || !ok || got != date.Format(time.DateOnly) {
		t.Errorf("stored date %q %v %v", got, ok, err)
	}
	// An empty field removes it.
	d.Keys("d")
	for range 10 {
		d.Keys("backspace")
	}
	d.Keys("enter")
	if v := ansi.Strip(d.View(ctx)); !strings.Contains(v, "No exam date yet") {
		t.Errorf("the date was not removed:\n%s", v)
	}
}
