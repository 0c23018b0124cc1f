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
	for _, want := range []string{"Questions right: 75% · 4 answers · too little data", "0 decisions · 1/0 sections read", "Resume exam", "1 answered · 1h30m0s left"} {
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
