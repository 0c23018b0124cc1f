package scenario

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"dvaprep/scenarios"
	"dvaprep/ui/common"
)

// askLeave is esc during a run. A run with decisions taken asks first, and says whether it can be picked
// up later; a run with nothing decided yet just closes.
func (m *Model) askLeave() tea.Cmd {
	if len(m.play.run.Path()) == 0 {
		return m.leave()
	}
	m.leaveFrom, m.state = m.state, stateLeaving
	m.ask = common.NewConfirm()
	m.ask.Ask(m.leaveQuestion(), "leave", "stay")
	return nil
}

// updateLeaving answers the question: y or enter leaves, n or esc stays.
func (m *Model) updateLeaving(msg tea.KeyPressMsg) tea.Cmd {
	switch m.ask.Key(msg) {
	case common.ConfirmYes:
		m.state = m.leaveFrom
		return m.leave()
	case common.ConfirmNo:
		m.state = m.leaveFrom
		m.layout()
	}
	return nil
}

// leaveQuestion is what the dialog asks, with where the run stands and what happens to it.
func (m *Model) leaveQuestion() string {
	p := &m.play
	path := p.run.Path()
	node := p.node.ID
	if p.step != nil {
		node = p.step.Next // the verdict is on screen: the run goes on from where the choice leads
	}
	pos := scenarios.Locate(m.scenario(), path, node)
	t := p.run.Score().Overall
	where := fmt.Sprintf("You are at decision %d of %d, with %s.", pos.Number, pos.Of, outOf(t))
	var keep string
	switch {
	case m.pos == nil:
		keep = "This run cannot be picked up again: it ends here."
	case p.placeSaved:
		keep = "Your place is saved: open the scenario again to carry on from here."
	default:
		keep = "Your place is still being saved; if that fails, the scenario starts again from the beginning."
	}
	return "Leave this scenario?\n\n" + where + "\n" + keep
}

// leaveView is the one confirm dialog, centred in w×h. The question is asked again on every frame: the
// place may finish saving while it is open.
func (m *Model) leaveView(w, h int) string {
	m.ask.Question = m.leaveQuestion()
	return m.ask.View(m.ctx.Styles, w, h)
}
