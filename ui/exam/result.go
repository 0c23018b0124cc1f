package exam

import (
	"encoding/json"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/store"
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
	m.leaving = false
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
	cmds = append(cmds, statusIf(why))
	return tea.Batch(cmds...)
}

// attempts are what the progress statistics learn from the session: one per answered, scored question.
func (m *Model) attempts(r engine.Result, at time.Time) []store.Attempt {
	src := store.SourceExam
	if k := m.sess.Config.Kind; k == engine.Drill || k == engine.Missed {
		src = store.SourceDrill
	}
	var out []store.Attempt
	for _, it := range r.Items {
		q := m.ctx.Pack.Question(it.QuestionID)
		if it.Missing || it.Unscored || !it.Answered || q == nil {
			continue
		}
		score := 0.0
		if it.Correct {
			score = 1
		}
		out = append(out, store.Attempt{ItemID: it.QuestionID, Kind: store.KindQuestion, Domain: it.Domain,
			Task: it.Task, Score: score, Choice: optionLabels(q, it.Choice), CorrectChoice: optionLabels(q, it.Right),
			Elapsed: it.Time, Source: src, At: at})
	}
	return out
}

// optionLabels names options by their short label, or their text when they have none: "SQS + SNS".
func optionLabels(q *pack.Question, originals []int) string {
	parts := make([]string, 0, len(originals))
	for _, o := range originals {
		if o < 0 || o >= len(q.Options) {
			continue
		}
		l := q.Options[o].Label
		if l == "" {
			l = q.Options[o].Text
		}
		parts = append(parts, l)
	}
	return strings.Join(parts, store.ChoiceSep)
}

// close leaves the screen, once every write has landed: closing with writes waiting would drop them.
func (m *Model) close(note string) tea.Cmd {
	if len(m.saves.queue) == 0 {
		return tea.Batch(m.back(), statusIf(note))
	}
	m.closing, m.closeNote = true, note
	return common.Status("Saving… the screen closes once it is saved"+m.saves.reason(), m.saves.err != nil)
}

func statusIf(note string) tea.Cmd {
	if note == "" {
		return nil
	}
	return common.Status(note, false)
}
