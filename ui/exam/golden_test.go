package exam

import (
	"fmt"
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

// goldenStep is one step of the golden session: do brings the screen to the state to compare; after
// leaves it for the next step.
type goldenStep struct {
	name      string
	do, after func(e *env, m *Model)
}

// goldenSteps is one session, step by step. Each subtest replays the steps before its own on a fresh
// screen, so any subtest runs alone: go test -run 'TestGolden/80x24/answers$' ./ui/exam
var goldenSteps = []goldenStep{
	{name: "single", do: func(e *env, m *Model) {
		e.run(m.open(e.find(pack.Single)))
		e.press("b", "m")
	}},
	{name: "multiple", do: func(e *env, m *Model) {
		e.run(m.open(e.find(pack.Multiple)))
		e.press("a", "down", "down", "space")
	}},
	{name: "navigator", do: func(e *env, m *Model) { e.press("g", "right") }, after: func(e *env, m *Model) { e.press("esc") }},
	{name: "review", do: func(e *env, m *Model) { e.press("s") }, after: func(e *env, m *Model) { e.press("n") }},
	{name: "result", do: func(e *env, m *Model) {
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
	{name: "result_end", do: func(e *env, m *Model) { e.press("pgdown", "pgdown") }},
	{name: "answers", do: func(e *env, m *Model) { e.press("r") }},
}

// TestGolden keeps the session at the smallest supported size, the classic terminal and a large one.
func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{60, 18}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for i, step := range goldenSteps {
				t.Run(step.name, func(t *testing.T) {
					e := newEnv(t)
					e.ctx.Width, e.ctx.Height = size[0], size[1]
					m := e.start(engine.FullMock(e.ctx.Pack)) // 5 questions, 20 minutes, 1 unscored
					for _, prev := range goldenSteps[:i] {
						prev.do(e, m)
						if prev.after != nil {
							prev.after(e, m)
						}
					}
					step.do(e, m)
					requireView(t, e)
				})
			}
		})
	}
}
