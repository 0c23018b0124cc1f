package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"dvaprep/pack"
	"dvaprep/store"
)

func init() { extraCommands = append(extraCommands, exportCmd) }

// exportCmd writes progress out for other tools: missed questions for Anki, every attempt as CSV.
func exportCmd(opts *options) *cobra.Command {
	var anki, csvPath string
	var force bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export missed questions for Anki, or every answer as CSV",
		Long: "export --anki FILE writes every question you ever missed as tab-separated text that Anki imports\n" +
			"(File › Import): the front is the question and its options, the back the answer and the explanation.\n" +
			"export --csv FILE writes every answer and scenario decision, with a header row.\n" +
			"An existing FILE is never overwritten unless --force is given.",
		Example: "  dvaprep export --anki missed.txt\n  dvaprep export --csv answers.csv --force",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if anki == "" && csvPath == "" {
				return errors.New("say what to export: --anki FILE, --csv FILE, or both")
			}
			if anki != "" && anki == csvPath {
				return errors.New("--anki and --csv need different files")
			}
			// Refuse before doing any work, so a typo costs nothing.
			for _, path := range []string{anki, csvPath} {
				if path == "" || force {
					continue
				}
				if _, err := os.Stat(path); err == nil {
					return fmt.Errorf("will not overwrite %s, which already exists: pass --force to replace it", path)
				}
			}
			p, st, err := openAll(cmd.Context(), opts)
			if err != nil {
				return err
			}
			defer st.Close()
			out := cmd.OutOrStdout()
			ctx := cmd.Context()
			if anki != "" {
				var n int
				err := writeFile(anki, force, func(w io.Writer) (err error) {
					n, err = exportAnki(ctx, w, p, st)
					return err
				})
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "wrote %d missed questions to %s (Anki: File › Import, tab-separated, HTML allowed)\n", n, anki)
			}
			if csvPath != "" {
				var n int
				err := writeFile(csvPath, force, func(w io.Writer) (err error) {
					n, err = exportCSV(ctx, w, st)
					return err
				})
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "wrote %d answers to %s\n", n, csvPath)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&anki, "anki", "", "write missed questions as an Anki deck to FILE (tab-separated text)")
	f.StringVar(&csvPath, "csv", "", "write every answer to FILE as CSV")
	f.BoolVar(&force, "force", false, "overwrite FILE if it exists")
	return cmd
}

// writeFile creates path (refusing an existing one unless force) and fills it. A file it created and
// could not fill is removed again.
func writeFile(path string, force bool, fill func(io.Writer) error) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("will not overwrite %s, which already exists: pass --force to replace it", path)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	err = fill(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("export to %s: %w", path, err)
	}
	return nil
}

// exportAnki writes the questions ever missed, most missed first, as Anki's tab-separated text: a header
// that tells Anki the separator, that fields hold HTML and which columns hold the note's GUID and tags, then
// guid, front, back and tags per line. The GUID is the question's ID, stable across exports, so importing a
// later export updates the same Anki notes instead of adding duplicates.
func exportAnki(ctx context.Context, w io.Writer, p *pack.Pack, st *store.Store) (int, error) {
	missed, err := st.MostMissed(ctx, 0)
	if err != nil {
		return 0, err
	}
	if _, err := io.WriteString(w, "#separator:tab\n#html:true\n#guid column:1\n#tags column:4\n"); err != nil {
		return 0, err
	}
	n := 0
	for _, m := range missed {
		if m.Kind != store.KindQuestion {
			continue
		}
		q := p.Question(m.ItemID)
		if q == nil {
			continue
		}
		front, back := ankiCard(q)
		tags := "dvaprep domain-" + ankiTag(q.Domain) + " task-" + ankiTag(q.Task)
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", ankiGUID(q.ID), front, back, tags); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// ankiCard is a question's two sides as HTML: the stem and lettered options, then the right options and
// the explanation.
func ankiCard(q *pack.Question) (front, back string) {
	var f, b strings.Builder
	f.WriteString(ankiHTML(q.Stem))
	if q.Select > 1 {
		fmt.Fprintf(&f, "<br><i>(Choose %d.)</i>", q.Select)
	}
	f.WriteString("<br>")
	for i, o := range q.Options {
		fmt.Fprintf(&f, "<br>%c. %s", 'A'+i, ankiHTML(o.Text))
		if o.Correct {
			if b.Len() > 0 {
				b.WriteString("<br>")
			}
			fmt.Fprintf(&b, "<b>%c. %s</b> — %s", 'A'+i, ankiHTML(o.Text), ankiHTML(o.Why))
		}
	}
	for i, o := range q.Options {
		if o.Works && !o.Correct {
			fmt.Fprintf(&b, "<br>%c. %s — %s", 'A'+i, ankiHTML(o.Text), ankiHTML(pack.WorksLead+o.Why))
		}
	}
	b.WriteString("<br><br>" + ankiHTML(q.Explanation))
	return f.String(), b.String()
}

var (
	mdBold = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)
	mdCode = regexp.MustCompile("`([^`\n]+)`")
	mdList = regexp.MustCompile(`^([-*+]|\d+[.)]) `)
)

// ankiHTML makes pack markdown one safe field: HTML special characters escaped, **bold** and `code`
// kept as tags, tabs (the field separator) as spaces and line breaks as <br>. A paragraph break is
// <br><br>; a break inside a paragraph is only wrapping and becomes a space, unless a list item follows.
// A fenced code block (an exhibit: a policy, a template) keeps its lines and indentation in <pre><code>.
func ankiHTML(md string) string {
	s := strings.TrimSpace(strings.ReplaceAll(md, "\r\n", "\n"))
	s = strings.ReplaceAll(s, "\t", " ")
	var b strings.Builder
	blank, fenced, block, first := false, false, false, false
	for _, raw := range strings.Split(s, "\n") {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "```") {
			if fenced {
				b.WriteString("</code></pre>")
				block = true
			} else {
				b.WriteString("<pre><code>")
				first = true
			}
			fenced, blank = !fenced, false
			continue
		}
		if fenced {
			if !first {
				b.WriteString("<br>")
			}
			b.WriteString(html.EscapeString(strings.TrimRight(raw, " ")))
			first = false
			continue
		}
		if line == "" {
			blank = true
			continue
		}
		line = mdCode.ReplaceAllString(mdBold.ReplaceAllString(html.EscapeString(line), "<b>$1</b>"), "<code>$1</code>")
		switch {
		case b.Len() == 0, block: // a <pre> is a block of its own
		case blank:
			b.WriteString("<br><br>")
		case mdList.MatchString(line):
			b.WriteString("<br>")
		default:
			b.WriteString(" ")
		}
		blank, block = false, false
		b.WriteString(line)
	}
	if fenced {
		b.WriteString("</code></pre>")
	}
	return b.String()
}

// ankiTag keeps a tag one word.
func ankiTag(s string) string { return strings.Join(strings.Fields(s), "_") }

// exportCSV writes every attempt, oldest first, with a header row.
func exportCSV(ctx context.Context, w io.Writer, st *store.Store) (int, error) {
	as, err := st.Attempts(ctx, store.AttemptFilter{})
	if err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "at", "item_id", "kind", "domain", "task", "score", "choice", "correct_choice",
		"elapsed_ms", "source", "session_id", "uid", "mark", "sure"})
	for _, a := range as {
		_ = cw.Write([]string{strconv.FormatInt(a.ID, 10), a.At.UTC().Format(time.RFC3339Nano), a.ItemID, string(a.Kind),
			a.Domain, a.Task, strconv.FormatFloat(a.Score, 'f', -1, 64), a.Choice, a.CorrectChoice,
			strconv.FormatInt(a.Elapsed.Milliseconds(), 10), string(a.Source), strconv.FormatInt(a.SessionID, 10),
			a.UID, string(a.Mark), strconv.FormatBool(!a.Unsure)})
	}
	cw.Flush()
	return len(as), cw.Error()
}

// ankiGUID is the Anki note GUID of a question: its pack-wide unique ID, prefixed so it cannot clash with a
// GUID Anki made itself.
func ankiGUID(questionID string) string { return "dvaprep-" + ankiTag(questionID) }
