package exam

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/study"
	"dvaprep/ui/common"
)

// The start menu's entries.
const (
	itemMock = iota
	itemSets
	itemDrill
	itemMissed
	itemCustom
	itemCount
)

// Choices offered by the forms; ←/→ step through them and stop at either end.
var (
	drillCounts  = []int{5, 10, 15, 20, 30, 40}
	missedCounts = []int{10, 20, 30, 0} // 0: all of them
	customCounts = []int{5, 10, 15, 20, 30, 40, 50, 65}
)

// The custom exam's time limit: it follows the question count at the real exam's pace (2 minutes a question)
// until the learner changes it, in steps of minuteStep from 0 (untimed) to maxMinutes.
const (
	minuteStep = 5
	maxMinutes = 300
)

// scope is one line of the drill picker: a whole domain, or one task statement.
type scope struct {
	domain, task string
	label        string
	questions    int
}

// menu is the start menu: a list of modes, a small form for the ones that take options, and the full mock's
// briefing. It turns keys into actions: start an exam of a configuration, resume the one in progress, or go back.
type menu struct {
	ctx    *common.Context
	keys   *KeyMap
	format pack.ExamFormat
	cursor int
	form   bool
	field  int

	brief bool // the full mock's briefing is open: enter starts the clock

	scopes  []scope
	scope   int
	drillN  int // indexes into the choices above
	missedN int
	customN int
	customM int  // the custom exam's minutes, 0 for untimed
	timeSet bool // the learner changed the minutes: they no longer follow the count

	missed       []string // most-missed question IDs still in the pack, most missed first
	missedLoaded bool
	missedErr    error

	active   *study.ExamSession // an exam still in progress, which a new one would abandon
	answered study.ExamCount    // how far it is

	sets       []engine.PracticeSet // the fixed practice sets
	records    map[int]study.SetRecord
	setsLoaded bool
	setsErr    error
	setCur     int // the set under the cursor in the open list
	briefSet   int // the briefing is for this practice set, 0 for a drawn mock
}

func (mn *menu) setSets(sets []engine.PracticeSet, records map[int]study.SetRecord, err error) {
	mn.sets, mn.records, mn.setsErr, mn.setsLoaded = sets, records, err, true
	mn.setCur = min(mn.setCur, max(len(sets)-1, 0))
}

func newMenu(ctx *common.Context, keys *KeyMap) menu {
	p := ctx.Pack
	mn := menu{ctx: ctx, keys: keys, format: p.Exam, drillN: 1, customN: 3}
	mn.customM = mn.paceMinutes(customCounts[mn.customN])
	count := map[string]int{}
	for _, q := range p.Questions {
		count[q.Domain]++
		count[q.Task]++
	}
	for _, d := range p.Domains {
		mn.scopes = append(mn.scopes, scope{domain: d.ID, label: fmt.Sprintf("Domain %s · %s", d.ID, d.Name), questions: count[d.ID]})
		for _, t := range d.Tasks {
			mn.scopes = append(mn.scopes, scope{task: t.ID, label: fmt.Sprintf("Task %s · %s", t.ID, t.Name), questions: count[t.ID]})
		}
	}
	return mn
}

func (mn *menu) setMissed(ids []string, err error) {
	mn.missed, mn.missedErr, mn.missedLoaded = ids, err, true
}

// fields is how many fields the open form has.
func (mn *menu) fields() int {
	switch mn.cursor {
	case itemDrill, itemCustom:
		return 2
	case itemMissed:
		return 1
	case itemSets:
		return max(len(mn.sets), 1)
	}
	return 0
}

// paceMinutes is the time for n questions at the pack's pace: 2 minutes a question for DVA-C02 (130 / 65).
func (mn *menu) paceMinutes(n int) int { return engine.PaceMinutes(mn.format, n) }

// step moves the value of the focused field by d, stopping at either end rather than wrapping.
func (mn *menu) step(d int) {
	clamp := func(v, n int) int { return min(max(v+d, 0), n-1) }
	switch {
	case mn.cursor == itemDrill && mn.field == 0:
		mn.scope = clamp(mn.scope, len(mn.scopes))
	case mn.cursor == itemDrill:
		mn.drillN = clamp(mn.drillN, len(drillCounts))
	case mn.cursor == itemMissed:
		mn.missedN = clamp(mn.missedN, len(missedCounts))
	case mn.cursor == itemCustom && mn.field == 0:
		mn.customN = clamp(mn.customN, len(customCounts))
		if !mn.timeSet {
			mn.customM = mn.paceMinutes(customCounts[mn.customN])
		}
	case mn.cursor == itemCustom:
		v := mn.customM + d*minuteStep
		if d > 0 {
			v -= v % minuteStep // from an odd value, step to the next multiple
		} else if r := mn.customM % minuteStep; r != 0 {
			v = mn.customM - r
		}
		mn.customM = min(max(v, 0), maxMinutes)
		mn.timeSet = true
	}
}

// config is the exam the menu describes now, or an error that says why it cannot start.
func (mn *menu) config() (engine.Config, error) {
	switch mn.cursor {
	case itemMock:
		if mn.briefSet > 0 {
			if s := engine.FindSet(mn.sets, mn.briefSet); s != nil {
				return engine.SetMock(mn.ctx.Pack, *s), nil
			}
			return engine.Config{}, fmt.Errorf("practice set %d is not in the bank any more", mn.briefSet)
		}
		return engine.Config{Kind: engine.Mock, Questions: mn.format.Questions,
			Duration: time.Duration(mn.format.Minutes) * time.Minute, Unscored: mn.format.Unscored}, nil
	case itemSets:
		switch {
		case mn.setsErr != nil:
			return engine.Config{}, fmt.Errorf("could not form the practice sets: %w", mn.setsErr)
		case len(mn.sets) == 0:
			return engine.Config{}, fmt.Errorf("the bank is too small for a practice set of %d questions", mn.format.Questions)
		}
		return engine.SetMock(mn.ctx.Pack, mn.sets[min(mn.setCur, len(mn.sets)-1)]), nil
	case itemDrill:
		s := mn.scopes[mn.scope]
		if s.questions == 0 {
			return engine.Config{}, fmt.Errorf("%s has no questions yet: pick another", s.label)
		}
		return engine.DomainDrill(s.domain, s.task, drillCounts[mn.drillN]), nil
	case itemMissed:
		switch {
		case mn.missedErr != nil:
			return engine.Config{}, fmt.Errorf("could not read the questions you missed: %w", mn.missedErr)
		case len(mn.missed) == 0:
			return engine.Config{}, errors.New("nothing missed yet: answer some questions first, then drill the ones you got wrong")
		}
		ids := mn.missed
		if n := missedCounts[mn.missedN]; n > 0 && n < len(ids) {
			ids = ids[:n]
		}
		return engine.MissedDrill(ids), nil
	}
	return engine.CustomMock(customCounts[mn.customN], time.Duration(mn.customM)*time.Minute), nil
}

func (mn *menu) update(msg tea.KeyPressMsg) action {
	k := mn.keys
	if mn.brief {
		switch {
		case key.Matches(msg, k.Enter):
			mn.brief = false
			a := mn.begin()
			mn.briefSet = 0
			return a
		case key.Matches(msg, k.Back):
			mn.brief = false
			if mn.briefSet > 0 {
				mn.cursor, mn.form, mn.briefSet = itemSets, true, 0
			}
		}
		return none
	}
	if mn.form && mn.cursor == itemSets {
		return mn.updateSets(msg)
	}
	if !mn.form {
		switch {
		case key.Matches(msg, k.Up):
			mn.cursor = (mn.cursor - 1 + itemCount) % itemCount
		case key.Matches(msg, k.Down):
			mn.cursor = (mn.cursor + 1) % itemCount
		case key.Matches(msg, k.Enter, k.Right):
			if mn.cursor == itemMock {
				mn.brief = true // one screen on what the full mock is like before its clock starts
				return none
			}
			mn.form, mn.field = true, 0
		case key.Matches(msg, k.Resume) && mn.active != nil:
			return action{kind: actResume, id: mn.active.ID}
		case key.Matches(msg, k.Back):
			return action{kind: actBack}
		}
		return none
	}
	switch {
	case key.Matches(msg, k.Up):
		mn.field = (mn.field - 1 + mn.fields()) % mn.fields()
	case key.Matches(msg, k.Down):
		mn.field = (mn.field + 1) % mn.fields()
	case key.Matches(msg, k.Left):
		mn.step(-1)
	case key.Matches(msg, k.Right, k.Toggle):
		mn.step(1)
	case key.Matches(msg, k.Enter):
		return mn.begin()
	case key.Matches(msg, k.Back):
		mn.form = false
	}
	return none
}

// updateSets moves in the open list of practice sets; enter opens the briefing of the set under the cursor.
func (mn *menu) updateSets(msg tea.KeyPressMsg) action {
	k := mn.keys
	switch {
	case key.Matches(msg, k.Up, k.Left):
		mn.setCur = max(mn.setCur-1, 0)
	case key.Matches(msg, k.Down, k.Right):
		mn.setCur = min(mn.setCur+1, max(len(mn.sets)-1, 0))
	case key.Matches(msg, k.Enter):
		cfg, err := mn.config()
		if err != nil {
			return action{kind: actStatus, text: err.Error(), err: true}
		}
		mn.form, mn.brief, mn.briefSet, mn.cursor = false, true, cfg.Set, itemMock
	case key.Matches(msg, k.Back):
		mn.form = false
	}
	return none
}

// begin starts the exam the menu describes, or says why it cannot.
func (mn *menu) begin() action {
	cfg, err := mn.config()
	if err != nil {
		return action{kind: actStatus, text: err.Error(), err: true}
	}
	return action{kind: actStart, cfg: cfg}
}

func (mn *menu) view() string {
	st, w := mn.ctx.Styles, mn.ctx.Width
	f := mn.format
	if mn.brief {
		return mn.briefView(w)
	}
	items := []struct{ title, desc string }{
		{"Full mock exam", fmt.Sprintf("%d questions · %d minutes · %d unscored, like the real exam", f.Questions, f.Minutes, f.Unscored)},
		{"Practice sets", mn.setsDesc()},
		{"Domain or task drill", "one domain or task statement · untimed · answers shown as you go · a practice report"},
		{"Missed-questions drill", mn.missedDesc()},
		{"Custom exam", fmt.Sprintf("any length, %s a question unless you change it · a practice report, no score",
			plural(mn.paceMinutes(1), "minute", "minutes"))},
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("Practise for the exam") + "\n")
	if a := mn.active; a != nil {
		left := "untimed"
		if !a.Deadline.IsZero() {
			left = clock(max(a.Deadline.Sub(mn.ctx.Now()), 0)) + " left"
		}
		b.WriteString(common.Truncate(st.Warn.Render(fmt.Sprintf("⚠ An exam is in progress (%s · %s): x resumes it.",
			mn.answered, left)), w) + "\n")
		b.WriteString(common.Truncate(st.Subtle.Render("  Starting another exam abandons it; its answers are kept."), w) + "\n")
	}
	b.WriteString("\n")
	for i, it := range items {
		marker, title := "  ", st.Title.Render(it.title)
		if i == mn.cursor {
			marker, title = st.Selected.Render("› "), st.Selected.Render(it.title)
		}
		b.WriteString(marker + title + "\n")
		// The list of sets is long: while it is open, the other entries give it their description's line.
		if !mn.form || mn.cursor != itemSets || i == itemSets {
			b.WriteString("    " + common.Truncate(st.Subtle.Render(it.desc), w-4) + "\n")
		}
		if i == mn.cursor && mn.form {
			if i == itemSets {
				b.WriteString(mn.setsView(w))
			} else {
				b.WriteString(mn.formView(w))
			}
		}
	}
	return b.String()
}

func (mn *menu) missedDesc() string {
	switch {
	case mn.missedErr != nil:
		return "could not read your history: " + mn.missedErr.Error()
	case !mn.missedLoaded:
		return "the questions you got wrong before · untimed"
	case len(mn.missed) == 0:
		return "nothing missed yet · untimed"
	}
	return fmt.Sprintf("%s you got wrong before, most missed first · untimed", plural(len(mn.missed), "question", "questions"))
}

func (mn *menu) setsDesc() string {
	switch {
	case mn.setsErr != nil:
		return "could not form the sets: " + mn.setsErr.Error()
	case !mn.setsLoaded:
		return "the bank cut into fixed full mocks, to take, retake and compare"
	case len(mn.sets) == 0:
		return fmt.Sprintf("the bank is too small for a set of %d questions", mn.format.Questions)
	}
	taken := 0
	for _, s := range mn.sets {
		if mn.records[s.Number].Attempts > 0 {
			taken++
		}
	}
	return fmt.Sprintf("%s of %d fixed questions, no overlap · %d taken · retake one to compare",
		plural(len(mn.sets), "set", "sets"), mn.format.Questions, taken)
}

// setsView lists the practice sets under their menu entry, each with its last and best estimate.
func (mn *menu) setsView(w int) string {
	st := mn.ctx.Styles
	var b strings.Builder
	if len(mn.sets) == 0 {
		b.WriteString("      " + st.Subtle.Render(mn.setsDesc()) + "\n")
	}
	for i, s := range mn.sets {
		line := fmt.Sprintf("Set %d", s.Number)
		r := mn.records[s.Number]
		if r.Attempts == 0 {
			line += " · not taken yet"
		} else {
			line += fmt.Sprintf(" · last %d (%s) · best %d · %s · estimates", r.Last.Result.Scaled,
				r.Last.At.Local().Format("Jan 2"), r.Best.Result.Scaled, plural(r.Attempts, "attempt", "attempts"))
		}
		if len(s.Short) > 0 {
			var parts []string
			for _, d := range s.Short {
				parts = append(parts, fmt.Sprintf("domain %s %d of %d", d.Domain, d.Had, d.Wanted))
			}
			line += " · off the blueprint: " + strings.Join(parts, ", ")
		}
		marker := "      "
		if i == mn.setCur {
			marker = "    " + st.Selected.Render("▸ ")
			line = st.Selected.Render(line)
		}
		b.WriteString(common.Truncate(marker+line, w) + "\n")
	}
	b.WriteString("      " + st.Subtle.Render("↑/↓ pick · enter opens its briefing · esc close") + "\n")
	return b.String()
}

// formView draws the open form under its menu entry.
func (mn *menu) formView(w int) string {
	st := mn.ctx.Styles
	var labels, values []string
	switch mn.cursor {
	case itemDrill:
		s := mn.scopes[mn.scope]
		labels = []string{"Scope", "Questions"}
		values = []string{fmt.Sprintf("%s (%d)", s.label, s.questions), fmt.Sprint(drillCounts[mn.drillN])}
	case itemMissed:
		n := missedCounts[mn.missedN]
		v := fmt.Sprint(n)
		if n == 0 || n >= len(mn.missed) {
			v = fmt.Sprintf("all (%d)", len(mn.missed))
		}
		labels, values = []string{"Questions"}, []string{v}
	case itemCustom:
		mins := "untimed"
		if t := mn.customM; t > 0 {
			mins = fmt.Sprintf("%d minutes", t)
		}
		if !mn.timeSet {
			mins += st.Subtle.Render(" · follows the count")
		}
		labels = []string{"Questions", "Time"}
		values = []string{fmt.Sprint(customCounts[mn.customN]), mins}
	}
	var b strings.Builder
	for i := range labels {
		marker := "      "
		val := "‹ " + values[i] + " ›"
		if i == mn.field {
			marker = "    " + st.Selected.Render("▸ ")
			val = st.Selected.Render(val)
		}
		b.WriteString(common.Truncate(fmt.Sprintf("%s%-10s %s", marker, labels[i], val), w) + "\n")
	}
	b.WriteString("      " + st.Subtle.Render("←/→ change · enter start · esc close") + "\n")
	return b.String()
}

// briefView is the one screen shown before a full mock's clock starts: what the exam is like, how it is scored
// and the keys, so nothing about the real thing is a surprise. enter starts it, esc goes back to the menu.
func (mn *menu) briefView(w int) string {
	st, f := mn.ctx.Styles, mn.format
	scored := f.Questions - f.Unscored
	var split []string
	for _, s := range engine.Shares(mn.ctx.Pack, f.Questions, f.Unscored) {
		split = append(split, fmt.Sprintf("%d from domain %s", s.Scored, s.Domain))
	}
	para := func(s string) string { return wrapIndent(s, w) }
	title := "Full mock exam"
	setLine := ""
	if mn.briefSet > 0 {
		title = fmt.Sprintf("Practice set %d", mn.briefSet)
		setLine = para(fmt.Sprintf("A fixed set: the same %d questions at every attempt (in a new order), and the same "+
			"unscored ones, so the result compares this attempt with your last one at set %d.", f.Questions, mn.briefSet))
	}
	lines := []string{
		st.Title.Render(title),
		"  " + st.Title.Render(fmt.Sprintf("%d questions · %d minutes · %d unscored", f.Questions, f.Minutes, f.Unscored)),
		para(fmt.Sprintf("As in the real exam, nothing marks the %d unscored questions; the report reveals them. "+
			"The score estimate rests on the other %d, drawn by the blueprint: %s.", f.Unscored, scored, strings.Join(split, ", "))),
		para("Multiple response is all or nothing: choose as many as the question asks. An unanswered question is " +
			"wrong, so guessing costs nothing."),
		para("The clock starts when you press enter, warns at 10 and 5 minutes left and submits the exam at 0:00:00. " +
			"Every answer is saved as you give it: after a crash, resume from Home."),
		"",
		st.Title.Render("Keys"),
		para("1–6 or a–f choose · space toggles in multiple response · x strikes out the option under the cursor · m marks for review"),
		para("n/p next/previous · g all questions, to jump to any · s review and submit"),
		para("esc or q asks before leaving; the exam stays saved and its clock keeps running"),
		"",
		st.Selected.Render("enter starts the clock") + st.Subtle.Render(" · esc goes back"),
	}
	if setLine != "" {
		lines = slices.Insert(lines, 4, setLine)
	}
	return common.Fit(strings.Join(lines, "\n"), w, mn.ctx.BodyHeight())
}
