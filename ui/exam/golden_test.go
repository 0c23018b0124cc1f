package exam

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	engine "dvaprep/exam"
	"dvaprep/pack"
)

// requireView compares the screen, without ANSI codes or trailing blanks, with its golden file.
func requireView(t *testing.T, e *env) {
	t.Helper()
	lines := strings.Split(e.view(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	golden.RequireEqual(t, strings.Join(lines, "\n")+"\n")
}

// TestGolden walks a full mock through its screens. Each step's golden file is checked on a fresh exam that replays
// the steps before it, so any subtest runs alone: go test -run 'TestGolden/answers$' ./ui/exam.
func TestGolden(t *testing.T) {
	type step struct {
		name string
		do   func(e *env, m *Model)
	}
	steps := []step{
		{"single", func(e *env, m *Model) {
			e.run(m.open(e.find(pack.Single)))
			e.press("b", "m")
		}},
		{"multiple", func(e *env, m *Model) {
			e.run(m.open(e.find(pack.Multiple)))
			e.press("a", "down", "down", "space")
		}},
		{"navigator", func(e *env, m *Model) { e.press("g", "right") }},
		{"review", func(e *env, m *Model) { e.press("esc", "s") }},
		{"result", func(e *env, m *Model) {
			e.press("n")
			// Answer what is left right, a minute each, then submit.
			for i := range m.sess.Items {
				e.run(m.open(i))
				e.clock.advance(time.Duration(i+1) * time.Minute)
				if m.sess.Answered(i) {
					continue
				}
				q := e.ctx.Pack.Question(m.sess.Items[i].QuestionID)
				for o, opt := range q.Options {
					if opt.Correct {
						e.press(string(rune('1' + e.displayOf(i, o))))
					}
				}
			}
			e.press("s", "y")
		}},
		{"result_end", func(e *env, m *Model) { e.press("pgdown", "pgdown") }},
		{"answers", func(e *env, m *Model) { e.press("r") }},
	}
	for k, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			e := newEnv(t)
			m := e.start(engine.FullMock(e.ctx.Pack)) // 5 questions, 20 minutes, 1 unscored
			for _, before := range steps[:k+1] {
				before.do(e, m)
			}
			requireView(t, e)
		})
	}
}
