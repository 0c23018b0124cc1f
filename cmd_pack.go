package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"dvaprep/content"
	"dvaprep/notes"
	"dvaprep/pack"
)

// errProblems makes validate exit 1 after it has printed the problems itself.
var errProblems = errors.New("the pack has problems")

func validateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check a content pack and print its coverage per task statement",
		Long: "validate checks the embedded pack, or the pack in DIR, whole. Every problem prints as\n" +
			"file:line: message and the exit status is 1. Notes never checked against the AWS documentation, or\n" +
			"changed since their check, print as \"warning: file:line: message\" and do not change the exit status.\n" +
			"It ends with a coverage table.",
		Example: "  dvaprep validate\n  dvaprep validate ./my-pack",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var fsys fs.FS = content.FS()
			if len(args) == 1 {
				if st, err := os.Stat(args[0]); err != nil || !st.IsDir() {
					return fmt.Errorf("%s: not a directory", args[0])
				}
				dir, err := pack.DirFS(args[0])
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				fsys = dir
			}
			p, probs, err := pack.Load(fsys)
			if err != nil {
				return err
			}
			probs = append(probs, notes.CheckGlossary(p)...)
			out := cmd.OutOrStdout()
			for _, pr := range probs {
				fmt.Fprintln(out, pr)
			}
			warnings := p.CheckWarnings()
			for _, w := range warnings {
				fmt.Fprintf(out, "warning: %s\n", w)
			}
			printCoverage(out, p)
			printStyle(out, p.Style())
			if len(probs) > 0 {
				fmt.Fprintf(out, "\n%d problems, %d warnings.\n", len(probs), len(warnings))
				cmd.SilenceErrors = true
				return errProblems
			}
			fmt.Fprintf(out, "\nOK: %d notes, %d scenarios, %d questions", len(p.Notes), len(p.Scenarios), len(p.Questions))
			if len(warnings) > 0 {
				fmt.Fprintf(out, " (%d warnings: %d of %d notes not checked, or changed since their check)", len(warnings), len(warnings), len(p.Notes))
			}
			fmt.Fprintln(out, ".")
			return nil
		},
	}
}

func printCoverage(w io.Writer, p *pack.Pack) {
	fmt.Fprintf(w, "\n%-5s %-62s %8s %9s %9s\n", "task", "statement", "sections", "questions", "decisions")
	for _, c := range p.Coverage() {
		fmt.Fprintf(w, "%-5s %s %8d %9d %9d\n", c.Task.ID, fitCell(c.Task.Name, 62), c.Sections, c.Questions, c.Decisions)
	}
}

// printStyle says how far the question bank asks the way the exam does (README, "How to write a question").
func printStyle(w io.Writer, s pack.BankStyle) {
	if s.Questions == 0 {
		return
	}
	pct := func(n int) string { return fmt.Sprintf("%d (%.0f%%)", n, s.Percent(n)) }
	fmt.Fprintf(w, "\nquestion style over %d questions: median stem %d words, median option %d words\n", s.Questions, s.StemWords, s.OptionWords)
	fmt.Fprintf(w, "  deciding qualifier %s · exhibit %s · difficulty 3 %s · multiple response %s\n",
		pct(s.Qualifier), pct(s.Exhibit), pct(s.Hard), pct(s.Multiple))
	fmt.Fprintf(w, "  a distractor that works but is worse %s · documentation sources %s\n", pct(s.Works), pct(s.Sourced))
}

func packCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "pack", Short: "Work with content packs"}
	cmd.AddCommand(&cobra.Command{
		Use:     "export DIR",
		Short:   "Write the embedded pack to DIR, as a starting point for your own",
		Example: "  dvaprep pack export ./my-pack && dvaprep --pack ./my-pack",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := exportPack(content.FS(), args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote %d files to %s. Check your edits with `dvaprep validate %s`.\n", n, args[0], args[0])
			return nil
		},
	})
	cmd.AddCommand(stampCmd())
	return cmd
}

func stampCmd() *cobra.Command {
	var date string
	c := &cobra.Command{
		Use:   "stamp DIR NOTE-ID...",
		Short: "Record that notes were checked: set checked: {date, hash} in their front matter",
		Long: "stamp writes checked: {date: DATE, hash: HASH} into the front matter of each named note of the pack in\n" +
			"DIR, HASH being the hash of the note's body as it is now. Run it only after checking the note against\n" +
			"the AWS documentation, and list the pages under sources: by hand. validate warns when a note's body\n" +
			"no longer matches its hash.",
		Example: "  dvaprep pack stamp content/dva-c02 lambda dynamodb",
		Args:    cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if date == "" {
				date = time.Now().UTC().Format(time.DateOnly)
			}
			dir, err := pack.DirFS(args[0])
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			p, _, err := pack.Load(dir) // a note behind a symbolic link out of the pack is not loaded, so not written
			if err != nil {
				return err
			}
			for _, id := range args[1:] {
				n := p.Note(id)
				if n == nil {
					return fmt.Errorf("%s: no note %q in this pack", args[0], id)
				}
				path := filepath.Join(args[0], filepath.FromSlash(n.File))
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				stamped, err := pack.Stamp(data, date)
				if err != nil {
					return fmt.Errorf("%s: %w", path, err)
				}
				if err := os.WriteFile(path, stamped, 0o644); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: checked %s\n", path, date)
			}
			return nil
		},
	}
	c.Flags().StringVar(&date, "date", "", "the date of the check, YYYY-MM-DD (default: today, UTC)")
	return c
}

// exportPack copies fsys into dir. It refuses a dir that already holds files, so nothing is overwritten.
func exportPack(fsys fs.FS, dir string) (int, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return 0, fmt.Errorf("%s is not empty: export into a new or empty directory, so nothing is overwritten", dir)
	}
	count := 0
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		count++
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		return count, fmt.Errorf("export pack to %s: %w", dir, err)
	}
	return count, nil
}

// fitCell cuts s to width display cells with "…" and pads it to exactly width, measuring cells rather than
// bytes so that a name with "–" or "…" keeps the columns after it in line.
func fitCell(s string, width int) string {
	s = ansi.Truncate(s, width, "…")
	return s + strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
}
