package scenario

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"dvaprep/pack"
	"dvaprep/scenarios"
	"dvaprep/study"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
)

// play is one run of a scenario on screen.
type play struct {
	n          int // this play's number
	run        *scenarios.Run
	node       *pack.Node      // the decision or the ending on screen
	sel        int             // the selected choice while deciding, as shown (an index into order)
	order      []int           // the choices in the order shown: order[shown] = index in the node
	step       *scenarios.Step // the decision just taken; nil while deciding
	others     bool            // the other choices are shown
	link       int             // the selected note link in the picker
	bridge     string          // how the story reached the node on screen from the choice before it, or ""
	shown      time.Time       // when the decision appeared, for the time taken
	saved      bool            // the finished run reached the store
	failed     bool            // storing the finished run failed; it is being retried
	placeSaved bool            // the store holds this play's place as it is now: leaving loses nothing
}

// docKey names what a set of renders was made for, so a late one is dropped.
type docKey struct {
	scenario, node string
	width          int
	theme          markdown.Theme
}

type docs struct {
	key docKey
	out map[string]string // by document ID
}

// renderedMsg carries the rendered markdown of one node: its prompt and every choice's explanation, or
// its outcome.
type renderedMsg struct {
	key docKey
	out map[string]string
	err error
}

// anchors are content rows that keys scroll to.
type anchors struct {
	choices [][2]int // first and last row of each choice while deciding
	chosen  int      // the choice taken
	links   int      // the first note link
	others  int      // the other choices' header
}

func promptID(s, n string) string             { return markdown.PromptID(s, n) }
func explainID(s, n string, i int) string     { return markdown.ChoiceID(s, n, i) }
func outcomeID(s, n string) string            { return markdown.OutcomeID(s, n) }
func (m *Model) scenario() *pack.Scenario     { return m.play.run.Scenario() }
func (m *Model) choice(i int) *pack.Choice    { return &m.play.node.Choices[i] }
func (m *Model) doc(id string) (string, bool) { s, ok := m.docs.out[id]; return s, ok }

func (m *Model) start(s *pack.Scenario) {
	m.plays++
	m.play = play{n: m.plays, run: scenarios.Start(s)}
	m.show("")
}

// show puts the run's current node on screen, at its top, after the bridge that leads to it.
func (m *Model) show(bridge string) {
	p := &m.play
	p.node = p.run.Current()
	p.sel, p.step, p.others, p.link, p.bridge = 0, nil, false, 0, bridge
	p.shown = m.ctx.Now()
	p.order = choiceOrder(len(p.node.Choices), m.scenario().ID+"/"+p.node.ID, p.shown)
	m.state = stateDecide
	if p.run.Finished() {
		m.state = stateEnding
	}
	m.useCached()
	m.layout()
	m.vp.GotoTop()
}

// sources is the markdown a node shows, by document ID.
func sources(s *pack.Scenario, n *pack.Node) map[string]string {
	if n.IsEnding() {
		return map[string]string{outcomeID(s.ID, n.ID): n.Outcome}
	}
	src := map[string]string{promptID(s.ID, n.ID): n.Prompt}
	for i, c := range n.Choices {
		src[explainID(s.ID, n.ID, i)] = c.Explain
	}
	return src
}

func (m *Model) docKey() docKey {
	return docKey{m.scenario().ID, m.play.node.ID, m.ctx.MarkdownWidth(), m.ctx.Theme()}
}

// useCached shows the node at once when every render it needs is already cached.
func (m *Model) useCached() bool {
	if m.play.node == nil || m.ctx.Width == 0 {
		return false
	}
	k := m.docKey()
	if m.docs.key == k && m.docs.out != nil {
		return true
	}
	out := map[string]string{}
	for id := range sources(m.scenario(), m.play.node) {
		s, ok := m.ctx.Markdown.Cached(id, k.width, k.theme)
		if !ok {
			return false
		}
		out[id] = s
	}
	m.docs = docs{key: k, out: out}
	return true
}

// renderCmd renders the node on screen in a command, unless the cache already has it.
func (m *Model) renderCmd() tea.Cmd {
	if m.play.node == nil || m.ctx.Width == 0 {
		return nil
	}
	if m.useCached() {
		m.layout()
		return nil
	}
	k, src, r := m.docKey(), sources(m.scenario(), m.play.node), m.ctx.Markdown
	return func() tea.Msg {
		out := make(map[string]string, len(src))
		var errs []error
		for id, md := range src {
			s, err := r.Render(id, md, k.width, k.theme)
			if err != nil {
				errs = append(errs, err)
				s = md
			}
			out[id] = s
		}
		return renderedMsg{key: k, out: out, err: errors.Join(errs...)}
	}
}

func (m *Model) rendered(msg renderedMsg) {
	if m.play.node == nil || msg.key != m.docKey() {
		return // a late render for something no longer on screen
	}
	m.docs = docs{key: msg.key, out: msg.out}
	m.layout()
}

// layout rebuilds the viewport's content for the current state, keeping the scroll position.
func (m *Model) layout() {
	if m.play.node == nil {
		return
	}
	if m.docs.key.scenario != m.scenario().ID || m.docs.key.node != m.play.node.ID {
		m.docs = docs{} // renders of another node: wait for this one's
	}
	var lines []string
	if m.state == stateEnding {
		lines = m.endingLines()
	} else {
		lines = m.decisionLines()
	}
	y := m.vp.YOffset()
	m.vp.SetContentLines(lines)
	m.vp.SetYOffset(y)
}

// mdLines is a rendered document as lines, or a placeholder until it arrives.
func (m *Model) mdLines(id string) []string {
	if s, ok := m.doc(id); ok {
		return strings.Split(s, "\n")
	}
	return []string{m.ctx.Styles.Subtle.Render("  Rendering…")}
}

// decisionLines is the prompt and the choices while deciding; once a choice is made, the choice, its
// verdict and why, its note links and, on request, every other choice with its verdict and why.
func (m *Model) decisionLines() []string {
	st, w := m.ctx.Styles, m.ctx.Width
	s, n, p := m.scenario(), m.play.node, &m.play
	lines := append(m.bridgeLines(), m.mdLines(promptID(s.ID, n.ID))...)
	lines = append(lines, "")
	m.marks = anchors{}
	if p.step == nil {
		opts := make([]common.Option, len(p.order))
		for d, i := range p.order {
			opts[d] = common.Option{Text: n.Choices[i].Text}
		}
		choices, rows := common.OptionList{Numbered: true, Cursor: p.sel}.Render(st, opts, w)
		for _, r := range rows {
			m.marks.choices = append(m.marks.choices, [2]int{r[0] + len(lines), r[1] + len(lines)})
		}
		return append(lines, choices...)
	}
	c := m.choice(p.step.Choice)
	m.marks.chosen = len(lines)
	lines = append(lines, st.Subtle.Render("You chose"))
	why := append([]string{"", "  " + verdictLabel(st, c.Verdict) + st.Subtle.Render(" · "+earned(c.Verdict, m.position().Retry))},
		m.mdLines(explainID(s.ID, n.ID, p.step.Choice))...)
	chosen, _ := common.OptionList{Numbered: true, Cursor: -1, Reveal: true}.Render(st, []common.Option{{Text: c.Text,
		Chosen: true, Verdict: verdictOf(c.Verdict), Number: p.sel + 1, WhyLines: why}}, w)
	lines = append(lines, chosen...)
	if len(c.Notes) > 0 {
		m.marks.links = len(lines) + 1
		hint := "Read more · l opens"
		if m.state == stateLinks {
			hint = "Read more · 1-9 or enter opens · esc cancels"
		}
		lines = append(lines, "", st.Subtle.Render(hint))
		for j, link := range c.Notes {
			mark, style := "  ", st.Title.UnsetBold()
			if m.state == stateLinks && j == p.link {
				mark, style = st.Selected.Render("› "), st.Selected
			}
			lines = append(lines, common.Truncate(mark+fmt.Sprintf("%d. ", j+1)+style.Render(m.linkLabel(link)), w))
		}
	}
	lines = append(lines, "")
	m.marks.others = len(lines)
	if !p.others {
		lines = append(lines, st.Subtle.Render(fmt.Sprintf("o · show the other %d choices and why", len(n.Choices)-1)))
	} else {
		lines = append(lines, st.Header.Render("The other choices"), "")
		var others []common.Option
		for d, i := range p.order {
			if i == p.step.Choice {
				continue
			}
			o := n.Choices[i]
			why := append([]string{"     " + verdictLabel(st, o.Verdict)}, m.mdLines(explainID(s.ID, n.ID, i))...)
			if len(others) < len(n.Choices)-2 {
				why = append(why, "") // a blank line before the next choice
			}
			others = append(others, common.Option{Text: o.Text, Verdict: verdictOf(o.Verdict), Number: d + 1, WhyLines: why})
		}
		rest, _ := common.OptionList{Numbered: true, Cursor: -1, Reveal: true}.Render(st, others, w)
		lines = append(lines, rest...)
	}
	return append(lines, "", st.Subtle.Render("enter · "+m.nextAction()))
}

// nextAction says what enter does after a verdict: the same decision again, an earlier one, a new one or
// the ending.
func (m *Model) nextAction() string {
	p := &m.play
	if p.step == nil {
		return "continue"
	}
	switch nx := m.scenario().Nodes[p.step.Next]; {
	case p.step.Next == p.step.Node:
		return "choose again"
	case nx != nil && nx.IsEnding():
		return "see how it ends"
	}
	for _, st := range p.run.Path() {
		if st.Node == p.step.Next {
			return "back to an earlier decision"
		}
	}
	return "next decision"
}

// bridgeLines is the bridge that leads to the node on screen, wrapped, with a blank line after it.
func (m *Model) bridgeLines() []string {
	if m.play.bridge == "" {
		return nil
	}
	st, w := m.ctx.Styles, m.ctx.Width
	// A bridge is one short paragraph; its source line breaks (YAML block text) are not meant for the screen.
	lines := hanging("  ", "↪ ", strings.Join(strings.Fields(m.play.bridge), " "), st.Subtle, w)
	return append(lines, "")
}

// linkLabel names a note link by its note and section.
func (m *Model) linkLabel(link string) string { return common.LinkTitle(m.ctx.Pack, link) }

// hanging wraps text after a marker and a number, indenting the lines that follow under the text.
func hanging(mark, num, text string, style lipgloss.Style, w int) []string {
	indent := common.Width(mark) + common.Width(num)
	wrapped := strings.Split(ansi.Wrap(text, max(w-indent-1, 10), ""), "\n")
	out := make([]string, len(wrapped))
	for i, l := range wrapped {
		if i == 0 {
			out[i] = mark + style.Render(num+l)
		} else {
			out[i] = strings.Repeat(" ", indent) + style.Render(l)
		}
	}
	return out
}

// verdictOf is how the option renderer marks a verdict: ✓ best, ~ acceptable, ✗ poor.
func verdictOf(v pack.Verdict) common.Verdict {
	switch v {
	case pack.Best:
		return common.VerdictRight
	case pack.OK:
		return common.VerdictOK
	}
	return common.VerdictWrong
}

// verdictLabel is a verdict as a symbol and a word, so it never depends on colour.
func verdictLabel(st common.Styles, v pack.Verdict) string {
	switch v {
	case pack.Best:
		return st.Good.Bold(true).Render("✓ Best")
	case pack.OK:
		return st.Warn.Bold(true).Render("~ Acceptable")
	}
	return st.Bad.Bold(true).Render("✗ Poor")
}

func points(p float64) string { return fmt.Sprintf("%g", p) }

// earned is what a choice adds to the score: its points, or none on a retry, where the first choice
// made at the decision already counted.
func earned(v pack.Verdict, retry bool) string {
	if retry {
		return "no points: a retry, the first choice here counted"
	}
	return points(v.Score()) + " of 1 point"
}

// position is where the decision on screen stands in the run, as if the choice just made (if any) were
// not taken yet.
func (m *Model) position() scenarios.Position {
	path := m.play.run.Path()
	if m.play.step != nil { // the verdict of the decision just taken
		path = path[:len(path)-1]
	}
	return scenarios.Locate(m.scenario(), path, m.play.node.ID)
}

// stage names where the run is, for the title line: "Decision 2 of 4", and "retry" when the decision was
// already taken once in this run.
func (m *Model) stage() string {
	if m.state == stateEnding {
		return "The ending"
	}
	pos := m.position()
	s := fmt.Sprintf("Decision %d of %d", pos.Number, pos.Of)
	if pos.Retry {
		s += " · retry"
	}
	return s
}

// scoreSoFar is the points earned out of the points the decisions so far could have earned.
func (m *Model) scoreSoFar() string {
	t := m.play.run.Score().Overall
	if t.Decisions == 0 {
		return ""
	}
	return "score " + outOf(t)
}

// outOf is a total as "1.5 of 2 points".
func outOf(t scenarios.Total) string {
	unit := "points"
	if t.Decisions == 1 {
		unit = "point"
	}
	return fmt.Sprintf("%s of %d %s", points(t.Points), t.Decisions, unit)
}

func (m *Model) updateDecide(msg tea.KeyPressMsg) tea.Cmd {
	k, p := m.keys, &m.play
	switch {
	case key.Matches(msg, k.Up):
		p.sel = max(p.sel-1, 0)
	case key.Matches(msg, k.Down):
		p.sel = min(p.sel+1, len(p.node.Choices)-1)
	case key.Matches(msg, k.Number):
		d := int(msg.String()[0] - '1')
		if d >= len(p.order) {
			return nil
		}
		return m.choose(d)
	case key.Matches(msg, k.Choose):
		return m.choose(p.sel)
	case key.Matches(msg, k.Back):
		return m.askLeave()
	default:
		m.scrollKeys(msg)
		return nil
	}
	m.layout()
	m.keepVisible(m.marks.choices[p.sel][0], m.marks.choices[p.sel][1])
	return nil
}

// keepVisible scrolls as little as needed to show rows first to last.
func (m *Model) keepVisible(first, last int) {
	y, h := m.vp.YOffset(), m.vp.Height()
	if last >= y+h {
		y = last - h + 1
	}
	if first < y {
		y = first
	}
	m.vp.SetYOffset(y)
}

// choose takes the choice shown at position d, shows its verdict and records the decision.
func (m *Model) choose(d int) tea.Cmd {
	p := &m.play
	n, now := p.node, m.ctx.Now()
	i := p.order[d]
	st, err := p.run.Choose(i)
	if err != nil {
		return common.Status(err.Error(), true)
	}
	p.step, p.sel = &st, d
	m.state = stateVerdict
	m.layout()
	m.vp.SetYOffset(m.marks.chosen)
	s := m.scenario()
	a := study.Attempt{
		ItemID:        s.ID + "/" + n.ID,
		Kind:          study.KindDecision,
		Domain:        st.Domain,
		Task:          st.Task,
		Score:         st.Score(),
		Choice:        n.Choices[i].Text,
		CorrectChoice: bestText(n),
		Elapsed:       max(now.Sub(p.shown), 0),
		Source:        study.SourceScenario,
		At:            now,
	}
	return tea.Batch(m.rec.attempt(m.ctx, p.n, a), m.savePlace())
}

// choiceOrder orders a decision's choices on screen; tests replace it with the file's order.
var choiceOrder = shuffled

// shuffled is the order to show n choices in. Authors tend to write the best choice first; showing the
// file's order would give the answer away. The order is fixed for one visit to a decision (seeded by the
// node and the time it appeared), so it does not move while the learner reads.
func shuffled(n int, node string, at time.Time) []int {
	h := fnv.New64a()
	h.Write([]byte(node))
	seed := h.Sum64() ^ uint64(at.UnixNano())
	return rand.New(rand.NewPCG(seed, seed>>1|1)).Perm(n)
}

// bestText is the text of the first best choice: the correct choice an attempt records.
func bestText(n *pack.Node) string {
	for _, c := range n.Choices {
		if c.Verdict == pack.Best {
			return c.Text
		}
	}
	return ""
}

func (m *Model) updateVerdict(msg tea.KeyPressMsg) tea.Cmd {
	k, p := m.keys, &m.play
	switch {
	case key.Matches(msg, k.Continue):
		return m.next()
	case key.Matches(msg, k.Others):
		p.others = !p.others
		m.layout()
		if p.others {
			m.vp.SetYOffset(m.marks.others)
		}
	case key.Matches(msg, k.Links):
		links := m.choice(p.step.Choice).Notes
		switch len(links) {
		case 0:
			return common.Status("This choice has no note links.", false)
		case 1:
			return common.OpenNote(links[0])
		}
		m.state, p.link = stateLinks, 0
		m.layout()
		m.keepVisible(m.marks.links-1, m.marks.links+len(links)-1)
	case key.Matches(msg, k.Back):
		return m.askLeave()
	default:
		m.scrollKeys(msg)
	}
	return nil
}

// updateLinks is the small link picker: a number or enter opens a link in the notes browser.
func (m *Model) updateLinks(msg tea.KeyPressMsg) tea.Cmd {
	k, p := m.keys, &m.play
	links := m.choice(p.step.Choice).Notes
	switch {
	case key.Matches(msg, k.Up):
		p.link = max(p.link-1, 0)
	case key.Matches(msg, k.Down):
		p.link = min(p.link+1, len(links)-1)
	case key.Matches(msg, k.Number):
		i := int(msg.String()[0] - '1')
		if i >= len(links) {
			return nil
		}
		p.link = i
		m.state = stateVerdict
		m.layout()
		return common.OpenNote(links[i])
	case key.Matches(msg, k.Open), key.Matches(msg, k.Links):
		m.state = stateVerdict
		m.layout()
		return common.OpenNote(links[p.link])
	case key.Matches(msg, k.Back):
		m.state = stateVerdict
	default:
		return nil
	}
	m.layout()
	return nil
}

// next moves on from a verdict: to the next decision, or to the ending, which is then recorded.
func (m *Model) next() tea.Cmd {
	m.show(m.choice(m.play.step.Choice).Bridge)
	cmds := []tea.Cmd{m.renderCmd()}
	if m.state == stateEnding {
		cmds = append(cmds, m.finish(), m.forgetPlace(m.scenario().ID))
	}
	return tea.Batch(cmds...)
}

// leave goes back to the list. The decisions made so far are stored, and so is the place of a run left
// unfinished.
func (m *Model) leave() tea.Cmd {
	if m.state != stateEnding {
		m.rec.abandon(m.play.n)
	}
	m.state = stateList
	m.play = play{}
	m.docs = docs{}
	return m.loadRecords()
}
