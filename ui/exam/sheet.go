package exam

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
)

// sheet draws the items of a session: a question's stem and options and, once revealed, each option's why, the
// verdict, the explanation and the note links. The question view, a drill's answer and the review of answers after
// the exam all draw with it.
type sheet struct {
	ctx  *common.Context
	sess *engine.Session
}

// question returns the pack question of item i, or nil if the pack no longer has it as it was drawn.
func (s sheet) question(i int) *pack.Question {
	if s.sess == nil || i < 0 || i >= len(s.sess.Items) {
		return nil
	}
	it := s.sess.Items[i]
	q := s.ctx.Pack.Question(it.QuestionID)
	if q == nil || len(q.Options) != len(it.Perm) {
		return nil
	}
	return q
}

// body builds the scrollable text of item i: the stem and the options and, when reveal is set, each option's why,
// the verdict, the explanation and the note links (link is the selected one). cursor is the option under the
// cursor, -1 for none. rows holds each option's first and last line, so the cursor can be kept in view.
func (s sheet) body(i int, reveal bool, cursor, link int) (string, [][2]int) {
	st := s.ctx.Styles
	q := s.question(i)
	if q == nil {
		return st.Error.Render("This question is no longer in the content pack, so it cannot be shown or scored."), nil
	}
	w := s.ctx.Width
	it := s.sess.Items[i]
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(s, "\n")...) }
	add(s.markdown(stemID(q.ID), q.Stem))
	add("")
	opts := make([]common.Option, len(it.Perm))
	for d := range it.Perm {
		opt := q.Options[it.Original(d)]
		opts[d] = common.Option{Text: opt.Text, Why: opt.Why, Works: opt.Works, Chosen: s.sess.Chosen(i, d), Struck: s.sess.Struck(i, d)}
		if opt.Correct {
			opts[d].Verdict = common.VerdictRight
		}
	}
	list := common.OptionList{Multi: q.Select > 1, Cursor: cursor, Reveal: reveal}
	optLines, rows := list.Render(st, opts, w)
	for d := range rows {
		rows[d][0] += len(lines)
		rows[d][1] += len(lines)
	}
	lines = append(lines, optLines...)
	if reveal {
		add("")
		add(s.verdict(i))
		add("")
		add(st.Title.Render("Explanation"))
		add(s.markdown(explanationID(q.ID), common.Explanation(q)))
		if len(q.Notes) > 0 {
			add("")
			add(s.linksLine(q.Notes, link, w))
		}
	}
	return strings.Join(lines, "\n"), rows
}

// verdict says whether item i was right, with the answer given and the right one as option letters.
func (s sheet) verdict(i int) string {
	st := s.ctx.Styles
	q := s.question(i)
	if q == nil {
		return ""
	}
	var right []int
	for o, opt := range q.Options {
		if opt.Correct {
			right = append(right, o)
		}
	}
	choice := s.sess.Choice(i)
	it := s.sess.Items[i]
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
func (s sheet) linksLine(links []string, sel, w int) string {
	st := s.ctx.Styles
	lines := []string{st.Title.Render("Notes") + st.Subtle.Render(" (tab selects, o opens):")}
	for k, l := range links {
		title := common.LinkTitle(s.ctx.Pack, l)
		if k == sel {
			lines = append(lines, common.Truncate(st.Selected.Render("› "+title), w))
		} else {
			lines = append(lines, common.Truncate("  "+st.Subtle.Render(title), w))
		}
	}
	return strings.Join(lines, "\n")
}

func stemID(id string) string { return markdown.StemID(id) }

func explanationID(id string) string { return markdown.ExplanationID(id) }

// markdown returns a finished render from the cache, or the plain text wrapped until the render arrives.
func (s sheet) markdown(id, md string) string {
	w := s.ctx.MarkdownWidth()
	if s.ctx.Markdown != nil {
		if out, ok := s.ctx.Markdown.Cached(id, w, s.ctx.Theme()); ok {
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

// wrap wraps text that may hold ANSI codes at w cells, breaking words only when they are longer than a line.
func wrap(s string, w int) string { return ansi.Wrap(s, w, "") }

// revealed reports whether a drill shows the answer to item i: once as many options as asked for are chosen.
func (s sheet) revealed(i int) bool {
	if s.sess == nil || !s.sess.Config.ShowAnswers {
		return false
	}
	q := s.question(i)
	return q != nil && len(s.sess.Choice(i)) >= q.Select
}
