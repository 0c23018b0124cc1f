package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/ui/markdown"
)

func searchCmd(opts *options) *cobra.Command {
	var limit int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Print the note sections that best match a query",
		Long: "search prints the best-matching note sections, best first, one per line as\n" +
			"note-id#section<TAB>Note title › Section heading. Open one with `dvaprep notes show`.",
		Example: "  dvaprep search \"visibility timeout\"\n  dvaprep search dlq --limit 3 --json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 1 {
				return fmt.Errorf("--limit must be at least 1")
			}
			p, err := loadPackParts(opts, pack.Notes)
			if err != nil {
				return err
			}
			results := notes.NewIndex(p).Sections(strings.Join(args, " "), limit)
			out := cmd.OutOrStdout()
			if asJSON {
				type hit struct {
					Link    string `json:"link"`
					Note    string `json:"note"`
					Section string `json:"section"`
					Match   string `json:"match"`
				}
				hits := make([]hit, 0, len(results))
				for _, r := range results {
					hits = append(hits, hit{r.Link(), r.NoteTitle, r.Heading, r.Text})
				}
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(hits)
			}
			if len(results) == 0 {
				return fmt.Errorf("nothing matches %q", strings.Join(args, " "))
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
			md, ok := notes.SectionMarkdown(n, slug)
			if !ok {
				return fmt.Errorf("note %q has no section %q; its sections: %s", id, slug, sectionList(n.Sections))
			}
			if slug == "" {
				md = "# " + n.Title + "\n\n" + md
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
			out, err := markdown.New().Render("", md, width, theme)
			if err != nil {
				return err
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
