package exam

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"dvaprep/pack"
)

// maxQuestions bounds a requested length, so that a mistyped flag is an error rather than a long loop.
const maxQuestions = 100_000

// ErrNoQuestions means that no question in the pack matches what was asked for.
var ErrNoQuestions = errors.New("no questions to draw")

// Item is one drawn question as the session shows it. The option order is fixed at the draw and saved with the
// session, so a resumed exam shows the options exactly as before.
type Item struct {
	QuestionID string
	Perm       []int // Perm[d] is the original index of the option shown at display position d
	Unscored   bool  // not counted in the score; unmarked during the exam, revealed in the report
}

// Original returns the original option index shown at display position d, or -1 if there is none.
func (it Item) Original(d int) int {
	if d < 0 || d >= len(it.Perm) {
		return -1
	}
	return it.Perm[d]
}

// Display returns the display position of original option index o, or -1 if there is none.
func (it Item) Display(o int) int {
	return slices.Index(it.Perm, o)
}

// Shortfall is the warning Draw returns with a usable draw that is not what was asked for: a domain had too few
// questions and others filled its places, fewer questions exist than were asked for, or missed-drill IDs are no
// longer in the pack.
type Shortfall struct {
	Wanted  int               // questions asked for
	Got     int               // questions drawn
	Domains []DomainShortfall // domains that could not supply their share
	Unknown []string          // missed-drill IDs not found in the pack
}

// DomainShortfall is one domain that had fewer questions than its share of the draw.
type DomainShortfall struct {
	Domain string
	Wanted int // its share by weight
	Had    int // the questions it could supply
}

// Error says what is missing in one line.
func (s *Shortfall) Error() string {
	var parts []string
	if s.Got < s.Wanted {
		parts = append(parts, fmt.Sprintf("only %d of the %d questions asked for are available", s.Got, s.Wanted))
	} else {
		for _, d := range s.Domains {
			parts = append(parts, fmt.Sprintf("domain %s has %d questions for its %d places", d.Domain, d.Had,
				d.Wanted))
		}
		if len(s.Domains) > 0 {
			parts = append(parts, "other domains filled the rest")
		}
	}
	if len(s.Unknown) > 0 {
		parts = append(parts, fmt.Sprintf("%d questions are no longer in the pack (%s)", len(s.Unknown),
			strings.Join(s.Unknown, ", ")))
	}
	return "exam draw: " + strings.Join(parts, "; ")
}

// Draw picks the questions of a session and fixes their option order. seen holds the IDs answered in earlier
// sessions; unseen questions are drawn first. rng may be nil, in which case cfg.Seed seeds the draw.
//
// A Mock or Custom draw apportions questions to domains by weight (see the package doc), takes unseen questions
// first within each domain, spreads them over the domain's task statements, and shuffles the result. Drills keep
// to cfg.Domain and cfg.Task. A Missed drill takes cfg.IDs in order. cfg.Unscored items are marked unscored
// (scaled down if fewer questions were drawn, and never all of them), chosen by domain weight too so that the
// scored ones follow the blueprint (see markUnscored).
//
// If err is a *Shortfall, items is still a usable best-effort draw; any other error comes with no items.
func Draw(p *pack.Pack, cfg Config, seen map[string]bool, rng *rand.Rand) ([]Item, error) {
	if p == nil {
		return nil, errors.New("exam draw: no pack loaded")
	}
	if err := cfg.check(); err != nil {
		return nil, fmt.Errorf("exam draw: %w", err)
	}
	if cfg.Questions > maxQuestions {
		return nil, fmt.Errorf("exam draw: %d questions is more than the %d allowed", cfg.Questions, maxQuestions)
	}
	domain, err := resolveFilter(p, cfg.Domain, cfg.Task)
	if err != nil {
		return nil, fmt.Errorf("exam draw: %w", err)
	}
	if rng == nil {
		rng = cfg.rand()
	}
	if cfg.Set > 0 {
		return drawSet(p, cfg, rng)
	}
	match := func(q *pack.Question) bool {
		return q != nil && (domain == "" || q.Domain == domain) && (cfg.Task == "" || q.Task == cfg.Task)
	}

	var qs []*pack.Question
	var short Shortfall
	if cfg.Kind == Missed {
		qs, short = drawMissed(p, cfg, match)
	} else {
		qs, short = drawBlueprint(p, cfg.Questions, domain, match, seen, rng)
		rng.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	}
	if len(qs) == 0 {
		what := "the pack has no questions"
		switch {
		case cfg.Kind == Missed:
			what = "none of the missed questions is in the pack"
		case cfg.Task != "":
			what = "task " + cfg.Task + " has no questions"
		case domain != "":
			what = "domain " + domain + " has no questions"
		}
		return nil, fmt.Errorf("exam draw: %s: %w", what, ErrNoQuestions)
	}

	items := make([]Item, len(qs))
	for i, q := range qs {
		items[i] = Item{QuestionID: q.ID, Perm: rng.Perm(len(q.Options))}
	}
	unscored := cfg.Unscored
	if short.Got < short.Wanted && short.Wanted > 0 {
		unscored = unscored * short.Got / short.Wanted
	}
	unscored = min(unscored, len(items)-1)
	markUnscored(p, items, qs, max(unscored, 0), rng)
	if short.Got < short.Wanted || len(short.Domains) > 0 || len(short.Unknown) > 0 {
		return items, &short
	}
	return items, nil
}

// markUnscored marks u of the drawn items unscored, so that the scored ones follow the blueprint: the scored
// count of each domain is apportioned by weight (D'Hondt, as for the draw), capped at what the domain has in the
// draw, and the rest of each domain's items are the unscored ones, picked at random within the domain. For the
// DVA-C02 full mock that is 21/17/16/11 drawn, 16/13/12/9 scored and 5/4/4/2 unscored. D'Hondt is house
// monotone (a smaller house never gives a party more seats), so the scored share always fits in the drawn one
// when no domain ran short.
func markUnscored(p *pack.Pack, items []Item, qs []*pack.Question, u int, rng *rand.Rand) {
	if u <= 0 || len(items) == 0 {
		return
	}
	at := map[string]int{}
	var weights []int
	for _, d := range p.Domains {
		if _, dup := at[d.ID]; !dup {
			at[d.ID] = len(weights)
			weights = append(weights, min(max(d.Weight, 0), 1_000_000))
		}
	}
	members := make([][]int, len(weights)) // item indexes per domain
	for i, q := range qs {
		d, ok := at[q.Domain]
		if !ok { // a domain missing from the blueprint: weight 0
			d = len(weights)
			at[q.Domain] = d
			weights = append(weights, 0)
			members = append(members, nil)
		}
		members[d] = append(members[d], i)
	}
	caps := make([]int, len(weights))
	for d := range members {
		caps[d] = len(members[d])
	}
	scored := apportion(weights, caps, len(items)-u)
	for d, ms := range members {
		rng.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		for _, i := range ms[:len(ms)-scored[d]] {
			items[i].Unscored = true
		}
	}
}

// resolveFilter checks the drill filters against the blueprint and returns the domain they select ("" for all).
func resolveFilter(p *pack.Pack, domain, task string) (string, error) {
	if domain != "" && !slices.ContainsFunc(p.Domains, func(d pack.Domain) bool { return d.ID == domain }) {
		return "", fmt.Errorf("domain %q is not in the pack", domain)
	}
	if task == "" {
		return domain, nil
	}
	for _, d := range p.Domains {
		for _, t := range d.Tasks {
			if t.ID != task {
				continue
			}
			if domain != "" && domain != d.ID {
				return "", fmt.Errorf("task %s belongs to domain %s, not %s", task, d.ID, domain)
			}
			return d.ID, nil
		}
	}
	return "", fmt.Errorf("task %q is not in the pack", task)
}

// drawMissed takes the missed-drill IDs in order, skipping repeats and IDs the pack no longer has.
func drawMissed(p *pack.Pack, cfg Config, match func(*pack.Question) bool) ([]*pack.Question, Shortfall) {
	byID := questionIndex(p)
	var short Shortfall
	var qs []*pack.Question
	done := map[string]bool{}
	for _, id := range cfg.IDs {
		if done[id] {
			continue
		}
		done[id] = true
		short.Wanted++
		q := byID[id]
		switch {
		case q == nil:
			short.Unknown = append(short.Unknown, id)
		case match(q):
			qs = append(qs, q)
		}
	}
	if cfg.Questions > 0 {
		short.Wanted = cfg.Questions
		qs = qs[:min(len(qs), cfg.Questions)]
	}
	short.Got = len(qs)
	return qs, short
}

// group is the pool of one domain during a draw.
type group struct {
	id     string
	weight int
	qs     []*pack.Question
}

// drawBlueprint draws n questions apportioned over the domains by weight, or all from domain if it is set.
func drawBlueprint(p *pack.Pack, n int, domain string, match func(*pack.Question) bool, seen map[string]bool,
	rng *rand.Rand) ([]*pack.Question, Shortfall) {
	var groups []*group
	at := map[string]int{}
	for _, d := range p.Domains {
		if _, dup := at[d.ID]; dup {
			continue
		}
		at[d.ID] = len(groups)
		groups = append(groups, &group{id: d.ID, weight: min(max(d.Weight, 0), 1_000_000)})
	}
	ids := map[string]bool{}
	for _, q := range p.Questions {
		if !match(q) || ids[q.ID] { // a repeated ID is one question: never draw it twice
			continue
		}
		ids[q.ID] = true
		i, ok := at[q.Domain]
		if !ok { // a domain missing from the blueprint: weight 0, used only to fill
			i = len(groups)
			at[q.Domain] = i
			groups = append(groups, &group{id: q.Domain})
		}
		groups[i].qs = append(groups[i].qs, q)
	}

	weights := make([]int, len(groups))
	caps := make([]int, len(groups))
	total := 0
	for i, g := range groups {
		if domain == "" || g.id == domain {
			weights[i] = g.weight
		}
		total += weights[i]
		caps[i] = len(g.qs)
	}
	if total == 0 { // no weights to go by: share evenly among the blueprint's domains (or all, if it has none)
		known := len(p.Domains)
		for i, g := range groups {
			if (domain == "" || g.id == domain) && (i < known || known == 0) {
				weights[i] = 1
			}
		}
	}
	share := apportion(weights, nil, n)
	seats := apportion(weights, caps, n)

	short := Shortfall{Wanted: n}
	var qs []*pack.Question
	for i, g := range groups {
		if share[i] > caps[i] {
			short.Domains = append(short.Domains, DomainShortfall{Domain: g.id, Wanted: share[i], Had: caps[i]})
		}
		qs = append(qs, pickSpread(g.qs, seats[i], seen, rng)...)
	}
	short.Got = len(qs)
	return qs, short
}

// apportion shares n seats among parties by weight using highest averages (D'Hondt): each seat goes to the party
// with the largest weight/(seats+1), a tie to the heavier party, then to the earlier one. caps (nil for none)
// bounds each party's seats; the seats a full party cannot take go to the others. Parties of weight 0 get seats
// only when every weighted party is full.
func apportion(weights, caps []int, n int) []int {
	seats := make([]int, len(weights))
	total := 0
	for _, w := range weights {
		total += w
	}
	capOf := func(i int) int {
		if caps == nil {
			return n
		}
		return caps[i]
	}
	given := 0
	if total > 0 {
		// D'Hondt never gives a party less than the whole part of its exact share, so start from there; this
		// is a point the seat-by-seat process passes through, and it keeps large n cheap.
		for i, w := range weights {
			seats[i] = min(n*w/total, capOf(i))
			given += seats[i]
		}
	}
	for ; given < n; given++ {
		best := -1
		for i, w := range weights {
			if seats[i] >= capOf(i) {
				continue
			}
			if best < 0 {
				best = i
				continue
			}
			a, b := w*(seats[best]+1), weights[best]*(seats[i]+1)
			if a > b || (a == b && w > weights[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		seats[best]++
	}
	return seats
}

// pickSpread picks k questions from one domain: unseen ones first, each time from the task statement picked least
// so far, so that the draw covers the domain's tasks evenly.
func pickSpread(qs []*pack.Question, k int, seen map[string]bool, rng *rand.Rand) []*pack.Question {
	var fresh, old []*pack.Question
	for _, q := range qs {
		if seen[q.ID] {
			old = append(old, q)
		} else {
			fresh = append(fresh, q)
		}
	}
	taken := map[string]int{}
	out := spread(fresh, k, taken, rng)
	return append(out, spread(old, k-len(out), taken, rng)...)
}

// spread picks up to k questions round-robin over their task statements, in random order within a task. taken
// counts the picks per task so far and is updated.
func spread(qs []*pack.Question, k int, taken map[string]int, rng *rand.Rand) []*pack.Question {
	if k <= 0 || len(qs) == 0 {
		return nil
	}
	byTask := map[string][]*pack.Question{}
	var tasks []string
	for _, q := range qs {
		if _, ok := byTask[q.Task]; !ok {
			tasks = append(tasks, q.Task)
		}
		byTask[q.Task] = append(byTask[q.Task], q)
	}
	slices.Sort(tasks)
	rng.Shuffle(len(tasks), func(i, j int) { tasks[i], tasks[j] = tasks[j], tasks[i] })
	for _, t := range tasks {
		pool := byTask[t]
		rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	}
	var out []*pack.Question
	for len(out) < k {
		best := -1
		for i, t := range tasks {
			if len(byTask[t]) > 0 && (best < 0 || taken[t] < taken[tasks[best]]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		t := tasks[best]
		out = append(out, byTask[t][0])
		byTask[t] = byTask[t][1:]
		taken[t]++
	}
	return out
}

// questionIndex maps question IDs to questions. It reads p.Questions, so it works on a Pack built in code as well
// as on a loaded one.
func questionIndex(p *pack.Pack) map[string]*pack.Question {
	m := make(map[string]*pack.Question, len(p.Questions))
	for _, q := range p.Questions {
		if q != nil {
			m[q.ID] = q
		}
	}
	return m
}

// Share is one domain's part of a mock of a given length: the questions drawn from it and how many of them
// are scored, when the pack has enough questions.
type Share struct {
	Domain string
	Drawn  int
	Scored int
}

// Shares is the split a mock of n questions with u unscored aims for, domain by domain in pack order: what the
// draw apportions by weight, before any shortfall. A briefing shows it; Draw follows it.
func Shares(p *pack.Pack, n, u int) []Share {
	if p == nil || n <= 0 {
		return nil
	}
	u = min(max(u, 0), n-1)
	weights := make([]int, len(p.Domains))
	for i, d := range p.Domains {
		weights[i] = min(max(d.Weight, 0), 1_000_000)
	}
	drawn, scored := apportion(weights, nil, n), apportion(weights, nil, n-u)
	out := make([]Share, len(p.Domains))
	for i, d := range p.Domains {
		out[i] = Share{Domain: d.ID, Drawn: drawn[i], Scored: scored[i]}
	}
	return out
}
