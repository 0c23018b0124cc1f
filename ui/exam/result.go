package exam

import (
	"encoding/json"
	"time"

	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/study"
	"dvaprep/ui/common"
)

// Why an exam was submitted without the user asking.
const (
	byUser    = ""
	byClock   = "Time is up: the exam was submitted with the answers you gave."
	whileAway = "Time ran out while the exam was closed: it was submitted with the answers saved."
)

// submit ends the session, scores it and queues the finish: the result and one attempt per answered, scored
// question, written in one transaction. why is byUser, or the notice to show when the clock ran out.
func (m *Model) submit(why string) tea.Cmd {
	if !m.active() {
		return nil
	}
	cmds := []tea.Cmd{m.leave()}
	at := m.ctx.Now()
	if m.sess.Timed() && at.After(m.sess.Deadline) {
		at = m.sess.Deadline
	}
	m.sess.Submit(at)
	m.leaving.Close()
	r := engine.Score(m.ctx.Pack, m.sess)
	data, err := json.Marshal(r)
	if err != nil {
		data = nil
		cmds = append(cmds, common.Status("The result could not be encoded, so only the answers are kept: "+err.Error(), true))
	}
	cmds = append(cmds, m.enqueue(op{kind: opFinish, result: data, attempts: m.attempts(r, at)}))
	m.mode = modeResult
	m.res.saved = m.savedLine()
	m.res.show(&r, why != byUser)
	cmds = append(cmds, statusIf(why), m.loadPrevious())
	return tea.Batch(cmds...)
}

// attempts are what the progress statistics learn from the session: one per answered question. Every
// answer counts: the unscored ones are marked, not left out.
func (m *Model) attempts(r engine.Result, at time.Time) []study.Attempt {
	return study.ExamAttempts(m.ctx.Pack, m.sess.Config.Kind, r, at, "")
}

// close leaves the screen. Writes still waiting go on in the root's queue and complete later.
func (m *Model) close(note string) tea.Cmd {
	return tea.Batch(m.back(), statusIf(note))
}

// backToMenu leaves a finished session's result for the start menu it was started from, as the menu would be
// opened afresh: a new owner drops the old session's late messages, and the missed questions and sets reload.
func (m *Model) backToMenu() tea.Cmd {
	m.owner = uint64(common.NewOwner())
	m.tickGen++
	m.ticking = false
	m.sess, m.id, m.fromMenu = nil, 0, false
	m.warned = 0
	m.quest = newQuestionModel(m.ctx, m.keys)
	m.nav = newNavigator(m.ctx, m.keys)
	m.res = newResultModel(m.ctx, m.keys)
	m.menu.form, m.menu.brief = false, false
	m.mode = modeMenu
	m.relayout()
	return m.loadMissed()
}

func statusIf(note string) tea.Cmd {
	if note == "" {
		return nil
	}
	return common.Status(note, false)
}

// previousMsg brings the learner's attempts at practice sets, to compare a set's result with the last one.
type previousMsg struct {
	owner    uint64
	attempts []study.SetAttempt
	err      error
}

// loadPrevious reads the attempts at practice sets, for a session on a set.
func (m *Model) loadPrevious() tea.Cmd {
	st, owner, ctx := m.study(), m.owner, m.ctx.Background()
	if st == nil || m.sess == nil || m.sess.Config.Set <= 0 {
		return nil
	}
	return func() tea.Msg {
		as, err := st.SetAttempts(ctx)
		return previousMsg{owner: owner, attempts: as, err: err}
	}
}

// previous takes the attempts: the latest at the same set before this session is the one to compare with.
func (m *Model) previous(msg previousMsg) tea.Cmd {
	if msg.owner != m.owner || m.sess == nil {
		return nil
	}
	m.res.compared = true
	if msg.err != nil {
		return common.Status("Could not read your earlier attempts at this set: "+msg.err.Error(), true)
	}
	if p, ok := study.PreviousAttempt(msg.attempts, m.sess.Config.Set, m.id); ok {
		m.res.prev = &p
	}
	if m.mode == modeResult {
		m.relayout()
	}
	return nil
}
