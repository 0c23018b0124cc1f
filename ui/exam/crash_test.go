package exam

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dvaprep/content"
	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/store"
	"dvaprep/ui/common"
	"dvaprep/ui/uitest"
)

// crashEnv names the database the child process of TestCrashKeepsAnswers writes to.
const crashEnv = "DVAPREP_EXAM_CRASH_DB"

// TestCrashKeepsAnswers starts an exam in a child process, answers two questions, kills the process without
// warning, then checks that a restart restores both answers and the deadline from the store.
func TestCrashKeepsAnswers(t *testing.T) {
	if os.Getenv(crashEnv) != "" {
		t.Skip("this is the child process")
	}
	db := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+db)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var id, deadline int64
	var c0, c1 string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if n, _ := fmt.Sscanf(sc.Text(), "READY %d %d %s %s", &id, &deadline, &c0, &c1); n == 4 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	werr := cmd.Wait()
	if id == 0 {
		t.Fatalf("the child never got ready (%v)", werr)
	}
	var exit *exec.ExitError
	if !errors.As(werr, &exit) || exit.Exited() {
		t.Fatalf("the child was not killed: %v", werr)
	}

	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	es, err := st.ExamSession(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if es.Status != store.StatusActive || es.Deadline.UnixMilli() != deadline {
		t.Fatalf("session %+v, want active with deadline %d", es, deadline)
	}
	saved, err := st.ExamAnswers(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var rows []engine.AnswerRow
	for _, a := range saved {
		c, err := engine.DecodeChoice(a.Choice)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, engine.AnswerRow{Position: a.Position, Choice: c, Flagged: a.Flagged, TimeMs: a.Elapsed.Milliseconds()})
	}
	sess, err := engine.Restore(es.Config, rows)
	if err != nil {
		t.Fatal(err)
	}
	if got := engine.EncodeChoice(sess.Choice(0)); got != c0 {
		t.Errorf("answer 1 is %q after the crash, want %q", got, c0)
	}
	if got := engine.EncodeChoice(sess.Choice(1)); got != c1 {
		t.Errorf("answer 2 is %q after the crash, want %q", got, c1)
	}
	if sess.Deadline.UnixMilli() != deadline {
		t.Errorf("deadline %v after the crash, want %v", sess.Deadline.UnixMilli(), deadline)
	}

	// And the screen resumes it with the time truly left.
	e := newEnv(t)
	uitest.Wire(e.ctx, st, e.ctx.Pack)
	e.clock.now = time.UnixMilli(deadline).Add(-5 * time.Minute)
	m := e.open(common.ExamArg{Resume: id})
	if m.mode != modeQuestion || m.quest.cur != 2 || engine.EncodeChoice(m.sess.Choice(1)) != c1 {
		t.Fatalf("resumed: mode %v at question %d", m.mode, m.quest.cur+1)
	}
	contains(t, e.view(), "0:05:00 left")
}

// TestCrashChild is the child process of TestCrashKeepsAnswers: it answers two questions and waits to be killed.
func TestCrashChild(t *testing.T) {
	db := os.Getenv(crashEnv)
	if db == "" {
		t.Skip("run by TestCrashKeepsAnswers")
	}
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	uitest.Wire(e.ctx, st, e.ctx.Pack)
	m := e.start(mock5())
	e.press("b", "n", "c")
	if n := e.ctx.Writes.Len(); n != 0 {
		t.Fatalf("writes still waiting: %d", n)
	}
	fmt.Printf("READY %d %d %s %s\n", m.id, m.sess.Deadline.UnixMilli(),
		engine.EncodeChoice(m.sess.Choice(0)), engine.EncodeChoice(m.sess.Choice(1)))
	time.Sleep(time.Minute) // killed long before this ends
}

// TestFullMockOnRealPack checks that the embedded pack fills a full mock by the blueprint, that every
// question renders at 80×24, and how many need scrolling there and at 100×30.
func TestFullMockOnRealPack(t *testing.T) {
	p, probs, err := pack.Load(content.FS())
	if err != nil || len(probs) > 0 {
		t.Fatalf("the embedded pack does not load cleanly: %v %v", err, probs)
	}
	sess, err := engine.Start(p, engine.FullMock(p), nil, t0)
	var sf *engine.Shortfall
	if errors.As(err, &sf) {
		t.Fatalf("the embedded pack cannot fill a full mock: %v", sf)
	}
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, it := range sess.Items {
		count[p.Question(it.QuestionID).Domain]++
	}
	var got []int
	for _, d := range p.Domains {
		got = append(got, count[d.ID])
	}
	if !slices.Equal(got, []int{21, 17, 16, 11}) {
		t.Fatalf("per-domain counts %v, want [21 17 16 11]", got)
	}

	// Every question renders at 80×24, with every option reachable, and exam-length questions fit a
	// 100×30 terminal without scrolling. At 80×24 a long stem or an exhibit (a policy, a template, a log) may
	// need the question to scroll, as on the real exam's screen; without an exhibit, at most one in three
	// (exam-style stems of 55–90 words and four whole-solution options need about 22 lines at 80 columns).
	for _, size := range []struct {
		w, h       int
		most, bare int // at most 1 in `most` of all questions, and 1 in `bare` of those without an exhibit, scroll
	}{{80, 24, 2, 3}, {100, 30, 4, 10}} {
		e := newEnv(t)
		e.ctx.Pack = p
		e.ctx.Width, e.ctx.Height = size.w, size.h
		m := e.start(engine.FullMock(p))
		n := len(m.sess.Items)
		scroll, bare, bareScroll := 0, 0, 0
		for i := range m.sess.Items {
			e.run(m.open(i))
			if v := e.view(); !strings.Contains(v, fmt.Sprintf("Q %d/%d", i+1, n)) {
				t.Errorf("%d×%d: question %d does not render:\n%s", size.w, size.h, i+1, v)
			}
			q := p.Question(m.sess.Items[i].QuestionID)
			exhibit := strings.Contains(q.Stem, "```")
			if !exhibit {
				bare++
			}
			if last := m.quest.rows[len(m.quest.rows)-1][1]; last >= m.quest.vp.Height() {
				scroll++
				if !exhibit {
					bareScroll++
				}
			}
		}
		t.Logf("%d×%d: %d of %d questions scroll, %d of the %d without an exhibit", size.w, size.h, scroll, n, bareScroll, bare)
		if scroll*size.most > n {
			t.Errorf("%d×%d: %d of %d questions need scrolling to see every option; at most 1 in %d may", size.w, size.h, scroll, n, size.most)
		}
		if bareScroll*size.bare > bare {
			t.Errorf("%d×%d: %d of %d questions without an exhibit need scrolling; at most 1 in %d may", size.w, size.h, bareScroll, bare, size.bare)
		}
	}
}
