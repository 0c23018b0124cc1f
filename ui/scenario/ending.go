package scenario

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"dvaprep/scenarios"
	"dvaprep/ui/common"
)

// sideBySide is the width from which the two paths are drawn next to each other.
const sideBySide = 110

// endingLines is the outcome, the score overall, by domain and by task, and the path taken beside the
// best one.
func (m *Model) endingLines() []string {
	st, w := m.ctx.Styles, m.ctx.Width
	s, p := m.scenario(), m.ctx.Pack
	lines := m.mdLines(outcomeID(s.ID, m.play.node.ID))
	tally := m.play.run.Score()

	lines = append(lines, "", st.Header.Render("Score"), scoreRow(st, "Overall", tally.Overall, w))
	lines = append(lines, "", st.Header.Render("By domain"))
	for _, d := range p.Domains {
		if t, ok := tally.Domains[d.ID]; ok {
			lines = append(lines, scoreRow(st, fmt.Sprintf("Domain %s · %s", d.ID, d.Name), t, w))
		}
	}
	lines = append(lines, "", st.Header.Render("By task"))
	tasks := make([]string, 0, len(tally.Tasks))
	for id := range tally.Tasks {
		tasks = append(tasks, id)
	}
	slices.Sort(tasks)
	for _, id := range tasks {
		label := id
		if t := p.Task(id); t != nil {
			label += " " + t.Name
		}
		lines = append(lines, scoreRow(st, label, tally.Tasks[id], w))
	}

	lines = append(lines, "")
	taken, best := m.play.run.Path(), scenarios.BestPath(s)
	switch {
	case samePath(taken, best):
		lines = append(lines, m.pathLines("Your path · the best path", taken, w)...)
	case w >= sideBySide:
		colW := (w - 3) / 2
		lines = append(lines, beside(m.pathLines("Your path", taken, colW), m.pathLines("Best path", best, colW), colW)...)
	default:
		lines = append(lines, m.pathLines("Your path", taken, w)...)
		lines = append(lines, "")
		lines = append(lines, m.pathLines("Best path", best, w)...)
	}

	switch {
	case m.ctx.Study == nil:
	case m.play.saved:
		lines = append(lines, "", st.Subtle.Render("✓ Saved to your progress."))
	case m.play.failed:
		lines = append(lines, "", st.Error.Render("✗ Not saved."))
	case m.ctx.Writes != nil && m.ctx.Writes.Failing(m.rec.owner):
		lines = append(lines, "", st.Error.Render("✗ Not saved yet: retrying."))
	default:
		lines = append(lines, "", st.Subtle.Render("Saving…"))
	}
	return append(lines, "", st.Subtle.Render("r · play again   enter · back to the scenarios"))
}

// scoreRow is a label, then points over decisions, a bar and a percentage at the right.
func scoreRow(st common.Styles, label string, t scenarios.Total, w int) string {
	pct := int(t.Ratio()*100 + 0.5)
	right := fmt.Sprintf("%5s/%-3d %s %3d%%", points(t.Points), t.Decisions, common.Bar(t.Ratio(), 10), pct)
	labelW := max(w-4-common.Width(right), 8)
	return "  " + padRight(common.Truncate(label, labelW), labelW) + "  " + st.Subtle.Render(right)
}

// pathLines lists the steps of a path: each decision's first prompt line, then the choice and its verdict.
func (m *Model) pathLines(title string, steps []scenarios.Step, w int) []string {
	st, s := m.ctx.Styles, m.scenario()
	lines := []string{st.Header.Render(title)}
	for i, step := range steps {
		n := s.Nodes[step.Node]
		if n == nil || step.Choice >= len(n.Choices) {
			continue
		}
		num := fmt.Sprintf("  %d. ", i+1)
		lines = append(lines, common.Truncate(num+firstLine(n.Prompt), w))
		verdict := " (" + verdictLabel(st, step.Verdict) + ")"
		text := common.Truncate(n.Choices[step.Choice].Text, max(w-len(num)-2-common.Width(verdict), 8))
		lines = append(lines, strings.Repeat(" ", len(num))+"→ "+text+verdict)
	}
	if len(steps) == 0 {
		lines = append(lines, st.Subtle.Render("  no decisions"))
	}
	return lines
}

// beside draws two columns next to each other.
func beside(left, right []string, colW int) []string {
	out := make([]string, max(len(left), len(right)))
	for i := range out {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = padRight(common.Truncate(l, colW), colW) + "   " + r
	}
	return out
}

func samePath(a, b []scenarios.Step) bool {
	return slices.EqualFunc(a, b, func(x, y scenarios.Step) bool { return x.Node == y.Node && x.Choice == y.Choice })
}

// firstLine is a prompt's first line as plain text, marked "…" when the prompt goes on.
func firstLine(md string) string {
	md = strings.TrimSpace(md)
	line, rest, _ := strings.Cut(md, "\n")
	line = strings.NewReplacer("**", "", "__", "", "`", "").Replace(strings.TrimLeft(line, "#> "))
	line = strings.TrimSpace(line)
	if strings.TrimSpace(rest) != "" && !strings.HasSuffix(line, ".") && !strings.HasSuffix(line, "?") && !strings.HasSuffix(line, ":") {
		line += "…"
	}
	return line
}

// finish records the finished run: its path and its score.
func (m *Model) finish() tea.Cmd {
	path := m.play.run.Path()
	steps := make([]pathStep, len(path))
	for i, s := range path {
		steps[i] = pathStep{Node: s.Node, Choice: s.Choice, Verdict: string(s.Verdict), Next: s.Next}
	}
	js, err := json.Marshal(steps)
	if err != nil {
		return common.Status("save run: "+err.Error(), true)
	}
	t := m.play.run.Score().Overall
	return m.rec.finish(m.ctx, m.play.n, finishReq{path: js, score: t.Points, max: float64(t.Decisions)})
}

func (m *Model) updateEnding(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Replay):
		return m.begin(m.scenario())
	case key.Matches(msg, m.keys.Done):
		return m.leave()
	default:
		m.scrollKeys(msg)
	}
	return nil
}
