package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"dvaprep/progress"
	"dvaprep/study"
)

func init() { extraCommands = append(extraCommands, planCmd) }

// planCmd sets the exam date and prints the plan for today.
func planCmd(opts *options) *cobra.Command {
	var (
		date   string
		clear  bool
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Set your exam date and print the plan for today",
		Long: "plan prints what to do today, worked out from your progress: the review cards due, a drill on your\n" +
			"weakest task statement, a full mock when the readiness estimate has too little data or your last\n" +
			"mock is 3 days old or more, and the unread notes of your weakest task statements. With an exam date\n" +
			"it says how many days are left and how many full mocks fit before it (one every 3 days).\n\n" +
			"--exam-date YYYY-MM-DD sets the date (Home can set it too, with d); --clear-date removes it.",
		Example: "  dvaprep plan --exam-date 2027-01-31\n  dvaprep plan\n  dvaprep plan --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if date != "" && clear {
				return fmt.Errorf("--exam-date and --clear-date cannot go together")
			}
			var d time.Time
			if date != "" {
				var err error
				if d, err = study.ParseExamDate(date); err != nil {
					return fmt.Errorf("--exam-date %s: %w", date, err)
				}
			}
			p, st, err := openAll(cmd.Context(), opts)
			if err != nil {
				return err
			}
			defer st.Close()
			now := time.Now()
			s := study.New(st, p, time.Now)
			if date != "" || clear {
				if err := s.SetExamDate(cmd.Context(), d); err != nil {
					return err
				}
			}
			data, err := s.Progress(cmd.Context(), now)
			if err != nil {
				return err
			}
			pl := progress.Compute(p, data, now).Plan
			if asJSON {
				date, j := toPlanJSON(pl)
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					ExamDate *string `json:"exam_date"`
					planJSON
				}{date, j})
			}
			if date != "" {
				fmt.Fprintf(cmd.OutOrStdout(), "Exam date set: %s.\n", d.Format("Monday 2 January 2006"))
			} else if clear {
				fmt.Fprintln(cmd.OutOrStdout(), "Exam date removed.")
			}
			writePlan(cmd.OutOrStdout(), pl)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&date, "exam-date", "", "set your exam date (YYYY-MM-DD)")
	f.BoolVar(&clear, "clear-date", false, "remove the exam date")
	f.BoolVar(&asJSON, "json", false, "print JSON instead of text")
	return cmd
}

// writePlan prints the countdown and the steps for today.
func writePlan(out io.Writer, pl progress.Plan) {
	switch {
	case !pl.HasDate():
		fmt.Fprintln(out, "exam date: not set (`dvaprep plan --exam-date YYYY-MM-DD`, or d on Home)")
	case pl.DaysLeft > 0:
		mocks := "1 full mock fits"
		if pl.MocksFit != 1 {
			mocks = fmt.Sprintf("%d full mocks fit", pl.MocksFit)
		}
		fmt.Fprintf(out, "exam: %s · %s before it, one every %d days\n", pl.Countdown(), mocks, progress.MockEvery)
	default:
		fmt.Fprintf(out, "exam: %s\n", pl.Countdown())
	}
	if len(pl.Steps) == 0 {
		fmt.Fprintln(out, "today: nothing is due; any drill or note is a bonus")
		return
	}
	fmt.Fprintln(out, "today:")
	for i, s := range pl.Steps {
		fmt.Fprintf(out, "  %d. %s: %s\n", i+1, s.Text, s.Why)
	}
}
