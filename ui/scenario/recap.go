package scenario

import (
	"fmt"
	"strings"

	"dvaprep/pack"
	"dvaprep/scenarios"
)

// recapLines lists every decision the run took: its question, the choice made with its verdict and
// points, and the best choice where it was missed. Decisions of the best path that the run never reached
// follow, with their best choice.
func (m *Model) recapLines() []string {
	st, w, s := m.ctx.Styles, m.ctx.Width, m.scenario()
	path := m.play.run.Path()
	lines := []string{st.Header.Render("Your decisions")}
	seen := map[string]bool{}
	for i, step := range path {
		n := s.Nodes[step.Node]
		if n == nil || step.Choice >= len(n.Choices) {
			continue
		}
		seen[step.Node] = true
		pos := scenarios.Locate(s, path[:i], step.Node)
		num := fmt.Sprintf("%d. ", pos.Number)
		q := question(n.Prompt)
		if pos.Retry {
			q += " (retry)"
		}
		lines = append(lines, hanging("  ", num, q, st.Title.UnsetBold(), w)...)
		c := n.Choices[step.Choice]
		lines = append(lines, hanging(pad(2+len(num)), "→ ", c.Text, st.Title.UnsetBold(), w)...)
		lines = append(lines, pad(4+len(num))+verdictLabel(st, c.Verdict)+st.Subtle.Render(" · "+earned(c.Verdict, pos.Retry)))
		if c.Verdict != pack.Best {
			lines = append(lines, hanging(pad(4+len(num)), "Best: ", bestText(n), st.Good, w)...)
		}
	}
	if len(path) == 0 {
		lines = append(lines, st.Subtle.Render("  no decisions"))
	}
	var missed []string
	for i, step := range scenarios.BestPath(s) {
		if seen[step.Node] {
			continue
		}
		n := s.Nodes[step.Node]
		num := fmt.Sprintf("%d. ", i+1)
		missed = append(missed, hanging("  ", num, question(n.Prompt), st.Title.UnsetBold(), w)...)
		missed = append(missed, hanging(pad(4+len(num)), "Best: ", bestText(n), st.Good, w)...)
	}
	if len(missed) > 0 {
		lines = append(lines, "", st.Header.Render("Decisions of the best path you did not reach"))
		lines = append(lines, missed...)
	}
	return lines
}

func pad(n int) string { return strings.Repeat(" ", n) }

var mdMarks = strings.NewReplacer("**", "", "__", "", "`", "")

// question is what a decision asks, in one line of plain text: the last question of the prompt's last
// paragraph, or that paragraph when it asks nothing. Prompts open with the story and end with the question,
// so the question stands for the decision better than the prompt's first line.
func question(md string) string {
	var paras []string
	fenced := false
	for _, p := range strings.Split(strings.TrimSpace(md), "\n\n") {
		if strings.Count(p, "```")%2 == 1 {
			fenced = !fenced
			continue
		}
		if fenced || strings.HasPrefix(strings.TrimSpace(p), "|") || strings.HasPrefix(strings.TrimSpace(p), "```") {
			continue
		}
		paras = append(paras, p)
	}
	if len(paras) == 0 {
		return ""
	}
	last := strings.Join(strings.Fields(mdMarks.Replace(paras[len(paras)-1])), " ")
	end := strings.LastIndex(last, "?")
	if end < 0 {
		return last
	}
	start := 0
	for _, sep := range []string{". ", "? ", "! "} {
		if i := strings.LastIndex(last[:end], sep); i >= 0 && i+len(sep) > start {
			start = i + len(sep)
		}
	}
	return last[start : end+1]
}
