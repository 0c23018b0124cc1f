package exam

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	engine "dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/study"
	"dvaprep/ui/common"
)

type missedMsg struct {
	owner    uint64
	ids      []string
	err      error
	active   *study.ExamSession
	answered study.ExamCount

	sets     []engine.PracticeSet
	attempts []study.SetAttempt
	setsErr  error
}

// loadMissed reads the questions answered wrong before, for the missed-questions drill.
func (m *Model) loadMissed() tea.Cmd {
	st, p, owner, ctx := m.study(), m.ctx.Pack, m.owner, m.ctx.Background()
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		ms, err := st.MostMissed(ctx, 0)
		var ids []string
		for _, x := range ms {
			if x.Kind == study.KindQuestion && p.Question(x.ItemID) != nil {
				ids = append(ids, x.ItemID)
			}
		}
		msg := missedMsg{owner: owner, ids: ids, err: err}
		if active, answered, aerr := st.ExamInProgress(ctx); aerr == nil && active != nil {
			msg.active, msg.answered = active, answered
		}
		msg.sets, msg.setsErr = st.PracticeSets(ctx)
		if msg.setsErr == nil {
			msg.attempts, msg.setsErr = st.SetAttempts(ctx)
		}
		return msg
	}
}

// configFor turns `dvaprep exam` options into a configuration: a drill when a domain or task is named, the full
// mock when the length and time are the pack's, a custom exam otherwise.
func configFor(p *pack.Pack, s common.ExamStart) (engine.Config, error) {
	if s.Questions < 1 {
		return engine.Config{}, fmt.Errorf("--questions must be at least 1, not %d", s.Questions)
	}
	if s.Minutes < 0 {
		return engine.Config{}, fmt.Errorf("--minutes must be 0 (untimed) or more, not %d", s.Minutes)
	}
	d := time.Duration(s.Minutes) * time.Minute
	if s.Set > 0 {
		// The set's questions come from the store (a set taken before is frozen there): startCmd fills them.
		c := engine.FullMock(p)
		c.Set = s.Set
		return c, nil
	}
	if s.Domain != "" || s.Task != "" {
		c := engine.DomainDrill(s.Domain, s.Task, s.Questions)
		c.Duration = d
		return c, nil
	}
	if s.Questions == p.Exam.Questions && s.Minutes == p.Exam.Minutes {
		return engine.FullMock(p), nil
	}
	return engine.CustomMock(s.Questions, d), nil
}

type startedMsg struct {
	owner    uint64
	sess     *engine.Session
	active   *study.ExamSession // an exam in progress, which this one would abandon
	answered study.ExamCount
	warn     error // a shortfall or an unreadable history: the exam still runs
	err      error
}

// startCmd draws a session, unseen questions first, in a command: the history comes from the store.
func (m *Model) startCmd(cfg engine.Config) tea.Cmd {
	p, st, now, owner, ctx := m.ctx.Pack, m.study(), m.ctx.Now(), m.owner, m.ctx.Background()
	if cfg.Seed == 0 {
		cfg.Seed = engine.NewSeed()
	}
	return func() tea.Msg {
		var seen map[string]bool
		var warn error
		if st != nil {
			var err error
			if seen, err = st.SeenQuestionIDs(ctx); err != nil {
				warn = fmt.Errorf("could not read which questions you have seen, so some may repeat: %w", err)
			}
		}
		var active *study.ExamSession
		var answered study.ExamCount
		if st != nil {
			active, answered, _ = st.ExamInProgress(ctx) // unreadable: the create asks the store again
		}
		if cfg.Set > 0 && len(cfg.IDs) == 0 {
			if st == nil {
				return startedMsg{owner: owner, err: errors.New("practice sets need the progress database")}
			}
			sets, err := st.PracticeSets(ctx)
			if err != nil {
				return startedMsg{owner: owner, err: fmt.Errorf("could not form the practice sets: %w", err)}
			}
			s := engine.FindSet(sets, cfg.Set)
			if s == nil {
				return startedMsg{owner: owner, err: fmt.Errorf("there is no practice set %d: the bank makes %s",
					cfg.Set, plural(len(sets), "set", "sets"))}
			}
			seed := cfg.Seed
			cfg = engine.SetMock(p, *s)
			cfg.Seed = seed
		}
		sess, err := engine.Start(p, cfg, seen, now)
		var sf *engine.Shortfall
		if errors.As(err, &sf) {
			warn, err = sf, nil
		}
		return startedMsg{owner: owner, sess: sess, warn: warn, err: err, active: active, answered: answered}
	}
}

// started shows the first question and creates the session in the store.
func (m *Model) started(msg startedMsg) tea.Cmd {
	if msg.owner != m.owner || m.sess != nil {
		return nil
	}
	if msg.err != nil || msg.sess == nil {
		m.mode = modeMenu
		err := msg.err
		if errors.Is(err, engine.ErrNoQuestions) {
			err = errors.New("no question matches that choice: pick another domain, task or mode")
		}
		if err == nil {
			err = errors.New("the draw came back empty")
		}
		return common.Status("Could not start: "+err.Error(), true)
	}
	if msg.active != nil && !m.saves.abandon {
		return m.askAbandon(msg)
	}
	m.attach(msg.sess)
	m.warned = m.sess.Warning(m.sess.Started) // a short exam does not start with a warning
	state, err := m.sess.MarshalState()
	cmds := []tea.Cmd{}
	if err != nil {
		cmds = append(cmds, common.Status("This exam cannot be saved: "+err.Error(), true))
	} else {
		cmds = append(cmds, m.enqueue(op{kind: opCreate, abandon: m.saves.abandon, session: study.ExamSession{
			Kind: storeKind(m.sess.Config.Kind), CreatedAt: m.sess.Started, Deadline: m.sess.Deadline, Config: state,
			Set: m.sess.Config.Set}}))
	}
	if msg.warn != nil {
		cmds = append(cmds, common.Status(msg.warn.Error(), false))
	}
	cmds = append(cmds, m.open(0), m.ensureTick())
	return tea.Batch(cmds...)
}

type resumedMsg struct {
	owner    uint64
	id       int64
	sess     *engine.Session
	finished bool
	err      error
}

// resumeCmd loads a stored session and its answers.
func (m *Model) resumeCmd(id int64) tea.Cmd {
	load := m.resumeLoader()
	return func() tea.Msg { return load(id) }
}

// resumeLoader returns what loads a stored session, to call in a command.
func (m *Model) resumeLoader() func(id int64) tea.Msg {
	st, owner, ctx := m.study(), m.owner, m.ctx.Background()
	return func(id int64) tea.Msg {
		if st == nil {
			return resumedMsg{owner: owner, err: errors.New("no progress database is open")}
		}
		es, err := st.ExamSession(ctx, id)
		if err != nil {
			return resumedMsg{owner: owner, err: err}
		}
		saved, err := st.ExamAnswers(ctx, id)
		if err != nil {
			return resumedMsg{owner: owner, err: err}
		}
		rows := make([]engine.AnswerRow, 0, len(saved))
		for _, a := range saved {
			c, err := engine.DecodeChoice(a.Choice)
			if err != nil {
				return resumedMsg{owner: owner, err: fmt.Errorf("exam session %d, question %d: %w", id, a.Position+1, err)}
			}
			x, err := engine.DecodeChoice(a.Struck)
			if err != nil {
				return resumedMsg{owner: owner, err: fmt.Errorf("exam session %d, question %d: %w", id, a.Position+1, err)}
			}
			rows = append(rows, engine.AnswerRow{Position: a.Position, Choice: c, Struck: x, Flagged: a.Flagged,
				TimeMs: a.Elapsed.Milliseconds()})
		}
		sess, err := engine.Restore(es.Config, rows)
		if err != nil {
			return resumedMsg{owner: owner, err: fmt.Errorf("exam session %d: %w", id, err)}
		}
		finished := es.Status != study.StatusActive
		if finished {
			sess.Submit(es.FinishedAt)
		}
		return resumedMsg{owner: owner, id: id, sess: sess, finished: finished}
	}
}

// resumed continues a stored session with the time truly left, or shows its result if it is over.
func (m *Model) resumed(msg resumedMsg) tea.Cmd {
	if msg.owner != m.owner || m.sess != nil {
		return nil
	}
	if msg.err != nil {
		m.fatal = fmt.Errorf("could not resume the exam: %w", msg.err)
		return nil
	}
	m.attach(msg.sess)
	m.id = msg.id
	var warn tea.Cmd
	if err := m.sess.Check(m.ctx.Pack); err != nil {
		warn = common.Status(err.Error()+"; it will not be scored", true)
	}
	if msg.finished {
		m.saves.saved = true
		r := engine.Score(m.ctx.Pack, m.sess)
		m.mode = modeResult
		m.res.saved = m.savedLine()
		m.res.show(&r, false)
		return tea.Batch(warn, m.loadPrevious())
	}
	if m.sess.Expired(m.ctx.Now()) {
		return tea.Batch(warn, m.submit(whileAway))
	}
	first := 0
	for i := range m.sess.Items {
		if !m.sess.Answered(i) {
			first = i
			break
		}
	}
	return tea.Batch(warn, m.open(first), m.ensureTick())
}
