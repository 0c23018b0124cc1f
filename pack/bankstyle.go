package pack

import (
	"regexp"
	"sort"
	"strings"
)

// BankStyle measures how far a question bank asks the way the real exam does: long situations, whole-solution
// options, a deciding qualifier, exhibits, hard items, and distractors that work but are worse. validate prints
// it, and the embedded pack's content test holds it to the bar in the README.
type BankStyle struct {
	Questions   int
	Multiple    int // multiple response
	Hard        int // difficulty 3
	Exhibit     int // a fenced code block in the stem
	Qualifier   int // a deciding qualifier in capitals: MOST cost-effective, LEAST operational overhead
	Works       int // at least one wrong option marked works: it would work but is worse
	Sourced     int // at least one documentation source
	StemWords   int // median words in a stem, exhibits left out
	OptionWords int // median words in an option
}

// qualifier is a capitalised word the exam uses to decide between options that would all work.
var qualifier = regexp.MustCompile(`\b(MOST|LEAST|FEWEST|FASTEST|LOWEST|HIGHEST|SMALLEST|QUICKEST|BEST|MINIMUM|MINIMAL|FIRST)\b`)

// Style measures the pack's question bank.
func (p *Pack) Style() BankStyle {
	s := BankStyle{Questions: len(p.Questions)}
	var stems, opts []int
	for _, q := range p.Questions {
		if q.Type == Multiple {
			s.Multiple++
		}
		if q.Difficulty == 3 {
			s.Hard++
		}
		prose, exhibit := withoutCode(q.Stem)
		if exhibit {
			s.Exhibit++
		}
		if qualifier.MatchString(prose) {
			s.Qualifier++
		}
		if len(q.Sources) > 0 {
			s.Sourced++
		}
		stems = append(stems, len(strings.Fields(prose)))
		works := false
		for _, o := range q.Options {
			opts = append(opts, len(strings.Fields(o.Text)))
			works = works || (o.Works && !o.Correct)
		}
		if works {
			s.Works++
		}
	}
	s.StemWords, s.OptionWords = median(stems), median(opts)
	return s
}

// withoutCode drops fenced code blocks from markdown, and says whether there were any.
func withoutCode(md string) (string, bool) {
	var b strings.Builder
	var fence codeFence
	any := false
	for _, line := range strings.Split(md, "\n") {
		if fence.step(line) {
			any = true
			continue
		}
		if !fence.open() {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String(), any
}

func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	sort.Ints(xs)
	return xs[len(xs)/2]
}

// Percent is n as a share of the bank, in per cent; 0 for an empty bank.
func (s BankStyle) Percent(n int) float64 {
	if s.Questions == 0 {
		return 0
	}
	return 100 * float64(n) / float64(s.Questions)
}
