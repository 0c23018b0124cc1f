package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/ui/markdown"
)

// errNoMatch makes search exit 1 after it has printed its one plain line.
var errNoMatch = errors.New("no section matches")

func searchCmd(opts *options) *cobra.Command {
	var limit int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Print the note sections that best match a query",
		Long: "search prints the best-matching note sections, best first, one per line as\n" +
			"note-id#section<TAB>Note title › Section heading, ranked as in the interface: words in any order,\n" +
			"typos, and abbreviations from the pack's glossary. --json adds each section's score and snippet.\n" +
			"Nothing found prints one line (with suggestions) and exits 1. Open a section with `dvaprep notes show`.",
		Example: "  dvaprep search \"visibility timeout\"\n  dvaprep search how long does a msg stay in the queue\n  dvaprep search dlq --limit 3 --json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 1 {
				return fmt.Errorf("--limit must be at least 1")
			}
			ix, err := searchIndex(opts)
			if err != nil {
				return err
			}
			query := strings.Join(args, " ")
			results := ix.Search(query, limit)
			out := cmd.OutOrStdout()
			if asJSON {
				type hit struct {
					Link    string  `json:"link"`
					Note    string  `json:"note"`
					Section string  `json:"section"`
					Score   float64 `json:"score"`
					Snippet string  `json:"snippet"`
					Line    int     `json:"line,omitempty"`
				}
				hits := make([]hit, 0, len(results))
				for _, r := range results {
					h := hit{Link: r.Link(), Note: r.NoteTitle, Section: r.Heading, Score: math.Round(r.Score*1000) / 1000, Snippet: r.Snippet}
					if r.Line >= 0 {
						h.Line = r.Line + 1
					}
					hits = append(hits, h)
				}
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(hits); err != nil {
					return err
				}
				if len(hits) == 0 {
					return errNoMatch // [] on stdout, and the exit status says nothing was found, as without --json
				}
				return nil
			}
			if len(results) == 0 {
				msg := "No note section matches " + shortQuote(query) + "."
				if s := ix.Suggest(query); len(s) > 0 {
					msg += " Did you mean " + strings.Join(s, ", ") + "?"
				}
				fmt.Fprintln(cmd.ErrOrStderr(), msg)
				return errNoMatch
			}
			for _, r := range results {
				where := r.NoteTitle
				if r.Slug != "" {
					where += " › " + r.Heading
				}
				fmt.Fprintf(out, "%s\t%s\n", r.Link(), where)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 10, "print at most N sections")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of lines")
	return cmd
}

// searchIndex is the search index for one search: the compiled one, which needs none of the notes decoded,
// or one built from the notes when there is none (a pack in a directory, a compiled pack older than its
// YAML) or it cannot be read.
func searchIndex(opts *options) (*notes.Index, error) {
	p, err := loadPackParts(opts, pack.SearchIndex)
	if err != nil {
		return nil, err
	}
	ix := notes.NewIndex(p)
	if ix.Prepare() != nil && p.Notes == nil {
		if p, err = loadPackParts(opts, pack.Notes); err != nil {
			return nil, err
		}
		ix = notes.NewIndex(p)
	}
	return ix, nil
}

func notesCmd(opts *options) *cobra.Command {
	cmd := &cobra.Command{Use: "notes", Short: "Read the notes without the interface"}
	var width int
	show := &cobra.Command{
		Use:     "show ID[#SECTION]",
		Short:   "Print a note, or one section of it, rendered for the terminal",
		Example: "  dvaprep notes show sqs\n  dvaprep notes show sqs#visibility-timeout --width 80",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("width") && (width < minWidth || width > maxWidth) {
				return fmt.Errorf("the width must be between %d and %d columns (--width), not %d", minWidth, maxWidth, width)
			}
			p, err := loadPackParts(opts, pack.Notes)
			if err != nil {
				return err
			}
			id, slug, _ := strings.Cut(args[0], "#")
			n := p.Note(id)
			if n == nil {
				return fmt.Errorf("no note %q; `dvaprep search %s` finds sections by name", id, id)
			}
			md, ok := notes.ShowMarkdown(n, slug)
			if !ok {
				return fmt.Errorf("note %q has no section %q; its sections: %s", id, slug, sectionList(n.Sections))
			}
			theme := markdown.Dark
			tty := term.IsTerminal(os.Stdout.Fd())
			if os.Getenv("NO_COLOR") != "" || !tty {
				theme = markdown.Plain
			}
			if !cmd.Flags().Changed("width") {
				width = 80
				if tty {
					if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 {
						width = min(w, 100)
					}
				}
			}
			// A render made by `go generate` for this very markdown, width, theme and rendering code, if the
			// compiled pack holds one (a damaged one is ignored); otherwise render now.
			out, ok, _ := markdown.LookupPrerender(p.CompiledRenders, md, width, theme)
			if !ok {
				if out, err = markdown.New().Render("", md, width, theme); err != nil {
					return err
				}
			}
			fmt.Fprintln(cmd.OutOrStdout(), out)
			return nil
		},
	}
	show.Flags().IntVar(&width, "width", 0, "wrap at N columns, 20 to 500 (default: the terminal's width, at most 100)")
	cmd.AddCommand(show, notesListCmd(opts))
	return cmd
}

// The widths `notes show --width` accepts: glamour pads every line to the width, so a huge one would
// print megabytes of spaces.
const (
	minWidth = 20
	maxWidth = 500
)

func sectionList(secs []pack.Section) string {
	slugs := make([]string, 0, len(secs))
	for _, s := range secs {
		slugs = append(slugs, s.Slug)
	}
	return strings.Join(slugs, ", ")
}

// shortQuote quotes a query for a message, cut to a few words so a pasted page is not echoed back.
func shortQuote(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if r := []rune(q); len(r) > 40 {
		q = string(r[:39]) + "…"
	}
	return fmt.Sprintf("%q", q)
}
