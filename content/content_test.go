package content_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"dvaprep/content"
	"dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/scenarios"
)

func load(t *testing.T) *pack.Pack {
	t.Helper()
	p, probs, err := pack.Load(content.FS())
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Fatalf("the embedded pack has %d problems:\n%v", len(probs), probs)
	}
	return p
}

func TestBlueprint(t *testing.T) {
	p := load(t)
	want := map[string]int{"1": 32, "2": 26, "3": 24, "4": 18}
	tasks := 0
	for _, d := range p.Domains {
		if want[d.ID] != d.Weight {
			t.Errorf("domain %s weight %d, want %d", d.ID, d.Weight, want[d.ID])
		}
		tasks += len(d.Tasks)
	}
	if tasks != 13 {
		t.Errorf("%d task statements, want 13", tasks)
	}
	if e := p.Exam; e.Questions != 65 || e.Minutes != 130 || e.Unscored != 15 || e.ScaleMin != 100 || e.ScaleMax != 1000 || e.Passing != 720 {
		t.Errorf("exam format %+v", e)
	}
}

// TestQuestionBank checks the bank is big enough for seven full mocks with no repeats, follows the blueprint
// by domain, tests every task statement at least 25 times, and has enough multiple-response questions.
func TestQuestionBank(t *testing.T) {
	p := load(t)
	perDomain, perTask := map[string]int{}, map[string]int{}
	multiple := 0
	for _, q := range p.Questions {
		perDomain[q.Domain]++
		perTask[q.Task]++
		if q.Type == pack.Multiple {
			multiple++
		}
		if len(q.Notes) == 0 {
			t.Errorf("%s links to no note", q.ID)
		}
	}
	// Seven full mocks without a repeat (7 × 65 = 455), with a margin so that no set is starved.
	const minBank = 460
	if len(p.Questions) < minBank {
		t.Errorf("%d questions, want at least %d", len(p.Questions), minBank)
	}
	for _, d := range p.Domains {
		// The bank follows the blueprint: each domain's share within 2 points of its weight.
		share := 100 * float64(perDomain[d.ID]) / float64(len(p.Questions))
		if share < float64(d.Weight)-2 || share > float64(d.Weight)+2 {
			t.Errorf("domain %s is %.1f%% of the bank (%d questions), want %d%% ± 2", d.ID, share, perDomain[d.ID], d.Weight)
		}
		for _, task := range d.Tasks {
			if perTask[task.ID] < 25 {
				t.Errorf("task %s has %d questions, want at least 25", task.ID, perTask[task.ID])
			}
		}
	}
	if multiple*5 < len(p.Questions) {
		t.Errorf("%d of %d questions are multiple response, want at least 20%%", multiple, len(p.Questions))
	}
}

// TestScenarios checks the scenario set: 30 or more, at least 6 per domain, at least 3 decisions on the best
// path and 3 choices per decision, and every task statement tested by at least 2 scenarios.
func TestScenarios(t *testing.T) {
	p := load(t)
	if len(p.Scenarios) < 48 {
		t.Errorf("%d scenarios, want at least 48", len(p.Scenarios))
	}
	perDomain := map[string]int{}
	firstTask := map[string]int{} // scenarios whose first task is this one
	exhibits := 0                 // scenarios with a code, config or log block to read in a prompt
	scenariosPerTask := map[string]map[string]bool{}
	for _, s := range p.Scenarios {
		perDomain[s.Domain]++
		if len(s.Tasks) > 0 {
			firstTask[s.Tasks[0]]++
		}
		for _, n := range s.Nodes {
			if strings.Contains(n.Prompt, "```") {
				exhibits++
				break
			}
		}
		best := scenarios.BestPath(s)
		if len(best) < 3 {
			t.Errorf("%s: best path has %d decisions, want at least 3", s.ID, len(best))
		}
		links := 0
		for id, n := range s.Nodes {
			if !n.IsEnding() && len(n.Choices) < 3 {
				t.Errorf("%s/%s: %d choices, want at least 3", s.ID, id, len(n.Choices))
			}
			for _, c := range n.Choices {
				links += len(c.Notes)
				if scenariosPerTask[c.Task] == nil {
					scenariosPerTask[c.Task] = map[string]bool{}
				}
				scenariosPerTask[c.Task][s.ID] = true
			}
		}
		if links == 0 {
			t.Errorf("%s links into no note", s.ID)
		}
	}
	if exhibits < 6 {
		t.Errorf("%d scenarios have an exhibit to read in a prompt, want at least 6", exhibits)
	}
	minPerDomain := map[string]int{"1": 15, "2": 12, "3": 12, "4": 9}
	for _, d := range p.Domains {
		if perDomain[d.ID] < minPerDomain[d.ID] {
			t.Errorf("domain %s has %d scenarios, want at least %d", d.ID, perDomain[d.ID], minPerDomain[d.ID])
		}
		for _, task := range d.Tasks {
			if firstTask[task.ID] < 3 {
				t.Errorf("task %s is the first task of %d scenarios, want at least 3", task.ID, firstTask[task.ID])
			}
			if n := len(scenariosPerTask[task.ID]); n < 2 {
				t.Errorf("task %s is tested by %d scenarios, want at least 2", task.ID, n)
			}
		}
	}
}

// TestSourceNotesAreFindable checks that what the learner wrote in their own notes can be found by search:
// each phrase stands for a fact of notes-source.md.
func TestSourceNotesAreFindable(t *testing.T) {
	ix := notes.NewIndex(load(t))
	phrases := []string{
		"stateless", "provisioned concurrency", "idempotency", "/tmp", "15 minutes", "container image",
		"cold start", "layers", "environment variables", "versions", "aliases", "lambda@edge",
		"asynchronous", "destinations", "dead-letter", "execution role", "resource-based polic",
		"active tracing", "more memory", "execution environment", "efs", "aws_request_id",
		"http api", "websocket", "stage variables", "authorizer", "caching", "openapi", "cors", "mock integration",
		"visibility timeout", "maxreceivecount", "event source mapping", "retention", "long polling",
		"at-least-once", "fifo", "sendmessagebatch", "filter polic", "push", "sms", "fan-out",
		"global secondary index", "local secondary index", "query", "scan", "ttl", "dynamodb streams",
		"rcu", "wcu", "dax", "partition key", "unprocessedkeys", "unprocesseditems", "jitter",
		"transactwriteitems", "transactgetitems", "partner event bus", "event pattern", "cross-account",
		"choice", "parallel", "map", "catch", "resultpath", "express", "standard",
		"shard", "firehose", "clickstream", "sse-s3", "sse-kms", "x-amz-server-side-encryption", "bucket polic",
		"versioning", "lifecycle", "read-after-write", "glacier", "one zone", "replication", "transfer acceleration",
		"requester pays", "presigned", "access points", "object lambda", "choreography", "loose coupling",
		"least privilege", "trust policy", "sts", "identity pool", "user pool", "saml", "oidc", "jwt",
		"cognito groups", "sse-c", "envelope encryption", "client-side encryption", "key rotation",
		"secrets manager", "parameter store", "securestring", "cloudtrail", "mfa", "scp", "permissions boundar",
		"codepipeline", "approval", "buildspec", "codedeploy", "applicationstop", "validateservice", "canary",
		"linear", "blue/green", "rolling", "all at once", "sam", "cdk", "copilot", "amplify", "codeartifact",
		"ecr", "appconfig", "feature flag", "putmetricdata", "embedded metric format", "logs insights",
		"service map", "annotations", "4xx", "502", "503", "429", "out of memory", "throttl",
		"elasticache", "cloudfront", "codeguru profiler", "trace id", "correlation id", "alarm", "trusted advisor",
		"service quotas",
	}
	for _, ph := range phrases {
		found := false
		for _, r := range ix.Search(ph, 50) {
			if r.Literal { // every word as typed, not a typo correction or a glossary expansion
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no note section matches %q", ph)
		}
	}
}

// TestNoLengthTell keeps an option's length from telling the answer, a cue that lets a learner guess without
// knowing. For single response the key's length rank (1 = the longest option) must carry no signal: with 4
// options chance puts it at each rank a quarter of the time, and each rank must hold 15–35% of the keys. A
// rule that only forbade the longest pushed keys to just under the longest distractor, so that "the second
// longest" was the key 41% of the time. No single key may stand out at a glance either. For multiple response
// and scenario decisions the limits leave a little room above chance, and multiple response a floor below it.
func TestNoLengthTell(t *testing.T) {
	p := load(t)
	strictlyLongest := func(lens []int, i int) bool {
		for j, l := range lens {
			if j != i && l >= lens[i] {
				return false
			}
		}
		return true
	}
	var single, multi, multiTell int
	var keyRank [4]int    // single response: how many keys are the longest option, the second longest, …
	var standOut []string // single response: a key far longer or far shorter than every other option
	for _, q := range p.Questions {
		lens := make([]int, len(q.Options))
		for i, o := range q.Options {
			lens[i] = len(o.Text)
		}
		if q.Type == pack.Single {
			single++
			for i, o := range q.Options {
				if !o.Correct {
					continue
				}
				rank := 0 // options strictly longer than the key
				for _, l := range lens {
					if l > lens[i] {
						rank++
					}
				}
				keyRank[min(rank, len(keyRank)-1)]++
				shortest, longest := math.MaxInt, 0
				for j, l := range lens {
					if j != i {
						shortest, longest = min(shortest, l), max(longest, l)
					}
				}
				// Seen at a glance: half as long again as every other option, or under 60% of the shortest.
				if 2*lens[i] > 3*longest || 10*lens[i] < 6*shortest {
					standOut = append(standOut, q.ID)
				}
			}
			continue
		}
		multi++
		// The tell: the `select` longest options are exactly the right ones.
		longer := 0
		for i, o := range q.Options {
			if !o.Correct {
				continue
			}
			for _, w := range q.Options {
				if !w.Correct && len(w.Text) >= lens[i] {
					longer++
				}
			}
		}
		if longer == 0 {
			multiTell++
		}
	}
	var decisions, decisionTell int
	for _, s := range p.Scenarios {
		for _, n := range s.Nodes {
			if n.IsEnding() {
				continue
			}
			decisions++
			lens := make([]int, len(n.Choices))
			for i, c := range n.Choices {
				lens[i] = len(c.Text)
			}
			for i, c := range n.Choices {
				if c.Verdict == pack.Best && strictlyLongest(lens, i) {
					decisionTell++
					break
				}
			}
		}
	}
	check := func(what string, tell, total int, limit float64) {
		if total > 0 && float64(tell)/float64(total) > limit {
			t.Errorf("%s: the right answer is the longest in %d of %d (limit %.0f%%)", what, tell, total, limit*100)
		}
	}
	for r, n := range keyRank {
		if share := float64(n) / float64(max(single, 1)); share < 0.15 || share > 0.35 {
			t.Errorf("single-response questions: the key is the option of length rank %d (1 = the longest) in %d of %d (%.0f%%), want 15–35%%",
				r+1, n, single, share*100)
		}
	}
	if len(standOut) > 0 {
		t.Errorf("single-response questions whose key stands out by length at a glance: %v", standOut)
	}
	// Chance makes the right options exactly the longest ones in about 1 in 10 (2 of 5); never is a cue too.
	if share := float64(multiTell) / float64(max(multi, 1)); share < 0.05 {
		t.Errorf("multiple-response questions: the right options are exactly the longest in %d of %d (%.0f%%), want at least 5%%: never is a cue too",
			multiTell, multi, share*100)
	}
	check("multiple-response questions", multiTell, multi, 0.25)
	check("scenario decisions", decisionTell, decisions, 0.40)
}

// TestBankStyle holds the bank to the exam's style (README, "How to write a question"): situations of 55 words
// or more, whole-solution options, a deciding qualifier in 40%, an exhibit in 20%, difficulty 3 in 30%, a
// distractor that works but is worse in half, and documentation sources on every question.
func TestBankStyle(t *testing.T) {
	p := load(t)
	s := p.Style()
	if s.StemWords < 55 {
		t.Errorf("median stem %d words, want at least 55", s.StemWords)
	}
	if s.OptionWords < 14 {
		t.Errorf("median option %d words, want at least 14", s.OptionWords)
	}
	// No question falls back to fragment options ("Use EMF."): each one's median option has 8 words or more.
	for _, q := range p.Questions {
		words := make([]int, len(q.Options))
		for i, o := range q.Options {
			words[i] = len(strings.Fields(o.Text))
		}
		slices.Sort(words)
		if m := words[len(words)/2]; m < 8 {
			t.Errorf("%s: its options' median is %d words; write whole solutions (README)", q.ID, m)
		}
	}
	for _, c := range []struct {
		what string
		n    int
		min  float64
	}{
		{"a deciding qualifier", s.Qualifier, 40},
		{"an exhibit", s.Exhibit, 20},
		{"difficulty 3", s.Hard, 30},
		{"a distractor marked works", s.Works, 50},
		{"documentation sources", s.Sourced, 100},
	} {
		if got := s.Percent(c.n); got < c.min {
			t.Errorf("%d of %d questions (%.1f%%) have %s, want at least %.0f%%", c.n, s.Questions, got, c.what, c.min)
		}
	}
}
