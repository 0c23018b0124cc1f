package common

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"dvaprep/study"
)

// Write is one store write a screen asks for. The root's one queue runs writes one at a time, in the order
// they were asked, so a later state never overtakes an earlier one and nothing is written before what it
// depends on (an exam's answers after the exam). A write that fails is retried (see RetryDelays) until it
// succeeds, whatever screen is open meanwhile; one that cannot succeed (study.IsPermanent) is given up and
// reported to its owner.
type Write struct {
	Owner Owner  // the screen that asked; its results carry this
	Key   string // a waiting write with the same non-empty key is replaced by this newer one
	What  string // what it saves, for messages: "your answer to question 3"
	// Do performs the write with the program's context. Its message, if any, is delivered to every screen
	// on success; screens keep the ones their Owner sent.
	Do func(ctx context.Context) (tea.Msg, error)
}

// Owner identifies one screen instance, so a result reaches the screen that asked and no other.
type Owner uint64

var owners atomic.Uint64

// NewOwner returns an identity no other screen has.
func NewOwner() Owner { return Owner(owners.Add(1)) }

// WriteFailedMsg tells every screen that a write was given up because retrying cannot help (the exam was
// closed in another window, for example). Owner is the screen that asked.
type WriteFailedMsg struct {
	Owner Owner
	Key   string
	What  string
	Err   error
}

// writeDoneMsg is the outcome of the write at the head of the queue; only the root sees it.
type writeDoneMsg struct {
	gen uint64
	msg tea.Msg
	err error
}

// retryWriteMsg fires when a failed write is due to be tried again.
type retryWriteMsg struct{ gen uint64 }

// slowWriteMsg fires SlowWrite after a try started: if it is still running then, it is most likely waiting
// for another program's write lock (SQLite waits up to its busy timeout, several seconds, before it says
// so), and the learner is told at once instead of when the wait ends.
type slowWriteMsg struct{ gen uint64 }

// SlowWrite is how long a write runs before the status line says it is waiting. A write takes a few
// milliseconds when the database is free.
const SlowWrite = 500 * time.Millisecond

// RetryDelays is the one retry policy: the wait before each new try of a failed write; the last one
// repeats for ever.
var RetryDelays = []time.Duration{time.Second, 2 * time.Second, 5 * time.Second, 15 * time.Second}

// Writes is the write queue. The root owns it and keeps it in the Context; screens call Add. All its
// methods run in Update, on the program's goroutine.
type Writes struct {
	ctx      context.Context
	queue    []Write
	running  bool   // the head is being written
	waiting  bool   // the head failed and waits for its retry
	gen      uint64 // names the current try, so a stale outcome or tick is ignored
	fails    int    // consecutive failures of the head
	err      error  // the head's last failure
	retryAt  time.Time
	slow     bool   // the running try has taken longer than SlowWrite
	waited   bool   // the head was slow or failed: its landing is said (see Landed)
	landed   string // what a write that had to wait saved, until Landed takes it
	clock    func() time.Time
	schedule func(d time.Duration, msg tea.Msg) tea.Cmd
	watch    func(d time.Duration, msg tea.Msg) tea.Cmd // schedules slowWriteMsg
}

// NewWrites returns an empty queue whose writes run with ctx (the program's context).
func NewWrites(ctx context.Context) *Writes {
	if ctx == nil {
		ctx = context.Background()
	}
	tick := func(d time.Duration, msg tea.Msg) tea.Cmd {
		return tea.Tick(d, func(time.Time) tea.Msg { return msg })
	}
	return &Writes{ctx: ctx, clock: time.Now, schedule: tick, watch: tick}
}

// SetScheduler replaces how a retry is scheduled (tea.Tick by default). Tests pass one that holds the
// retry until they fire it.
func (w *Writes) SetScheduler(f func(d time.Duration, msg tea.Msg) tea.Cmd) { w.schedule = f }

// SetWatch replaces how the check for a slow write is scheduled (tea.Tick by default). Tests that run
// commands one after the other pass one that returns nil, or one that holds the check until they fire it.
func (w *Writes) SetWatch(f func(d time.Duration, msg tea.Msg) tea.Cmd) { w.watch = f }

// Add queues a write and starts it if the queue is idle. A waiting (not running) write with the same
// non-empty key is replaced by this one, which holds the newer state.
func (w *Writes) Add(wr Write) tea.Cmd {
	if wr.Do == nil {
		return nil
	}
	if wr.Key != "" {
		first := 0
		if w.running || w.waiting {
			first = 1
		}
		for i := first; i < len(w.queue); i++ {
			if w.queue[i].Key == wr.Key {
				w.queue = append(w.queue[:i], w.queue[i+1:]...)
				break
			}
		}
	}
	w.queue = append(w.queue, wr)
	return w.next()
}

// next starts the head write unless one is running or waiting for its retry.
func (w *Writes) next() tea.Cmd {
	if w.running || w.waiting || len(w.queue) == 0 {
		return nil
	}
	w.running, w.slow = true, false
	w.gen++
	gen, do, ctx := w.gen, w.queue[0].Do, w.ctx
	return tea.Batch(func() tea.Msg {
		msg, err := do(ctx)
		return writeDoneMsg{gen: gen, msg: msg, err: err}
	}, w.watch(SlowWrite, slowWriteMsg{gen: gen}))
}

// Update takes the queue's own messages. handled is false for any other message. deliver is what the
// root must send to every screen: the write's result, or a WriteFailedMsg.
func (w *Writes) Update(msg tea.Msg) (handled bool, deliver tea.Msg, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case writeDoneMsg:
		if msg.gen != w.gen || !w.running || len(w.queue) == 0 {
			return true, nil, nil
		}
		w.running = false
		head := w.queue[0]
		waited := w.waited || w.slow
		w.slow = false
		switch {
		case msg.err == nil:
			w.queue, w.fails, w.err, w.waited = w.queue[1:], 0, nil, false
			if waited {
				w.landed = what(head)
			}
			return true, msg.msg, w.next()
		case study.IsPermanent(msg.err):
			w.queue, w.fails, w.err, w.waited = w.queue[1:], 0, nil, false
			return true, WriteFailedMsg{Owner: head.Owner, Key: head.Key, What: head.What, Err: msg.err}, w.next()
		}
		d := RetryDelays[min(w.fails, len(RetryDelays)-1)]
		w.fails++
		w.err, w.waiting, w.retryAt, w.waited = msg.err, true, w.clock().Add(d), true
		return true, nil, w.schedule(d, retryWriteMsg{gen: w.gen})
	case slowWriteMsg:
		if msg.gen == w.gen && w.running {
			w.slow = true
		}
		return true, nil, nil
	case retryWriteMsg:
		if msg.gen != w.gen || !w.waiting {
			return true, nil, nil
		}
		w.waiting = false
		return true, nil, w.next()
	}
	return false, nil, nil
}

// RetryNow tries a failed write again at once (the learner asked).
func (w *Writes) RetryNow() tea.Cmd {
	if !w.waiting {
		return nil
	}
	w.waiting = false
	return w.next()
}

// Len is how many writes are not stored yet.
func (w *Writes) Len() int { return len(w.queue) }

// Pending is how many of owner's writes are not stored yet.
func (w *Writes) Pending(owner Owner) int {
	n := 0
	for _, wr := range w.queue {
		if wr.Owner == owner {
			n++
		}
	}
	return n
}

// Err is the last failure of the write at the head of the queue, nil while all is well.
func (w *Writes) Err() error { return w.err }

// Failing reports whether owner's writes are stuck behind a failure.
func (w *Writes) Failing(owner Owner) bool { return w.err != nil && w.Pending(owner) > 0 }

// Status is the one line the root shows while a write waits for the database or fails: empty while all is
// well. failing is true once a try has failed (an error), false while the first try is only slow.
func (w *Writes) Status() (text string, failing bool) {
	if len(w.queue) == 0 {
		return "", false
	}
	if w.err == nil {
		if !w.slow {
			return "", false
		}
		text = "Database busy (another dvaprep open?): waiting to save " + what(w.queue[0]) + "…"
		if len(w.queue) > 1 {
			text += fmt.Sprintf(" (%d not saved yet)", len(w.queue))
		}
		return text, false
	}
	wait := ""
	if w.waiting {
		if s := int(w.retryAt.Sub(w.clock()).Seconds() + 0.5); s > 0 {
			wait = fmt.Sprintf(" in %ds", s)
		}
	}
	why := cause(w.err).Error()
	if study.IsBusy(w.err) {
		why = "the database is locked by another program, perhaps another dvaprep"
	}
	return fmt.Sprintf("%d not saved yet (%s: %s); retrying%s", len(w.queue), what(w.queue[0]), why, wait), true
}

// Landed returns, once, what a write that had to wait (slow or failed before) saved when it landed, so the
// root can say the wait is over; "" otherwise.
func (w *Writes) Landed() string {
	s := w.landed
	w.landed = ""
	return s
}

func what(wr Write) string {
	if wr.What == "" {
		return "your progress"
	}
	return wr.What
}

// cause is the innermost error of a chain: "database is locked" rather than what was being written and
// where, which the status line already says or has no room for.
func cause(err error) error {
	for {
		inner := errors.Unwrap(err)
		if inner == nil {
			return err
		}
		err = inner
	}
}
