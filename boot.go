package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"dvaprep/pack"
	"dvaprep/store"
	"dvaprep/ui"
	"dvaprep/ui/common"
)

// bootMsg carries the loaded pack, search index and open store, or why they could not be had.
type bootMsg struct {
	full *common.Context
	st   *store.Store
	err  error
}

// boot lets the interface draw its home screen before the pack and the store are ready: home needs only
// the title and the exam format from pack.yaml, a fraction of a millisecond to read, while loading every
// question and scenario, building the search index and opening the store take tens. It wraps the root
// model, loads the rest in a command, and hands it over when it arrives. Keys typed meanwhile wait and are
// replayed, so nothing opens a screen on a half-loaded pack; ctrl+c still quits at once.
type boot struct {
	inner   tea.Model
	ctx     *common.Context // shared with every screen: filled in when bootMsg arrives
	load    func() tea.Msg
	drawn   chan struct{} // closed once the first frame with content has been made
	once    *sync.Once
	ready   bool
	pending []tea.Msg // keys typed before the pack was ready
	err     error     // why loading failed; the program quits and runTUI returns it
	st      *store.Store
	opening *atomic.Bool // the load is opening the store (it has loaded the pack)
	dbPath  string       // the store's path, for the status line
	waited  bool         // the status line said the load waits for the database
}

// waitMsg checks, while the load runs, whether it waits for the database: SQLite waits seconds for another
// program's lock (a migration or a new file needs the write lock) before it gives up, and the learner is
// told at once, not when the wait ends.
type waitMsg struct{}

// waitCheck schedules the next waitMsg.
func waitCheck() tea.Cmd {
	return tea.Tick(common.SlowWrite, func(time.Time) tea.Msg { return waitMsg{} })
}

// Init starts the screen and the load. The load waits for the first frame, so that on a machine with few
// cores it does not delay it: for View to have made the frame, and then for one frame period, within which
// Bubble Tea writes it to the terminal.
func (b *boot) Init() tea.Cmd {
	load, drawn := b.load, b.drawn
	return tea.Batch(b.inner.Init(), func() tea.Msg {
		<-drawn
		time.Sleep(framePeriod)
		return load()
	}, waitCheck())
}

// framePeriod is how often Bubble Tea writes a frame (60 a second by default).
const framePeriod = time.Second / 60

func (b *boot) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case waitMsg:
		if b.ready || b.err != nil {
			return b, nil
		}
		if b.opening.Load() && !b.waited {
			b.waited = true
			var cmd tea.Cmd
			b.inner, cmd = b.inner.Update(common.StatusMsg{
				Text: "Waiting for the progress database at " + b.dbPath + " (another dvaprep open?)…"})
			return b, tea.Batch(cmd, waitCheck())
		}
		return b, waitCheck()
	case bootMsg:
		if msg.err != nil {
			b.err = msg.err
			return b, tea.Quit
		}
		b.st = msg.st
		b.attach(msg.full)
		b.ready = true
		// Screens already open refresh from the store, as when they come back on top.
		var cmds []tea.Cmd
		var cmd tea.Cmd
		b.inner, cmd = b.inner.Update(common.ResumeMsg{})
		cmds = append(cmds, cmd)
		for _, k := range b.pending {
			b.inner, cmd = b.inner.Update(k)
			cmds = append(cmds, cmd)
		}
		b.pending = nil
		switch {
		case msg.st != nil && msg.st.Created():
			// Most often a mistyped --db: said where the learner looks, on home, so that it is noticed.
			cmds = append(cmds, common.Status("Started a new progress database at "+msg.st.Path(), false))
		case b.waited:
			cmds = append(cmds, common.Status("Progress database open: the wait is over", false))
		}
		return b, tea.Batch(cmds...)
	case tea.KeyPressMsg:
		if !b.ready {
			if msg.String() == "ctrl+c" {
				return b, tea.Quit
			}
			b.pending = append(b.pending, msg)
			return b, nil
		}
	case tea.MouseMsg, tea.PasteMsg:
		if !b.ready {
			return b, nil
		}
	}
	var cmd tea.Cmd
	b.inner, cmd = b.inner.Update(msg)
	return b, cmd
}

func (b *boot) View() tea.View {
	v := b.inner.View()
	if v.Content != "" {
		b.once.Do(func() { close(b.drawn) })
	}
	return v
}

// attach moves the loaded context into the shared one, keeping what the running program already knows
// (the terminal's size and background) and the markdown renderer screens may have used.
func (b *boot) attach(full *common.Context) {
	w, tw, h, dark, md := b.ctx.Width, b.ctx.TermWidth, b.ctx.Height, b.ctx.Dark, b.ctx.Markdown
	*b.ctx = *full
	b.ctx.Width, b.ctx.TermWidth, b.ctx.Height, b.ctx.Markdown = w, tw, h, md
	b.ctx.SetTheme(dark)
}

// newBoot wraps inner. load sets opening while it opens the store at dbPath.
func newBoot(inner tea.Model, c *common.Context, load func() tea.Msg, opening *atomic.Bool, dbPath string) *boot {
	return &boot{inner: inner, ctx: c, load: load, drawn: make(chan struct{}), once: new(sync.Once),
		opening: opening, dbPath: dbPath}
}

// runTUI starts the interface on the given first screen. The home screen is drawn at once and the rest
// loads behind it; any other first screen (an exam from `dvaprep exam`) waits for the whole pack.
func runTUI(ctx context.Context, opts *options, start common.NavigateMsg) error {
	if !isTerminal() {
		return errNoTTY
	}
	// `dvaprep exam` starts the interface from a subcommand: it runs for hours, so it keeps the defaults.
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	var model tea.Model
	var b *boot
	if start.To == common.HomeScreen {
		bp, err := loadPackParts(opts, 0)
		if err != nil {
			return err
		}
		c := newContext(ctx, bp, nil)
		opening := new(atomic.Bool)
		b = newBoot(ui.New(c, ui.Build, start), c, loadAll(ctx, opts, opening), opening, opts.database())
		model = b
	} else {
		p, st, err := openAll(ctx, opts)
		if err != nil {
			return err
		}
		defer st.Close()
		model = ui.New(newContext(ctx, p, st), ui.Build, start)
	}
	_, err := tea.NewProgram(model, tea.WithContext(ctx)).Run()
	if b != nil {
		if b.st != nil {
			b.st.Close()
		}
		if b.err != nil {
			return b.err
		}
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("run interface: %w", err)
	}
	return nil
}

// tuneCLIMemory sets the garbage collector for a command that runs once and exits: collecting a quarter as
// often roughly halves the collector's share of a command's time, and a soft limit on the Go heap keeps the
// process within its memory budget (40 MB resident, of which the binary and runtime are about 23) whatever
// the pack. The interface, which runs for hours, keeps the defaults.
func tuneCLIMemory() {
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(cliMemoryLimit)
}

// cliMemoryLimit is the soft limit on the memory the Go runtime holds during a command.
const cliMemoryLimit = 24 << 20

// loadAll loads the whole pack, builds the search index and opens the store, in a command. opening is
// true while it opens the store.
func loadAll(ctx context.Context, opts *options, opening *atomic.Bool) func() tea.Msg {
	return func() tea.Msg {
		p, err := loadPackParts(opts, pack.All|pack.SearchIndex)
		if err != nil {
			return bootMsg{err: err}
		}
		opening.Store(true)
		st, err := openStore(ctx, opts)
		opening.Store(false)
		if err != nil {
			return bootMsg{err: err}
		}
		return bootMsg{full: newContext(ctx, p, st), st: st}
	}
}
