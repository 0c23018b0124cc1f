package main

import (
	"dvaprep/pack"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dvaprep/progress/progresstest"
	"dvaprep/store"
)

func TestExportAnki(t *testing.T) {
	// The story misses q1-01 (and questions the pack does not have); add a miss of the multiple-answer q2-01.
	flags := seeded(t, store.Attempt{ItemID: "q2-01", Kind: store.KindQuestion, Domain: "2", Task: "2.1",
		Choice: "Cognito identity pools + KMS", CorrectChoice: "Cognito identity pools + STS AssumeRole",
		Source: store.SourceExam, At: progresstest.Now.Add(60 * 60 * 1e9)})
	file := filepath.Join(t.TempDir(), "missed.txt")
	out, err := run(t, append(flags, "export", "--anki", file)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "wrote 2 missed questions to "+file) {
		t.Errorf("output %q", out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"#separator:tab",
		"#html:true",
		"#guid column:1",
		"#tags column:4",
		"dvaprep-q2-01\tWhich TWO grant temporary credentials?<br><i>(Choose 2.)</i><br><br>A. Cognito identity pools<br>B. STS AssumeRole" +
			"<br>C. IAM access keys<br>D. KMS<br>E. S3 presigned URLs" +
			"\t<b>A. Cognito identity pools</b> — They exchange tokens for AWS credentials.<br><b>B. STS AssumeRole</b> — " +
			"It returns temporary credentials.<br><br>Identity pools and STS hand out temporary credentials." +
			"\tdvaprep domain-2 task-2.1",
		"dvaprep-q1-01\tThree teams need <b>every</b> order event. Which service fans out?<br><br>A. Amazon SNS with one queue per team" +
			"<br>B. Amazon EventBridge<br>C. One SQS queue<br>D. Kinesis" +
			"\t<b>A. Amazon SNS with one queue per team</b> — SNS copies each message to every subscriber.<br><br>" +
			"SNS fans out. SQS queues buffer. Use SNS -&gt; SQS &amp; both." +
			"\tdvaprep domain-1 task-1.1",
	}
	got := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(want), data)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}

	// An existing file is kept unless --force.
	if _, err := run(t, append(flags, "export", "--anki", file)...); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("second export: err = %v", err)
	}
	if err := os.WriteFile(file, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, append(flags, "export", "--anki", file)...); err == nil {
		t.Error("overwrote without --force")
	}
	if b, _ := os.ReadFile(file); string(b) != "mine" {
		t.Errorf("file changed to %q", b)
	}
	if _, err := run(t, append(flags, "export", "--anki", file, "--force")...); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); string(b) != string(data) {
		t.Errorf("--force wrote %q", b)
	}
}

func TestExportCSV(t *testing.T) {
	flags := seeded(t)
	file := filepath.Join(t.TempDir(), "answers.csv")
	out, err := run(t, append(flags, "export", "--csv", file)...)
	if err != nil || !strings.Contains(out, "wrote 32 answers") {
		t.Fatalf("%v\n%s", err, out)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 33 || strings.Join(rows[0], ",") != "id,at,item_id,kind,domain,task,score,choice,correct_choice,elapsed_ms,source,session_id,uid,mark,sure" {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	// Oldest first: the answers of 14 days ago; q1-13 chose two options.
	if r := rows[1]; r[1] != "2025-12-31T12:00:00Z" || r[2] != "q1-11" || r[3] != "question" || r[6] != "0" ||
		r[7] != "EventBridge" || r[9] != "40000" || r[10] != "drill" || r[11] != "0" ||
		len(r[12]) != 36 || r[13] != "" || r[14] != "true" {
		t.Errorf("first row %q", r)
	}
	if _, err := run(t, append(flags, "export")...); err == nil {
		t.Error("export with nothing to do: no error")
	}
}

// An exhibit in a fenced code block keeps its lines and indentation; before, it came out as one line
// starting with a literal ```json.
func TestAnkiHTMLKeepsCodeBlocks(t *testing.T) {
	md := "Look at the **policy**:\n\n```json\n{\n  \"Effect\": \"Allow\"\n}\n```\n\nWhich `Action` is missing?"
	want := "Look at the <b>policy</b>:<pre><code>{<br>  &#34;Effect&#34;: &#34;Allow&#34;<br>}</code></pre>" +
		"Which <code>Action</code> is missing?"
	if got := ankiHTML(md); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := ankiHTML("A list:\n- one\n- two\nwrapped"); got != "A list:<br>- one<br>- two wrapped" {
		t.Errorf("plain markdown changed: %s", got)
	}
}

// The back of an Anki card explains the key and, after it, each distractor that would work but is worse.
func TestAnkiCardExplainsWorksDistractors(t *testing.T) {
	q := &pack.Question{Select: 1, Stem: "Which is cheapest?", Explanation: "Because.", Options: []pack.Option{
		{Text: "Spot", Why: "Cheapest."},
		{Text: "On-Demand", Why: "It runs, but costs more.", Works: true},
		{Text: "Nothing", Why: "Nothing runs."},
	}}
	q.Options[0].Correct = true
	_, back := ankiCard(q)
	want := "<b>A. Spot</b> — Cheapest.<br>B. On-Demand — " + pack.WorksLead + "It runs, but costs more.<br><br>Because."
	if back != want {
		t.Errorf("back\n got %s\nwant %s", back, want)
	}
}
