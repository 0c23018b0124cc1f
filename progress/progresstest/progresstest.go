// Package progresstest seeds a store with a known learning history, so the tests of progress, of the
// dashboard and of `dvaprep stats` check exact numbers against one story.
package progresstest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"testing/fstest"
	"time"

	"dvaprep/exam"
	"dvaprep/store"
)

// Now is the clock of the story: Wednesday 14 January 2026, noon UTC.
var Now = time.Date(2026, 1, 14, 12, 0, 0, 0, time.UTC)

// Pack is a small pack: two domains (60/40) of two tasks each, notes on three of the tasks, two
// questions and a scenario of two decisions.
func Pack() fstest.MapFS {
	note := func(id, title, domain, task string, sections ...string) *fstest.MapFile {
		body := fmt.Sprintf("---\nid: %s\ntitle: %s\ndomain: %q\ntasks: [%q]\n---\nIntro.\n", id, title, domain, task)
		for _, s := range sections {
			body += "\n## " + s + "\n\nText about " + s + ".\n"
		}
		return &fstest.MapFile{Data: []byte(body)}
	}
	return fstest.MapFS{
		"pack.yaml": {Data: []byte(`id: t
title: Test pack
exam: {questions: 65, minutes: 130, unscored: 15, scale_min: 100, scale_max: 1000, passing: 720}
domains:
  - id: "1"
    name: Development with AWS Services
    weight: 60
    tasks:
      - {id: "1.1", name: Develop code for applications hosted on AWS}
      - {id: "1.2", name: Use data stores in application development}
  - id: "2"
    name: Security
    weight: 40
    tasks:
      - {id: "2.1", name: Implement authentication and authorization}
      - {id: "2.2", name: Implement encryption by using AWS services}
`)},
		"notes/sqs.md":      note("sqs", "Amazon SQS", "1", "1.1", "Visibility timeout", "Dead-letter queues"),
		"notes/dynamodb.md": note("dynamodb", "DynamoDB", "1", "1.2", "Keys", "Indexes", "Capacity"),
		"notes/dax.md":      note("dax", "DAX", "1", "1.2", "Caching"),
		"notes/cognito.md":  note("cognito", "Cognito", "2", "2.1", "User pools"),
		"questions/q.yaml": {Data: []byte(`- id: q1-01
  domain: "1"
  task: "1.1"
  type: single
  stem: |
    Three teams need **every** order event.
    Which service fans out?
  options:
    - {text: Amazon SNS with one queue per team, correct: true, why: SNS copies each message to every subscriber., label: SNS}
    - {text: Amazon EventBridge, why: "Works, but more rules than needed.", label: EventBridge}
    - {text: One SQS queue, why: Consumers compete., label: SQS}
    - {text: Kinesis, why: Overkill., label: Kinesis}
  explanation: "SNS fans out.\tSQS queues buffer.\nUse SNS -> SQS & both."
  notes: [sqs#visibility-timeout]
- id: q2-01
  domain: "2"
  task: "2.1"
  type: multiple
  select: 2
  stem: Which TWO grant temporary credentials?
  options:
    - {text: Cognito identity pools, correct: true, why: They exchange tokens for AWS credentials.}
    - {text: STS AssumeRole, correct: true, why: It returns temporary credentials.}
    - {text: IAM access keys, why: They are long-term.}
    - {text: KMS, why: It manages keys and hands out no credentials.}
    - {text: S3 presigned URLs, why: They grant access to one object only.}
  explanation: Identity pools and STS hand out temporary credentials.
  notes: [cognito]
`)},
		"scenarios/s.yaml": {Data: []byte(`id: s
title: Orders
summary: Store orders.
domain: "1"
tasks: ["1.2"]
start: n1
nodes:
  n1:
    prompt: Which **table key** for orders?
    choices:
      - {text: customer ID + order date, verdict: best, explain: Spreads load and sorts by date., next: n2}
      - {text: order status, verdict: poor, explain: Few values make hot partitions., next: n2,
          bridge: The team settles on customer ID and order date.}
  n2:
    prompt: How do you read the latest orders?
    choices:
      - {text: Query with ScanIndexForward false, verdict: best, explain: Reads newest first., next: end}
      - {text: Scan and sort, verdict: ok, explain: Works but reads the whole table., next: end,
          bridge: The Scan ships; a Query replaces it later.}
  end:
    outcome: Done.
`)},
	}
}

// Seed records the story in st:
//   - task 1.1: questions q1-01..q1-20; ten today (8 right) and ten 14 days ago (7 right). Four of the
//     misses chose EventBridge when SNS was right, one a multiple answer. q1-01 has a review card of
//     stability 10 last reviewed 10 days ago (retrievability 0.9).
//   - task 1.2: two scenario decisions today, s/n1 acceptable (0.5), s/n2 poor (0); s/n1 has a card
//     reviewed today.
//   - task 2.1: ten questions q2-01..q2-10 yesterday, five right.
//   - two timed exams (a mock scoring 513 in three questions of 90, 100 and 110 s, then a custom one of
//     1000 in two of 60 s) and an untimed drill.
//   - notes: two sections of DynamoDB read.
func Seed(t testing.TB, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	rec := func(a store.Attempt) {
		t.Helper()
		_, err := st.RecordAttempt(ctx, a)
		must(err)
	}
	day := 24 * time.Hour
	for i := 1; i <= 20; i++ {
		at, right := Now, i > 2 // today: q1-01, q1-02 wrong
		if i > 10 {
			at, right = Now.Add(-14*day), i > 13 // 14 days ago: q1-11..13 wrong
		}
		a := store.Attempt{ItemID: fmt.Sprintf("q1-%02d", i), Kind: store.KindQuestion, Domain: "1", Task: "1.1",
			Choice: "SNS", CorrectChoice: "SNS", Elapsed: 40 * time.Second, Source: store.SourceDrill, At: at}
		if right {
			a.Score = 1
		} else {
			a.Choice = "EventBridge"
		}
		if i == 13 {
			a.Choice, a.CorrectChoice = "Kinesis + SQS", "SNS + SQS"
		}
		rec(a)
	}
	rec(store.Attempt{ItemID: "s/n1", Kind: store.KindDecision, Domain: "1", Task: "1.2", Score: 0.5,
		Choice: "Scan and sort", CorrectChoice: "Query", Source: store.SourceScenario, At: Now})
	rec(store.Attempt{ItemID: "s/n2", Kind: store.KindDecision, Domain: "1", Task: "1.2", Score: 0,
		Choice: "order status", CorrectChoice: "customer ID", Source: store.SourceScenario, At: Now})
	for i := 1; i <= 10; i++ {
		rec(store.Attempt{ItemID: fmt.Sprintf("q2-%02d", i), Kind: store.KindQuestion, Domain: "2", Task: "2.1",
			Score: float64(i % 2), Choice: []string{"B", "A"}[i%2], CorrectChoice: "A", Elapsed: 20 * time.Second,
			Source: store.SourceExam, At: Now.Add(-day)})
	}
	must(st.PutCard(ctx, store.Card{ItemID: "q1-01", Kind: store.KindQuestion, Domain: "1", Task: "1.1",
		Stability: 10, Difficulty: 5, State: 2, Reps: 3, LastReview: Now.Add(-10 * day), Due: Now}))
	must(st.PutCard(ctx, store.Card{ItemID: "s/n1", Kind: store.KindDecision, Domain: "1", Task: "1.2",
		Stability: 2.3, Difficulty: 5, State: 1, Reps: 1, LastReview: Now, Due: Now.Add(10 * time.Minute)}))

	exams := []struct {
		kind    store.ExamKind
		at      time.Time
		times   []time.Duration
		correct int
		scaled  int
		pace    time.Duration
	}{
		{store.ExamMock, Now.Add(-3 * day), []time.Duration{90 * time.Second, 100 * time.Second, 110 * time.Second}, 2, 513, 2 * time.Minute},
		{store.ExamDrill, Now.Add(-2 * day), []time.Duration{5 * time.Minute}, 1, 1000, 0},
		{store.ExamCustom, Now.Add(-1 * day), []time.Duration{time.Minute, time.Minute}, 2, 1000, 2 * time.Minute},
	}
	for _, e := range exams {
		r := exam.Result{Scaled: e.scaled, Passing: 720, Pass: e.scaled >= 720, Pace: e.pace,
			Scored: exam.Tally{Correct: e.correct, Total: len(e.times)}}
		for i, d := range e.times {
			r.Items = append(r.Items, exam.ItemResult{Position: i, QuestionID: fmt.Sprintf("x%d", i), Time: d, Answered: true})
			r.Time += d
		}
		data, err := json.Marshal(r)
		must(err)
		id, err := st.CreateExamSession(ctx, store.ExamSession{Kind: e.kind, CreatedAt: e.at})
		must(err)
		must(st.FinishExamSession(ctx, id, store.StatusSubmitted, data, nil))
	}
	must(st.MarkRead(ctx, "dynamodb#keys"))
	must(st.MarkRead(ctx, "dynamodb#indexes"))
}
