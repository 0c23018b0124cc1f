package exam

import (
	"github.com/charmbracelet/x/ansi"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/ui/common"
)

// The option keys only ever choose options: no other binding of the exam screen, in any mode, uses one of them,
// so typing "a d f" for a choose-3 question can never flag it, filter a list or leave.
func TestOptionKeysAreOnlyOptions(t *testing.T) {
	km := DefaultKeyMap()
	if got := km.Choose.Keys(); !slices.Equal(got, optionKeys) {
		t.Fatalf("Choose keys %v, want %v", got, optionKeys)
	}
	for _, k := range optionKeys {
		if d := optionKey(k); d < 0 || d > 5 {
			t.Errorf("option key %q picks position %d", k, d)
		}
	}
	v := reflect.ValueOf(km)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Name == "Choose" {
			continue
		}
		b, ok := v.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		for _, k := range b.Keys() {
			if slices.Contains(optionKeys, k) {
				t.Errorf("%s is bound to option key %q", f.Name, k)
			}
		}
	}
	// And a six-option question takes f as option F.
	if optionKey("f") != 5 {
		t.Errorf("f picks %d, want 5 (option F)", optionKey("f"))
	}
}

// q asks before leaving an exam in progress, as esc does; n stays, y quits once the answers are stored.
func TestQuitAsksFirst(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	if !m.GuardQuit() {
		t.Fatal("q is not guarded during an exam")
	}
	e.press("a", "q")
	if e.quits != 0 || !strings.Contains(e.view(), "Quit dvaprep?") {
		t.Fatalf("q did not ask (quits %d):\n%s", e.quits, e.view())
	}
	e.press("enter") // only y agrees: enter, pressed out of habit, does nothing
	if e.quits != 0 || !m.leaving.Open() {
		t.Fatalf("enter answered the question (quits %d, open %v)", e.quits, m.leaving.Open())
	}
	e.press("n")
	if m.leaving.Open() || m.mode != modeQuestion || e.quits != 0 {
		t.Fatalf("n did not stay: leaving %v mode %v", m.leaving.Open(), m.mode)
	}
	// From the navigator and the review too.
	for _, open := range []string{"g", "s"} {
		e.press(open, "q")
		if !strings.Contains(e.view(), "Quit dvaprep?") {
			t.Fatalf("q after %s did not ask:\n%s", open, e.view())
		}
		e.press("esc", "esc")
	}
	e.press("q", "y")
	if e.quits != 1 {
		t.Fatalf("y did not quit (quits %d)", e.quits)
	}
	if as := e.answers(); len(as) != 1 || as[0].Choice == "" {
		t.Fatalf("the answer was not stored before quitting: %+v", as)
	}
	// esc asks to leave, not to quit.
	e2 := newEnv(t)
	e2.start(mock5())
	e2.press("esc")
	if !strings.Contains(e2.view(), "Leave the exam?") {
		t.Fatalf("esc:\n%s", e2.view())
	}
	e2.press("y")
	if e2.backs != 1 || e2.quits != 0 {
		t.Fatalf("esc y: backs %d quits %d", e2.backs, e2.quits)
	}
}

// A multiple-response question with fewer choices than it asks for shows as incomplete in its header, the
// navigator, the review and the submit prompt, and is not counted as answered.
func TestIncompleteIsVisible(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	i := e.find(pack.Multiple) // choose 2 of 5
	e.run(m.open(i))
	e.press("a")
	if f := m.sheet().fill(i); f != engine.Incomplete {
		t.Fatalf("fill %v", f)
	}
	v := e.view()
	contains(t, v, "0 answered · ◐ 1 incomplete")
	contains(t, v, "◐ incomplete: 1 of 2 chosen, scores 0 as it is")
	e.press("g")
	contains(t, e.view(), "◐ incomplete 1")
	contains(t, e.view(), "◐")
	e.press("esc", "s")
	v = e.view()
	contains(t, v, "Incomplete: fewer options chosen than asked (1)")
	contains(t, v, "1 question incomplete: it scores 0.")
	// Completing it clears the warning.
	e.press("n")
	e.run(m.open(i))
	e.press("b", "s")
	if v := e.view(); strings.Contains(v, "incomplete: it scores") || !strings.Contains(v, "1 of 5 answered") {
		t.Fatalf("complete answer still incomplete:\n%s", v)
	}
}

// A drill ends in a practice report: answered, skipped and right per task statement, time per question, notes
// to read next; a skipped question is skipped, not wrong; no scaled score and no pass or fail.
func TestDrillPracticeReport(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.DomainDrill("2", "", 2))
	q := e.ctx.Pack.Question(m.sess.Items[0].QuestionID)
	for o, opt := range q.Options {
		if opt.Correct {
			e.press(string(rune('1' + e.displayOf(0, o))))
		}
	}
	e.clock.advance(40 * time.Second)
	e.press("n", "s", "y") // the second is skipped
	if m.mode != modeResult {
		t.Fatalf("mode %v", m.mode)
	}
	e.send(teaSize(80, 60))
	v := e.view()
	for _, want := range []string{
		"Practice report",
		"Answered 1 of 2 · right 1 · skipped 1",
		"Accuracy 100% · 1 answer · too little data",
		"1 question skipped: not counted as wrong",
		"2.1 Authentication",
		"Notes to read next",
		"Amazon SQS › Visibility timeout",
	} {
		contains(t, v, want)
	}
	for _, bad := range []string{"Estimated score", "PASS", "FAIL", "scaled", "sqs#visibility-timeout"} {
		if strings.Contains(v, bad) {
			t.Errorf("a drill report shows %q:\n%s", bad, v)
		}
	}
	if m.Title() != "Drill › Practice report" {
		t.Errorf("title %q", m.Title())
	}
	// o opens the suggested note.
	e.press("o")
	if len(e.navs) != 1 || e.navs[0].Notes.Link != "sqs#visibility-timeout" {
		t.Fatalf("navs %+v", e.navs)
	}
	// In the review of answers, "wrong" leaves the skipped question out.
	e.press("r", "w")
	if len(m.res.review.list) != 0 || !strings.Contains(e.view(), "No wrong answers") {
		t.Fatalf("wrong list %v:\n%s", m.res.review.list, e.view())
	}
}

// The custom exam's time follows its question count (2 minutes a question) until changed; counts stop at their
// ends instead of wrapping; the full mock opens a briefing, and enter there starts it.
func TestMenuOptions(t *testing.T) {
	e := newEnv(t)
	m := e.open(common.ExamArg{})
	mn := &m.menu
	e.press("down", "down", "down", "down", "enter") // Custom exam
	if !mn.form || mn.cursor != itemCustom {
		t.Fatalf("form %v cursor %d", mn.form, mn.cursor)
	}
	count := func() int { return customCounts[mn.customN] }
	// The test pack's pace: 20 minutes for 5 questions, 4 a question.
	for _, step := range []string{"left", "left", "left", "left", "left"} {
		e.press(step)
	}
	if count() != 5 || mn.customM != 20 {
		t.Fatalf("after ← to the start: %d questions, %d minutes (want 5 and 20, no wrap)", count(), mn.customM)
	}
	contains(t, e.view(), "20 minutes · follows the count")
	for range len(customCounts) + 3 {
		e.press("right")
	}
	if count() != 65 || mn.customM != 260 {
		t.Fatalf("after → to the end: %d questions, %d minutes (want 65 and 260)", count(), mn.customM)
	}
	e.press("down", "left") // the time: the learner's from now on
	if mn.customM != 255 || !mn.timeSet {
		t.Fatalf("time %d set %v", mn.customM, mn.timeSet)
	}
	e.press("up", "left")
	if mn.customM != 255 {
		t.Fatalf("a changed time followed the count: %d", mn.customM)
	}
	e.press("down")
	for range 100 {
		e.press("left")
	}
	if mn.customM != 0 || !strings.Contains(e.view(), "untimed") {
		t.Fatalf("time %d after ← to the start", mn.customM)
	}
	cfg, err := mn.config()
	if err != nil || cfg.Kind != engine.Custom || cfg.Duration != 0 || cfg.Questions != 50 {
		t.Fatalf("config %+v %v", cfg, err)
	}

	// The full mock: enter opens the briefing; esc goes back; enter from the briefing starts the clock.
	e.press("esc", "up", "up", "up", "up", "enter")
	if !mn.brief || m.sess != nil {
		t.Fatalf("brief %v, session %v", mn.brief, m.sess != nil)
	}
	v := e.view()
	for _, want := range []string{"5 questions · 20 minutes · 1 unscored", "m marks for review", "enter starts the clock"} {
		contains(t, v, want)
	}
	e.press("esc")
	if mn.brief || m.sess != nil {
		t.Fatal("esc did not close the briefing")
	}
	e.press("enter", "enter")
	if m.sess == nil || m.sess.Config.Kind != engine.Mock || m.mode != modeQuestion {
		t.Fatalf("enter in the briefing did not start the mock: %v", e.statuses)
	}
}

// At 60 columns the practice report's long lines wrap whole words under a hanging indent; nothing is cut.
func TestPracticeReportWrapsInsteadOfCutting(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.DomainDrill("2", "", 2))
	e.press("n", "s", "y")
	if m.mode != modeResult {
		t.Fatalf("mode %v", m.mode)
	}
	e.ctx.Width, e.ctx.Height = 60, 60
	e.send(teaSize(60, 60))
	v := e.view()
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
	flat := strings.Join(strings.Fields(v), " ")
	for _, want := range []string{
		"no score estimate or pass mark: those belong to a full mock",
		"(from the questions missed or skipped · tab selects, o opens)",
	} {
		contains(t, flat, want)
	}
}

// Esc on a drill's report returns to where the drill was started: the exam menu when the menu started it, the
// screen below (Progress) when that screen did.
func TestEscOnReportReturnsWhereTheDrillStarted(t *testing.T) {
	e := newEnv(t)
	m := e.open(common.ExamArg{})
	e.press("down", "down", "enter", "enter") // Domain or task drill, its form, start
	if m.sess == nil || m.mode != modeQuestion {
		t.Fatalf("the drill did not start: mode %v, %v", m.mode, e.statuses)
	}
	e.press("s", "y")
	if m.mode != modeResult {
		t.Fatalf("mode %v", m.mode)
	}
	e.press("esc")
	if e.backs != 0 || len(e.navs) != 0 || m.mode != modeMenu || m.sess != nil {
		t.Fatalf("esc from the report: backs %d, navs %v, mode %v", e.backs, e.navs, m.mode)
	}
	contains(t, e.view(), "Domain or task drill")

	e2 := newEnv(t)
	m2 := e2.open(common.ExamArg{Start: &common.ExamStart{Questions: 2, Task: "2.1"}})
	if m2.sess == nil {
		t.Fatalf("the drill did not start: %v", e2.statuses)
	}
	e2.press("s", "y", "esc")
	if e2.backs != 1 {
		t.Fatalf("esc from a report opened by another screen: backs %d, mode %v", e2.backs, m2.mode)
	}
}

// The help and dispatch share one set of bindings: in each state every key the help lists is enabled, and the
// keys that do nothing there are disabled, so they are neither listed nor matched. A y/n question owns the
// keyboard.
func TestHelpListsOnlyTheKeysThatWork(t *testing.T) {
	e := newEnv(t)
	m := e.start(engine.CustomMock(3, 10*time.Minute))
	enabledInHelp := func(state string) {
		t.Helper()
		km := m.KeyMap()
		bs := km.ShortHelp()
		for _, col := range km.FullHelp() {
			bs = append(bs, col...)
		}
		for _, b := range bs {
			if !b.Enabled() {
				t.Errorf("%s: the help lists %q, which is disabled", state, b.Help().Key)
			}
		}
	}
	enabledInHelp("mock question")
	// A mock never shows note links: tab and o do nothing, so they are off.
	if m.keys.NextLink.Enabled() || m.keys.OpenLink.Enabled() || m.keys.Answers.Enabled() || m.keys.Yes.Enabled() {
		t.Errorf("a mock question enables keys that do nothing there: %+v", m.keys)
	}
	e.press("g")
	enabledInHelp("grid")
	if m.keys.Choose.Enabled() || m.keys.Flag.Enabled() {
		t.Error("the grid enables the option and mark keys")
	}
	e.press("esc", "esc")
	if !m.leaving.Open() {
		t.Fatal("esc did not ask before leaving")
	}
	m.KeyMap()
	for _, b := range m.keys.all() {
		if b.Enabled() && b != &m.keys.Yes && b != &m.keys.No && b != &m.keys.Back {
			t.Errorf("under the leave question %v is enabled", b.Keys())
		}
	}
	if h := m.KeyMap().ShortHelp(); len(h) != 2 {
		t.Errorf("the leave question's footer: %v", h)
	}
	e.press("n", "s", "y")
	if m.mode != modeResult {
		t.Fatalf("mode %v", m.mode)
	}
	enabledInHelp("result")
	if m.keys.Choose.Enabled() || m.keys.Grid.Enabled() {
		t.Error("the result enables exam keys")
	}
}
