package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"dvaprep/exam"
	"dvaprep/pack"
	"dvaprep/study"
	"dvaprep/ui/common"
)

func init() { extraCommands = append(extraCommands, examCmd) }

// examCmd starts a mock exam or a drill straight from the command line.
func examCmd(opts *options) *cobra.Command {
	var (
		start   common.ExamStart
		abandon bool
	)
	cmd := &cobra.Command{
		Use:   "exam",
		Short: "Start a mock exam or a drill",
		Long: "exam starts a timed mock exam at once: 65 questions in 130 minutes by default, drawn by the exam\n" +
			"blueprint, questions you have not seen first. Another --questions gets 2 minutes a question unless\n" +
			"--minutes says otherwise (0 is untimed). With --domain or --task it starts an untimed drill of that\n" +
			"domain or task statement instead, showing the answer after each question.\n\n" +
			"One exam at a time: if one is in progress, the interface asks whether to abandon it (its answers are\n" +
			"kept and count) or to open it. --abandon abandons it without asking; without a terminal the command\n" +
			"refuses and says so.\n\n" +
			"--set N takes fixed practice set N instead: the bank is cut into 65-question sets by the blueprint,\n" +
			"with no question in two sets, and a set keeps its questions once taken, so attempts compare.",
		Example: "  dvaprep exam\n  dvaprep exam --questions 10 --minutes 20\n  dvaprep exam --domain 2 --questions 15\n  dvaprep exam --set 3",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("set") {
				if err := checkSet(cmd, opts, start.Set); err != nil {
					return err
				}
				if !abandon && !isTerminal() {
					if err := refuseIfInProgress(cmd.Context(), opts); err != nil {
						return err
					}
				}
				s := common.ExamStart{Set: start.Set, Questions: 1}
				return runTUI(cmd.Context(), opts, common.NavigateMsg{To: common.ExamScreen,
					Exam: common.ExamArg{Start: &s, FromCLI: true, Abandon: abandon}})
			}
			if start.Domain != "" && start.Task != "" {
				return fmt.Errorf("--domain and --task each make a drill: give one, not both")
			}
			drill := start.Domain != "" || start.Task != ""
			if drill && !cmd.Flags().Changed("questions") {
				start.Questions = 10
			}
			if drill && !cmd.Flags().Changed("minutes") {
				start.Minutes = 0
			}
			if start.Questions < 1 {
				return fmt.Errorf("the number of questions must be at least 1, not %d", start.Questions)
			}
			if start.Minutes < 0 {
				return fmt.Errorf("the time limit must be 0 (untimed) or more minutes, not %d", start.Minutes)
			}
			if !drill && cmd.Flags().Changed("questions") && !cmd.Flags().Changed("minutes") {
				// The time follows the length at the real exam's pace (2 minutes a question).
				p, err := loadPack(opts)
				if err != nil {
					return err
				}
				start.Minutes = exam.PaceMinutes(p.Exam, start.Questions)
			}
			if drill {
				p, err := loadPack(opts)
				if err != nil {
					return err
				}
				if start.Domain != "" && p.Domain(start.Domain) == nil {
					return fmt.Errorf("domain %q is not in the pack: use one of %s", start.Domain, domainIDs(p.Domains))
				}
				if start.Task != "" && p.Task(start.Task) == nil {
					return fmt.Errorf("task statement %q is not in the pack: use an ID such as 1.2", start.Task)
				}
			}
			if cmd.Flags().Changed("questions") {
				p, err := loadPack(opts)
				if err != nil {
					return err
				}
				if n, scope := bankSize(p, start.Domain, start.Task); start.Questions > n {
					return fmt.Errorf("--questions %d: %s has only %d questions; ask for %d or fewer", start.Questions, scope, n, n)
				}
			}
			if !abandon && !isTerminal() {
				if err := refuseIfInProgress(cmd.Context(), opts); err != nil {
					return err
				}
			}
			s := start
			return runTUI(cmd.Context(), opts, common.NavigateMsg{To: common.ExamScreen,
				Exam: common.ExamArg{Start: &s, FromCLI: true, Abandon: abandon}})
		},
	}
	f := cmd.Flags()
	f.IntVar(&start.Questions, "questions", 65, "how many questions (N); a drill defaults to 10")
	f.IntVar(&start.Minutes, "minutes", 130, "time limit in minutes (M), 0 for untimed; by default 2 a question, and a drill is untimed")
	f.StringVar(&start.Domain, "domain", "", "drill one exam domain (D, such as 2)")
	f.StringVar(&start.Task, "task", "", "drill one task statement (T, such as 1.2)")
	f.IntVar(&start.Set, "set", 0, "take fixed practice set N: a full mock on the same 65 questions every time")
	f.BoolVar(&abandon, "abandon", false, "abandon an exam in progress without asking (its answers are kept and count)")
	return cmd
}

// checkSet refuses a practice set that is not a number the bank makes, or --set mixed with the options of
// another kind of exam.
func checkSet(cmd *cobra.Command, opts *options, n int) error {
	for _, f := range []string{"questions", "minutes", "domain", "task"} {
		if cmd.Flags().Changed(f) {
			return fmt.Errorf("--set takes a whole practice set: leave out --%s", f)
		}
	}
	if n < 1 {
		return fmt.Errorf("--set must be a practice set number from 1, not %d", n)
	}
	p, st, err := openAll(cmd.Context(), opts)
	if err != nil {
		return err
	}
	defer st.Close()
	sets, err := study.New(st, p, time.Now).PracticeSets(cmd.Context())
	if err != nil {
		return err
	}
	if exam.FindSet(sets, n) == nil {
		return fmt.Errorf("there is no practice set %d: the bank of %d questions makes %d sets of %d (run `dvaprep exam --set 1`)",
			n, len(p.Questions), len(sets), p.Exam.Questions)
	}
	return nil
}

func domainIDs(ds []pack.Domain) string {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	return strings.Join(ids, ", ")
}

// refuseIfInProgress fails with a clear message when an exam is in progress: starting another would
// abandon it, and there is no terminal to ask.
func refuseIfInProgress(ctx context.Context, opts *options) error {
	p, st, err := openAll(ctx, opts)
	if err != nil {
		return err
	}
	defer st.Close()
	e, answered, err := study.New(st, p, time.Now).ExamInProgress(ctx)
	if err != nil || e == nil {
		return err
	}
	return fmt.Errorf("%s; run `dvaprep` to resume it, or pass --abandon to abandon it (its answers are kept) and start this one",
		(&study.InProgressError{Session: *e, Count: answered}).Error())
}

// bankSize counts the questions an exam or drill can draw from, and names where they come from.
func bankSize(p *pack.Pack, domain, task string) (int, string) {
	n := 0
	for _, q := range p.Questions {
		if (domain == "" || q.Domain == domain) && (task == "" || q.Task == task) {
			n++
		}
	}
	switch {
	case task != "":
		return n, "task statement " + task
	case domain != "":
		return n, "domain " + domain
	}
	return n, "the question bank"
}
