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

func TestGolden(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.FullMock(e.ctx.Pack)) // 5 questions, 20 minutes, 1 unscored
	t.Run("single", func(t *testing.T) {
		e.run(m.open(e.find(pack.Single)))
		e.press("b", "m")
		requireView(t, e)
	})
	t.Run("multiple", func(t *testing.T) {
		e.run(m.open(e.find(pack.Multiple)))
		e.press("a", "down", "down", "space")
		requireView(t, e)
	})
	t.Run("navigator", func(t *testing.T) {
		e.press("g", "right")
		requireView(t, e)
		e.press("esc")
	})
	t.Run("review", func(t *testing.T) {
		e.press("s")
		requireView(t, e)
		e.press("n")
	})
	t.Run("result", func(t *testing.T) {
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
		requireView(t, e)
	})
	t.Run("result_end", func(t *testing.T) {
		e.press("pgdown", "pgdown")
		requireView(t, e)
	})
	t.Run("answers", func(t *testing.T) {
		e.press("r")
		requireView(t, e)
	})
}
