package exam_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"dvaprep/store"
	"dvaprep/ui"
	"dvaprep/ui/common"
	"dvaprep/ui/exam"
	"dvaprep/ui/markdown"
	"dvaprep/ui/uitest"
)

// TestMockThroughRoot runs a 5-question mock through the whole program, keys in and screen out, to its result.
func TestMockThroughRoot(t *testing.T) {
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "progress.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := &common.Context{Pack: exam.NewTestPack(t), Markdown: markdown.New(), NoColor: true, Now: time.Now}
	uitest.Wire(ctx, st, ctx.Pack)
	ctx.SetTheme(true)
	start := common.NavigateMsg{To: common.ExamScreen, Exam: common.ExamArg{Start: &common.ExamStart{Questions: 5, Minutes: 20}, FromCLI: true}}
	tm := teatest.NewTestModel(t, ui.New(ctx, ui.Build, start), teatest.WithInitialTermSize(80, 24))

	waitFor := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	// The renderer sends only what changed, so wait for whole new phrases rather than counters. Keys are taken
	// in order, so once the first question shows, the rest can be typed at once.
	waitFor("Q 1/5")
	// q during an exam asks through the root instead of quitting; n stays.
	tm.Type("q")
	waitFor("Quit dvaprep?")
	tm.Type("n")
	tm.Type("anananana")
	tm.Type("s")
	waitFor("Submit? y/n")
	tm.Type("y")
	waitFor("✓ Saved to your progress") // the finish is written in a command: quit only once it has landed
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})

	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	screen := ansi.Strip(final.View().Content)
	for _, want := range []string{"Estimated score", "/ 1000", "estimate: AWS does not publish its scaling", "By domain", "more below"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("want %q on the final screen:\n%s", want, screen)
		}
	}
	hist, err := st.ExamHistory(t.Context())
	if err != nil || len(hist) != 1 {
		t.Fatalf("history %v, %v", hist, err)
	}
}
