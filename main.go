// Command dvaprep is an offline terminal study companion for the AWS Certified Developer – Associate exam
// (DVA-C02): notes with fuzzy search, branching scenarios, timed mock exams, progress and spaced review.
// This file wires the command line: it opens the store, loads the pack and starts the UI. Nothing else.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/charmbracelet/fang"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"dvaprep/content"
	"dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/store"
	"dvaprep/study"
	"dvaprep/ui/common"
	"dvaprep/ui/markdown"
)

// options are the global flags.
type options struct {
	packDir string
	dbPath  string
	stderr  io.Writer // where a command tells the learner what they should know but did not ask (a new database)
}

func main() {
	info, ok := debug.ReadBuildInfo()
	if err := fang.Execute(context.Background(), rootCmd(), fang.WithVersion(buildVersion(info, ok)), fang.WithErrorHandler(printError)); err != nil {
		os.Exit(1)
	}
}

func rootCmd() *cobra.Command {
	opts := &options{}
	root := &cobra.Command{
		Use:   "dvaprep",
		Short: "Offline study companion for the AWS Certified Developer – Associate exam (DVA-C02)",
		Long: "dvaprep runs in your terminal with no network: study notes with fuzzy search, branching " +
			"architecture scenarios, timed mock exams, a progress dashboard and spaced review.",
		Example:       "  dvaprep\n  dvaprep search \"visibility timeout\"\n  dvaprep exam --questions 10 --minutes 20",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			opts.stderr = cmd.ErrOrStderr()
			if cmd.HasParent() {
				tuneCLIMemory()
			}
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), opts, common.NavigateMsg{To: common.HomeScreen})
		},
	}
	root.PersistentFlags().StringVar(&opts.packDir, "pack", "", "run on the content pack in DIR instead of the embedded one")
	root.PersistentFlags().Var(dbFlag{&opts.dbPath}, "db", "progress database PATH (default $DVAPREP_DB, else "+store.DefaultPath()+")")
	root.AddCommand(searchCmd(opts), notesCmd(opts), validateCmd(), packCmd())
	addCommands(root, opts)
	refuseUnknownSubcommands(root)
	return root
}

// refuseUnknownSubcommands makes every command that only groups others (notes, pack) refuse what is not one
// of them: cobra would print the group's help and exit 0, so `dvaprep notes shwo sqs` looked like success.
// Alone, a group still prints its help.
func refuseUnknownSubcommands(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		refuseUnknownSubcommands(c)
	}
	if cmd.HasParent() && cmd.HasSubCommands() && !cmd.Runnable() {
		cmd.Args = cobra.NoArgs
		cmd.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
	}
}

// extraCommands lets each feature's file add its subcommands without editing this file.
var extraCommands []func(*options) *cobra.Command

func addCommands(root *cobra.Command, opts *options) {
	for _, mk := range extraCommands {
		root.AddCommand(mk(opts))
	}
}

// loadPack loads the embedded pack, or the one in opts.packDir. A pack with problems is refused with them.
func loadPack(opts *options) (*pack.Pack, error) { return loadPackParts(opts, pack.All) }

// loadPackParts loads only the parts of the pack a command needs (see pack.Parts). The embedded pack comes
// from its compiled form, checked against the YAML, unless the YAML has changed since it was compiled; a
// pack.yaml alone is quicker to parse than to check.
func loadPackParts(opts *options, parts pack.Parts) (*pack.Pack, error) {
	if opts.packDir == "" && parts != 0 {
		if p, err := pack.LoadCompiled(content.Compiled(), content.FS(), parts); err == nil {
			return p, nil
		}
	}
	var fsys fs.FS = content.FS()
	where := "the embedded pack"
	if opts.packDir != "" {
		st, err := os.Stat(opts.packDir)
		if err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--pack %s: not a directory", opts.packDir)
		}
		dir, err := pack.DirFS(opts.packDir)
		if err != nil {
			return nil, fmt.Errorf("--pack %s: %w", opts.packDir, err)
		}
		fsys, where = dir, "the pack in "+opts.packDir
	}
	p, probs, err := pack.LoadParts(fsys, parts)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", where, err)
	}
	if len(probs) > 0 {
		if len(probs) == 1 {
			return nil, fmt.Errorf("%s has a problem: %s (`dvaprep validate %s` checks it again)", where, probs[0], opts.packDir)
		}
		return nil, fmt.Errorf("%s has %d problems (run `dvaprep validate %s` for all of them); the first: %s",
			where, len(probs), opts.packDir, probs[0])
	}
	return p, nil
}

// dbFlag is --db. An empty value is refused: `--db=` or `--db "$UNSET"` would otherwise quietly mean the
// default database, and the learner would study into a file they did not choose.
type dbFlag struct{ path *string }

func (f dbFlag) String() string { return *f.path }
func (f dbFlag) Type() string   { return "string" }

func (f dbFlag) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("no path given; name the database file, or leave --db out for the default")
	}
	*f.path = s
	return nil
}

// database is --db, else $DVAPREP_DB, else the XDG data file.
func (o *options) database() string {
	if o.dbPath != "" {
		return o.dbPath
	}
	if env := os.Getenv("DVAPREP_DB"); env != "" {
		return env
	}
	return store.DefaultPath()
}

func openStore(ctx context.Context, opts *options) (*store.Store, error) {
	path := opts.database()
	if err := checkChosenDB(opts, path); err != nil {
		return nil, err
	}
	return store.Open(ctx, path)
}

// checkChosenDB refuses a database path the user chose (--db or $DVAPREP_DB) whose directory does not exist,
// so that a typo is an error instead of a new, empty database that looks like lost progress. The default
// XDG directory is created without asking.
func checkChosenDB(opts *options, path string) error {
	flag := "--db"
	if opts.dbPath == "" {
		if os.Getenv("DVAPREP_DB") == "" {
			return nil
		}
		flag = "DVAPREP_DB"
	}
	if path == store.MemoryPath {
		return nil
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s %s: no such directory %s; create it or check the path", flag, path, dir)
	case err != nil:
		return fmt.Errorf("%s %s: %w", flag, path, err)
	case !st.IsDir():
		return fmt.Errorf("%s %s: %s is not a directory", flag, path, dir)
	}
	return nil
}

// openAll loads the pack and opens the store, which every command that shows progress needs. The caller
// closes the store.
func openAll(ctx context.Context, opts *options) (*pack.Pack, *store.Store, error) {
	p, err := loadPack(opts)
	if err != nil {
		return nil, nil, err
	}
	st, err := openStore(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	if st.Created() && opts.stderr != nil {
		// A new, empty database where the learner expected their progress is most often a mistyped --db:
		// said on stderr, so that it reaches them and not a script reading stdout.
		fmt.Fprintf(opts.stderr, "dvaprep: new progress database at %s\n", st.Path())
	}
	return p, st, nil
}

// errNoTTY is returned when the TUI is asked for without a terminal.
var errNoTTY = errors.New("dvaprep needs a terminal for its interface; for scripts use `dvaprep search QUERY`, `dvaprep notes show ID`, `dvaprep stats` or `dvaprep validate`")

func isTerminal() bool {
	return term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
}

// newContext is what every screen shares. st may be nil while the store is not open yet: then there is no
// study layer, and screens show what needs none.
func newContext(ctx context.Context, p *pack.Pack, st *store.Store) *common.Context {
	c := &common.Context{
		Pack:     p,
		Index:    notes.NewIndex(p),
		Writes:   common.NewWrites(ctx),
		Ctx:      ctx,
		Markdown: markdown.New(),
		NoColor:  os.Getenv("NO_COLOR") != "",
		Now:      time.Now,
	}
	if st != nil { // a nil *study.Study in the interface would not be nil
		c.Study = study.New(st, p, time.Now)
	}
	c.SetTheme(true)
	return c
}
