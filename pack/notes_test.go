package pack_test

import (
	"strings"
	"testing"

	"dvaprep/pack"
)

const checkedSources = "sources: [https://docs.aws.amazon.com/sqs/]\n"

// withFront adds lines to goodNote's front matter.
func withFront(lines string) string {
	return strings.Replace(goodNote, "tags: [queue]\n", "tags: [queue]\n"+lines, 1)
}

func loadNoteWarnings(t *testing.T, note string) (pack.Problems, pack.Problems) {
	t.Helper()
	p, probs, err := pack.Load(packFS(map[string]string{"notes/sqs.md": note}))
	if err != nil {
		t.Fatal(err)
	}
	return probs, p.CheckWarnings()
}

func TestNoteCheckWarnings(t *testing.T) {
	stamped, err := pack.Stamp([]byte(withFront(checkedSources)), "2026-12-02")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, note string
		warn       string // "" for none
	}{
		{"never checked", goodNote, "notes/sqs.md:1: not checked against the AWS documentation yet"},
		{"stamped", string(stamped), ""},
		{"edited after the stamp", string(stamped) + "\nA new line.\n", "notes/sqs.md:8: changed after its check on 2026-12-02"},
		{"plain date", withFront("checked: 2026-12-02\n" + checkedSources), "notes/sqs.md:7: checked on 2026-12-02 without a hash"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs, warns := loadNoteWarnings(t, c.note)
			if len(probs) > 0 {
				t.Fatalf("a check record is never a problem, got %v", probs)
			}
			if c.warn == "" {
				if len(warns) > 0 {
					t.Fatalf("want no warning, got %v", warns)
				}
				return
			}
			if len(warns) != 1 || !strings.HasPrefix(warns[0].String(), c.warn) {
				t.Fatalf("want one warning starting %q, got %v", c.warn, warns)
			}
		})
	}
}

func TestNoteCheckProblems(t *testing.T) {
	cases := []struct{ name, front, want string }{
		{"bad date", "checked: {date: 2 Dec 2026, hash: abc}\n" + checkedSources, `notes/sqs.md:7: checked date must look like 2026-12-02, not "2 Dec 2026"`},
		{"no sources", "checked: {date: 2026-12-02, hash: abc}\n", "notes/sqs.md:7: a checked note lists the pages it was checked against under sources"},
		{"source not https", "sources: [http://example.com/x]\n", `notes/sqs.md:7: source must be an https:// address, not "http://example.com/x"`},
		{"unknown key under checked", "checked: {date: 2026-12-02, hash: abc, by: me}\n" + checkedSources, `notes/sqs.md:7: unknown key "by"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs, _ := loadNoteWarnings(t, withFront(c.front))
			if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), c.want) {
				t.Fatalf("want one problem starting %q, got %v", c.want, probs)
			}
		})
	}
}

func TestStampReplacesTheCheck(t *testing.T) {
	old := withFront("checked:\n  date: 2025-01-01\n  hash: 000000000000\n" + checkedSources)
	out, err := pack.Stamp([]byte(old), "2026-12-02")
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	if strings.Count(text, "checked:") != 1 || strings.Contains(text, "2025-01-01") || strings.Contains(text, "  hash:") {
		t.Fatalf("the old check should be replaced by one line:\n%s", text)
	}
	if !strings.HasSuffix(text, goodNote[strings.Index(goodNote, "\n---\n"):]) {
		t.Fatalf("the body must be kept as it was:\n%s", text)
	}
	if _, err := pack.Stamp([]byte(goodNote), "02/12/2026"); err == nil {
		t.Fatal("a date not in YYYY-MM-DD form must be refused")
	}
	if _, err := pack.Stamp([]byte("no front matter"), "2026-12-02"); err == nil {
		t.Fatal("a file without front matter must be refused")
	}
}

func TestBodyHashIgnoresLineEnds(t *testing.T) {
	if pack.BodyHash("a\r\nb\n") != pack.BodyHash("a\nb\n") {
		t.Fatal("CRLF and LF bodies must hash alike")
	}
	if pack.BodyHash("a\nb\n") == pack.BodyHash("a\nc\n") {
		t.Fatal("different bodies must hash differently")
	}
}
