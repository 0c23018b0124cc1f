package exam

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
)

// question returns the pack question of item i, or nil if the pack no longer has it as it was drawn.
func (m *Model) question(i int) *pack.Question {
	if m.sess == nil || i < 0 || i >= len(m.sess.Items) {
		return nil
	}
	it := m.sess.Items[i]
	q := m.ctx.Pack.Question(it.QuestionID)
	if q == nil || len(q.Options) != len(it.Perm) {
		return nil
	}
	return q
}

// revealed reports whether a drill shows the answer to item i: once as many options as asked for are chosen.
func (m *Model) revealed(i int) bool {
	if m.sess == nil || !m.sess.Config.ShowAnswers {
		return false
	}
	q := m.question(i)
	return q != nil && len(m.sess.Choice(i)) >= q.Select
}

// open shows question i, booking the time spent on the one before.
func (m *Model) open(i int) tea.Cmd {
	cmd := m.leave()
	m.cur = min(max(i, 0), len(m.sess.Items)-1)
	m.mode = modeQuestion
	m.since = m.ctx.Now()
	m.cursor, m.link = 0, 0
	if c := m.sess.Choice(m.cur); len(c) > 0 {
		m.cursor = max(m.sess.Items[m.cur].Display(c[0]), 0)
	}
	m.relayout()
	m.vp.GotoTop()
	return tea.Batch(cmd, m.renderCmd())
}

// leave books the time spent on the question on screen and saves it with the question's row.
func (m *Model) leave() tea.Cmd {
	if !m.active() || m.since.IsZero() {
		m.since = time.Time{}
		return nil
	}
	d := m.ctx.Now().Sub(m.since)
	m.since = time.Time{}
	if d <= 0 {
		return nil
	}
	_ = m.sess.AddTime(m.cur, d) // cur is always in range
	return m.saveRow(m.cur, opAnswer)
}

// book adds the time spent so far on the current question, before its row is saved.
func (m *Model) book() {
	if m.since.IsZero() {
		return
	}
	now := m.ctx.Now()
	_ = m.sess.AddTime(m.cur, now.Sub(m.since))
	m.since = now
}

// choose picks (single response) or toggles (multiple response) the option at display position d.
func (m *Model) choose(d int) tea.Cmd {
	q := m.question(m.cur)
	if q == nil || !m.active() || d < 0 || d >= len(q.Options) {
		return nil
	}
	if m.revealed(m.cur) {
		return common.Status("Already answered: n goes to the next question", false)
	}
	m.book()
	var err error
	if q.Select > 1 {
		err = m.sess.Toggle(m.cur, d)
	} else {
		err = m.sess.Answer(m.cur, []int{m.sess.Items[m.cur].Original(d)})
	}
	if err != nil {
		return common.Status(err.Error(), true)
	}
	m.cursor = d
	cmd := m.saveRow(m.cur, opAnswer)
	m.relayout()
	m.keepCursorVisible()
	if m.revealed(m.cur) {
		return tea.Batch(cmd, m.renderCmd())
	}
	return cmd
}

func (m *Model) flag() tea.Cmd {
	if !m.active() {
		return nil
	}
	if err := m.sess.Flag(m.cur); err != nil {
		return common.Status(err.Error(), true)
	}
	return m.saveRow(m.cur, opFlag)
}

// optionKey turns 1–6 or a–e into a display position ("f" flags).
func optionKey(s string) int { return common.OptionKey(s, 5) }

func (m *Model) updateQuestion(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if m.leaving {
		switch {
		case key.Matches(msg, k.Yes):
			m.leaving = false
			m.book()
			return tea.Batch(m.saveRow(m.cur, opAnswer), m.close(
				"The exam is saved and its clock keeps running: resume it from Home"))
		case key.Matches(msg, k.No, k.Back):
			m.leaving = false
		}
		return nil
	}
	q := m.question(m.cur)
	revealed := m.revealed(m.cur)
	last := len(m.sess.Items) - 1
	switch {
	case key.Matches(msg, k.Back):
		if m.active() {
			m.leaving = true
			return nil
		}
		return m.back()
	case key.Matches(msg, k.Next), revealed && key.Matches(msg, k.Enter):
		if m.cur >= last {
			return common.Status("That was the last question: s to review and submit", false)
		}
		return m.open(m.cur + 1)
	case key.Matches(msg, k.Prev):
		if m.cur == 0 {
			return nil
		}
		return m.open(m.cur - 1)
	case key.Matches(msg, k.Flag):
		return m.flag()
	case key.Matches(msg, k.Grid):
		cmd := m.leave()
		m.mode = modeNavigator
		m.grid = grid{items: allPositions(len(m.sess.Items)), cursor: m.cur}
		return cmd
	case key.Matches(msg, k.Submit):
		cmd := m.leave()
		m.openReview()
		return cmd
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		m.vp.PageDown()
	case revealed && key.Matches(msg, k.Up):
		m.vp.ScrollUp(1)
	case revealed && key.Matches(msg, k.Down):
		m.vp.ScrollDown(1)
	case revealed && key.Matches(msg, k.NextLink):
		if q != nil && len(q.Notes) > 0 {
			m.link = (m.link + 1) % len(q.Notes)
			m.relayout()
		}
	case revealed && key.Matches(msg, k.OpenLink):
		if q != nil && len(q.Notes) > 0 {
			return m.openNote(q.Notes[min(m.link, len(q.Notes)-1)])
		}
	case q == nil:
	case key.Matches(msg, k.Up):
		m.cursor = (m.cursor - 1 + len(q.Options)) % len(q.Options)
		m.relayout()
		m.keepCursorVisible()
	case key.Matches(msg, k.Down):
		m.cursor = (m.cursor + 1) % len(q.Options)
		m.relayout()
		m.keepCursorVisible()
	case key.Matches(msg, k.Enter, k.Toggle):
		return m.choose(m.cursor)
	case key.Matches(msg, k.Choose):
		return m.choose(optionKey(msg.String()))
	}
	return nil
}

// openNote opens a note link on top of this screen; esc comes back. Writes go on meanwhile.
func (m *Model) openNote(link string) tea.Cmd {
	return common.OpenNote(link)
}

// keepCursorVisible scrolls so the option under the cursor is on screen.
func (m *Model) keepCursorVisible() {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return
	}
	r, h, y := m.rows[m.cursor], m.vp.Height(), m.vp.YOffset()
	switch {
	case r[1] >= y+h:
		m.vp.SetYOffset(r[1] - h + 1)
	case r[0] < y:
		m.vp.SetYOffset(r[0])
	}
}

func (m *Model) layoutQuestion() {
	if m.sess == nil {
		return
	}
	y := m.vp.YOffset()
	content, rows := m.body(m.cur, m.revealed(m.cur), true, m.link)
	m.rows = rows
	m.vp.SetContent(content)
	m.vp.SetYOffset(y)
}

func (m *Model) questionView() string {
	st := m.ctx.Styles
	w := m.ctx.Width
	if m.leaving {
		return m.statusLine() + "\n\n" + st.Warn.Render("Leave the exam?") + "\n" +
			ansi.Wrap("It stays saved and its clock keeps running. Resume it from Home with x.", w, "") + "\n\n" +
			st.Title.Render("y") + " leave · " + st.Title.Render("n") + " stay"
	}
	return common.Truncate(m.statusLine(), w) + "\n" + common.Truncate(m.kindLine(), w) + "\n" + m.scrolled()
}

// statusLine is the exam header: "Q 17/65 · 12 answered · 2 flagged · 1:42:10 left".
func (m *Model) statusLine() string {
	st := m.ctx.Styles
	c := m.sess.Counts()
	parts := []string{
		st.Title.Render(fmt.Sprintf("Q %d/%d", m.cur+1, len(m.sess.Items))),
		fmt.Sprintf("%d answered", c.Answered),
		fmt.Sprintf("%d flagged", c.Flagged),
	}
	if t := m.timeLeft(); t != "" {
		parts = append(parts, t)
	}
	if s := m.saveState(); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " · ")
}

// timeLeft is the clock, in the warning style with a word at 10 minutes and the error style at 5; untimed
// sessions have none.
func (m *Model) timeLeft() string {
	if m.sess == nil || !m.sess.Timed() {
		return ""
	}
	st := m.ctx.Styles
	now := m.ctx.Now()
	left := clock(m.sess.Remaining(now)) + " left"
	switch m.sess.Warning(now) {
	case engine.FiveMinutes:
		return st.Error.Render("⚠ " + left + " · under 5 min!")
	case engine.TenMinutes:
		return st.Warn.Render("⚠ " + left + " · under 10 min!")
	}
	return left
}

// kindLine says what the question asks for: "Multiple response · Choose 2".
func (m *Model) kindLine() string {
	st := m.ctx.Styles
	q := m.question(m.cur)
	if q == nil {
		return st.Error.Render("✗ This question is no longer in the content pack")
	}
	var parts []string
	if q.Select > 1 {
		s := fmt.Sprintf("Multiple response · Choose %d", q.Select)
		if n := len(m.sess.Choice(m.cur)); n > 0 {
			chosen := fmt.Sprintf("%d chosen", n)
			if n > q.Select {
				chosen = st.Warn.Render(fmt.Sprintf("%d chosen, too many", n))
			}
			s += " · " + chosen
		}
		parts = append(parts, st.Title.Render(s))
	} else {
		parts = append(parts, st.Title.Render("Single response · Choose 1"))
	}
	if m.sess.Flagged(m.cur) {
		parts = append(parts, st.Warn.Render("⚑ flagged for review"))
	}
	if m.sess.Config.ShowAnswers {
		parts = append(parts, st.Subtle.Render("Task "+q.Task))
	}
	return strings.Join(parts, " · ")
}

// body builds the scrollable text of item i: the stem and the options and, when reveal is set, each option's why,
// the verdict, the explanation and the note links (link is the selected one). rows holds each option's first and
// last line, so the cursor can be kept in view.
func (m *Model) body(i int, reveal, cursor bool, link int) (string, [][2]int) {
	st := m.ctx.Styles
	q := m.question(i)
	if q == nil {
		return st.Error.Render("This question is no longer in the content pack, so it cannot be shown or scored."), nil
	}
	w := m.ctx.Width
	it := m.sess.Items[i]
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(s, "\n")...) }
	add(m.markdown(stemID(q.ID), q.Stem))
	add("")
	opts := make([]common.Option, len(it.Perm))
	for d := range it.Perm {
		opt := q.Options[it.Original(d)]
		opts[d] = common.Option{Text: opt.Text, Why: opt.Why, Chosen: m.sess.Chosen(i, d)}
		if opt.Correct {
			opts[d].Verdict = common.VerdictRight
		}
	}
	list := common.OptionList{Multi: q.Select > 1, Cursor: -1, Reveal: reveal}
	if cursor {
		list.Cursor = m.cursor
	}
	optLines, rows := list.Render(st, opts, w)
	for d := range rows {
		rows[d][0] += len(lines)
		rows[d][1] += len(lines)
	}
	lines = append(lines, optLines...)
	if reveal {
		add("")
		add(m.verdict(i))
		add("")
		add(st.Title.Render("Explanation"))
		add(m.markdown(explanationID(q.ID), common.Explanation(q)))
		if len(q.Notes) > 0 {
			add("")
			add(m.linksLine(q.Notes, link, w))
		}
	}
	return strings.Join(lines, "\n"), rows
}

// verdict says whether item i was right, with the answer given and the right one as option letters.
func (m *Model) verdict(i int) string {
	st := m.ctx.Styles
	q := m.question(i)
	if q == nil {
		return ""
	}
	var right []int
	for o, opt := range q.Options {
		if opt.Correct {
			right = append(right, o)
		}
	}
	choice := m.sess.Choice(i)
	it := m.sess.Items[i]
	switch {
	case len(choice) == 0:
		return st.Warn.Render("○ Not answered") + " · right answer: " + letters(it, right)
	case slices.Equal(choice, right):
		return st.Good.Render("✓ Correct") + " · your answer: " + letters(it, choice)
	}
	return st.Bad.Render("✗ Incorrect") + " · your answer: " + letters(it, choice) + " · right answer: " + letters(it, right)
}

// letters names original options by their display letters: "A + C".
func letters(it engine.Item, originals []int) string {
	ds := make([]int, 0, len(originals))
	for _, o := range originals {
		ds = append(ds, it.Display(o))
	}
	slices.Sort(ds)
	out := make([]string, len(ds))
	for k, d := range ds {
		out[k] = letter(d)
	}
	return strings.Join(out, " + ")
}

// linksLine lists a question's note links, the selected one marked.
func (m *Model) linksLine(links []string, sel, w int) string {
	st := m.ctx.Styles
	parts := make([]string, len(links))
	for k, l := range links {
		if k == sel {
			parts[k] = st.Selected.Render("› " + l)
		} else {
			parts[k] = "  " + st.Subtle.Render(l)
		}
	}
	head := st.Title.Render("Notes") + st.Subtle.Render(" (tab selects, o opens):")
	return ansi.Wrap(head+" "+strings.Join(parts, " "), w, "")
}

func stemID(id string) string        { return markdown.StemID(id) }
func explanationID(id string) string { return markdown.ExplanationID(id) }

// markdown returns a finished render from the cache, or the plain text wrapped until the render arrives.
func (m *Model) markdown(id, md string) string {
	w := m.ctx.MarkdownWidth()
	if m.ctx.Markdown != nil {
		if out, ok := m.ctx.Markdown.Cached(id, w, m.ctx.Theme()); ok {
			return trimLines(out)
		}
	}
	wrapped := strings.Split(ansi.Wrap(strings.TrimSpace(md), w-4, ""), "\n")
	for k, l := range wrapped {
		wrapped[k] = "  " + l
	}
	return strings.Join(wrapped, "\n")
}

// trimLines drops the padding glamour leaves at the end of each line.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for k, l := range lines {
		lines[k] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// renderedMsg says that markdown was rendered into the cache at a width and theme; a late one is dropped.
type renderedMsg struct {
	owner uint64
	width int
	theme markdown.Theme
	err   error
}

// docs lists the markdown the current mode shows, and the next question's stem so that n is instant.
func (m *Model) docs() []markdown.Doc {
	var out []markdown.Doc
	addQ := func(i int, explanation bool) {
		if q := m.question(i); q != nil {
			out = append(out, markdown.Doc{ID: stemID(q.ID), MD: q.Stem})
			if explanation {
				out = append(out, markdown.Doc{ID: explanationID(q.ID), MD: common.Explanation(q)})
			}
		}
	}
	switch m.mode {
	case modeQuestion:
		addQ(m.cur, m.revealed(m.cur))
		addQ(m.cur+1, false)
	case modeAnswers:
		addQ(m.review.pos(), true)
		if m.review.idx+1 < len(m.review.list) {
			addQ(m.review.list[m.review.idx+1], true)
		}
	}
	return out
}

// renderCmd renders in a command whatever the current view needs that is not cached yet.
func (m *Model) renderCmd() tea.Cmd {
	r := m.ctx.Markdown
	if r == nil || m.ctx.Width == 0 {
		return nil
	}
	w, theme, owner := m.ctx.MarkdownWidth(), m.ctx.Theme(), m.owner
	missing := r.Missing(m.docs(), w, theme)
	if len(missing) == 0 {
		return nil
	}
	return func() tea.Msg {
		return renderedMsg{owner: owner, width: w, theme: theme, err: r.RenderAll(missing, w, theme)}
	}
}

// wrap wraps text that may hold ANSI codes at w cells, breaking words only when they are longer than a line.
func wrap(s string, w int) string { return ansi.Wrap(s, w, "") }
