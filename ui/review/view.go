package review

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"dvaprep/pack"
	"dvaprep/practice"
	"dvaprep/ui/common"
)

// relayout sizes the viewport and fills it with the card on screen.
func (m *Model) relayout() {
	m.vp.SetWidth(m.ctx.Width)
	m.vp.SetHeight(max(m.ctx.BodyHeight()-2, 1)) // the counts above, the scroll hint below
	if m.item() == nil {
		m.vp.SetContent("")
		return
	}
	content, rows := m.content()
	m.rows = rows
	m.vp.SetContent(content)
}

// keepCursorVisible scrolls so that the option under the cursor shows whole.
func (m *Model) keepCursorVisible() {
	if m.cursor >= len(m.rows) {
		return
	}
	r := m.rows[m.cursor]
	top, h := m.vp.YOffset(), m.vp.Height()
	switch {
	case r[0] < top:
		m.vp.SetYOffset(r[0])
	case r[1] >= top+h:
		m.vp.SetYOffset(r[1] - h + 1)
	}
}

// markdown returns a finished render, or the plain text wrapped until it arrives.
func (m *Model) markdown(id, md string) string {
	w := m.ctx.MarkdownWidth()
	if m.ctx.Markdown != nil {
		if out, ok := m.ctx.Markdown.Cached(id, w, m.ctx.Theme()); ok {
			return out
		}
	}
	return "  " + strings.ReplaceAll(ansi.Wrap(strings.TrimSpace(md), w-4, ""), "\n", "\n  ")
}

// content is the card: where it comes from, what it asks, the options and, once answered, the feedback.
func (m *Model) content() (string, [][2]int) {
	st := m.ctx.Styles
	it := m.item()
	w := m.ctx.Width
	feedback := m.mode == modeFeedback
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(s, "\n")...) }

	kind, domain, task := it.where(m.ctx.Pack)
	add(st.Subtle.Render(common.Truncate(fmt.Sprintf("%s · %s · %s", kind, domain, task), w)))
	if it.q != nil {
		if t := shortTitle(it.q.Stem, min(w, titleMax)); t != "" {
			add(st.Title.Render(t))
		}
	}
	if it.sc != nil {
		// A decision's prompt goes on from the story before it: the scenario's title and summary set the scene.
		add(st.Title.Render(ansi.Wrap(it.sc.Title, max(w-2, 10), "")))
		add(st.Subtle.Render(ansi.Wrap(it.sc.Summary, max(w-2, 10), "")))
		add("")
	}
	id, md := it.body()
	add(m.markdown(id, md))
	if n := it.selects(); n > 1 && !feedback {
		add(st.Subtle.Render(fmt.Sprintf("  Choose %d.", n)))
	}
	add("")
	if feedback {
		add(m.verdict(it))
		add("")
	}
	src := it.options()
	opts := make([]common.Option, len(src))
	for d, o := range src {
		why := o.why
		if o.verdict != "" {
			why = verdictWord[o.verdict] + ": " + why
		}
		opts[d] = common.Option{Text: reflow(o.text), Why: reflow(why), Works: o.works, Chosen: m.chosen[d], Struck: d < len(m.struck) && m.struck[d]}
		switch {
		case o.right:
			opts[d].Verdict = common.VerdictRight
		case o.verdict == pack.OK:
			opts[d].Verdict = common.VerdictOK
		}
	}
	optLines, rows := common.OptionList{Multi: it.selects() > 1, Cursor: m.cursor, Reveal: feedback}.Render(st, opts, w)
	for d := range rows {
		rows[d][0] += len(lines)
		rows[d][1] += len(lines)
	}
	lines = append(lines, optLines...)
	if feedback {
		if id, md := it.explanation(); id != "" {
			add("")
			add(st.Title.Render("Explanation"))
			add(m.markdown(id, md))
		}
	}
	return strings.Join(lines, "\n"), rows
}

var verdictWord = map[pack.Verdict]string{pack.Best: "Best", pack.OK: "OK", pack.Poor: "Poor"}

// reflow joins the lines of each paragraph, so that text wrapped in the pack file wraps again at the
// screen's width.
func reflow(s string) string {
	paras := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}

// verdict says whether the answer was right, and which was.
func (m *Model) verdict(it *item) string {
	st := m.ctx.Styles
	var right []string
	for d, o := range it.options() {
		if o.right {
			right = append(right, string(rune('A'+d)))
		}
	}
	answer := strings.Join(right, ", ")
	switch {
	case m.right:
		return st.Good.Render("✓ Right") + st.Subtle.Render(fmt.Sprintf(" in %s", seconds(m.elapsed)))
	case it.q == nil && m.score > 0:
		return st.Warn.Render("~ Acceptable, not the best") + " · the best choice is " + answer
	}
	return st.Bad.Render("✗ Wrong") + " · the answer is " + answer
}

// View draws the current mode, at most Width × BodyHeight.
func (m *Model) View() string {
	w, h := m.ctx.Width, m.ctx.BodyHeight()
	if w <= 0 || h <= 0 {
		return ""
	}
	switch m.mode {
	case modeLoading:
		return common.Fit(m.ctx.Styles.Subtle.Render("Loading the cards due…"), w, h)
	case modeEmpty:
		return common.Fit(m.emptyView(), w, h)
	}
	return common.Fit(m.countsLine()+"\n"+m.vp.View()+"\n"+m.promptLine(), w, h)
}

// promptLine is the line below the card: what to press after an answer, and whether there is more.
func (m *Model) promptLine() string {
	st := m.ctx.Styles
	var parts []string
	if m.mode == modeFeedback {
		if m.right {
			parts = append(parts, st.Title.Render("Were you sure?")+" "+st.Selected.Render("s")+" sure · "+
				st.Selected.Render("u")+" unsure or a guess")
		} else {
			parts = append(parts, st.Subtle.Render("It comes back in a minute.")+" "+st.Selected.Render("enter")+" next card")
		}
	}
	if !m.vp.AtBottom() {
		parts = append(parts, st.Subtle.Render("↓ more below (pgdn)"))
	}
	return strings.Join(parts, st.Subtle.Render(" · "))
}

// titleMax is the widest a question's short title gets: a glance, not a second copy of the stem.
const titleMax = 60

// shortTitle names a question by its stem's first sentence, without markdown markers, cut after a whole word
// with "…" when it is wider than w. It is empty when nothing readable fits.
func shortTitle(stem string, w int) string {
	first := strings.TrimSpace(stem)
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	for _, end := range []string{". ", "? ", "! ", ": "} {
		if i := strings.Index(first, end); i >= 0 {
			first = first[:i+1]
		}
	}
	first = strings.Join(strings.Fields(strings.NewReplacer("**", "", "__", "", "`", "", "*", "").Replace(first)), " ")
	if w < 12 || first == "" {
		return ""
	}
	return common.Truncate(first, w)
}

// countsLine is the header: where in the queue, and what is due later.
func (m *Model) countsLine() string {
	st := m.ctx.Styles
	left := st.Title.Render(fmt.Sprintf("Card %d of %d due now", m.cur+1, len(m.queue)))
	return common.Truncate(left+st.Subtle.Render(laterLine(m.fc)), m.ctx.Width)
}

// laterLine says what falls due after the cards due now, each card counted once: " · 3 more later today ·
// 4 tomorrow · 5 later this week". The forecast's day and week counts include the cards due now.
func laterLine(fc practice.Forecast) string {
	today, week := later(fc)
	return fmt.Sprintf(" · %d more later today · %d tomorrow · %d later this week", today, fc.Tomorrow, week)
}

// later splits the forecast into groups that do not overlap: due later today (not now), and due later this week
// (after tomorrow). Tomorrow's count is already its own group.
func later(fc practice.Forecast) (today, week int) {
	return max(fc.Today-fc.Now, 0), max(fc.Week-fc.Today-fc.Tomorrow, 0)
}

// emptyView is shown when nothing is due.
func (m *Model) emptyView() string {
	st := m.ctx.Styles
	var b strings.Builder
	now := m.ctx.Now()
	switch {
	case m.loadErr != nil:
		b.WriteString(st.Error.Render("Could not read the review cards.") + "\n" + m.loadErr.Error() + "\n\nr tries again.")
		return b.String()
	case m.fc.Cards == 0:
		b.WriteString(st.Title.Render("Nothing to review yet.") + "\n\n" +
			"What you get wrong in mock exams, drills and scenarios comes back here,\n" +
			"just before you would forget it.")
	default:
		b.WriteString(st.Title.Render("Nothing due — next review in " + practice.Until(m.fc.Next, now)))
	}
	if m.fc.Cards > 0 {
		b.WriteString("\n\n")
		today, week := later(m.fc) // each card counted once
		fmt.Fprintf(&b, "  %-16s %4d\n", "later today", today)
		fmt.Fprintf(&b, "  %-16s %4d\n", "tomorrow", m.fc.Tomorrow)
		fmt.Fprintf(&b, "  %-16s %4d\n", "later this week", week)
		fmt.Fprintf(&b, "  %-16s %4d", "cards in all", m.fc.Cards)
	}
	if m.reviewed > 0 {
		fmt.Fprintf(&b, "\n\nThis visit: %d reviewed, %d right.", m.reviewed, m.correct)
	}
	if m.skipped > 0 {
		what := fmt.Sprintf("%d due cards are of items no longer in the pack.", m.skipped)
		if m.skipped == 1 {
			what = "1 due card is of an item no longer in the pack."
		}
		fmt.Fprintf(&b, "\n%s", st.Subtle.Render(what))
	}
	if n := m.unsaved(); n > 0 && m.ctx.Writes.Failing(m.owner) {
		fmt.Fprintf(&b, "\n%s", st.Error.Render(fmt.Sprintf("%d reviews not saved yet: r retries now.", n)))
	}
	return b.String()
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.0f s", d.Seconds())
}
