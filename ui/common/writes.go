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
	clock    func() time.Time
	schedule func(d time.Duration, msg tea.Msg) tea.Cmd
}

// NewWrites returns an empty queue whose writes run with ctx (the program's context).
func NewWrites(ctx context.Context) *Writes {
	if ctx == nil {
		ctx = context.Background()
	}
	return &Writes{ctx: ctx, clock: time.Now, schedule: func(d time.Duration, msg tea.Msg) tea.Cmd {
		return tea.Tick(d, func(time.Time) tea.Msg { return msg })
	}}
}

// SetScheduler replaces how a retry is scheduled (tea.Tick by default). Tests pass one that holds the
// retry until they fire it.
func (w *Writes) SetScheduler(f func(d time.Duration, msg tea.Msg) tea.Cmd) { w.schedule = f }

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
	w.running = true
	w.gen++
	gen, do, ctx := w.gen, w.queue[0].Do, w.ctx
	return func() tea.Msg {
		msg, err := do(ctx)
		return writeDoneMsg{gen: gen, msg: msg, err: err}
	}
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
		switch {
		case msg.err == nil:
			w.queue, w.fails, w.err = w.queue[1:], 0, nil
			return true, msg.msg, w.next()
		case study.IsPermanent(msg.err):
			w.queue, w.fails, w.err = w.queue[1:], 0, nil
			return true, WriteFailedMsg{Owner: head.Owner, Key: head.Key, What: head.What, Err: msg.err}, w.next()
		}
		d := RetryDelays[min(w.fails, len(RetryDelays)-1)]
		w.fails++
		w.err, w.waiting, w.retryAt = msg.err, true, w.clock().Add(d)
		return true, nil, w.schedule(d, retryWriteMsg{gen: w.gen})
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

// Status is the one line the root shows while writes are failing: empty while all is well.
func (w *Writes) Status() string {
	if w.err == nil || len(w.queue) == 0 {
		return ""
	}
	what := w.queue[0].What
	if what == "" {
		what = "your progress"
	}
	wait := ""
	if w.waiting {
		if s := int(w.retryAt.Sub(w.clock()).Seconds() + 0.5); s > 0 {
			wait = fmt.Sprintf(" in %ds", s)
		}
	}
	return fmt.Sprintf("%d not saved yet (%s: %v); retrying%s", len(w.queue), what, cause(w.err), wait)
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
