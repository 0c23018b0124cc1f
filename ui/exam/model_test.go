package exam

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/store"
	"dvaprep/ui/common"
	"dvaprep/ui/uitest"
)

func mock5() engine.Config { return engine.CustomMock(5, 20*time.Minute) }

func TestStartCreatesSession(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	if m.mode != modeQuestion || m.quest.cur != 0 {
		t.Fatalf("mode %v cur %d, want the first question", m.mode, m.quest.cur)
	}
	if m.id == 0 {
		t.Fatal("the session was not created in the store")
	}
	es, err := uitest.StoreOf(e.ctx).ExamSession(context.Background(), m.id)
	if err != nil {
		t.Fatal(err)
	}
	if !es.Deadline.Equal(t0.Add(20*time.Minute)) || es.Status != store.StatusActive || es.Kind != store.ExamCustom {
		t.Fatalf("stored session %+v", es)
	}
	contains(t, e.view(), "Q 1/5 · 0 answered · 0 marked · 0:20:00 left")
}

func TestAnswerSingle(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	i := e.find(pack.Single)
	e.run(m.open(i))
	e.clock.advance(30 * time.Second)
	right := e.displayOf(i, 0)
	e.press(letter(right)[:1])
	e.press(strings.ToLower(letter(right)))
	if got := m.sess.Choice(i); !slices.Equal(got, []int{0}) {
		t.Fatalf("choice %v, want [0]", got)
	}
	// Another key replaces the choice; arrows and enter choose too.
	other := (right + 1) % 4
	e.press(string(rune('1' + other)))
	if got := m.sess.Choice(i); !slices.Equal(got, []int{m.sess.Items[i].Original(other)}) {
		t.Fatalf("choice %v after pressing %d", got, other+1)
	}
	m.quest.cursor = other
	e.press("up")
	if m.quest.cursor != (other+3)%4 {
		t.Fatalf("cursor %d", m.quest.cursor)
	}
	e.press("down", "enter")
	if got := m.sess.Choice(i); !slices.Equal(got, []int{m.sess.Items[i].Original(other)}) {
		t.Fatalf("choice %v after enter", got)
	}
	as := e.answers()
	if len(as) != 1 || as[0].Position != i || as[0].Choice != engine.EncodeChoice(m.sess.Choice(i)) {
		t.Fatalf("saved %+v", as)
	}
	if as[0].Elapsed != 30*time.Second {
		t.Fatalf("saved time %v, want 30s", as[0].Elapsed)
	}
	contains(t, e.view(), "1 answered")
}

func TestToggleMultiple(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	i := e.find(pack.Multiple)
	e.run(m.open(i))
	contains(t, e.view(), "Multiple response · Choose 2")
	m.quest.cursor = e.displayOf(i, 0)
	e.press("space")
	e.press(strings.ToLower(letter(e.displayOf(i, 1))))
	if got := m.sess.Choice(i); !slices.Equal(got, []int{0, 1}) {
		t.Fatalf("choice %v, want [0 1]", got)
	}
	contains(t, e.view(), "Choose 2 · 2 chosen")
	e.press("space") // the cursor is on the second one now: untoggle it
	if got := m.sess.Choice(i); !slices.Equal(got, []int{0}) {
		t.Fatalf("choice %v after untoggling, want [0]", got)
	}
	if as := e.answers(); len(as) != 1 || as[0].Choice != "0" {
		t.Fatalf("saved %+v", as)
	}
}

func TestFlag(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	e.press("m")
	if !m.sess.Flagged(0) {
		t.Fatal("not flagged")
	}
	contains(t, e.view(), "1 marked")
	contains(t, e.view(), "⚑ marked for review")
	if as := e.answers(); len(as) != 1 || !as[0].Flagged || as[0].Choice != "" {
		t.Fatalf("saved %+v", as)
	}
	e.press("m")
	if m.sess.Flagged(0) || e.answers()[0].Flagged {
		t.Fatal("still flagged")
	}
}

func TestNavigate(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	e.press("n", "n")
	if m.quest.cur != 2 {
		t.Fatalf("cur %d after n n", m.quest.cur)
	}
	e.press("p")
	if m.quest.cur != 1 {
		t.Fatalf("cur %d after p", m.quest.cur)
	}
	e.press("p", "p")
	if m.quest.cur != 0 {
		t.Fatalf("cur %d at the start", m.quest.cur)
	}
	e.press("a", "m", "g")
	if m.mode != modeNavigator {
		t.Fatalf("mode %v after g", m.mode)
	}
	v := e.view()
	contains(t, v, "[1●⚑]")
	contains(t, v, " 2○ ")
	e.press("right", "right", "right", "enter")
	if m.mode != modeQuestion || m.quest.cur != 3 {
		t.Fatalf("mode %v cur %d after jumping", m.mode, m.quest.cur)
	}
	e.press("g", "esc")
	if m.mode != modeQuestion || m.quest.cur != 3 {
		t.Fatalf("esc from the grid: mode %v cur %d", m.mode, m.quest.cur)
	}
}

func TestSubmit(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	// Answer every question right except the last, which stays unanswered; flag the second.
	for i := range 4 {
		q := e.ctx.Pack.Question(m.sess.Items[i].QuestionID)
		for o, opt := range q.Options {
			if opt.Correct {
				e.press(string(rune('1' + e.displayOf(i, o))))
			}
		}
		if i == 1 {
			e.press("m")
		}
		e.clock.advance(time.Minute)
		e.press("n")
	}
	e.press("s")
	if m.mode != modeReview {
		t.Fatalf("mode %v after s", m.mode)
	}
	v := e.view()
	contains(t, v, "Unanswered (1)")
	contains(t, v, "Marked for review (1)")
	contains(t, v, "1 question unanswered: the report shows it as skipped.") // a custom exam is practice
	contains(t, v, "Submit? y/n")
	// enter jumps to the listed question; s and y submit from there.
	e.press("enter")
	if m.mode != modeQuestion || m.quest.cur != 4 {
		t.Fatalf("enter in review: mode %v cur %d", m.mode, m.quest.cur)
	}
	e.press("s", "n")
	if m.mode != modeQuestion {
		t.Fatalf("n in review: mode %v", m.mode)
	}
	e.press("s", "y")
	if m.mode != modeResult || !m.sess.Done() {
		t.Fatalf("mode %v after y", m.mode)
	}
	es, err := uitest.StoreOf(e.ctx).ExamSession(context.Background(), m.id)
	if err != nil {
		t.Fatal(err)
	}
	if es.Status != store.StatusSubmitted || len(es.Result) == 0 {
		t.Fatalf("stored session %+v", es)
	}
	at, err := uitest.StoreOf(e.ctx).Attempts(context.Background(), store.AttemptFilter{SessionID: m.id})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range 4 {
		if !m.sess.Items[i].Unscored {
			want++
		}
	}
	if len(at) != want {
		t.Fatalf("%d attempts, want %d (answered and scored)", len(at), want)
	}
	for _, a := range at {
		if a.Score != 1 || a.Source != store.SourceExam || a.Kind != store.KindQuestion || a.Choice != a.CorrectChoice {
			t.Fatalf("attempt %+v", a)
		}
		if a.ItemID == "d1-b" && a.Choice != "First + Second" {
			t.Fatalf("multiple-response choice %q", a.Choice)
		}
	}
	// A custom exam ends in a practice report: no estimate, no pass or fail.
	contains(t, e.view(), "Practice report")
	if v := e.view(); strings.Contains(v, "Estimated score") || strings.Contains(v, "PASS") || strings.Contains(v, "FAIL") {
		t.Errorf("a custom exam shows a score:\n%s", v)
	}
	contains(t, e.view(), "✓ Saved to your progress.")
	if e.press("esc"); e.backs != 1 {
		t.Fatal("esc on the result does not go back")
	}
}

func TestAutoSubmit(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	e.press("a")
	e.clock.advance(time.Minute)
	e.tick()
	if m.mode != modeQuestion {
		t.Fatal("submitted too early")
	}
	e.clock.now = m.sess.Deadline.Add(time.Second)
	e.tick()
	if m.mode != modeResult || !m.sess.Done() {
		t.Fatalf("mode %v after the deadline", m.mode)
	}
	if !m.sess.Submitted.Equal(m.sess.Deadline) {
		t.Fatalf("submitted at %v, want the deadline %v", m.sess.Submitted, m.sess.Deadline)
	}
	contains(t, e.lastStatus(), "Time is up")
	contains(t, e.view(), "Submitted automatically")
	es, _ := uitest.StoreOf(e.ctx).ExamSession(context.Background(), m.id)
	if es.Status != store.StatusSubmitted {
		t.Fatalf("status %s", es.Status)
	}
}

func TestAutoSubmitOnKey(t *testing.T) {
	// A key pressed after the deadline, before any tick noticed it, submits rather than answering.
	e := newEnv(t)
	m := e.start(mock5())
	e.clock.now = m.sess.Deadline
	e.press("a")
	if m.mode != modeResult || m.sess.Answered(0) {
		t.Fatalf("mode %v, answered %v", m.mode, m.sess.Answered(0))
	}
}

func TestWarnings(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.CustomMock(5, 20*time.Minute))
	e.tick()
	if len(e.statuses) != 0 {
		t.Fatalf("statuses %v with 20 minutes left", e.statuses)
	}
	// A 20-minute exam warns at 10% (2 minutes) and 5% (1 minute), not at 10 and 5 minutes.
	e.clock.advance(10 * time.Minute)
	e.tick()
	if len(e.statuses) != 0 {
		t.Fatalf("statuses %v with 10 of 20 minutes left", e.statuses)
	}
	e.clock.advance(8*time.Minute + time.Second)
	e.tick()
	contains(t, e.lastStatus(), "0:01:59 left")
	contains(t, e.view(), "⚠ 0:01:59 left")
	n := len(e.statuses)
	e.clock.advance(time.Second)
	e.tick()
	if len(e.statuses) != n {
		t.Fatal("the 10-minute notice repeats")
	}
	e.clock.advance(time.Minute)
	e.tick()
	contains(t, e.lastStatus(), "0:00:58 left")
	contains(t, e.view(), "⚠ 0:00:58 left!")
	if m.warned != engine.Urgent {
		t.Fatalf("warned %v", m.warned)
	}
}

func TestDrillShowsAnswer(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.DomainDrill("1", "", 4))
	if m.sess.Timed() {
		t.Fatal("a drill is timed")
	}
	v := e.view()
	if strings.Contains(v, "left") {
		t.Fatalf("an untimed drill shows a clock:\n%s", v)
	}
	i := e.find(pack.Single)
	e.run(m.open(i))
	wrong := e.displayOf(i, 1)
	e.press(string(rune('1' + wrong)))
	if !m.sheet().revealed(i) {
		t.Fatal("the answer is not shown after answering")
	}
	m.quest.vp.SetHeight(200) // see it all
	m.relayout()
	v = e.view()
	contains(t, v, "✗ Incorrect · your answer: "+letter(wrong)+" · right answer: "+letter(e.displayOf(i, 0)))
	contains(t, v, "This is why it is right.")
	contains(t, v, "Your answer. This is why one is wrong.")
	contains(t, v, "Explanation")
	contains(t, v, "explanation of")
	contains(t, v, "Amazon SQS › Visibility timeout")
	// The answer is locked once shown.
	e.press(string(rune('1' + e.displayOf(i, 0))))
	if got := m.sess.Choice(i); !slices.Equal(got, []int{1}) {
		t.Fatalf("choice changed to %v after the answer was shown", got)
	}
	// o opens the selected note; esc from there comes back to this screen unchanged (the root's job).
	e.press("o")
	if len(e.navs) != 1 || e.navs[0].To != common.NotesScreen || e.navs[0].Notes.Link != "sqs#visibility-timeout" {
		t.Fatalf("navigations %+v", e.navs)
	}
	e.send(common.ResumeMsg{})
	if m.mode != modeQuestion || m.quest.cur != i {
		t.Fatalf("after the note: mode %v cur %d", m.mode, m.quest.cur)
	}
}

func TestDrillMultipleRevealsAtCount(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.DomainDrill("", "1.2", 2))
	i := e.find(pack.Multiple)
	e.run(m.open(i))
	e.press(strings.ToLower(letter(e.displayOf(i, 0))))
	if m.sheet().revealed(i) {
		t.Fatal("revealed after one of two")
	}
	e.press(strings.ToLower(letter(e.displayOf(i, 1))))
	if !m.sheet().revealed(i) {
		t.Fatal("not revealed after two of two")
	}
	m.quest.vp.SetHeight(200)
	m.relayout()
	contains(t, e.view(), "✓ Correct · your answer: ")
}

func TestResume(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	e.press("b", "n")
	e.clock.advance(2 * time.Minute)
	e.press("c", "m")
	id, deadline := m.id, m.sess.Deadline
	first, second := m.sess.Choice(0), m.sess.Choice(1)

	// Later, a new screen resumes it.
	e.clock.advance(time.Minute)
	r := e.open(common.ExamArg{Resume: id})
	if r.mode != modeQuestion || r.id != id {
		t.Fatalf("resumed: mode %v id %d", r.mode, r.id)
	}
	if !r.sess.Deadline.Equal(deadline) {
		t.Fatalf("deadline %v, want %v", r.sess.Deadline, deadline)
	}
	if !slices.Equal(r.sess.Choice(0), first) || !slices.Equal(r.sess.Choice(1), second) || !r.sess.Flagged(1) {
		t.Fatal("answers or flag lost")
	}
	if r.quest.cur != 2 {
		t.Fatalf("resumed at question %d, want the first unanswered (3)", r.quest.cur+1)
	}
	contains(t, e.view(), "0:17:00 left")
	// Answers keep going to the same session.
	e.press("a")
	if n := len(e.answers()); n != 3 {
		t.Fatalf("%d saved rows", n)
	}
}

func TestResumeAfterDeadline(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	e.press("b")
	id := m.id
	e.clock.advance(21 * time.Minute)
	r := e.open(common.ExamArg{Resume: id})
	if r.mode != modeResult || !r.sess.Done() {
		t.Fatalf("mode %v: an expired session is not submitted at once", r.mode)
	}
	es, _ := uitest.StoreOf(e.ctx).ExamSession(context.Background(), id)
	if es.Status != store.StatusSubmitted {
		t.Fatalf("status %s", es.Status)
	}
	// A finished session opens on its result.
	again := e.open(common.ExamArg{Resume: id})
	if again.mode != modeResult || e.ctx.Writes.Len() != 0 {
		t.Fatalf("mode %v queue %d", again.mode, e.ctx.Writes.Len())
	}
}

// sideDoor opens a second connection to the env's database, as another program would, to inject faults.
func sideDoor(t *testing.T, e *env) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+uitest.StoreOf(e.ctx).Path()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestFailedSaveIsRetried(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	db := sideDoor(t, e)
	if _, err := db.Exec(`CREATE TRIGGER fail BEFORE INSERT ON exam_answer_events BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	e.press("a")
	if n, err := e.ctx.Writes.Len(), e.ctx.Writes.Err(); n != 1 || err == nil {
		t.Fatalf("queue %d err %v", n, err)
	}
	contains(t, e.view(), "✗ 1 unsaved, retrying")
	// The learner leaves the exam: the write stays queued at the root and completes later.
	if _, err := db.Exec(`DROP TRIGGER fail`); err != nil {
		t.Fatal(err)
	}
	e.retry()
	if n, err := e.ctx.Writes.Len(), e.ctx.Writes.Err(); n != 0 || err != nil {
		t.Fatalf("queue %d err %v after the retry", n, err)
	}
	as, err := uitest.StoreOf(e.ctx).ExamAnswers(context.Background(), m.id)
	if err != nil || len(as) != 1 || as[0].Choice == "" {
		t.Fatalf("saved %+v, %v", as, err)
	}
}

// TestTwoWindowsNeverSaysSaved: window A answers; window B starts another exam, which asks, then abandons
// A's. A's later answers and its submit are not stored, and A says so instead of "Saved".
func TestTwoWindowsNeverSaysSaved(t *testing.T) {
	e := newEnv(t)
	a := e.start(mock5())
	e.press("a", "n", "b", "n", "c")

	// Window B, on the same database.
	b := &env{t: t, ctx: &common.Context{Width: 80, Height: 24, NoColor: true, Pack: e.ctx.Pack,
		Markdown: e.ctx.Markdown, Now: e.clock.Now}, clock: e.clock}
	uitest.Wire(b.ctx, uitest.StoreOf(e.ctx), e.ctx.Pack)
	b.ctx.SetTheme(true)
	bm := b.open(common.ExamArg{})
	bm.mode = modeLoading
	cfg := mock5()
	cfg.Seed = 8
	b.run(bm.startCmd(cfg))
	if bm.sess != nil || !strings.Contains(b.view(), "An exam is in progress: 3 questions answered") {
		t.Fatalf("a second exam started without asking:\n%s", b.view())
	}
	b.press("y")
	if bm.sess == nil || bm.id == 0 {
		t.Fatal("the second exam did not start after yes")
	}
	// A's three answers count, marked abandoned.
	got, err := uitest.StoreOf(e.ctx).Attempts(context.Background(), store.AttemptFilter{SessionID: a.id})
	if err != nil || len(got) != 3 || got[0].Mark != store.MarkAbandoned {
		t.Fatalf("abandoned exam's attempts %+v, %v", got, err)
	}

	// Window A goes on: its next answer finds the exam closed, and it offers the exam in progress.
	e.press("n", "d")
	contains(t, e.lastStatus(), "closed in another window")
	contains(t, e.view(), "Open the exam in progress?")
	e.press("n") // stay, and submit
	a.mode = modeResult
	e.run(a.submit(byUser))
	v := e.view()
	if strings.Contains(v, "Saved to your progress") || !strings.Contains(v, "closed in another window") ||
		!strings.Contains(v, "Your answers count in your progress, marked abandoned") {
		t.Fatalf("result of a taken-over exam:\n%s", v)
	}
	// Every answer counts: A's 4 answers, the 3 saved before the takeover and the 1 after.
	if got, _ := uitest.StoreOf(e.ctx).Attempts(context.Background(), store.AttemptFilter{SessionID: a.id}); len(got) != 4 {
		t.Errorf("%d attempts from window A's 4 answers, want 4", len(got))
	}
	if n := e.driver().Held(); n != 0 || e.ctx.Writes.Len() != 0 {
		t.Errorf("%d retries, %d writes left for a taken-over exam: it should give up", n, e.ctx.Writes.Len())
	}
}

// twoWindows starts an exam in window A with 2 answers, then one in window B over it, and returns both.
func twoWindows(t *testing.T) (a *env, am *Model, b *env, bm *Model) {
	a = newEnv(t)
	am = a.start(mock5())
	a.press("a", "n", "b", "n")
	b = &env{t: t, ctx: &common.Context{Width: 80, Height: 24, NoColor: true, Pack: a.ctx.Pack,
		Markdown: a.ctx.Markdown, Now: a.clock.Now}, clock: a.clock}
	uitest.Wire(b.ctx, uitest.StoreOf(a.ctx), a.ctx.Pack)
	b.ctx.SetTheme(true)
	bm = b.open(common.ExamArg{Abandon: true})
	bm.mode = modeLoading
	b.run(bm.startCmd(mock5()))
	if bm.sess == nil || bm.id == 0 {
		t.Fatal("window B's exam did not start")
	}
	return a, am, b, bm
}

// TestTakenOverOpensExamInProgress: the window whose exam was taken over offers the exam in progress,
// and y opens it there.
func TestTakenOverOpensExamInProgress(t *testing.T) {
	a, am, _, bm := twoWindows(t)
	a.press("c")
	contains(t, a.view(), "Open the exam in progress?")
	a.press("y")
	if am.sess == nil || am.id != bm.id || am.mode != modeQuestion {
		t.Fatalf("after y: exam %d in mode %v, want window B's exam %d", am.id, am.mode, bm.id)
	}
	a.press("d")
	if as, _ := uitest.StoreOf(a.ctx).ExamAnswers(context.Background(), bm.id); len(as) != 1 {
		t.Errorf("an answer in the opened exam: %d saved, want 1", len(as))
	}
}

// TestFinishThenCardsThroughScreen: the finish's card update fails once; the retry stores the cards too.
func TestFinishThenCardsThroughScreen(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	for i := range m.sess.Items {
		q := e.ctx.Pack.Question(m.sess.Items[i].QuestionID)
		for o, opt := range q.Options {
			if !opt.Correct {
				e.press(strings.ToLower(letter(e.displayOf(i, o))))
				break
			}
		}
		if q.Type == pack.Multiple {
			continue
		}
		e.press("n")
	}
	db := sideDoor(t, e)
	if _, err := db.Exec(`CREATE TRIGGER fail BEFORE INSERT ON review_cards BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	e.run(m.submit(byUser))
	if strings.Contains(e.view(), "Saved to your progress") {
		t.Fatal("says Saved while the cards failed")
	}
	if _, err := db.Exec(`DROP TRIGGER fail`); err != nil {
		t.Fatal(err)
	}
	e.retry()
	contains(t, e.view(), "Saved to your progress")
	var cards int
	if err := db.QueryRow("SELECT count(*) FROM review_cards").Scan(&cards); err != nil || cards == 0 {
		t.Fatalf("%d review cards after wrong answers, %v", cards, err)
	}
}

func TestLeaveAsks(t *testing.T) {
	e := newEnv(t)
	e.start(mock5())
	e.press("esc")
	contains(t, e.view(), "Leave the exam?")
	e.press("n")
	if e.backs != 0 {
		t.Fatal("left")
	}
	e.press("esc", "y")
	if e.backs != 1 {
		t.Fatal("did not leave")
	}
}

func TestMenuStartsDrill(t *testing.T) {
	e := newEnv(t)
	m := e.open(common.ExamArg{})
	contains(t, e.view(), "Full mock exam")
	contains(t, e.view(), "nothing missed yet")
	e.press("down", "down", "enter")
	if !m.menu.form {
		t.Fatal("no form")
	}
	e.press("right") // Task 1.1
	e.press("down", "left")
	contains(t, e.view(), "Task 1.1 · Develop code (3)")
	contains(t, e.view(), "‹ 5 ›")
	e.press("enter")
	if m.sess == nil || m.sess.Config.Kind != engine.Drill || m.sess.Config.Task != "1.1" || len(m.sess.Items) != 3 {
		t.Fatalf("session %+v", m.sess)
	}
	contains(t, e.lastStatus(), "only 3 of the 5")
}

func TestMenuMissedNeedsHistory(t *testing.T) {
	e := newEnv(t)
	m := e.open(common.ExamArg{})
	e.press("down", "down", "down", "enter", "enter")
	if m.sess != nil || m.mode != modeMenu {
		t.Fatal("started a missed drill with nothing missed")
	}
	contains(t, e.lastStatus(), "nothing missed yet")
}

func TestMissedDrillFromHistory(t *testing.T) {
	e := newEnv(t)
	_, err := uitest.StoreOf(e.ctx).RecordAttempt(context.Background(), store.Attempt{ItemID: "d2-a", Kind: store.KindQuestion,
		Domain: "2", Task: "2.1", Score: 0, Source: store.SourceExam})
	if err != nil {
		t.Fatal(err)
	}
	m := e.open(common.ExamArg{})
	contains(t, e.view(), "1 question you got wrong before")
	e.press("down", "down", "down", "enter", "enter")
	if m.sess == nil || m.sess.Config.Kind != engine.Missed || m.sess.Items[0].QuestionID != "d2-a" {
		t.Fatalf("session %+v", m.sess)
	}
}

func TestConfigFor(t *testing.T) {
	p := testPack(t)
	for _, c := range []struct {
		in   common.ExamStart
		kind engine.Kind
		dur  time.Duration
		err  bool
	}{
		{common.ExamStart{Questions: 5, Minutes: 20}, engine.Mock, 20 * time.Minute, false},
		{common.ExamStart{Questions: 3, Minutes: 0}, engine.Custom, 0, false},
		{common.ExamStart{Questions: 3, Minutes: 5, Domain: "2"}, engine.Drill, 5 * time.Minute, false},
		{common.ExamStart{Questions: 0}, "", 0, true},
		{common.ExamStart{Questions: 3, Minutes: -1}, "", 0, true},
	} {
		cfg, err := configFor(p, c.in)
		if (err != nil) != c.err || (err == nil && (cfg.Kind != c.kind || cfg.Duration != c.dur)) {
			t.Errorf("%+v: %+v, %v", c.in, cfg, err)
		}
	}
}

func TestAnswersReviewFilters(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.FullMock(e.ctx.Pack)) // in a mock an unanswered question is wrong
	// Question 1 right and flagged, the rest unanswered.
	q := e.ctx.Pack.Question(m.sess.Items[0].QuestionID)
	for o, opt := range q.Options {
		if opt.Correct {
			e.press(string(rune('1' + e.displayOf(0, o))))
		}
	}
	e.press("m", "s", "y", "r")
	if m.mode != modeAnswers || len(m.res.review.list) != 5 {
		t.Fatalf("mode %v list %v", m.mode, m.res.review.list)
	}
	contains(t, e.view(), "Q1 · 1 of 5 all · ✓ correct")
	e.press("w")
	if len(m.res.review.list) != 4 || m.res.review.pos() != 1 {
		t.Fatalf("wrong list %v", m.res.review.list)
	}
	contains(t, e.view(), "○ not answered")
	e.press("m")
	if !slices.Equal(m.res.review.list, []int{0}) {
		t.Fatalf("flagged list %v", m.res.review.list)
	}
	e.press("*", "n", "n")
	if m.res.review.pos() != 2 {
		t.Fatalf("pos %d", m.res.review.pos())
	}
	e.press("o")
	if len(e.navs) != 1 || e.navs[0].To != common.NotesScreen {
		t.Fatalf("navs %+v", e.navs)
	}
	e.press("esc")
	if m.mode != modeResult {
		t.Fatalf("mode %v", m.mode)
	}
}

func TestHelpPerMode(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	short := func() string {
		var parts []string
		for _, b := range m.KeyMap().ShortHelp() {
			parts = append(parts, b.Help().Key+" "+b.Help().Desc)
		}
		return strings.Join(parts, ", ")
	}
	contains(t, short(), "m mark")
	e.press("g")
	contains(t, short(), "enter jump")
	e.press("esc", "s", "y")
	contains(t, short(), "r review answers")
}

func TestViewsFitAt80x24(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	check := func(name string) {
		t.Helper()
		v := m.View()
		lines := strings.Split(v, "\n")
		if len(lines) != e.ctx.BodyHeight() {
			t.Errorf("%s: %d lines, want %d", name, len(lines), e.ctx.BodyHeight())
		}
		for _, l := range lines {
			if w := common.Width(l); w > e.ctx.Width {
				t.Errorf("%s: line %q is %d wide", name, l, w)
			}
		}
	}
	for _, size := range [][2]int{{80, 24}, {60, 18}, {120, 40}} {
		e.ctx.Width, e.ctx.Height = size[0], size[1]
		e.send(teaSize(size[0], size[1]))
		e.run(m.open(e.find(pack.Multiple)))
		check("question")
		e.press("g")
		check("navigator")
		e.press("esc", "s")
		check("review")
		e.press("n")
	}
	e.press("s", "y")
	check("result")
	e.press("r")
	check("answers")
}

func TestNoPanicWithoutStore(t *testing.T) {
	e := newEnv(t)
	e.ctx.Study = nil
	m := e.start(mock5())
	e.press("a", "m", "n", "s", "y")
	if m.mode != modeResult {
		t.Fatalf("mode %v", m.mode)
	}
	if errors.Is(nil, store.ErrNotFound) {
		t.Fatal("unreachable")
	}
}

func TestLeaveGoesHomeWhenStartedFromCLI(t *testing.T) {
	e := newEnv(t)
	m := e.open(common.ExamArg{Start: &common.ExamStart{Questions: 3, Minutes: 20}, FromCLI: true})
	if m.sess == nil || len(m.sess.Items) != 3 || m.mode != modeQuestion {
		t.Fatalf("not started: %v", e.statuses)
	}
	e.press("a", "esc", "y")
	if e.backs != 0 || len(e.navs) != 1 || e.navs[0].To != common.HomeScreen {
		t.Fatalf("backs %d navs %+v", e.backs, e.navs)
	}
	if n := len(e.answers()); n != 1 {
		t.Fatalf("%d saved rows", n)
	}
}

// TestDrillFromProgressReturnsThere: a drill opened by another screen (Progress) goes back to it on esc,
// not home, since it was not started from the command line.
func TestDrillFromProgressReturnsThere(t *testing.T) {
	e := newEnv(t)
	e.open(common.ExamArg{Start: &common.ExamStart{Questions: 2, Domain: "1"}})
	e.press("esc", "y")
	if e.backs != 1 || len(e.navs) != 0 {
		t.Fatalf("esc from a drill opened by Progress: backs %d, navs %+v; want back to Progress", e.backs, e.navs)
	}
}

// TestOneExamInProgress checks the menu offers the exam left in progress, and that starting another one
// abandons it while keeping its answers.
func TestOneExamInProgress(t *testing.T) {
	e := newEnv(t)
	first := e.start(engine.CustomMock(5, 10*time.Minute))
	e.press("1")
	oldID := first.id
	if oldID == 0 {
		t.Fatal("the first exam was not saved")
	}
	m := e.open(common.ExamArg{})
	v := e.view()
	contains(t, v, "An exam is in progress (1 answered")
	contains(t, v, "x resumes it")
	e.press("x")
	if m.sess == nil || m.id != oldID || !m.sess.Answered(0) {
		t.Fatalf("x did not resume session %d: id %d", oldID, m.id)
	}

	// A new exam asks first; yes abandons the one in progress.
	n := e.open(common.ExamArg{})
	n.mode = modeLoading
	e.run(n.startCmd(engine.CustomMock(5, 10*time.Minute)))
	contains(t, e.view(), "Abandon it and start this one?")
	if n.sess != nil {
		t.Fatal("started before the learner answered")
	}
	e.press("y")
	if n.sess == nil {
		t.Fatal("yes did not start the new exam")
	}
	old, err := uitest.StoreOf(e.ctx).ExamSession(context.Background(), oldID)
	if err != nil || old.Status != store.StatusAbandoned {
		t.Fatalf("old session = %+v, %v; want abandoned", old, err)
	}
	if as, _ := uitest.StoreOf(e.ctx).ExamAnswers(context.Background(), oldID); len(as) != 1 {
		t.Errorf("the abandoned exam's answers were not kept: %+v", as)
	}
	active, err := uitest.StoreOf(e.ctx).ActiveExamSession(context.Background())
	if err != nil || active == nil || active.ID == oldID {
		t.Errorf("active session = %+v, %v", active, err)
	}
}

// Leaving an untimed drill does not speak of a clock; leaving a timed exam does.
func TestLeavePromptMentionsClockOnlyWhenTimed(t *testing.T) {
	e := newEnv(t)
	e.start(engine.DomainDrill("1", "", 4))
	e.press("esc")
	if v := e.view(); !strings.Contains(v, "Leave the exam?") || strings.Contains(v, "clock") {
		t.Errorf("untimed leave prompt:\n%s", v)
	}
	e = newEnv(t)
	e.start(engine.CustomMock(5, 20*time.Minute))
	e.press("esc")
	if v := e.view(); !strings.Contains(v, "clock keeps running") {
		t.Errorf("timed leave prompt:\n%s", v)
	}
}

// A mock never shows the answer, so its help does not offer the note-link keys, which would do nothing.
func TestMockHelpHasNoLinkKeys(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.CustomMock(5, 20*time.Minute))
	for _, col := range m.KeyMap().FullHelp() {
		for _, b := range col {
			if k := b.Help().Key; k == "tab" || k == "o" {
				t.Errorf("the mock's help offers %q (%s)", k, b.Help().Desc)
			}
		}
	}
}
