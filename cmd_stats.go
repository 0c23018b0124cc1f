package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"dvaprep/pack"
	"dvaprep/progress"
	"dvaprep/store"
	"dvaprep/study"
)

func init() { extraCommands = append(extraCommands, statsCmd) }

// statsCmd prints the progress table without the interface.
func statsCmd(opts *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Print your progress per exam domain and task statement",
		Long: "stats prints, per exam domain and per task statement, how many questions and scenario decisions you\n" +
			"answered, your accuracy and your mastery (accuracy weighted towards recent answers, times how well\n" +
			"you still remember what you missed), the notes sections read, and the readiness estimate.",
		Example: "  dvaprep stats\n  dvaprep stats --json | jq .readiness",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, st, err := openAll(cmd.Context(), opts)
			if err != nil {
				return err
			}
			defer st.Close()
			now := time.Now()
			d, err := study.New(st, p, time.Now).Progress(cmd.Context(), now)
			if err != nil {
				return err
			}
			r := progress.Compute(p, d, now)
			if asJSON {
				return writeStatsJSON(cmd.OutOrStdout(), r)
			}
			return writeStats(cmd.OutOrStdout(), p, r)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	return cmd
}

// writeStats prints the report as plain tables that fit 80 columns. Questions answered and scenario
// decisions are counted apart, as Home and Progress count them; accuracy and mastery rest on both.
func writeStats(out io.Writer, p *pack.Pack, r progress.Report) error {
	thin := false // a figure rests on fewer than progress.MinFigure answers
	// nameW keeps each table within 80 columns: a task's ID and its "notes read" column are wider.
	table := func(title, last string, nameW int, rows []progress.Mastery, lastCol func(progress.Mastery) string) error {
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "\t%s\tquestions\tdecisions\taccuracy\tmastery\t%s\n", title, last)
		for _, m := range rows {
			acc, mastery := figure(m.Accuracy, m.Answered), figure(m.Mastery, m.Answered)
			thin = thin || (m.Answered > 0 && !progress.Enough(m.Answered))
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\n", m.ID, cut(m.Name, nameW), m.Questions, m.Decisions, acc,
				mastery, lastCol(m))
		}
		return tw.Flush()
	}
	if err := table("domain", "weight", 28, r.Domains, func(m progress.Mastery) string { return fmt.Sprintf("%d%%", m.Weight) }); err != nil {
		return err
	}
	fmt.Fprintln(out)
	if err := table("task statement", "notes read", 22, r.Tasks, func(m progress.Mastery) string {
		return fmt.Sprintf("%d/%d", m.Sections.Done, m.Sections.Total)
	}); err != nil {
		return err
	}
	if thin {
		fmt.Fprintf(out, "* fewer than %d answers: too little data to read much into\n", progress.MinFigure)
	}
	fmt.Fprintln(out, "accuracy and mastery count questions and scenario decisions alike")
	fmt.Fprintf(out, "\nquestions: %s\n", progress.Figure(r.Questions.Accuracy(), r.Questions.Answered))
	fmt.Fprintf(out, "scenario decisions: %s\n", decisionsFigure(r.Decisions))
	fmt.Fprintf(out, "notes: %d of %d sections read\n", r.Notes.Done, r.Notes.Total)
	if r.Cards == 1 {
		fmt.Fprintln(out, "review: 1 card")
	} else {
		fmt.Fprintf(out, "review: %d cards\n", r.Cards)
	}
	rd := r.Readiness
	if rd.Enough {
		fmt.Fprintf(out, "readiness (an estimate): %d, range %d–%d, pass mark %d, from %d answers\n",
			rd.Scaled, rd.ScaledLow, rd.ScaledHigh, rd.Passing, rd.Answers)
	} else {
		fmt.Fprintf(out, "readiness (an estimate): %s\n", rd.Reason())
	}
	fmt.Fprintln(out)
	writePlan(out, r.Plan)
	if r.Questions.Answered == 0 && r.Decisions.Answered == 0 {
		first := "1"
		if len(p.Domains) > 0 {
			first = p.Domains[0].ID
		}
		fmt.Fprintf(out, "\nNothing answered yet. Start with a drill, `dvaprep exam --domain %s --questions 10`,\n"+
			"or run `dvaprep` and open Scenarios or Notes. Every answer and decision counts here.\n", first)
	}
	return nil
}

// decisionsFigure is the decisions' score as Home and Progress count them: points, one a decision.
func decisionsFigure(t store.Tally) string {
	if t.Answered == 0 {
		return "none yet"
	}
	return progress.Figure(t.Accuracy(), t.Answered)
}

// figure is a percentage for a table cell: "—" with no answers, marked "*" under progress.MinFigure answers.
func figure(f float64, answers int) string {
	switch {
	case answers == 0:
		return "—"
	case !progress.Enough(answers):
		return fmt.Sprintf("%.0f%%*", 100*f)
	}
	return fmt.Sprintf("%.0f%%", 100*f)
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// statsJSON is the --json form: fractions 0..1, durations in seconds.
type statsJSON struct {
	Domains   []masteryJSON `json:"domains"`
	Tasks     []masteryJSON `json:"tasks"`
	Questions tallyJSON     `json:"questions"`
	Decisions tallyJSON     `json:"decisions"`
	Notes     countJSON     `json:"notes"`
	Cards     int           `json:"review_cards"`
	Readiness readinessJSON `json:"readiness"`
	Streak    streakJSON    `json:"streak"`
	Weak      []weakJSON    `json:"weak_spots"`
	MinFigure int           `json:"min_answers_for_a_figure"`
	ExamDate  *string       `json:"exam_date"` // YYYY-MM-DD, null without one
	Plan      planJSON      `json:"plan"`
}

// planJSON is the plan for today.
type planJSON struct {
	DaysLeft *int       `json:"days_left"` // null without an exam date
	MocksFit int        `json:"mocks_fit"`
	LastMock *int       `json:"days_since_last_mock"` // null without a full mock
	Steps    []stepJSON `json:"steps"`
}

type stepJSON struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	Why   string `json:"why"`
	Task  string `json:"task,omitempty"`
	Note  string `json:"note,omitempty"`
	Count int    `json:"count,omitempty"`
}

func toPlanJSON(pl progress.Plan) (*string, planJSON) {
	j := planJSON{MocksFit: pl.MocksFit, Steps: []stepJSON{}}
	var date *string
	if pl.HasDate() {
		s, n := pl.Date.Format(time.DateOnly), pl.DaysLeft
		date, j.DaysLeft = &s, &n
	}
	if pl.LastMock >= 0 {
		n := pl.LastMock
		j.LastMock = &n
	}
	for _, s := range pl.Steps {
		j.Steps = append(j.Steps, stepJSON{Kind: string(s.Kind), Text: s.Text, Why: s.Why, Task: s.Task, Note: s.Note, Count: s.Count})
	}
	return date, j
}

type masteryJSON struct {
	ID        string    `json:"id"`
	Domain    string    `json:"domain"`
	Name      string    `json:"name"`
	Weight    int       `json:"weight"`
	Answered  int       `json:"answered"`  // questions + decisions: what accuracy and mastery rest on
	Questions int       `json:"questions"` // questions answered
	Decisions int       `json:"decisions"` // scenario decisions
	Accuracy  float64   `json:"accuracy"`
	Recent    float64   `json:"recent_accuracy"`
	Retention float64   `json:"retention"`
	Mastery   float64   `json:"mastery"`
	Cards     int       `json:"review_cards"`
	Notes     countJSON `json:"notes"`
	Enough    bool      `json:"enough_data"` // answered >= min_answers_for_a_figure
}

type tallyJSON struct {
	Answered int     `json:"answered"`
	Accuracy float64 `json:"accuracy"`
	Enough   bool    `json:"enough_data"`
}

type countJSON struct {
	Read  int `json:"read"`
	Total int `json:"total"`
}

type readinessJSON struct {
	Enough   bool    `json:"enough_data"`
	Reason   string  `json:"reason,omitempty"`
	Answers  int     `json:"answers"`
	Estimate int     `json:"estimate,omitempty"`
	Low      int     `json:"low,omitempty"`
	High     int     `json:"high,omitempty"`
	Percent  float64 `json:"percent,omitempty"`
	Passing  int     `json:"passing"`
}

type streakJSON struct {
	Current int  `json:"current"`
	Longest int  `json:"longest"`
	Days    int  `json:"days_studied"`
	Today   bool `json:"today"`
}

type weakJSON struct {
	Task       string `json:"task"`
	Suggestion string `json:"suggestion"`
}

func round(f float64) float64 { return math.Round(f*1e4) / 1e4 }

func writeStatsJSON(out io.Writer, r progress.Report) error {
	m := func(ms []progress.Mastery) []masteryJSON {
		out := make([]masteryJSON, 0, len(ms))
		for _, x := range ms {
			out = append(out, masteryJSON{ID: x.ID, Domain: x.Domain, Name: x.Name, Weight: x.Weight, Answered: x.Answered,
				Questions: x.Questions, Decisions: x.Decisions,
				Accuracy: round(x.Accuracy), Recent: round(x.Recent), Retention: round(x.Retention), Mastery: round(x.Mastery),
				Cards: x.Cards, Notes: countJSON{x.Sections.Done, x.Sections.Total}, Enough: progress.Enough(x.Answered)})
		}
		return out
	}
	rd := r.Readiness
	j := statsJSON{
		Domains:   m(r.Domains),
		Tasks:     m(r.Tasks),
		Questions: tallyJSON{r.Questions.Answered, round(r.Questions.Accuracy()), progress.Enough(r.Questions.Answered)},
		Decisions: tallyJSON{r.Decisions.Answered, round(r.Decisions.Accuracy()), progress.Enough(r.Decisions.Answered)},
		Notes:     countJSON{r.Notes.Done, r.Notes.Total},
		Cards:     r.Cards,
		Readiness: readinessJSON{Enough: rd.Enough, Reason: rd.Reason(), Answers: rd.Answers, Estimate: rd.Scaled,
			Low: rd.ScaledLow, High: rd.ScaledHigh, Percent: round(rd.Percent), Passing: rd.Passing},
		Streak:    streakJSON{r.Streak.Current, r.Streak.Longest, r.Streak.Days, r.Streak.Today},
		Weak:      []weakJSON{},
		MinFigure: progress.MinFigure,
	}
	for _, w := range r.Weak {
		j.Weak = append(j.Weak, weakJSON{w.ID, w.Suggestion()})
	}
	j.ExamDate, j.Plan = toPlanJSON(r.Plan)
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}
