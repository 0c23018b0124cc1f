package pack_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"dvaprep/content"
	"dvaprep/pack"
)

const blueprint = `id: t
title: Test pack
exam: {questions: 4, minutes: 8, unscored: 1, scale_min: 100, scale_max: 1000, passing: 720}
domains:
  - id: "1"
    name: One
    weight: 60
    tasks:
      - {id: "1.1", name: Task one}
  - id: "2"
    name: Two
    weight: 40
    tasks:
      - {id: "2.1", name: Task two}
`

const goodNote = `---
id: sqs
title: Amazon SQS
domain: "1"
tasks: ["1.1"]
tags: [queue]
---
Intro.

## Visibility timeout

Hidden after a receive.

## Dead-letter queues

Where failures go.
`

const goodQuestion = `- id: q1
  domain: "1"
  task: "1.1"
  type: single
  stem: Which?
  options:
    - {text: A, correct: true, why: right}
    - {text: B, why: wrong}
    - {text: C, why: wrong}
    - {text: D, why: wrong}
  explanation: Because.
  notes: [sqs#visibility-timeout]
`

const goodScenario = `id: s1
title: S
summary: A scenario.
domain: "1"
tasks: ["1.1"]
start: a
nodes:
  a:
    prompt: Pick.
    choices:
      - {text: Good, verdict: best, explain: Yes., next: b}
      - {text: Bad, verdict: poor, explain: No., next: a}
  b:
    outcome: Done.
`

func packFS(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{"pack.yaml": {Data: []byte(blueprint)}}
	for name, data := range files {
		fs[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fs
}

func TestLoadGoodPack(t *testing.T) {
	p, probs, err := pack.Load(packFS(map[string]string{
		"notes/sqs.md":        goodNote,
		"questions/q.yaml":    goodQuestion + "  sources:\n    - {title: SQS guide, url: \"https://docs.aws.amazon.com/sqs/\"}\n",
		"scenarios/s1.yaml":   strings.Replace(goodScenario, "next: a}", "next: a, bridge: Back to the start.}", 1),
		"scenarios/.hidden":   "ignored",
		"questions/README.md": "ignored: not yaml",
	}))
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v, problems:\n%v", err, probs)
	}
	if len(p.Notes) != 1 || len(p.Questions) != 1 || len(p.Scenarios) != 1 {
		t.Fatalf("got %d notes, %d questions, %d scenarios", len(p.Notes), len(p.Questions), len(p.Scenarios))
	}
	n, sec, ok := p.Section("sqs#dead-letter-queues")
	if !ok || n.ID != "sqs" || sec.Heading != "Dead-letter queues" || sec.Line != 6 {
		t.Errorf("Section(sqs#dead-letter-queues) = %v %+v %v", n, sec, ok)
	}
	if q := p.Question("q1"); q == nil || q.Select != 1 || q.Difficulty != 2 || q.Line != 1 {
		t.Errorf("question q1 = %+v", q)
	}
	if q := p.Question("q1"); q == nil || len(q.Sources) != 1 || q.Sources[0] != (pack.Source{Title: "SQS guide", URL: "https://docs.aws.amazon.com/sqs/"}) {
		t.Errorf("question q1 sources = %+v", q.Sources)
	}
	if c := p.Scenario("s1").Nodes["a"].Choices[1]; c.Bridge != "Back to the start." {
		t.Errorf("poor choice bridge = %q", c.Bridge)
	}
	cov := p.Coverage()
	if len(cov) != 2 || cov[0].Task.ID != "1.1" || cov[0].Sections != 2 || cov[0].Questions != 1 || cov[0].Decisions != 1 {
		t.Errorf("coverage = %+v", cov)
	}
}

// TestLoadProblems pins the file:line and message of each kind of mistake an author can make.
func TestLoadProblems(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"front matter missing", map[string]string{"notes/a.md": "# Hi\n"},
			[]string{"notes/a.md:1: a note starts with front matter"}},
		{"front matter unclosed", map[string]string{"notes/a.md": "---\nid: a\n"},
			[]string{"notes/a.md:1: front matter is not closed"}},
		{"front matter bad yaml", map[string]string{"notes/a.md": "---\nid: a\ntitle: [x\n---\nbody\n"},
			[]string{"notes/a.md:"}},
		{"unknown domain and task", map[string]string{"notes/a.md": "---\nid: a\ntitle: A\ndomain: \"9\"\ntasks: [\"7.7\"]\n---\nBody\n"},
			[]string{`notes/a.md:4: unknown domain "9"`, `notes/a.md:5: unknown task statement "7.7"`}},
		{"unknown front matter key", map[string]string{"notes/a.md": "---\nid: a\ntitle: A\ndomain: \"1\"\ntasks: [\"1.1\"]\ncolour: red\n---\nBody\n"},
			[]string{`notes/a.md:6: unknown key "colour"`}},
		{"duplicate note id", map[string]string{"notes/sqs.md": goodNote, "notes/z.md": goodNote},
			[]string{`notes/z.md:2: note id "sqs" is already used by notes/sqs.md`}},
		{"duplicate heading", map[string]string{"notes/a.md": "---\nid: a\ntitle: A\ndomain: \"1\"\ntasks: [\"1.1\"]\n---\n## X\n\n## X\n"},
			[]string{`notes/a.md:9: heading "X" repeats the link a#x of line 7`}},
		{"single with three options", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": strings.Replace(goodQuestion, "    - {text: D, why: wrong}\n", "", 1)},
			[]string{"questions/q.yaml:6: a single-response question has exactly 4 options, not 3"}},
		{"single with two correct", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": strings.Replace(goodQuestion, "{text: B, why", "{text: B, correct: true, why", 1)},
			[]string{"questions/q.yaml:6: a single-response question has exactly 1 correct option, not 2"}},
		{"multiple with wrong select", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": strings.Replace(strings.Replace(goodQuestion, "type: single", "type: multiple\n  select: 2", 1), "    - {text: D, why: wrong}\n", "    - {text: D, why: wrong}\n    - {text: E, why: wrong}\n", 1)},
			[]string{"questions/q.yaml:7: select is 2 but 1 option is marked correct"}},
		{"works on the correct option", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": strings.Replace(goodQuestion, "correct: true,", "correct: true, works: true,", 1)},
			[]string{"questions/q.yaml:7: works marks a wrong option"}},
		{"works not a boolean", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": strings.Replace(goodQuestion, "{text: C, why", "{text: C, works: maybe, why", 1)},
			[]string{`questions/q.yaml:9: works must be true or false, not "maybe"`}},
		{"empty why", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": strings.Replace(goodQuestion, "{text: C, why: wrong}", "{text: C, why: \"\"}", 1)},
			[]string{"questions/q.yaml:9: why is missing or empty"}},
		{"task outside domain", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": strings.Replace(goodQuestion, `task: "1.1"`, `task: "2.1"`, 1)},
			[]string{"questions/q.yaml:3: task 2.1 belongs to domain 2, not 1"}},
		{"broken note link", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": strings.Replace(goodQuestion, "sqs#visibility-timeout", "sqs#nope", 1)},
			[]string{`questions/q.yaml:12: note link "sqs#nope": note "sqs" has no section with that slug`}},
		{"duplicate question id", map[string]string{"notes/sqs.md": goodNote, "questions/a.yaml": goodQuestion, "questions/b.yaml": goodQuestion},
			[]string{`questions/b.yaml:1: question id "q1" is already used at questions/a.yaml:1`}},
		{"source not https", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": goodQuestion + "  sources:\n    - {title: SQS guide, url: http://example.com/x}\n"},
			[]string{`questions/q.yaml:14: source url must start with https://, not "http://example.com/x"`}},
		{"source without title", map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": goodQuestion + "  sources:\n    - {url: https://docs.aws.amazon.com/x}\n"},
			[]string{"questions/q.yaml:14: title is missing or empty"}},
		{"dead link in a note's text", map[string]string{"notes/sqs.md": strings.Replace(goodNote, "Where failures go.", "Where failures go; see [the timeout](#visibility-timeout), [gone](#nope) and [other](lambda#x).", 1)},
			[]string{`notes/sqs.md:16: note link "sqs#nope": note "sqs" has no section with that slug`, `notes/sqs.md:16: note link "lambda#x": no note with id "lambda"`}},
		{"questions file not a list", map[string]string{"questions/q.yaml": "id: x\n"},
			[]string{"questions/q.yaml:1: a questions file is a list"}},
		{"bad yaml", map[string]string{"questions/q.yaml": "- id: [\n"},
			[]string{"questions/q.yaml:"}},
		{"unknown next", map[string]string{"notes/sqs.md": goodNote, "scenarios/s.yaml": strings.Replace(goodScenario, "next: b}", "next: zz}", 1)},
			[]string{`scenarios/s.yaml:11: next "zz" is not a node of this scenario`, `scenarios/s.yaml:13: node "b" cannot be reached from start "a"`}},
		{"no best choice", map[string]string{"scenarios/s.yaml": strings.Replace(goodScenario, "verdict: best", "verdict: ok", 1)},
			[]string{`scenarios/s.yaml:8: decision "a" has no choice with verdict: best`}},
		{"loop with no ending", map[string]string{"scenarios/s.yaml": strings.Replace(goodScenario, "next: b}", "next: a}", 1)},
			[]string{`node "a" never reaches an ending`}},
		{"bad verdict", map[string]string{"scenarios/s.yaml": strings.Replace(goodScenario, "verdict: poor", "verdict: meh", 1)},
			[]string{`scenarios/s.yaml:12: verdict must be best, ok or poor, not "meh"`}},
		{"node both ending and decision", map[string]string{"scenarios/s.yaml": strings.Replace(goodScenario, "    outcome: Done.", "    outcome: Done.\n    prompt: Also?", 1)},
			[]string{`scenarios/s.yaml:13: node "b" is both an ending`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, probs, err := pack.Load(packFS(tc.files))
			if err != nil {
				t.Fatal(err)
			}
			got := probs.Error()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("want a problem containing %q; got:\n%s", w, got)
				}
			}
		})
	}
}

func TestBlueprintProblems(t *testing.T) {
	bad := strings.Replace(blueprint, "weight: 40", "weight: 30", 1)
	_, probs, err := pack.Load(fstest.MapFS{"pack.yaml": {Data: []byte(bad)}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(probs.Error(), "pack.yaml:4: domain weights sum to 90, not 100") {
		t.Errorf("got %v", probs)
	}
	if _, _, err := pack.Load(fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "no pack.yaml") {
		t.Errorf("missing pack.yaml: err = %v", err)
	}
}

// TestSanitise checks that escape sequences in pack text never reach the terminal.
func TestSanitise(t *testing.T) {
	evil := "---\nid: sqs\ntitle: \"Amazon \\e]0;pwned\\aSQS\"\ndomain: \"1\"\ntasks: [\"1.1\"]\n---\nIntro \x1b[2J\x1b[H cleared.\n\n## Visibility timeout\n\nx\x07y\u009bz\n"
	p, probs, err := pack.Load(packFS(map[string]string{"notes/sqs.md": evil}))
	if err != nil || len(probs) > 0 {
		t.Fatalf("%v %v", err, probs)
	}
	n := p.Note("sqs")
	for _, s := range []string{n.Title, n.Body} {
		for _, r := range s {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f {
				t.Fatalf("control character %U survived in %q", r, s)
			}
		}
	}
	if !strings.Contains(n.Body, "Intro [2J[H cleared.") || n.Title != "Amazon ]0;pwnedSQS" {
		t.Errorf("sanitised text changed more than the control characters: %q / %q", n.Title, n.Body)
	}
}

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Visibility timeout":                    "visibility-timeout",
		"Lambda@Edge and CloudFront Functions":  "lambda-edge-and-cloudfront-functions",
		"/tmp ephemeral storage":                "tmp-ephemeral-storage",
		"Retries, backoff and jitter":           "retries-backoff-and-jitter",
		"iam:PassRole":                          "iam-passrole",
		"  --  ":                                "",
		"GSI vs LSI":                            "gsi-vs-lsi",
		"Blue/green with a CNAME swap":          "blue-green-with-a-cname-swap",
		"Kinesis Data Streams (KDS) — overview": "kinesis-data-streams-kds-overview",
	}
	for in, want := range cases {
		if got := pack.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeadingsSkipCode(t *testing.T) {
	body := "## A\n```bash\n# not a heading\n```\n### B ##\n#NoSpace\n"
	hs := pack.Headings(body)
	if len(hs) != 2 || hs[0].Heading != "A" || hs[1].Heading != "B" || hs[1].Level != 3 || hs[1].Line != 4 {
		t.Errorf("Headings = %+v", hs)
	}
}

func TestEmbeddedPackValidates(t *testing.T) {
	_, probs, err := pack.Load(content.FS())
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Errorf("the embedded pack has %d problems:\n%v", len(probs), probs)
	}
}

func BenchmarkLoadPack(b *testing.B) {
	fsys := content.FS()
	for b.Loop() {
		if _, probs, err := pack.Load(fsys); err != nil || len(probs) > 0 {
			b.Fatal(err, probs)
		}
	}
}

func FuzzLoadQuestions(f *testing.F) {
	f.Add([]byte(goodQuestion))
	f.Add([]byte("- id: x\n  options: {a: 1}\n"))
	f.Add([]byte("*alias\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, _ = pack.Load(packFS(map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": string(data), "scenarios/s.yaml": string(data), "notes/f.md": "---\n" + string(data)}))
	})
}

// A scenario where "a" has a best and an ok choice into "b", and "b" a best choice and a poor one that loops.
const joinScenario = `id: s2
title: S
summary: A scenario.
domain: "1"
tasks: ["1.1"]
start: a
nodes:
  a:
    prompt: Pick.
    choices:
      - {text: Good, verdict: best, explain: Yes., next: b}
      - {text: Fine, verdict: ok, explain: Fine., next: b}
      - {text: Bad, verdict: poor, explain: No., next: a}
  b:
    prompt: Again.
    choices:
      - {text: Good, verdict: best, explain: Yes., next: end}
      - {text: Worse, verdict: poor, explain: No., next: end}
      - {text: Back, verdict: poor, explain: No., next: a}
      - {text: Lost, verdict: poor, explain: No., next: lost}
  end:
    outcome: Done.
  lost:
    outcome: Lost.
`

// TestPathTruth pins which choices need a bridge: every non-best choice that joins a node another choice
// reaches, except a poor choice that loops back to its own decision.
func TestPathTruth(t *testing.T) {
	cases := []struct {
		name     string
		scenario string
		want     []string // whole problem lines
	}{
		{"joins without bridges", joinScenario, []string{
			`scenarios/s.yaml:12: a ok choice leads to "b", which another choice also reaches: add a bridge that says how the story goes on from this choice, or give it a branch of its own`,
			`scenarios/s.yaml:18: a poor choice leads to "end", which another choice also reaches: add a bridge that says how the story goes on from this choice, or give it a branch of its own`,
			`scenarios/s.yaml:19: a poor choice leads to "a", which another choice also reaches: add a bridge that says how the story goes on from this choice, or give it a branch of its own`,
		}},
		{"bridges on every join", strings.NewReplacer(
			"explain: Fine., next: b}", "explain: Fine., next: b, bridge: The team keeps the first design.}",
			"explain: No., next: end}", "explain: No., next: end, bridge: It ships anyway.}",
			"{text: Back, verdict: poor, explain: No., next: a}", "{text: Back, verdict: poor, explain: No., next: a, bridge: You step back.}",
		).Replace(joinScenario), nil},
		{"an ok choice that loops to its own decision still needs one",
			strings.Replace(joinScenario, "{text: Bad, verdict: poor, explain: No., next: a}", "{text: Bad, verdict: ok, explain: No., next: a}", 1),
			[]string{`scenarios/s.yaml:12: a ok choice`, `scenarios/s.yaml:13: a ok choice leads to "a", which another choice also reaches`, `scenarios/s.yaml:18: a poor`, `scenarios/s.yaml:19: a poor`}},
		{"numbered list in a prompt",
			strings.Replace(goodScenario, "prompt: Pick.", "prompt: |\n      Two steps:\n\n      1. build\n      2. test", 1),
			[]string{`scenarios/s.yaml:8: decision "a": the prompt's line 3 starts a numbered list, which reads as the numbered choices; use bullets`}},
		{"numbers inside a code block are fine",
			strings.Replace(goodScenario, "prompt: Pick.", "prompt: |\n      Log:\n\n      ```\n      1. build\n      ```", 1), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, probs, err := pack.Load(packFS(map[string]string{"scenarios/s.yaml": tc.scenario}))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range probs {
				if strings.Contains(p.Msg, "another choice") || strings.Contains(p.Msg, "numbered") {
					got = append(got, p.String())
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d path problems, want %d:\n%s", len(got), len(tc.want), strings.Join(got, "\n"))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d = %q\nwant it to start %q", i, got[i], w)
				}
			}
			if len(probs) != len(got) {
				t.Errorf("other problems:\n%v", probs)
			}
		})
	}
}

// BenchmarkLoadNotes is the pack load of `notes show` and `search`: pack.yaml and the notes (budget 10 ms).
func BenchmarkLoadNotes(b *testing.B) {
	fsys := content.FS()
	for b.Loop() {
		if _, probs, err := pack.LoadParts(fsys, pack.Notes); err != nil || len(probs) > 0 {
			b.Fatal(err, probs)
		}
	}
}

// BenchmarkLoadBlueprint is the pack load before the interface's first frame: pack.yaml alone.
func BenchmarkLoadBlueprint(b *testing.B) {
	fsys := content.FS()
	for b.Loop() {
		if _, probs, err := pack.LoadParts(fsys, 0); err != nil || len(probs) > 0 {
			b.Fatal(err, probs)
		}
	}
}
