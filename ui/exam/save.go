package exam

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/practice"
	"dvaprep/store"
	"dvaprep/ui/common"
)

// opKind is what a store write does.
type opKind int

const (
	opCreate opKind = iota // create the session row with the exam's state
	opAnswer               // upsert one question's choice, flag and time
	opFlag                 // set one question's flag
	opFinish               // submit: the result and the attempts, in one transaction
)

// op is one store write waiting its turn.
type op struct {
	kind     opKind
	session  store.ExamSession // opCreate
	pos      int               // opAnswer, opFlag
	qid      string
	row      engine.AnswerRow
	result   []byte // opFinish
	attempts []store.Attempt
}

// saver is the queue of store writes. They go one at a time and in order, so a later state of a question can never
// be overtaken by an earlier one and nothing is written before its session exists. A failed write stays at the
// head of the queue and is retried on the next tick or key; it is never dropped.
type saver struct {
	queue    []op
	inflight bool
	seq      uint64
	err      error // the last failure, until a write succeeds
	saved    bool  // a finish was written
}

// reason explains why the queue is stuck, for messages.
func (s *saver) reason() string {
	if s.err == nil {
		return ""
	}
	return " (" + s.err.Error() + ")"
}

// savedMsg reports one write. It names its screen and its place in the queue, so a late one is dropped.
type savedMsg struct {
	owner uint64
	seq   uint64
	id    int64 // the new session's ID, for opCreate
	err   error
}

// enqueue adds a write. A waiting write for the same question is replaced by the newer state, which holds it.
func (m *Model) enqueue(o op) tea.Cmd {
	q := &m.saves.queue
	first := 0
	if m.saves.inflight {
		first = 1
	}
	if o.kind == opAnswer || o.kind == opFlag {
		for i := first; i < len(*q); i++ {
			w := &(*q)[i]
			if (w.kind == opAnswer || w.kind == opFlag) && w.pos == o.pos {
				if w.kind == opAnswer {
					o.kind = opAnswer
				}
				*q = append((*q)[:i], (*q)[i+1:]...)
				break
			}
		}
	}
	*q = append(*q, o)
	return tea.Batch(m.flush(), m.ensureTick())
}

// saveRow queues the current state of question i: its answer (with flag and time), or only its flag.
func (m *Model) saveRow(i int, kind opKind) tea.Cmd {
	if m.sess == nil || i < 0 || i >= len(m.sess.Items) {
		return nil
	}
	return m.enqueue(op{kind: kind, pos: i, qid: m.sess.Items[i].QuestionID, row: m.sess.Row(i)})
}

// flush starts the write at the head of the queue, unless one is running.
func (m *Model) flush() tea.Cmd {
	st := m.ctx.Store
	if st == nil {
		m.saves.queue = nil // nowhere to save: a screen made without a store
		return nil
	}
	if m.saves.inflight || len(m.saves.queue) == 0 {
		return nil
	}
	o := m.saves.queue[0]
	m.saves.inflight = true
	m.saves.seq++
	owner, seq, id := m.owner, m.saves.seq, m.id
	return func() tea.Msg {
		ctx := storeCtx()
		var err error
		var newID int64
		switch o.kind {
		case opCreate:
			// One exam at a time: a new one closes any left in progress (their answers stay stored).
			if _, err = st.AbandonActiveExamSessions(ctx); err == nil {
				newID, err = st.CreateExamSession(ctx, o.session)
			}
		case opAnswer:
			err = st.SaveAnswer(ctx, id, store.Answer{Position: o.pos, QuestionID: o.qid,
				Choice: engine.EncodeChoice(o.row.Choice), Flagged: o.row.Flagged,
				Elapsed: time.Duration(o.row.TimeMs) * time.Millisecond})
		case opFlag:
			err = st.SetFlag(ctx, id, o.pos, o.qid, o.row.Flagged)
		case opFinish:
			as := make([]store.Attempt, len(o.attempts))
			for i, a := range o.attempts {
				a.SessionID = id
				as[i] = a
			}
			err = st.FinishExamSession(ctx, id, store.StatusSubmitted, o.result, as)
			if err == nil {
				err = practice.Record(ctx, st, as...) // schedule the misses for review
			}
		}
		return savedMsg{owner: owner, seq: seq, id: newID, err: err}
	}
}

// saved takes a write's outcome: on success the next write starts; a failure stays queued and is shown.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	if msg.owner != m.owner || msg.seq != m.saves.seq || !m.saves.inflight || len(m.saves.queue) == 0 {
		return nil
	}
	m.saves.inflight = false
	o := m.saves.queue[0]
	var note tea.Cmd
	if msg.err != nil {
		if !errors.Is(msg.err, store.ErrSessionClosed) {
			first := m.saves.err == nil
			m.saves.err = msg.err
			if first {
				return common.Status("Not saved yet, retrying: "+msg.err.Error(), true)
			}
			return nil
		}
		// The session was finished elsewhere (another window, or a finish that landed before its reply was
		// lost): retrying cannot help, so say so once.
		if o.kind == opFinish {
			m.saves.saved = true
		} else {
			note = common.Status(fmt.Sprintf("Question %d could not be saved: this exam was already finished elsewhere", o.pos+1), true)
		}
	} else {
		switch o.kind {
		case opCreate:
			m.id = msg.id
		case opFinish:
			m.saves.saved = true
		}
	}
	m.saves.err = nil
	m.saves.queue = m.saves.queue[1:]
	if m.mode == modeResult {
		m.relayout()
	}
	if m.closing && len(m.saves.queue) == 0 {
		m.closing = false
		return tea.Batch(note, m.back(), statusIf(m.closeNote))
	}
	return tea.Batch(note, m.flush())
}

// retry restarts a failed write.
func (m *Model) retry() tea.Cmd {
	if m.saves.err == nil || m.saves.inflight {
		return nil
	}
	return m.flush()
}

// saveState is the one-line state of the queue for headers: empty while all is well.
func (m *Model) saveState() string {
	st := m.ctx.Styles
	switch {
	case m.saves.err != nil:
		return st.Error.Render(fmt.Sprintf("✗ %d unsaved, retrying", len(m.saves.queue)))
	case len(m.saves.queue) > 2:
		return st.Subtle.Render("saving…")
	}
	return ""
}
