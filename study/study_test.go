package study

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dvaprep/content"
	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/store"
)

var t0 = time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC)

var (
	packOnce sync.Once
	realPack *pack.Pack
	packErr  error
)

func loadPack(t *testing.T) *pack.Pack {
	t.Helper()
	packOnce.Do(func() { realPack, _, packErr = pack.Load(content.FS()) })
	if packErr != nil {
		t.Fatal(packErr)
	}
	return realPack
}

// fixture opens a store in a temporary file and returns the layer over it, with the file's path so a test
// can reach the database behind the layer's back to inject faults.
func fixture(t *testing.T) (*Study, *store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "progress.db")
	st, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return New(st, loadPack(t), func() time.Time { return t0 }), st, path
}

// sideDoor opens a second connection to the database, as another program would.
func sideDoor(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// drawExam draws a session of n questions with u unscored and answers the first k wrongly.
func drawExam(t *testing.T, p *pack.Pack, n, u, k int) *engine.Session {
	t.Helper()
	cfg := engine.CustomMock(n, 0)
	cfg.Unscored, cfg.Seed = u, 7
	s, err := engine.Start(p, cfg, nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	answerWrong(t, p, s, k)
	return s
}

// answerWrong answers the first k questions of s wrongly.
func answerWrong(t *testing.T, p *pack.Pack, s *engine.Session, k int) {
	t.Helper()
	for i := range k {
		q := p.Question(s.Items[i].QuestionID)
		wrong := -1
		for o, opt := range q.Options {
			if !opt.Correct {
				wrong = o
				break
			}
		}
		if err := s.Answer(i, []int{wrong}); err != nil {
			t.Fatal(err)
		}
	}
}

func startStored(t *testing.T, s *Study, sess *engine.Session, abandon bool) (int64, error) {
	t.Helper()
	state, err := sess.MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	return s.StartExam(context.Background(), ExamSession{UID: NewUID(t0), Kind: ExamCustom, CreatedAt: t0, Config: state}, abandon)
}

func saveAnswers(t *testing.T, s *Study, id int64, sess *engine.Session, k int) {
	t.Helper()
	for i := range k {
		r := sess.Row(i)
		if err := s.SaveAnswer(context.Background(), id, Answer{Position: i, QuestionID: sess.Items[i].QuestionID,
			Choice: engine.EncodeChoice(r.Choice)}); err != nil {
			t.Fatal(err)
		}
	}
}

func count(t *testing.T, db interface {
	QueryRow(string, ...any) *sql.Row
}, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFinishThenCards: the finish stored, the card update failed. Before, the retry met a closed session,
// counted it as saved, and no card was ever made. Now the finish and the cards are one transaction: the
// failure leaves nothing, and the retry stores all of it.
func TestFinishThenCards(t *testing.T) {
	s, _, path := fixture(t)
	ctx := context.Background()
	sess := drawExam(t, s.pack, 5, 0, 3)
	id, err := startStored(t, s, sess, false)
	if err != nil {
		t.Fatal(err)
	}
	saveAnswers(t, s, id, sess, 3)
	sess.Submit(t0.Add(time.Minute))
	r := engine.Score(s.pack, sess)
	res, _ := json.Marshal(r)
	as := ExamAttempts(s.pack, sess.Config.Kind, r, t0.Add(time.Minute), "")

	db := sideDoor(t, path)
	if _, err := db.Exec(`CREATE TRIGGER no_cards BEFORE INSERT ON review_cards BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishExam(ctx, id, res, as); err == nil || IsPermanent(err) {
		t.Fatalf("finish with a failing card write: %v, want a retryable error", err)
	}
	if n := count(t, db, "SELECT count(*) FROM attempts"); n != 0 {
		t.Errorf("a failed finish left %d attempts", n)
	}
	if _, err := db.Exec(`DROP TRIGGER no_cards`); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishExam(ctx, id, res, as); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if n := count(t, db, "SELECT count(*) FROM review_cards"); n != 3 {
		t.Errorf("%d review cards after 3 wrong answers, want 3", n)
	}
	// A retry whose reply was lost finds its own attempts: done, nothing counted twice.
	if err := s.FinishExam(ctx, id, res, as); err != nil {
		t.Errorf("finish retried after success: %v", err)
	}
	if n := count(t, db, "SELECT count(*) FROM attempts"); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
}

// TestTwoWindows: window A answers 3 questions; window B starts an exam. B is refused until it agrees to
// abandon A's exam; A's 3 answers then count (marked abandoned, with review cards), and A's later writes
// and its submit fail with ErrTakenOver instead of passing for saved.
func TestTwoWindows(t *testing.T) {
	s, st, path := fixture(t)
	ctx := context.Background()
	a := drawExam(t, s.pack, 10, 0, 0)
	idA, err := startStored(t, s, a, false)
	if err != nil {
		t.Fatal(err)
	}
	answerWrong(t, s.pack, a, 6)
	saveAnswers(t, s, idA, a, 3)

	b := drawExam(t, s.pack, 10, 0, 0)
	_, err = startStored(t, s, b, false)
	var inProgress *InProgressError
	if !errors.As(err, &inProgress) || !errors.Is(err, ErrExamInProgress) {
		t.Fatalf("second exam while one is in progress: %v, want an InProgressError", err)
	}
	if c := inProgress.Count; inProgress.Session.ID != idA || c.Answered+c.Incomplete != 3 {
		t.Errorf("in progress: exam %d with %v, want %d with 3 answered or incomplete", inProgress.Session.ID, c, idA)
	}
	idB, err := startStored(t, s, b, true)
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.Attempts(ctx, store.AttemptFilter{SessionID: idA})
	if err != nil || len(got) != 3 {
		t.Fatalf("abandoned exam's attempts: %d, %v; want 3", len(got), err)
	}
	for _, at := range got {
		if at.Mark != MarkAbandoned || at.Score != 0 {
			t.Errorf("attempt %+v: want a wrong answer marked abandoned", at)
		}
	}
	db := sideDoor(t, path)
	if n := count(t, db, "SELECT count(*) FROM review_cards"); n != 3 {
		t.Errorf("%d review cards from the abandoned exam's 3 misses, want 3", n)
	}

	// Window A goes on.
	err = s.SaveAnswer(ctx, idA, Answer{Position: 3, QuestionID: a.Items[3].QuestionID, Choice: "[0]"})
	if !errors.Is(err, ErrTakenOver) || !IsPermanent(err) {
		t.Errorf("answer in a taken-over exam: %v, want ErrTakenOver", err)
	}
	a.Submit(t0)
	r := engine.Score(s.pack, a)
	if err := s.FinishExam(ctx, idA, nil, ExamAttempts(s.pack, a.Config.Kind, r, t0, "")); !errors.Is(err, ErrTakenOver) {
		t.Errorf("submit of a taken-over exam: %v, want ErrTakenOver", err)
	}
	// Every answer counts: the 3 given in window A after the takeover are added, marked abandoned, once.
	got, _ = st.Attempts(ctx, store.AttemptFilter{SessionID: idA})
	if len(got) != 6 {
		t.Errorf("%d attempts for window A's 6 answers, want 6", len(got))
	}
	for _, at := range got {
		if at.Mark != MarkAbandoned {
			t.Errorf("attempt %s of a taken-over exam is marked %q, want abandoned", at.ItemID, at.Mark)
		}
	}
	e, _ := st.ExamSession(ctx, idB)
	if e.Status != StatusActive {
		t.Errorf("window B's exam is %s, want active", e.Status)
	}
}

// TestEveryAnswerCounts: unscored items are recorded (marked) and feed review, like scored ones.
func TestEveryAnswerCounts(t *testing.T) {
	s, st, _ := fixture(t)
	ctx := context.Background()
	sess := drawExam(t, s.pack, 10, 5, 10)
	id, err := startStored(t, s, sess, false)
	if err != nil {
		t.Fatal(err)
	}
	sess.Submit(t0)
	r := engine.Score(s.pack, sess)
	if err := s.FinishExam(ctx, id, nil, ExamAttempts(s.pack, sess.Config.Kind, r, t0, "")); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Attempts(ctx, store.AttemptFilter{})
	unscored := 0
	for _, a := range got {
		if a.Mark == MarkUnscored {
			unscored++
		}
	}
	if len(got) != 10 || unscored != 5 {
		t.Errorf("%d attempts, %d unscored; want 10 and 5", len(got), unscored)
	}
	sum, _ := s.Summary(ctx)
	if sum.Questions.Answered != 10 {
		t.Errorf("summary counts %d answers, want 10", sum.Questions.Answered)
	}
	if n, _ := s.CountDue(ctx, t0.Add(time.Hour)); n != 10 {
		t.Errorf("%d cards due after 10 wrong answers, want 10", n)
	}
}

// TestRecordsAreIdempotent: a decision or a review written twice (a retry after a lost reply) counts once.
func TestRecordsAreIdempotent(t *testing.T) {
	s, st, _ := fixture(t)
	ctx := context.Background()
	d := Attempt{UID: NewUID(t0), ItemID: "sc/n1", Kind: KindDecision, Score: 0, Source: SourceScenario, At: t0}
	for range 2 {
		if err := s.RecordAttempt(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	rv := Attempt{UID: NewUID(t0.Add(time.Hour)), ItemID: "sc/n1", Kind: KindDecision, Score: 1, Source: SourceReview,
		At: t0.Add(time.Hour), Unsure: true}
	c1, ok1, err1 := s.RecordReview(ctx, rv)
	_, ok2, err2 := s.RecordReview(ctx, rv)
	if err1 != nil || err2 != nil || !ok1 || ok2 {
		t.Fatalf("review twice: ok %v %v, err %v %v", ok1, ok2, err1, err2)
	}
	got, _ := st.Attempts(ctx, store.AttemptFilter{})
	if len(got) != 2 || !got[1].Unsure {
		t.Errorf("attempts %+v: want the decision and the unsure review, once each", got)
	}
	c, _ := st.GetCard(ctx, "sc/n1")
	if c == nil || c.Reps != 2 || !c.Due.Equal(c1.Due) {
		t.Errorf("card %+v, want 2 reps due %v", c, c1.Due)
	}
	if err := s.RecordAttempt(ctx, Attempt{ItemID: "x", Kind: KindQuestion, Source: SourceDrill}); !errors.Is(err, ErrNoUID) {
		t.Errorf("attempt without UID: %v", err)
	}
}

// TestAbandonExam records the answers of an exam left without submitting, once.
func TestAbandonExam(t *testing.T) {
	s, st, _ := fixture(t)
	ctx := context.Background()
	sess := drawExam(t, s.pack, 5, 0, 0)
	id, _ := startStored(t, s, sess, false)
	answerWrong(t, s.pack, sess, 2)
	saveAnswers(t, s, id, sess, 2)
	for range 2 {
		if err := s.AbandonExam(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := st.Attempts(ctx, store.AttemptFilter{SessionID: id})
	if len(got) != 2 {
		t.Errorf("%d attempts from an abandoned exam with 2 answers, want 2", len(got))
	}
	if e, _, _ := s.ExamInProgress(ctx); e != nil {
		t.Errorf("exam %d still in progress", e.ID)
	}
}

func TestScenarioPosition(t *testing.T) {
	s, _, _ := fixture(t)
	ctx := context.Background()
	if p, err := s.LoadScenarioPosition(ctx, "sc"); p != nil || err != nil {
		t.Fatalf("no position yet: %s, %v", p, err)
	}
	for _, want := range []string{`{"node":"n1"}`, `{"node":"n2"}`} {
		if err := s.SaveScenarioPosition(ctx, "sc", json.RawMessage(want)); err != nil {
			t.Fatal(err)
		}
		if p, _ := s.LoadScenarioPosition(ctx, "sc"); string(p) != want {
			t.Errorf("position %s, want %s", p, want)
		}
	}
	if err := s.SaveScenarioPosition(ctx, "sc", nil); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.LoadScenarioPosition(ctx, "sc"); p != nil {
		t.Errorf("forgotten position still %s", p)
	}
}

// TestCardsRecomputeFromAttempts: after an exam, decisions and reviews (sure and unsure), the stored cards
// are exactly what replaying the attempts gives, as the README promises.
func TestCardsRecomputeFromAttempts(t *testing.T) {
	s, st, _ := fixture(t)
	ctx := context.Background()
	sess := drawExam(t, s.pack, 6, 2, 6)
	id, _ := startStored(t, s, sess, false)
	sess.Submit(t0)
	r := engine.Score(s.pack, sess)
	if err := s.FinishExam(ctx, id, nil, ExamAttempts(s.pack, sess.Config.Kind, r, t0, "")); err != nil {
		t.Fatal(err)
	}
	at := t0.Add(time.Minute)
	if err := s.RecordAttempt(ctx, Attempt{UID: NewUID(at), ItemID: "sc/n1", Kind: KindDecision, Score: 0.5,
		Source: SourceScenario, At: at}); err != nil {
		t.Fatal(err)
	}
	for i, it := range sess.Items[:4] {
		at := t0.Add(time.Duration(10+i) * time.Minute)
		a := Attempt{UID: NewUID(at), ItemID: it.QuestionID, Kind: KindQuestion, Score: float64(i % 2),
			Source: SourceReview, At: at, Unsure: i == 1, Elapsed: time.Duration(5+20*i) * time.Second}
		if _, _, err := s.RecordReview(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.RecomputeCards(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 7 {
		t.Fatalf("%d recomputed cards, want 7 (6 missed questions, 1 decision)", len(got))
	}
	for _, c := range got {
		stored, err := st.GetCard(ctx, c.ItemID)
		if err != nil || stored == nil {
			t.Fatalf("card %s not stored: %v", c.ItemID, err)
		}
		stored.UpdatedAt = time.Time{}
		if *stored != c {
			t.Errorf("card %s:\nstored     %+v\nrecomputed %+v", c.ItemID, *stored, c)
		}
	}
}

// TestStartsAreIdempotent: a start retried after its reply was lost finds what it created: the exam is
// not refused as "another exam in progress", and a scenario run is not started twice.
func TestStartsAreIdempotent(t *testing.T) {
	s, st, _ := fixture(t)
	ctx := context.Background()
	e := ExamSession{UID: NewUID(t0), Kind: ExamMock, CreatedAt: t0}
	id1, err1 := s.StartExam(ctx, e, false)
	id2, err2 := s.StartExam(ctx, e, false)
	if err1 != nil || err2 != nil || id1 != id2 {
		t.Errorf("exam started twice: %d, %v; %d, %v", id1, err1, id2, err2)
	}
	uid := NewUID(t0)
	r1, err1 := s.StartScenarioRun(ctx, uid, "sc", t0)
	r2, err2 := s.StartScenarioRun(ctx, uid, "sc", t0)
	if err1 != nil || err2 != nil || r1 != r2 {
		t.Errorf("run started twice: %d, %v; %d, %v", r1, err1, r2, err2)
	}
	if recs, _ := st.ScenarioBest(ctx); len(recs) != 1 {
		t.Errorf("%d scenarios with runs, want 1", len(recs))
	}
	if _, err := s.StartExam(ctx, ExamSession{Kind: ExamMock}, true); !errors.Is(err, ErrNoUID) {
		t.Errorf("exam without UID: %v", err)
	}
}

// TestExamInProgressCountsIncomplete: a multiple-response question with fewer options chosen than it asks is
// reported as incomplete, not answered (home's "Resume exam", the menu's warning, the refusal to start another).
func TestExamInProgressCountsIncomplete(t *testing.T) {
	s, _, _ := fixture(t)
	ctx := context.Background()
	sess := drawExam(t, s.pack, 65, 0, 0)
	id, err := startStored(t, s, sess, false)
	if err != nil {
		t.Fatal(err)
	}
	multi, single := -1, -1
	for i, it := range sess.Items {
		switch q := s.pack.Question(it.QuestionID); {
		case q.Select >= 2 && multi < 0:
			multi = i
		case q.Select < 2 && single < 0:
			single = i
		}
	}
	if multi < 0 || single < 0 {
		t.Fatalf("the drawn exam needs a multiple-response and a single-answer question (got %d, %d)", multi, single)
	}
	for _, a := range []Answer{
		{Position: multi, QuestionID: sess.Items[multi].QuestionID, Choice: engine.EncodeChoice([]int{0})},
		{Position: single, QuestionID: sess.Items[single].QuestionID, Choice: engine.EncodeChoice([]int{0})},
	} {
		if err := s.SaveAnswer(ctx, id, a); err != nil {
			t.Fatal(err)
		}
	}
	_, got, err := s.ExamInProgress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (ExamCount{Answered: 1, Incomplete: 1}); got != want {
		t.Errorf("in progress: %+v, want %+v", got, want)
	}
	if got.String() != "1 answered · 1 incomplete" {
		t.Errorf("String() = %q", got.String())
	}
	_, err = startStored(t, s, drawExam(t, s.pack, 10, 0, 0), false)
	if err == nil || !strings.Contains(err.Error(), "(1 answered · 1 incomplete)") {
		t.Errorf("starting another: %v, want it to report 1 answered · 1 incomplete", err)
	}
}
