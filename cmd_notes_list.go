package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"dvaprep/pack"
)

// notesListCmd prints every note with its sections, for scripts and for finding an ID to `notes show`.
func notesListCmd(opts *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the notes and their sections",
		Long: "list prints each note as `id<TAB>title`, followed by its sections as indented\n" +
			"`id#section<TAB>heading` lines. --json prints the same as a list of objects.",
		Example: "  dvaprep notes list\n  dvaprep notes list --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := loadPackParts(opts, pack.Notes)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(noteListing(p))
			}
			for _, n := range noteListing(p) {
				fmt.Fprintf(out, "%s\t%s\n", n.ID, n.Title)
				for _, s := range n.Sections {
					fmt.Fprintf(out, "  %s\t%s\n", s.Link, s.Heading)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of lines")
	return cmd
}

type listedSection struct {
	Link    string `json:"link"`
	Heading string `json:"heading"`
}

type listedNote struct {
	ID       string          `json:"id"`
	Title    string          `json:"title"`
	Domain   string          `json:"domain"`
	Tasks    []string        `json:"tasks"`
	Sections []listedSection `json:"sections"`
}

// noteListing is the pack's notes in their reading order, each with its linkable sections.
func noteListing(p *pack.Pack) []listedNote {
	out := make([]listedNote, 0, len(p.Notes))
	for _, n := range p.Notes {
		ln := listedNote{ID: n.ID, Title: n.Title, Domain: n.Domain, Tasks: n.Tasks, Sections: []listedSection{}}
		for _, s := range n.Sections {
			if s.Slug == "" {
				continue
			}
			ln.Sections = append(ln.Sections, listedSection{Link: n.ID + "#" + s.Slug, Heading: s.Heading})
		}
		out = append(out, ln)
	}
	return out
}
