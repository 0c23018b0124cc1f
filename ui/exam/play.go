package exam

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/ui/common"
)

// The coordinator's part of a question: it owns the session, so it books the time spent on a question, applies
// choices and marks, and queues their writes. The question model only draws and moves its cursor.

// open shows question i, booking the time spent on the one before.
func (m *Model) open(i int) tea.Cmd {
	cmd := m.leave()
	m.mode = modeQuestion
	m.since = m.ctx.Now()
	m.quest.show(i)
	return tea.Batch(cmd, m.renderCmd())
}

// leave books the time spent on the question on screen and saves it with the question's row.
func (m *Model) leave() tea.Cmd {
	if !m.active() || m.since.IsZero() {
		m.since = time.Time{}
		return nil
	}
	d := m.ctx.Now().Sub(m.since)
	m.since = time.Time{}
	if d <= 0 {
		return nil
	}
	_ = m.sess.AddTime(m.quest.cur, d) // cur is always in range
	return m.saveRow(m.quest.cur, opAnswer)
}

// book adds the time spent so far on the current question, before its row is saved.
func (m *Model) book() {
	if m.since.IsZero() {
		return
	}
	now := m.ctx.Now()
	_ = m.sess.AddTime(m.quest.cur, now.Sub(m.since))
	m.since = now
}

// choose picks (single response) or toggles (multiple response) the option at display position d.
func (m *Model) choose(d int) tea.Cmd {
	q := m.question(m.quest.cur)
	if q == nil || !m.active() || d < 0 || d >= len(q.Options) {
		return nil
	}
	if m.sheet().revealed(m.quest.cur) {
		return common.Status("Already answered: n goes to the next question", false)
	}
	m.book()
	var err error
	if q.Select > 1 {
		err = m.sess.Toggle(m.quest.cur, d)
	} else {
		err = m.sess.Answer(m.quest.cur, []int{m.sess.Items[m.quest.cur].Original(d)})
	}
	if errors.Is(err, engine.ErrStruck) {
		return common.Status(fmt.Sprintf("%s is struck out: x un-strikes it", letter(d)), false)
	}
	if err != nil {
		return common.Status(err.Error(), true)
	}
	cmd := m.saveRow(m.quest.cur, opAnswer)
	m.quest.chosen(d)
	if m.sheet().revealed(m.quest.cur) {
		return tea.Batch(cmd, m.renderCmd())
	}
	return cmd
}

// strike strikes out the option at display position d, or un-strikes it, and saves it with the answer.
func (m *Model) strike(d int) tea.Cmd {
	q := m.question(m.quest.cur)
	if q == nil || !m.active() || d < 0 || d >= len(q.Options) || m.sheet().revealed(m.quest.cur) {
		return nil
	}
	err := m.sess.Strike(m.quest.cur, d)
	if errors.Is(err, engine.ErrChosenStrike) {
		return common.Status(fmt.Sprintf("%s is your answer: choose another (or toggle it off) before striking it out", letter(d)), false)
	}
	if err != nil {
		return common.Status(err.Error(), true)
	}
	m.quest.chosen(d)
	return m.saveRow(m.quest.cur, opStrike)
}

func (m *Model) flag() tea.Cmd {
	if !m.active() {
		return nil
	}
	if err := m.sess.Flag(m.quest.cur); err != nil {
		return common.Status(err.Error(), true)
	}
	return m.saveRow(m.quest.cur, opFlag)
}

// openNote opens a note link on top of this screen; esc comes back. Writes go on meanwhile.
func (m *Model) openNote(link string) tea.Cmd {
	return common.OpenNote(link)
}

// apply carries out what a sub-model asked for.
func (m *Model) apply(a action) tea.Cmd {
	switch a.kind {
	case actChoose:
		return m.choose(a.pos)
	case actFlag:
		return m.flag()
	case actStrike:
		return m.strike(a.pos)
	case actOpen:
		return m.open(a.pos)
	case actGrid:
		cmd := m.leave()
		m.mode = modeNavigator
		m.nav.showAll(m.quest.cur)
		return cmd
	case actReview:
		cmd := m.leave()
		m.mode = modeReview
		m.nav.showCheck(m.quest.cur)
		return cmd
	case actSubmit:
		return m.submit(byUser)
	case actLeave:
		if m.active() {
			m.askLeave(false)
			return nil
		}
		return m.back()
	case actBack:
		if m.fromMenu && m.mode == modeResult {
			return m.backToMenu()
		}
		return m.close("")
	case actNote:
		return m.openNote(a.text)
	case actStatus:
		return common.Status(a.text, a.err)
	case actStart:
		m.fromMenu = true
		m.mode = modeLoading
		return m.startCmd(a.cfg)
	case actResume:
		m.mode = modeLoading
		m.id = a.id
		return m.resumeCmd(a.id)
	case actAnswers:
		m.res.showAnswers(a.filter, m.mode == modeAnswers)
		m.mode = modeAnswers
		return m.renderCmd()
	case actResult:
		m.mode = modeResult
		m.relayout()
	case actRender:
		return m.renderCmd()
	}
	return nil
}
