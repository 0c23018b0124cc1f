package scenario

import (
	"context"
	"encoding/json"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"dvaprep/study"
	"dvaprep/ui/common"
)

// recorder sends what a play must store to the root's one write queue: each play's run, its decisions and
// its ending. The queue runs them in order and retries a failure, whatever screen is open meanwhile, so a
// decision is stored even if the learner opens a note or leaves.
type recorder struct {
	owner common.Owner
	runs  map[int]*runRef // by play number
}

// runRef holds a run's ID once its start is stored; the writes queued after the start read it.
type runRef struct{ id int64 }

type finishReq struct {
	path       json.RawMessage
	score, max float64
}

// pathStep is one decision in a stored run's path.
type pathStep struct {
	Node    string `json:"node"`
	Choice  int    `json:"choice"`
	Verdict string `json:"verdict"`
	Next    string `json:"next"`
}

// runFinishedMsg says a play's ending was stored.
type runFinishedMsg struct {
	owner common.Owner
	play  int
}

func newRecorder() recorder { return recorder{owner: common.NewOwner(), runs: map[int]*runRef{}} }

// start records that a play began.
func (r *recorder) start(ctx *common.Context, play int, scenarioID string) tea.Cmd {
	s, at := studyOf(ctx), ctx.Now()
	if s == nil {
		return nil
	}
	ref := &runRef{}
	r.runs[play] = ref
	uid := study.NewUID(at)
	return ctx.Write(common.Write{Owner: r.owner, What: "the start of scenario " + scenarioID,
		Do: func(c context.Context) (tea.Msg, error) {
			id, err := s.StartScenarioRun(c, uid, scenarioID, at)
			ref.id = id
			return nil, err
		}})
}

// resume records that a play carries on a stored run: its decisions join that run. A run whose ID was not
// known when it was left is started again.
func (r *recorder) resume(ctx *common.Context, play int, scenarioID string, runID int64) tea.Cmd {
	if runID == 0 {
		return r.start(ctx, play, scenarioID)
	}
	if ctx.Study != nil {
		r.runs[play] = &runRef{id: runID}
	}
	return nil
}

// attempt records one decision of a play, with its review card. It carries a UID from now on, so a retry
// stores it once.
func (r *recorder) attempt(ctx *common.Context, play int, a study.Attempt) tea.Cmd {
	s := studyOf(ctx)
	if s == nil {
		return nil
	}
	a.UID = study.NewUID(a.At)
	ref := r.runs[play]
	return ctx.Write(common.Write{Owner: r.owner, What: "your decision", Do: func(c context.Context) (tea.Msg, error) {
		if ref != nil {
			a.SessionID = ref.id // 0 (none) if the run could not be started
		}
		return nil, s.RecordAttempt(c, a)
	}})
}

// finish records how a play ended.
func (r *recorder) finish(ctx *common.Context, play int, req finishReq) tea.Cmd {
	s, ref, owner := studyOf(ctx), r.runs[play], r.owner
	if s == nil || ref == nil {
		return nil
	}
	return ctx.Write(common.Write{Owner: owner, Key: fmt.Sprintf("finish/%d", play), What: "the end of this scenario",
		Do: func(c context.Context) (tea.Msg, error) {
			if err := s.FinishScenarioRun(c, ref.id, req.path, req.score, req.max); err != nil {
				return nil, err
			}
			return runFinishedMsg{owner: owner, play: play}, nil
		}})
}

// abandon forgets a play left before its ending; its writes still complete.
func (r *recorder) abandon(play int) { delete(r.runs, play) }

// stored handles the outcome of this screen's writes: a stored ending, or a write given up.
func (m *Model) stored(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case runFinishedMsg:
		if msg.owner != m.rec.owner {
			return nil
		}
		delete(m.rec.runs, msg.play)
		if msg.play == m.play.n {
			m.play.saved, m.play.failed = true, false
			m.layout()
		}
		return m.loadRecords()
	case common.WriteFailedMsg:
		if msg.Owner != m.rec.owner {
			return nil
		}
		if msg.Key == fmt.Sprintf("finish/%d", m.play.n) {
			m.play.failed = true
			m.layout()
		}
		return common.Status("Not saved: "+msg.What+": "+msg.Err.Error(), true)
	}
	return nil
}

// studyOf is the part of the study layer this screen uses, or nil without a database.
func studyOf(ctx *common.Context) common.ScenarioStudy {
	if ctx.Study == nil {
		return nil
	}
	return ctx.Study
}

// study is the part of the study layer this screen uses, or nil without a database.
func (m *Model) study() common.ScenarioStudy { return studyOf(m.ctx) }
