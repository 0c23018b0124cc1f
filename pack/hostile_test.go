package pack_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"dvaprep/pack"
)

// writePack writes a pack directory with the test blueprint, a good note and the given extra files.
func writePack(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{"pack.yaml": blueprint, "notes/sqs.md": goodNote}
	for k, v := range files {
		all[k] = v
	}
	for name, data := range all {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadDir loads the pack in dir through pack.DirFS and fails the test if loading does not return: a hang
// is the failure these tests guard against, so they wait far longer than any load could take.
func loadDir(t *testing.T, dir string) (*pack.Pack, pack.Problems, error) {
	t.Helper()
	fsys, err := pack.DirFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		p     *pack.Pack
		probs pack.Problems
		err   error
	}
	done := make(chan result, 1)
	go func() {
		p, probs, err := pack.Load(fsys)
		done <- result{p, probs, err}
	}()
	select {
	case r := <-done:
		return r.p, r.probs, r.err
	case <-time.After(30 * time.Second):
		t.Fatal("pack.Load did not return: it hangs on this pack")
		return nil, nil, nil
	}
}

// allocated runs f and returns how many bytes it allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func wantProblem(t *testing.T, probs pack.Problems, err error, want string) {
	t.Helper()
	if err != nil {
		t.Fatalf("err = %v; want the problem %q", err, want)
	}
	if !strings.Contains(probs.Error(), want) {
		t.Errorf("want a problem containing %q; got:\n%s", want, probs.Error())
	}
}

func TestSymlinkToDevZeroIsRefused(t *testing.T) {
	dir := writePack(t, nil)
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "notes", "zero.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	var probs pack.Problems
	var err error
	if n := allocated(func() { _, probs, err = loadDir(t, dir) }); n > 64<<20 {
		t.Errorf("loading allocated %d MB", n>>20)
	}
	wantProblem(t, probs, err, "notes/zero.md: a symbolic link that leaves the pack: refused")
}

func TestSymlinkOutOfThePackIsRefused(t *testing.T) {
	outside := writePack(t, nil)
	dir := writePack(t, nil)
	if err := os.Symlink(filepath.Join(outside, "notes", "sqs.md"), filepath.Join(dir, "notes", "other.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, probs, err := loadDir(t, dir)
	wantProblem(t, probs, err, "notes/other.md: a symbolic link that leaves the pack: refused")
}

func TestSymlinkInsideThePackIsFollowed(t *testing.T) {
	dir := writePack(t, map[string]string{"shared/q.yaml": goodQuestion})
	if err := os.Symlink("../shared/q.yaml", filepath.Join(dir, "questions", "q.yaml")); err != nil {
		if err := os.MkdirAll(filepath.Join(dir, "questions"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("../shared/q.yaml", filepath.Join(dir, "questions", "q.yaml")); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	p, probs, err := loadDir(t, dir)
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v, problems:\n%v", err, probs)
	}
	if p.Question("q1") == nil {
		t.Error("the question behind a symlink inside the pack was not loaded")
	}
}

func TestFIFOIsRefusedWithoutHanging(t *testing.T) {
	dir := writePack(t, nil)
	if err := syscall.Mkfifo(filepath.Join(dir, "notes", "pipe.md"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "questions"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "questions", "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, probs, err := loadDir(t, dir)
	wantProblem(t, probs, err, "notes/pipe.md: not a regular file (a FIFO, device or socket): refused")
	wantProblem(t, probs, err, "questions/pipe.yaml: not a regular file")
}

func TestOversizedNoteIsRefusedUnread(t *testing.T) {
	dir := writePack(t, nil)
	big := filepath.Join(dir, "notes", "big.md")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 50 MB file: it costs no disk, and reading it whole would allocate 50 MB.
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var probs pack.Problems
	if n := allocated(func() { _, probs, err = loadDir(t, dir) }); n > 16<<20 {
		t.Errorf("loading allocated %d MB: the oversized note was read", n>>20)
	}
	wantProblem(t, probs, err, "notes/big.md: too large (50 MB, limit 2 MB)")
}

func TestOversizedPackIsRefused(t *testing.T) {
	dir := writePack(t, nil)
	for i := range 9 { // 9 files just under the per-file limit: over the pack limit together
		f, err := os.Create(filepath.Join(dir, "notes", "n"+string(rune('a'+i))+".md"))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(pack.MaxFileBytes - 1); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	var err error
	if n := allocated(func() { _, _, err = loadDir(t, dir) }); n > 16<<20 {
		t.Errorf("loading allocated %d MB", n>>20)
	}
	if err == nil || !strings.Contains(err.Error(), "the pack is too large (18 MB, limit 16 MB)") {
		t.Errorf("err = %v", err)
	}
}

func TestFileNameWithEscapesNeverReachesAMessage(t *testing.T) {
	evil := "x\x1b]0;pwned\a\u202e.md"
	dir := writePack(t, map[string]string{"notes/" + evil: "no front matter"})
	_, probs, err := loadDir(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	out := probs.Error()
	if strings.ContainsAny(out, "\x1b\a\u202e") {
		t.Errorf("a raw control character reached the message: %q", out)
	}
	wantProblem(t, probs, nil, `notes/x\x1b]0;pwned\x07\u202e.md: the file name holds control or invisible characters`)
}

func TestBidiAndZeroWidthAreRemovedFromText(t *testing.T) {
	note := strings.Replace(goodNote, "Hidden after a receive.", "Hidden\u202e after\u2066 a\u200b re\u200dceive.\ufeff", 1)
	note = strings.Replace(note, "title: Amazon SQS", "title: \"Amazon\u2067 SQS\"", 1)
	q := strings.Replace(goodQuestion, "{text: A,", "{text: \"A\u202dB\u200f\",", 1)
	q = strings.Replace(q, "stem: Which?", "stem: \"Which\u2069?\"", 1)
	p, probs, err := pack.Load(packFS(map[string]string{"notes/sqs.md": note, "questions/q.yaml": q}))
	if err != nil || len(probs) > 0 {
		t.Fatalf("err %v, problems:\n%v", err, probs)
	}
	n := p.Note("sqs")
	if !strings.Contains(n.Body, "Hidden after a receive.") || n.Title != "Amazon SQS" {
		t.Errorf("note not neutralised: %q / %q", n.Title, n.Body)
	}
	if qq := p.Question("q1"); qq.Options[0].Text != "AB" || qq.Stem != "Which?" {
		t.Errorf("question not neutralised: %q / %q", qq.Stem, qq.Options[0].Text)
	}
}

// TestYAMLErrorLines pins the line of each kind of YAML syntax error to the line that holds the mistake
// (or, for an unclosed bracket, the line that opened it).
func TestYAMLErrorLines(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"bad indentation", "- id: a\n  stem: x\n - id: b\n", "questions/q.yaml:3: invalid YAML: did not find expected '-' indicator"},
		{"unclosed flow list", "- id: a\n  notes: [x, y\n  stem: z\n", "questions/q.yaml:2: invalid YAML: did not find expected ',' or ']'"},
		{"mapping in a value", "- id: a\n  stem: x\n  why: a: b\n", "questions/q.yaml:3: invalid YAML: mapping values are not allowed"},
		{"control character", "- id: a\n  stem: x\n  why: a\x01b\n", "questions/q.yaml:3: invalid YAML: control characters are not allowed (control character U+0001)"},
		{"invalid UTF-8", "- id: a\n\n  stem: \xff\n", "questions/q.yaml:3: invalid YAML"},
		{"unclosed at the end", "[a\n", "questions/q.yaml:1: invalid YAML"},
		{"unclosed at the end, no newline", "- a\n- [b", "questions/q.yaml:2: invalid YAML"},
		{"bad key", "- id: a\n  stem: x\nfoo\n", "questions/q.yaml:3: invalid YAML: could not find expected ':'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, probs, err := pack.Load(packFS(map[string]string{"questions/q.yaml": tc.yaml}))
			wantProblem(t, probs, err, tc.want)
		})
	}
	// In front matter the lines count from the top of the note file.
	_, probs, err := pack.Load(packFS(map[string]string{"notes/a.md": "---\nid: a\ntitle: A\n domain: \"1\"\n---\nbody\n"}))
	wantProblem(t, probs, err, "notes/a.md:4: invalid YAML")
	_, probs, err = pack.Load(packFS(map[string]string{"notes/a.md": "---\nid: a\ntitle: A\x02\n---\nbody\n"}))
	wantProblem(t, probs, err, "notes/a.md:3: invalid YAML: control characters are not allowed")
}

func TestLoadPartsSkipsWhatIsNotAsked(t *testing.T) {
	files := map[string]string{"notes/sqs.md": goodNote, "questions/q.yaml": "- id: [\n", "scenarios/s.yaml": goodScenario}
	p, probs, err := pack.LoadParts(packFS(files), pack.Notes)
	if err != nil || len(probs) > 0 {
		t.Fatalf("notes only: err %v, problems:\n%v (the broken questions file should not be read)", err, probs)
	}
	if p.Note("sqs") == nil || len(p.Questions) != 0 || len(p.Scenarios) != 0 {
		t.Errorf("notes only: %d notes, %d questions, %d scenarios", len(p.Notes), len(p.Questions), len(p.Scenarios))
	}
	p, probs, err = pack.LoadParts(packFS(files), pack.Scenarios)
	if err != nil || len(probs) > 0 || p.Scenario("s1") == nil || p.Note("sqs") == nil {
		t.Errorf("scenarios (and the notes they link to): err %v, problems %v", err, probs)
	}
}

// FuzzSafeName checks that no control, bidirectional or zero-width character survives in a name shown in
// a message, and that a clean name is shown as it is.
func FuzzSafeName(f *testing.F) {
	f.Add("notes/sqs.md")
	f.Add("x\x1b]0;pwned\a\u202e.md")
	f.Add("\xff\xfe\u200b\u2066")
	f.Fuzz(func(t *testing.T, name string) {
		got := pack.SafeName(name)
		if !utf8.ValidString(got) {
			t.Fatalf("SafeName(%q) = %q is not valid UTF-8", name, got)
		}
		if pack.Sanitize(got) != got || strings.ContainsAny(got, "\n\t") {
			t.Fatalf("SafeName(%q) = %q keeps a control or invisible character", name, got)
		}
		if pack.Sanitize(name) == name && !strings.ContainsAny(name, "\n\t") && got != name {
			t.Fatalf("SafeName changed the clean name %q to %q", name, got)
		}
	})
}

// FuzzYAMLErrorLine loads arbitrary YAML as a questions file: a syntax error names a line within the file.
func FuzzYAMLErrorLine(f *testing.F) {
	f.Add("- id: a\n  stem: [x\n")
	f.Add("- id: a\x01\n")
	f.Add("a: b: c\n\n\n")
	f.Fuzz(func(t *testing.T, data string) {
		_, probs, err := pack.Load(packFS(map[string]string{"questions/q.yaml": data}))
		if err != nil {
			return
		}
		lines := strings.Count(data, "\n") + 1
		for _, p := range probs {
			if strings.Contains(p.Msg, "invalid YAML") && (p.Line < 0 || p.Line > lines) {
				t.Fatalf("%v: line %d of a %d-line file", p, p.Line, lines)
			}
		}
	})
}
