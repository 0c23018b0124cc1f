package scenario

import (
	"encoding/json"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"dvaprep/scenarios"
	"dvaprep/ui/common"
)

// endingLines is the bridge from the last choice (an ending may rest on it), the outcome, the score overall,
// by domain and by task, and a recap of every decision taken, with the best choice beside each one that
// missed it.
func (m *Model) endingLines() []string {
	st, w := m.ctx.Styles, m.ctx.Width
	s, p := m.scenario(), m.ctx.Pack
	lines := append(m.bridgeLines(), m.mdLines(outcomeID(s.ID, m.play.node.ID))...)
	tally := m.play.run.Score()

	lines = append(lines, "", st.Header.Render("Score")+st.Subtle.Render(" · points of decisions taken (best 1, acceptable 0.5)"), scoreRow(st, "Overall", tally.Overall, w))
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
	lines = append(lines, m.recapLines()...)

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

// scoreRow is a label, then points over decisions (what the percentage rests on; the Score header names the
// unit), a bar and a percentage at the right.
func scoreRow(st common.Styles, label string, t scenarios.Total, w int) string {
	pct := int(t.Ratio()*100 + 0.5)
	right := fmt.Sprintf("%5s of %-3d %s %3d%%", points(t.Points), t.Decisions, common.Bar(t.Ratio(), 10), pct)
	labelW := max(w-4-common.Width(right), 8)
	return "  " + padRight(common.Truncate(label, labelW), labelW) + "  " + st.Subtle.Render(right)
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
		return m.beginFresh(m.scenario()) // the place was forgotten at the ending
	case key.Matches(msg, m.keys.Done):
		return m.leave()
	default:
		m.scrollKeys(msg)
	}
	return nil
}
