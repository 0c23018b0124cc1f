package scenario

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"dvaprep/practice"
	"dvaprep/store"
	"dvaprep/ui/common"
)

// retryEvery is how long a failed write waits before it is tried again.
const retryEvery = 3 * time.Second

// recorder keeps what must reach the store: each play's run, the decisions waiting for the run's ID, and
// writes that failed and will be retried. It changes only in Update; the writes run in commands.
type recorder struct {
	runs     map[int]*runRec // by play number
	retry    []store.Attempt // decisions whose write failed
	retrying bool            // a retry is scheduled
}

type runRec struct {
	scenario string
	id       int64 // 0 until StartScenarioRun answers
	starting bool  // StartScenarioRun is in flight
	queue    []store.Attempt
	finish   *finishReq // the ending, waiting to be written
}

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

type (
	runStartedMsg struct {
		play int
		id   int64
		err  error
	}
	attemptsSavedMsg struct {
		failed []store.Attempt
		err    error
	}
	runFinishedMsg struct {
		play int
		req  finishReq
		err  error
	}
	retryMsg struct{}
)

func newRecorder() recorder { return recorder{runs: map[int]*runRec{}} }

// start records that a play began.
func (r *recorder) start(ctx *common.Context, play int, scenarioID string) tea.Cmd {
	if ctx.Store == nil {
		return nil
	}
	rr := &runRec{scenario: scenarioID}
	r.runs[play] = rr
	return r.startCmd(ctx, play, rr)
}

func (r *recorder) startCmd(ctx *common.Context, play int, rr *runRec) tea.Cmd {
	if rr.starting {
		return nil
	}
	rr.starting = true
	st, id, at := ctx.Store, rr.scenario, ctx.Now()
	return func() tea.Msg {
		runID, err := st.StartScenarioRun(context.Background(), id, at)
		return runStartedMsg{play: play, id: runID, err: err}
	}
}

// resume records that a play carries on a stored run: its decisions join that run. A run whose ID was not
// known when it was left is started again.
func (r *recorder) resume(ctx *common.Context, play int, scenarioID string, runID int64) tea.Cmd {
	if runID == 0 {
		return r.start(ctx, play, scenarioID)
	}
	if ctx.Store != nil {
		r.runs[play] = &runRec{scenario: scenarioID, id: runID}
	}
	return nil
}

// attempt records one decision of a play, as soon as the play's run has an ID.
func (r *recorder) attempt(ctx *common.Context, play int, a store.Attempt) tea.Cmd {
	if ctx.Store == nil {
		return nil
	}
	rr := r.runs[play]
	if rr == nil {
		return r.save(ctx, a)
	}
	if rr.id == 0 {
		rr.queue = append(rr.queue, a)
		return r.startCmd(ctx, play, rr) // nil while the start is in flight; a retry after it failed
	}
	a.SessionID = rr.id
	return r.save(ctx, a)
}

// save writes decisions, with any that failed before.
func (r *recorder) save(ctx *common.Context, as ...store.Attempt) tea.Cmd {
	all := append(append([]store.Attempt(nil), r.retry...), as...)
	r.retry = nil
	if len(all) == 0 {
		return nil
	}
	st := ctx.Store
	return func() tea.Msg {
		var msg attemptsSavedMsg
		var errs []error
		for _, a := range all {
			if _, err := practice.RecordAttempt(context.Background(), st, a); err != nil {
				msg.failed = append(msg.failed, a)
				errs = append(errs, err)
			}
		}
		msg.err = errors.Join(errs...)
		return msg
	}
}

// finish records how a play ended, as soon as its run has an ID.
func (r *recorder) finish(ctx *common.Context, play int, req finishReq) tea.Cmd {
	rr := r.runs[play]
	if ctx.Store == nil || rr == nil {
		return nil
	}
	if rr.id == 0 {
		rr.finish = &req
		return r.startCmd(ctx, play, rr)
	}
	return finishCmd(ctx.Store, play, rr.id, req)
}

// abandon forgets a play left before its ending, unless it still waits for its run's ID.
func (r *recorder) abandon(play int) {
	if rr := r.runs[play]; rr != nil && rr.id != 0 {
		delete(r.runs, play)
	}
}

func finishCmd(st *store.Store, play int, runID int64, req finishReq) tea.Cmd {
	return func() tea.Msg {
		err := st.FinishScenarioRun(context.Background(), runID, req.path, req.score, req.max)
		return runFinishedMsg{play: play, req: req, err: err}
	}
}

func (r *recorder) scheduleRetry() tea.Cmd {
	if r.retrying {
		return nil
	}
	r.retrying = true
	return tea.Tick(retryEvery, func(time.Time) tea.Msg { return retryMsg{} })
}

// stored handles the answers of the store: it sends what waited for a run's ID, shows every failure and
// schedules its retry.
func (m *Model) stored(msg tea.Msg) tea.Cmd {
	r := &m.rec
	switch msg := msg.(type) {
	case runStartedMsg:
		rr := r.runs[msg.play]
		if rr == nil {
			return nil
		}
		rr.starting = false
		if msg.err != nil {
			return tea.Batch(common.Status("Could not save this run (retrying): "+msg.err.Error(), true), r.scheduleRetry())
		}
		rr.id = msg.id
		for i := range rr.queue {
			rr.queue[i].SessionID = rr.id
		}
		cmds := []tea.Cmd{r.save(m.ctx, rr.queue...)}
		rr.queue = nil
		if msg.play == m.play.n {
			cmds = append(cmds, m.savePlace()) // the place now knows its run
		}
		if rr.finish != nil {
			cmds = append(cmds, finishCmd(m.ctx.Store, msg.play, rr.id, *rr.finish))
			rr.finish = nil
		}
		return tea.Batch(cmds...)
	case attemptsSavedMsg:
		if msg.err != nil {
			r.retry = append(r.retry, msg.failed...)
			return tea.Batch(common.Status("Could not save a decision (retrying): "+msg.err.Error(), true), r.scheduleRetry())
		}
		return nil
	case runFinishedMsg:
		rr := r.runs[msg.play]
		if msg.err != nil {
			if rr != nil {
				rr.finish = &msg.req
			}
			if msg.play == m.play.n {
				m.play.failed = true
				m.layout()
			}
			return tea.Batch(common.Status("Could not save this run (retrying): "+msg.err.Error(), true), r.scheduleRetry())
		}
		delete(r.runs, msg.play)
		if msg.play == m.play.n {
			m.play.saved, m.play.failed = true, false
			m.layout()
		}
		return m.loadRecords()
	case retryMsg:
		r.retrying = false
		cmds := []tea.Cmd{r.save(m.ctx)}
		for play, rr := range r.runs {
			switch {
			case rr.id == 0:
				cmds = append(cmds, r.startCmd(m.ctx, play, rr))
			case rr.finish != nil:
				cmds = append(cmds, finishCmd(m.ctx.Store, play, rr.id, *rr.finish))
				rr.finish = nil
			}
		}
		return tea.Batch(cmds...)
	}
	return nil
}
