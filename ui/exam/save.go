package exam

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/study"
	"dvaprep/ui/common"
)

// opKind is what a store write does.
type opKind int

const (
	opCreate opKind = iota // create the session row with the exam's state
	opAnswer               // one question's choice, flag and time
	opFlag                 // one question's flag
	opStrike               // one question's strikes
	opFinish               // submit: the result, the attempts and their review cards, in one transaction
)

// op is one store write.
type op struct {
	kind     opKind
	session  study.ExamSession // opCreate
	abandon  bool              // opCreate: the learner agreed to abandon the exam in progress
	pos      int               // opAnswer, opFlag
	qid      string
	row      engine.AnswerRow
	result   []byte // opFinish
	attempts []study.Attempt
}

// sessionRef holds the store's ID of this screen's session. The create write sets it; the writes queued
// after it read it. The root's queue runs them one at a time, in order, so they see it set.
type sessionRef struct{ id int64 }

// saver is this screen's view of its writes, which the root's one queue runs and retries: whatever screen
// is open, they complete, and a failure is shown.
type saver struct {
	ask       common.Confirm // "abandon the exam in progress?"
	waiting   *startedMsg    // the drawn exam that waits for the answer
	abandon   bool           // the learner agreed to abandon the exam in progress
	ref       *sessionRef
	saved     bool  // the finish was stored
	takenOver error // the exam was closed in another window: nothing more can be added to it
	err       error // the last write given up for another reason
}

// savedMsg reports a write of this screen that was stored.
type savedMsg struct {
	owner uint64
	kind  opKind
	id    int64 // the new session's ID, for opCreate
}

// errNotCreated stops the writes of an exam whose creation was refused.
var errNotCreated = fmt.Errorf("%w: the exam was not created", study.ErrTakenOver)

// enqueue adds a write to the root's queue. A waiting write of the same question is replaced by the newer
// state, which holds it.
func (m *Model) enqueue(o op) tea.Cmd {
	s := m.study()
	if s == nil {
		return nil // nowhere to save: a screen made without a store
	}
	if o.kind == opCreate || m.saves.ref == nil {
		m.saves.ref = &sessionRef{id: m.id}
	}
	ref, owner, pos := m.saves.ref, m.owner, o.pos
	w := common.Write{Owner: common.Owner(owner)}
	switch o.kind {
	case opCreate:
		if o.session.UID == "" {
			o.session.UID = study.NewUID(o.session.CreatedAt) // a retry finds the session it created
		}
		w.What = "the new exam"
		w.Do = func(ctx context.Context) (tea.Msg, error) {
			id, err := s.StartExam(ctx, o.session, o.abandon)
			if err != nil {
				return nil, err
			}
			ref.id = id
			return savedMsg{owner: owner, kind: opCreate, id: id}, nil
		}
	case opAnswer, opFlag, opStrike:
		w.What = fmt.Sprintf("your answer to question %d", pos+1)
		w.Key = fmt.Sprintf("exam/%d/%d", owner, pos)
		w.Do = func(ctx context.Context) (tea.Msg, error) {
			if ref.id == 0 {
				return nil, errNotCreated
			}
			// The whole state of the question: a flag write that replaced an answer write keeps it.
			err := s.SaveAnswer(ctx, ref.id, study.Answer{Position: o.pos, QuestionID: o.qid,
				Choice: engine.EncodeChoice(o.row.Choice), Struck: engine.EncodeChoice(o.row.Struck), Flagged: o.row.Flagged,
				Elapsed: time.Duration(o.row.TimeMs) * time.Millisecond})
			if err != nil {
				return nil, err
			}
			return savedMsg{owner: owner, kind: o.kind}, nil
		}
	case opFinish:
		w.What = "the finished exam"
		w.Do = func(ctx context.Context) (tea.Msg, error) {
			if ref.id == 0 {
				return nil, errNotCreated
			}
			if err := s.FinishExam(ctx, ref.id, o.result, o.attempts); err != nil {
				return nil, err
			}
			return savedMsg{owner: owner, kind: opFinish}, nil
		}
	}
	return m.ctx.Write(w)
}

// saveRow queues the current state of question i.
func (m *Model) saveRow(i int, kind opKind) tea.Cmd {
	if m.sess == nil || i < 0 || i >= len(m.sess.Items) {
		return nil
	}
	return m.enqueue(op{kind: kind, pos: i, qid: m.sess.Items[i].QuestionID, row: m.sess.Row(i)})
}

// saved takes a stored write of this screen.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	if msg.owner != m.owner {
		return nil
	}
	switch msg.kind {
	case opCreate:
		m.id = msg.id
	case opFinish:
		m.saves.saved = true
	}
	if m.mode == modeResult {
		m.relayout()
	}
	return nil
}

// failed takes a write of this screen that the queue gave up: the exam was closed elsewhere, or another
// is in progress. It is said once, and the result never shows "Saved".
func (m *Model) failed(msg common.WriteFailedMsg) tea.Cmd {
	if msg.Owner != common.Owner(m.owner) {
		return nil
	}
	if m.mode == modeResult {
		defer m.relayout()
	}
	if errors.Is(msg.Err, study.ErrExamInProgress) || errors.Is(msg.Err, study.ErrTakenOver) {
		first := m.saves.takenOver == nil
		m.saves.takenOver = msg.Err
		if !first {
			return nil
		}
		if m.active() && !m.saves.ask.Open() {
			m.ensureConfirm()
			m.saves.ask.Ask("This exam was closed in another window, where another exam was started.\n"+
				"What you answer here is not saved to it; what was saved before counts.\n\nOpen the exam in progress?",
				"open it", "stay here")
		}
		return common.Status("Not saved: this exam was closed in another window. esc, then x, opens the exam in progress.", true)
	}
	m.saves.err = msg.Err
	return common.Status("Not saved: "+msg.What+": "+msg.Err.Error(), true)
}

// pending is how many of this screen's writes are not stored yet.
func (m *Model) pending() int {
	if m.ctx.Writes == nil {
		return 0
	}
	return m.ctx.Writes.Pending(common.Owner(m.owner))
}

// failing is the error holding this screen's writes back, nil while all is well.
func (m *Model) failing() error {
	if m.ctx.Writes == nil || !m.ctx.Writes.Failing(common.Owner(m.owner)) {
		return nil
	}
	return m.ctx.Writes.Err()
}

// retry tries a failed write again at once.
func (m *Model) retry() tea.Cmd {
	if m.failing() == nil {
		return nil
	}
	return m.ctx.Writes.RetryNow()
}

// saveState is the one-line state of this screen's writes for headers: empty while all is well.
func (m *Model) saveState() string {
	st := m.ctx.Styles
	switch {
	case m.saves.takenOver != nil:
		return st.Error.Render("✗ closed in another window")
	case m.failing() != nil:
		return st.Error.Render(fmt.Sprintf("✗ %d unsaved, retrying", m.pending()))
	case m.pending() > 2:
		return st.Subtle.Render("saving…")
	}
	return ""
}

// askAbandon asks before a new exam abandons the one in progress (one exam at a time).
func (m *Model) askAbandon(msg startedMsg) tea.Cmd {
	a := msg.active
	left := "untimed"
	if !a.Deadline.IsZero() {
		left = clock(max(a.Deadline.Sub(m.ctx.Now()), 0)) + " left"
	}
	m.saves.waiting = &msg
	m.ensureConfirm()
	m.saves.ask.Ask(fmt.Sprintf("An exam is in progress: %s, %s.\n\n"+
		"Abandon it and start this one? Its answers are kept and count in your progress and review.",
		answeredText(msg.answered), left),
		"abandon it and start", "open the exam in progress")
	return nil
}

// ensureConfirm makes the dialog usable: a zero Confirm has no keys.
func (m *Model) ensureConfirm() {
	if !m.saves.ask.Open() && m.saves.ask.Question == "" {
		m.saves.ask = common.NewConfirm()
	}
}

// answerAsk takes the answer to askAbandon, or to the offer to open the exam in progress.
func (m *Model) answerAsk(key tea.KeyPressMsg) tea.Cmd {
	w := m.saves.waiting
	if w == nil {
		if m.saves.ask.Key(key) == common.ConfirmYes {
			return m.openInProgress()
		}
		return nil
	}
	switch m.saves.ask.Key(key) {
	case common.ConfirmYes:
		m.saves.waiting, m.saves.abandon = nil, true
		return m.started(*w)
	case common.ConfirmNo:
		m.saves.waiting = nil
		m.mode = modeLoading
		m.id = w.active.ID
		return m.resumeCmd(w.active.ID)
	}
	return nil
}

// study is the part of the study layer this screen uses, or nil without a database.
func (m *Model) study() common.ExamStudy {
	if m.ctx.Study == nil {
		return nil
	}
	return m.ctx.Study
}

// openInProgress leaves this exam, closed elsewhere, for the one in progress, in the same screen.
func (m *Model) openInProgress() tea.Cmd {
	st, ctx, owner, load := m.study(), m.ctx.Background(), m.owner, m.resumeLoader()
	if st == nil {
		return nil
	}
	m.attach(nil)
	m.id, m.mode = 0, modeLoading
	m.saves = saver{ask: m.saves.ask}
	return func() tea.Msg {
		e, _, err := st.ExamInProgress(ctx)
		if err == nil && e == nil {
			err = errors.New("no exam is in progress now")
		}
		if err != nil {
			return resumedMsg{owner: owner, err: err}
		}
		return load(e.ID)
	}
}

// answeredText is "3 questions answered" or "3 questions answered, 1 incomplete".
func answeredText(c study.ExamCount) string {
	s := plural(c.Answered, "question", "questions") + " answered"
	if c.Incomplete > 0 {
		s += fmt.Sprintf(", %d incomplete", c.Incomplete)
	}
	return s
}
