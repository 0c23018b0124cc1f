// Package review is the Review screen: the cards due now, asked one by one. A card is a question or a
// scenario decision answered wrongly somewhere (see package practice). After each answer the screen shows
// every option's why and the explanation, then asks how sure the learner was; practice turns right/wrong,
// sure/unsure and the time taken into an FSRS rating, and the card is rescheduled in the store by a
// command. Store reads and writes run in commands; Update only moves state.
package review

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"dvaprep/practice"
	"dvaprep/study"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
)

type mode int

const (
	modeLoading  mode = iota // waiting for the cards
	modeAsk                  // a card is asked
	modeFeedback             // the answer is shown; waiting for sure/unsure
	modeEmpty                // nothing due
)

// Model is the review screen.
type Model struct {
	ctx  *common.Context
	keys KeyMap
	mode mode
	vp   viewport.Model
	rows [][2]int // the first and last content line of each option, to keep the cursor in view

	queue   []item // the cards due when the screen loaded, most overdue first
	cur     int
	skipped int // due cards whose item the pack no longer has
	fc      practice.Forecast
	loadErr error
	seq     int // the load in flight; older answers are dropped

	cursor  int
	chosen  []bool
	struck  []bool // options struck out: they cannot be chosen until un-struck
	shown   time.Time
	elapsed time.Duration
	right   bool
	score   float64

	reviewed, correct int          // this visit
	saving            int          // writes not stored yet
	reloadAfterSave   bool         // the queue ran out: load again once the writes land
	owner             common.Owner // this screen, for the results of its writes
}

// New opens the review screen.
func New(ctx *common.Context) *Model {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{} // the screen handles its own keys
	vp.MouseWheelEnabled = true
	return &Model{ctx: ctx, keys: DefaultKeyMap(), vp: vp, owner: common.NewOwner()}
}

// Init loads the cards.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title names the screen for the header.
func (m *Model) Title() string { return "Review" }

// Capturing is always false: the screen has no text field.
func (m *Model) Capturing() bool { return false }

// KeyMap returns the keys of the current mode.
func (m *Model) KeyMap() help.KeyMap {
	k := m.keys
	k.mode, k.right = m.mode, m.right
	if it := m.item(); it != nil {
		k.multi = it.selects() > 1
	}
	return k
}

type loadedMsg struct {
	seq   int
	cards []study.Card
	err   error
}

type forecastMsg struct {
	cards []study.Card
	err   error
}

// renderedMsg says the card's markdown is in the cache for width and theme.
type renderedMsg struct {
	width int
	theme markdown.Theme
	err   error
}

// write is one review to store: the card's new schedule and the attempt.
type write struct {
	answer  practice.Answer
	attempt study.Attempt
}

type savedMsg struct {
	owner common.Owner
	w     write
	card  study.Card
	ok    bool
}

// allCards lists every card, in a command.
func (m *Model) allCards() func() ([]study.Card, error) {
	st, now, ctx := m.study(), m.ctx.Now(), m.ctx.Background()
	return func() ([]study.Card, error) {
		if st == nil {
			return nil, nil
		}
		return st.DueCards(ctx, practice.Horizon(now), 0)
	}
}

func (m *Model) load() tea.Cmd {
	m.seq++
	seq, all := m.seq, m.allCards()
	return func() tea.Msg {
		cards, err := all()
		return loadedMsg{seq: seq, cards: cards, err: err}
	}
}

func (m *Model) refreshForecast() tea.Cmd {
	all := m.allCards()
	return func() tea.Msg {
		cards, err := all()
		return forecastMsg{cards: cards, err: err}
	}
}

// Update moves the screen's state; I/O happens in the commands it returns.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.relayout()
		return m, m.renderCmd()
	case common.ThemeMsg:
		return m, m.renderCmd()
	case common.ResumeMsg:
		if m.mode == modeEmpty {
			return m, m.load()
		}
		return m, nil
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		return m, m.loaded(msg)
	case forecastMsg:
		if msg.err == nil {
			m.fc = m.forecast(msg.cards)
		}
		return m, nil
	case renderedMsg:
		if msg.err != nil {
			return m, common.Status(msg.err.Error(), true)
		}
		if msg.width == m.ctx.MarkdownWidth() && msg.theme == m.ctx.Theme() {
			m.relayout()
		}
		return m, nil
	case common.WriteFailedMsg:
		if msg.Owner != m.owner {
			return m, nil
		}
		m.saving = max(m.saving-1, 0)
		if m.saving == 0 && m.reloadAfterSave {
			m.reloadAfterSave = false
			return m, m.load()
		}
		return m, nil
	case savedMsg:
		return m, m.saved(msg)
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// loaded takes the cards: the due ones make the queue, all of them the forecast.
func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	if msg.err != nil {
		m.loadErr = msg.err
		m.mode = modeEmpty
		return common.Status("Could not read the review cards: "+msg.err.Error(), true)
	}
	m.loadErr = nil
	now := m.ctx.Now()
	m.queue, m.skipped, m.cur = nil, 0, 0
	for _, c := range msg.cards {
		it, ok := resolve(m.ctx.Pack, c)
		switch {
		case !ok && !c.Due.After(now):
			m.skipped++
		case ok && !c.Due.After(now):
			m.queue = append(m.queue, it)
		}
	}
	m.fc = m.forecast(msg.cards)
	if len(m.queue) == 0 {
		m.mode = modeEmpty
		m.relayout()
		return nil
	}
	return m.ask(0)
}

// forecast counts the cards this pack can still ask.
func (m *Model) forecast(cards []study.Card) practice.Forecast {
	cards = slices.DeleteFunc(slices.Clone(cards), func(c study.Card) bool {
		_, ok := resolve(m.ctx.Pack, c)
		return !ok
	})
	return practice.ForecastOf(cards, m.ctx.Now())
}

// item is the card on screen, or nil.
func (m *Model) item() *item {
	if (m.mode != modeAsk && m.mode != modeFeedback) || m.cur >= len(m.queue) {
		return nil
	}
	return &m.queue[m.cur]
}

// ask puts card i on screen.
func (m *Model) ask(i int) tea.Cmd {
	m.cur, m.mode = i, modeAsk
	m.cursor, m.right, m.score, m.elapsed = 0, false, 0, 0
	m.chosen = make([]bool, len(m.queue[i].options()))
	m.struck = make([]bool, len(m.chosen))
	m.shown = m.ctx.Now()
	m.relayout()
	m.vp.GotoTop()
	return m.renderCmd()
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return common.Back()
	case key.Matches(msg, k.PageDown):
		m.vp.PageDown()
		return nil
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
		return nil
	}
	switch m.mode {
	case modeAsk:
		return m.keyAsk(msg)
	case modeFeedback:
		switch {
		case key.Matches(msg, k.Up):
			m.vp.ScrollUp(1)
		case key.Matches(msg, k.Down):
			m.vp.ScrollDown(1)
		case key.Matches(msg, k.Sure):
			return m.rate(true)
		case key.Matches(msg, k.Unsure):
			return m.rate(false)
		case key.Matches(msg, k.Enter):
			if m.right {
				return common.Status("Were you sure? s for sure, u for unsure", false)
			}
			return m.rate(false)
		}
	case modeEmpty:
		if key.Matches(msg, k.Reload) {
			return tea.Batch(m.retry(), m.load())
		}
	}
	return nil
}

func (m *Model) keyAsk(msg tea.KeyPressMsg) tea.Cmd {
	k, it := m.keys, m.item()
	n := len(m.chosen)
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = (m.cursor + n - 1) % n
		m.relayout()
		m.keepCursorVisible()
	case key.Matches(msg, k.Down):
		m.cursor = (m.cursor + 1) % n
		m.relayout()
		m.keepCursorVisible()
	case key.Matches(msg, k.Choose):
		d := optionKey(msg.String())
		if d < 0 || d >= n {
			return common.Status(fmt.Sprintf("There are %d options: %s", n, optionRange(n)), false)
		}
		m.cursor = d
		return m.pick(d)
	case key.Matches(msg, k.Toggle):
		if it.selects() > 1 {
			return m.pick(m.cursor)
		}
	case key.Matches(msg, k.Strike):
		return m.strike(m.cursor)
	case key.Matches(msg, k.Enter):
		if it.selects() > 1 {
			if c := m.count(); c != it.selects() {
				return common.Status(fmt.Sprintf("Choose %d options (%d chosen): space or 1–6 toggles", it.selects(), c), false)
			}
			return m.answer()
		}
		return m.pick(m.cursor)
	}
	return nil
}

// strike strikes out option d, or un-strikes it: a note to self that it is wrong, as the real test driver
// allows. A chosen option cannot be struck.
func (m *Model) strike(d int) tea.Cmd {
	if d < 0 || d >= len(m.struck) {
		return nil
	}
	if m.chosen[d] {
		return common.Status(fmt.Sprintf("%c is chosen: toggle it off before striking it out", rune('A'+d)), false)
	}
	m.struck[d] = !m.struck[d]
	m.relayout()
	return nil
}

// pick chooses option d: a single answer is given at once; a multiple answer once enough are toggled on.
func (m *Model) pick(d int) tea.Cmd {
	it := m.item()
	if m.struck[d] {
		return common.Status(fmt.Sprintf("%c is struck out: x un-strikes it", rune('A'+d)), false)
	}
	if it.selects() == 1 {
		clear(m.chosen)
		m.chosen[d] = true
		return m.answer()
	}
	if !m.chosen[d] && m.count() >= it.selects() {
		return common.Status(fmt.Sprintf("Only %d options: untoggle one first", it.selects()), false)
	}
	m.chosen[d] = !m.chosen[d]
	if m.count() == it.selects() {
		return m.answer()
	}
	m.relayout()
	return nil
}

func (m *Model) count() int {
	n := 0
	for _, c := range m.chosen {
		if c {
			n++
		}
	}
	return n
}

// answer marks the answer and shows the feedback.
func (m *Model) answer() tea.Cmd {
	it := m.item()
	opts := it.options()
	m.elapsed = max(m.ctx.Now().Sub(m.shown), 0)
	m.right = true
	for i, o := range opts {
		if m.chosen[i] != o.right {
			m.right = false
		}
	}
	m.score = 0
	if m.right {
		m.score = 1
	}
	if it.q == nil { // a decision: its verdict's credit
		for i, o := range opts {
			if m.chosen[i] {
				m.score = o.score
			}
		}
	}
	m.mode = modeFeedback
	m.relayout()
	m.vp.GotoTop()
	return m.renderCmd()
}

// rate stores the review and moves to the next card.
func (m *Model) rate(sure bool) tea.Cmd {
	it := m.item()
	now := m.ctx.Now()
	opts := it.options()
	var chosen, right []string
	for i, o := range opts {
		if m.chosen[i] {
			chosen = append(chosen, o.label)
		}
		if o.right {
			right = append(right, o.label)
		}
	}
	domain, task := it.card.Domain, it.card.Task
	if it.q != nil {
		domain, task = it.q.Domain, it.q.Task
	}
	w := write{
		answer: practice.Answer{ItemID: it.card.ItemID, Kind: it.card.Kind, Domain: domain, Task: task,
			Correct: m.right, Sure: sure, Fast: m.elapsed < practice.FastAnswer, At: now},
		attempt: study.Attempt{ItemID: it.card.ItemID, Kind: it.card.Kind, Domain: domain, Task: task, Score: m.score,
			Choice: strings.Join(chosen, study.ChoiceSep), CorrectChoice: strings.Join(right, study.ChoiceSep), Elapsed: m.elapsed,
			Source: study.SourceReview, At: now, Unsure: !sure},
	}
	m.reviewed++
	if m.right {
		m.correct++
	}
	cmds := []tea.Cmd{m.retry(), m.save(w)}
	if m.cur+1 < len(m.queue) {
		cmds = append(cmds, m.ask(m.cur+1))
	} else {
		m.mode, m.queue = modeLoading, nil
		m.reloadAfterSave = true
	}
	return tea.Batch(cmds...)
}

// save sends one review to the root's write queue: the attempt and the card's new schedule, in one
// transaction. It carries a UID, so a retry stores it once; it completes even if the learner leaves.
func (m *Model) save(w write) tea.Cmd {
	s := m.study()
	if s == nil {
		return nil
	}
	m.saving++
	owner := m.owner
	w.attempt.UID = study.NewUID(w.attempt.At)
	return m.ctx.Write(common.Write{Owner: owner, What: "your review of " + w.attempt.ItemID,
		Do: func(ctx context.Context) (tea.Msg, error) {
			c, ok, err := s.RecordReview(ctx, w.attempt)
			if err != nil {
				return nil, err
			}
			return savedMsg{owner: owner, w: w, card: c, ok: ok}, nil
		}})
}

// retry tries a failed write again at once.
func (m *Model) retry() tea.Cmd {
	if m.ctx.Writes == nil || !m.ctx.Writes.Failing(m.owner) {
		return nil
	}
	return m.ctx.Writes.RetryNow()
}

// unsaved is how many of this screen's reviews are not stored yet.
func (m *Model) unsaved() int {
	if m.ctx.Writes == nil {
		return 0
	}
	return m.ctx.Writes.Pending(m.owner)
}

func (m *Model) saved(msg savedMsg) tea.Cmd {
	if msg.owner != m.owner {
		return nil
	}
	m.saving = max(m.saving-1, 0)
	var status tea.Cmd
	if msg.ok {
		status = common.Status(fmt.Sprintf("%s: rated %s, back in %s", msg.w.attempt.ItemID, msg.w.answer.Rating(),
			practice.Until(msg.card.Due, m.ctx.Now())), false)
	}
	if m.saving == 0 && m.reloadAfterSave {
		m.reloadAfterSave = false
		return tea.Batch(status, m.load())
	}
	return tea.Batch(status, m.refreshForecast())
}

// renderCmd renders the markdown of the card on screen that is not in the cache yet.
func (m *Model) renderCmd() tea.Cmd {
	it := m.item()
	if it == nil || m.ctx.Markdown == nil {
		return nil
	}
	id, md := it.body()
	docs := []markdown.Doc{{ID: id, MD: md}}
	if m.mode == modeFeedback {
		if id, md := it.explanation(); id != "" {
			docs = append(docs, markdown.Doc{ID: id, MD: md})
		}
	}
	r, w, theme := m.ctx.Markdown, m.ctx.MarkdownWidth(), m.ctx.Theme()
	docs = r.Missing(docs, w, theme)
	if len(docs) == 0 {
		return nil
	}
	return func() tea.Msg {
		return renderedMsg{width: w, theme: theme, err: r.RenderAll(docs, w, theme)}
	}
}

func optionRange(n int) string {
	return fmt.Sprintf("1–%d or a–%c", n, rune('a'+n-1))
}

// study is the part of the study layer this screen uses, or nil without a database.
func (m *Model) study() common.ReviewStudy {
	if m.ctx.Study == nil {
		return nil
	}
	return m.ctx.Study
}
