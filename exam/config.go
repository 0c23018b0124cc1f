package exam

import (
	"fmt"
	"math/rand/v2"
	"time"

	"dvaprep/pack"
)

// Kind says which practice mode a session is, because the modes draw and time questions differently.
type Kind string

// The practice modes.
const (
	Mock   Kind = "mock"   // the full exam: drawn by the blueprint, timed, with unscored items
	Drill  Kind = "drill"  // N questions from one domain or task, untimed, explanations shown after each answer
	Missed Kind = "missed" // the questions in Config.IDs, typically the ones answered wrong before
	Custom Kind = "custom" // a mock of any length and time limit
)

// Config describes the session to draw. It is kept with the session so that a resumed exam behaves as it started.
type Config struct {
	Kind        Kind
	Questions   int           // how many to draw; for Missed, 0 means every ID in IDs
	Duration    time.Duration // time limit; 0 means untimed
	Domain      string        // only questions of this domain ("" = all)
	Task        string        // only questions of this task statement ("" = all)
	Unscored    int           // how many drawn items are unscored, unmarked until the report
	ShowAnswers bool          // show the explanation right after each answer
	Seed        int64         // seeds the draw when Draw is given no rand
	IDs         []string      // the question IDs of a Missed drill, in the order to ask them, or of a practice set
	Set         int           // a Mock on fixed practice set Set (see FormSets); 0 for a drawn mock
}

// FullMock is the configuration of a mock like the real exam, with the length, time and unscored count of p.Exam
// (65 questions, 130 minutes, 15 unscored for DVA-C02).
func FullMock(p *pack.Pack) Config {
	c := Config{Kind: Mock}
	if p != nil {
		c.Questions = p.Exam.Questions
		c.Duration = time.Duration(p.Exam.Minutes) * time.Minute
		c.Unscored = p.Exam.Unscored
	}
	return c
}

// DomainDrill is an untimed drill of n questions from one domain or, if task is set, one task statement, with the
// explanation shown after each answer.
func DomainDrill(domain, task string, n int) Config {
	return Config{Kind: Drill, Questions: n, Domain: domain, Task: task, ShowAnswers: true}
}

// MissedDrill is an untimed drill of the given questions, in that order, with the explanation shown after each
// answer.
func MissedDrill(ids []string) Config {
	return Config{Kind: Missed, IDs: append([]string(nil), ids...), ShowAnswers: true}
}

// CustomMock is a mock of n questions drawn by the blueprint with time limit d (0 for untimed) and no unscored
// items.
func CustomMock(n int, d time.Duration) Config {
	return Config{Kind: Custom, Questions: n, Duration: d}
}

// rand returns the generator Draw uses when none is given.
func (c Config) rand() *rand.Rand {
	s := uint64(c.Seed)
	return rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))
}

// check reports a configuration that cannot be drawn.
func (c Config) check() error {
	switch c.Kind {
	case Mock, Drill, Missed, Custom:
	default:
		return fmt.Errorf("unknown exam kind %q (want mock, drill, missed or custom)", c.Kind)
	}
	switch {
	case c.Questions < 0:
		return fmt.Errorf("question count %d is negative", c.Questions)
	case c.Questions == 0 && c.Kind != Missed:
		return fmt.Errorf("question count is 0: ask for at least one question")
	case c.Unscored < 0:
		return fmt.Errorf("unscored count %d is negative", c.Unscored)
	case c.Duration < 0:
		return fmt.Errorf("time limit %v is negative", c.Duration)
	case c.Set < 0:
		return fmt.Errorf("practice set %d is not a set number", c.Set)
	case c.Set > 0 && c.Kind != Mock:
		return fmt.Errorf("a practice set is a mock, not a %s", c.Kind)
	case c.Set > 0 && len(c.IDs) == 0:
		return fmt.Errorf("practice set %d has no questions: %w", c.Set, ErrNoQuestions)
	case c.Kind == Missed && len(c.IDs) == 0:
		return fmt.Errorf("a missed-questions drill needs question IDs: %w", ErrNoQuestions)
	}
	return nil
}

// PaceMinutes is the time limit for n questions at the pace of the real exam in f, rounded up to a whole minute:
// 2 minutes a question for DVA-C02 (130 for 65). A format without a pace gives 2 minutes a question.
func PaceMinutes(f pack.ExamFormat, n int) int {
	if n <= 0 {
		return 0
	}
	if f.Questions <= 0 || f.Minutes <= 0 {
		return 2 * n
	}
	return (n*f.Minutes + f.Questions - 1) / f.Questions
}
