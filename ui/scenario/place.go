package scenario

import (
	"context"
	"encoding/json"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"dvaprep/pack"
	"dvaprep/scenarios"
	"dvaprep/ui/common"
)

// placeStore keeps where the learner is in each scenario, so that a scenario left unfinished resumes
// where it was left. A nil position forgets it.
type placeStore interface {
	SaveScenarioPosition(ctx context.Context, scenarioID string, position json.RawMessage) error
	LoadScenarioPosition(ctx context.Context, scenarioID string) (json.RawMessage, error)
}

// places finds the place store of a context; tests replace it.
var places = func(ctx *common.Context) placeStore {
	if ctx.Study == nil {
		return nil
	}
	return ctx.Study
}

// place is a run's position as stored: the run it belongs to and the choices taken, in order. Replaying
// the choices rebuilds the run exactly, its score included.
type place struct {
	Run   int64       `json:"run,omitempty"` // the stored run the decisions belong to; 0 if not known yet
	Steps []placeStep `json:"steps"`
}

type placeStep struct {
	Node   string `json:"node"`
	Choice int    `json:"choice"`
}

type (
	// placeSavedMsg says the write queue stored a play's place as it stood after steps decisions.
	placeSavedMsg struct {
		owner       common.Owner
		play, steps int
	}
	placeLoadedMsg struct {
		req int
		s   *pack.Scenario
		raw json.RawMessage
		err error
	}
)

// placeKey names a scenario's place in the write queue: a newer place replaces one still waiting.
func placeKey(scenarioID string) string { return "place/" + scenarioID }

// savePlace queues a write of where the play on screen stands. It runs after the play's start and
// decisions, so it knows the run's ID. A play that has ended, or has not decided anything, has nothing to
// keep.
func (m *Model) savePlace() tea.Cmd {
	p := &m.play
	if m.pos == nil || p.run == nil || p.run.Finished() {
		return nil
	}
	path := p.run.Path()
	if len(path) == 0 {
		return nil
	}
	pl := place{Steps: make([]placeStep, len(path))}
	for i, st := range path {
		pl.Steps[i] = placeStep{Node: st.Node, Choice: st.Choice}
	}
	ps, id, play, n, owner, ref := m.pos, m.scenario().ID, p.n, len(path), m.rec.owner, m.rec.runs[p.n]
	p.placeSaved = false
	return m.ctx.Write(common.Write{Owner: owner, Key: placeKey(id), What: "your place in this scenario",
		Do: func(c context.Context) (tea.Msg, error) {
			if ref != nil {
				pl.Run = ref.id
			}
			js, err := json.Marshal(pl)
			if err == nil {
				err = ps.SaveScenarioPosition(c, id, js)
			}
			if err != nil {
				return nil, err
			}
			return placeSavedMsg{owner: owner, play: play, steps: n}, nil
		}})
}

// forgetPlace queues the removal of a scenario's place: it was finished, or started over. It replaces a
// save of the place still waiting in the queue.
func (m *Model) forgetPlace(id string) tea.Cmd {
	if m.pos == nil {
		return nil
	}
	ps := m.pos
	return m.ctx.Write(common.Write{Owner: m.rec.owner, Key: placeKey(id), What: "forgetting your place in this scenario",
		Do: func(c context.Context) (tea.Msg, error) { return nil, ps.SaveScenarioPosition(c, id, nil) }})
}

// placeSaved notes that the place of the play on screen is stored as it stands.
func (m *Model) placeSaved(msg placeSavedMsg) {
	if msg.owner == m.rec.owner && msg.play == m.play.n && m.play.run != nil && msg.steps == len(m.play.run.Path()) {
		m.play.placeSaved = true
	}
}

// begin starts s where the learner left it, when a place is stored, or from its start.
func (m *Model) begin(s *pack.Scenario) tea.Cmd {
	if scenarios.Start(s).Current() == nil {
		return common.Status(fmt.Sprintf("scenario %s has no start node %q: run `dvaprep validate`", s.ID, s.Start), true)
	}
	if m.pos == nil {
		return m.beginFresh(s)
	}
	m.loads++
	ps, req, c := m.pos, m.loads, m.ctx.Background()
	return func() tea.Msg {
		raw, err := ps.LoadScenarioPosition(c, s.ID)
		return placeLoadedMsg{req: req, s: s, raw: raw, err: err}
	}
}

// beginFresh starts a play of s at its first decision and asks for its run in the store and its first
// render.
func (m *Model) beginFresh(s *pack.Scenario) tea.Cmd {
	m.start(s)
	return tea.Batch(m.rec.start(m.ctx, m.play.n, s.ID), m.renderCmd())
}

// restart starts s from its first decision and forgets any place kept for it.
func (m *Model) restart(s *pack.Scenario) tea.Cmd {
	if scenarios.Start(s).Current() == nil {
		return m.begin(s) // says what is wrong
	}
	m.loads++ // a resume still on its way is no longer wanted
	return tea.Batch(m.beginFresh(s), m.forgetPlace(s.ID))
}

// placeLoaded resumes the scenario the learner asked for at its stored place, or starts it afresh.
func (m *Model) placeLoaded(msg placeLoadedMsg) tea.Cmd {
	if msg.req != m.loads || (m.state != stateList && m.state != stateFilter) {
		return nil // the learner has moved on
	}
	if msg.err != nil {
		return tea.Batch(m.beginFresh(msg.s), common.Status("Could not read your place in this scenario, so it starts from the beginning: "+msg.err.Error(), true))
	}
	if len(msg.raw) == 0 {
		return m.beginFresh(msg.s)
	}
	var pl place
	run, err := replay(msg.s, msg.raw, &pl)
	if err != nil {
		return tea.Batch(m.beginFresh(msg.s), m.forgetPlace(msg.s.ID),
			common.Status("Your place in this scenario no longer fits it (the pack changed), so it starts from the beginning.", false))
	}
	m.plays++
	m.play = play{n: m.plays, run: run}
	path := run.Path()
	last := path[len(path)-1]
	m.show(msg.s.Nodes[last.Node].Choices[last.Choice].Bridge)
	m.play.placeSaved = true
	pos := scenarios.Locate(msg.s, path, m.play.node.ID)
	return tea.Batch(m.rec.resume(m.ctx, m.play.n, msg.s.ID, pl.Run), m.renderCmd(),
		common.Status(fmt.Sprintf("Picked up where you left off: decision %d of %d. n on the list starts over.", pos.Number, pos.Of), false))
}

// replay rebuilds a run from a stored place. It fails when the place does not fit the scenario: a node
// or choice that is no longer there, or a run that had already ended.
func replay(s *pack.Scenario, raw json.RawMessage, pl *place) (*scenarios.Run, error) {
	if err := json.Unmarshal(raw, pl); err != nil {
		return nil, err
	}
	if len(pl.Steps) == 0 {
		return nil, fmt.Errorf("no steps")
	}
	run := scenarios.Start(s)
	for i, st := range pl.Steps {
		if cur := run.Current(); cur == nil || cur.ID != st.Node {
			return nil, fmt.Errorf("step %d: at %q, not %q", i, nodeID(cur), st.Node)
		}
		if _, err := run.Choose(st.Choice); err != nil {
			return nil, err
		}
	}
	if run.Finished() {
		return nil, fmt.Errorf("the run had ended")
	}
	return run, nil
}

func nodeID(n *pack.Node) string {
	if n == nil {
		return ""
	}
	return n.ID
}
