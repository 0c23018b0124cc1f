package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"dvaprep/ui"
	"dvaprep/ui/common"
)

// run executes the command line as a user would and returns stdout and the error.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	t.Setenv("DVAPREP_DB", filepath.Join(t.TempDir(), "progress.db"))
	cmd := rootCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestSearchPrintsBestSectionFirst(t *testing.T) {
	out, err := run(t, "search", "visibility", "timeout", "--limit", "3")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines, got %d:\n%s", len(lines), out)
	}
	if lines[0] != "sqs#visibility-timeout\tAmazon SQS › Visibility timeout" {
		t.Errorf("first line %q", lines[0])
	}
}

func TestSearchJSON(t *testing.T) {
	out, err := run(t, "search", "dlq", "--json", "--limit", "1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"link": "sqs#dead-letter-queues"`) && !strings.Contains(out, `"link": "lambda#dead-letter-queues"`) {
		t.Errorf("json: %s", out)
	}
}

func TestSearchNothing(t *testing.T) {
	out, err := run(t, "search", "qqqxxxzzz")
	if !errors.Is(err, errNoMatch) || out != "No note section matches \"qqqxxxzzz\".\n" {
		t.Errorf("err = %v, out = %q", err, out)
	}
	out, err = run(t, "search", "--json", "qqqxxxzzz")
	if !errors.Is(err, errNoMatch) || strings.TrimSpace(out) != "[]" {
		t.Errorf("--json with nothing found: err = %v, out = %q; want [] and exit status 1", err, out)
	}
	out, _ = run(t, "search", "zkinesiz")
	if !strings.Contains(out, "Did you mean kinesis") {
		t.Errorf("no suggestion: %q", out)
	}
	out, _ = run(t, "search", strings.Repeat("qqqxxxzzz ", 10000))
	if strings.Count(out, "\n") != 1 || len(out) > 120 {
		t.Errorf("a long query is echoed back: %d bytes", len(out))
	}
}

func TestSearchOneResult(t *testing.T) {
	out, err := run(t, "search", "--json", "--limit", "1", "kenesis", "shard")
	if err != nil || !strings.Contains(out, `"score": `) || !strings.Contains(out, `"snippet": "`) {
		t.Errorf("json without score and snippet: %v %s", err, out)
	}
}

func TestNotesShowSection(t *testing.T) {
	out, err := run(t, "notes", "show", "sqs#visibility-timeout", "--width", "70")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Visibility timeout") || strings.Contains(out, "## Dead-letter queues") {
		t.Errorf("output:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if len([]rune(l)) > 72 {
			t.Errorf("line longer than the width: %q", l)
		}
	}
	if _, err := run(t, "notes", "show", "sqs#nope"); err == nil || !strings.Contains(err.Error(), "visibility-timeout") {
		t.Errorf("unknown section: err = %v (want the list of sections)", err)
	}
	if _, err := run(t, "notes", "show", "nope"); err == nil {
		t.Error("unknown note: no error")
	}
}

func TestValidateEmbedded(t *testing.T) {
	out, err := run(t, "validate")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"task  statement", "1.1 ", "4.3 ", "OK:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestValidateBadPack(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "pack", "export", dir); err != nil {
		t.Fatal(err)
	}
	// Break one question file: a single-response question with two right answers.
	path := filepath.Join(dir, "questions", "bad.yaml")
	bad := "- id: broken\n  domain: \"1\"\n  task: \"1.1\"\n  type: single\n  stem: S\n  options:\n" +
		"    - {text: A, correct: true, why: a}\n    - {text: B, correct: true, why: b}\n" +
		"    - {text: C, why: c}\n    - {text: D, why: d}\n  explanation: E\n  notes: [sqs]\n"
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "validate", dir)
	if !errors.Is(err, errProblems) {
		t.Fatalf("err = %v, want errProblems", err)
	}
	if !strings.Contains(out, "questions/bad.yaml:6: a single-response question has exactly 1 correct option, not 2") {
		t.Errorf("output:\n%s", out)
	}
	// The same pack is refused by a command that uses its questions, with a pointer to validate.
	if _, err := run(t, "--pack", dir, "stats"); err == nil || !strings.Contains(err.Error(), "dvaprep validate") {
		t.Errorf("--pack with problems: err = %v", err)
	}
	// Commands that read only the notes load only the notes, so the broken question does not stop them.
	if out, err := run(t, "--pack", dir, "search", "sqs"); err != nil || !strings.Contains(out, "sqs#") {
		t.Errorf("search on a pack whose questions are broken: err = %v, output:\n%s", err, out)
	}
}

func TestExportRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "mine.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "pack", "export", dir); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(keep); string(b) != "mine" {
		t.Error("existing file changed")
	}
}

func TestNoTTY(t *testing.T) {
	_, err := run(t)
	if !errors.Is(err, errNoTTY) {
		t.Fatalf("err = %v, want errNoTTY", err)
	}
	if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "dvaprep search") || !strings.Contains(err.Error(), "dvaprep notes show") {
		t.Errorf("message %q is not one line pointing to search and notes show", err)
	}
}

// TestDependenciesPointOneWay keeps the domain packages free of the UI and of charm.land modules.
func TestDependenciesPointOneWay(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	domain := []string{"pack", "notes", "scenarios", "exam", "review", "store", "progress", "practice", "content", "study"}
	for _, pkg := range domain {
		if _, err := os.Stat(pkg); err != nil {
			continue
		}
		out, err := exec.Command("go", "list", "-deps", "./"+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasPrefix(dep, "dvaprep/ui") || strings.HasPrefix(dep, "charm.land/") ||
				strings.Contains(dep, "charmbracelet/bubbletea") || strings.Contains(dep, "charmbracelet/glamour") {
				t.Errorf("%s depends on %s", pkg, dep)
			}
			if pkg == "store" && dep == "dvaprep/pack" || pkg == "pack" && dep == "dvaprep/store" {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}

// TestScreensNeverImportStore: screens reach progress only through the study layer. Only the root
// (dvaprep/ui) and the test helpers (dvaprep/ui/uitest) may import the store; study imports no ui.
func TestScreensNeverImportStore(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./ui/...", "./study/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	screens := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg, imports := f[0], f[1:]
		if strings.HasPrefix(pkg, "dvaprep/ui/") && pkg != "dvaprep/ui/uitest" {
			screens++
			if slices.Contains(imports, "dvaprep/store") {
				t.Errorf("%s imports dvaprep/store: use dvaprep/study", pkg)
			}
		}
		if pkg == "dvaprep/study" {
			for _, imp := range imports {
				if strings.HasPrefix(imp, "dvaprep/ui") || strings.HasPrefix(imp, "charm.land/") {
					t.Errorf("study imports %s", imp)
				}
			}
		}
	}
	if screens < 6 {
		t.Errorf("only %d ui packages listed: the check looks at nothing", screens)
	}
}

// BenchmarkStartup measures what the interface does before its first frame, in process (the process floor
// comes on top): read pack.yaml and draw home. BenchmarkBootLoad is what follows behind that frame.
func BenchmarkStartup(b *testing.B) {
	opts := &options{dbPath: filepath.Join(b.TempDir(), "progress.db")}
	for b.Loop() {
		bp, err := loadPackParts(opts, 0)
		if err != nil {
			b.Fatal(err)
		}
		c := newContext(context.Background(), bp, nil)
		boot := newBoot(ui.New(c, ui.Build, common.NavigateMsg{To: common.HomeScreen}), c, nil, new(atomic.Bool), opts.database())
		next, _ := boot.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		next, _ = next.Update(common.NavigateMsg{To: common.HomeScreen})
		if v := next.View(); !strings.Contains(v.Content, "Scenarios") {
			b.Fatalf("first frame: %q", v.Content)
		}
	}
}

// BenchmarkBootLoad is the load behind the first frame: the whole pack, the search index and the store.
func BenchmarkBootLoad(b *testing.B) {
	opts := &options{dbPath: filepath.Join(b.TempDir(), "progress.db")}
	for b.Loop() {
		msg := loadAll(context.Background(), opts, new(atomic.Bool))().(bootMsg)
		if msg.err != nil {
			b.Fatal(msg.err)
		}
		msg.st.Close()
	}
}

// TestStampThenEdit records a check with pack stamp, then edits the note: validate warns, and still exits 0.
func TestStampThenEdit(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "pack", "export", dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "notes", "sqs.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\nsources:") { // a checked note must list its sources
		data = []byte(strings.Replace(string(data), "---\n", "---\nsources: [https://docs.aws.amazon.com/sqs/]\n", 1))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := run(t, "pack", "stamp", dir, "sqs", "--date", "2026-12-02"); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "validate", dir)
	if err != nil || strings.Contains(out, "warning: notes/sqs.md") {
		t.Fatalf("a freshly stamped note: err = %v\n%s", err, out)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n## Added later\n\nAn unchecked line.\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err = run(t, "validate", dir)
	if err != nil {
		t.Fatalf("an edited note is a warning, not a failure: %v\n%s", err, out)
	}
	if !strings.Contains(out, "warning: notes/sqs.md:") || !strings.Contains(out, "changed after its check on 2026-12-02") {
		t.Errorf("no warning for the edited note:\n%s", out)
	}
	if _, err := run(t, "pack", "stamp", dir, "no-such-note"); err == nil {
		t.Error("stamping an unknown note must fail")
	}
}

func TestNotesShowRejectsBadWidths(t *testing.T) {
	for _, w := range []string{"0", "-1", "-100", "19", "501"} {
		if _, err := run(t, "notes", "show", "sqs", "--width", w); err == nil || !strings.Contains(err.Error(), "between 20 and 500") {
			t.Errorf("--width %s: err = %v", w, err)
		}
	}
	out, err := run(t, "notes", "show", "sqs", "--width", "20")
	if err != nil || !strings.Contains(out, "Amazon SQS") {
		t.Errorf("--width 20: err = %v, output:\n%s", err, out)
	}
}

// BenchmarkNotesShow is `dvaprep notes show sqs --width 100` in process, output discarded: what the command
// adds to the process floor (budget 8 ms).
func BenchmarkNotesShow(b *testing.B) {
	for b.Loop() {
		cmd := rootCmd()
		cmd.SetOut(io.Discard)
		cmd.SetArgs([]string{"notes", "show", "sqs", "--width", "100"})
		if err := cmd.Execute(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchCommand is `dvaprep search "visibility timeout"` in process (budget 5 ms over the floor).
func BenchmarkSearchCommand(b *testing.B) {
	for b.Loop() {
		cmd := rootCmd()
		cmd.SetOut(io.Discard)
		cmd.SetArgs([]string{"search", "visibility timeout"})
		if err := cmd.Execute(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestValidateHostilePack runs validate on an exported pack with hostile files added: each is refused with
// a clear problem, nothing hangs, and no escape sequence reaches the output.
func TestValidateHostilePack(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, "pack", "export", dir); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes")
	if err := os.Symlink("/dev/zero", filepath.Join(notes, "zero.md")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := syscall.Mkfifo(filepath.Join(notes, "pipe.md"), 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	big, err := os.Create(filepath.Join(notes, "big.md"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(50 << 20)
	big.Close()
	if err := os.WriteFile(filepath.Join(notes, "x\x1b]0;pwned\a.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var out string
	go func() {
		defer close(done)
		out, err = run(t, "validate", dir)
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("validate hangs on a hostile pack")
	}
	if !errors.Is(err, errProblems) {
		t.Fatalf("err = %v, want errProblems", err)
	}
	for _, want := range []string{
		"notes/zero.md: a symbolic link that leaves the pack: refused",
		"notes/pipe.md: not a regular file (a FIFO, device or socket): refused",
		"notes/big.md: too large (50 MB, limit 2 MB)",
		`notes/x\x1b]0;pwned\x07.md: the file name holds control or invisible characters: rename it`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("validate output lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsAny(out, "\x1b\a") {
		t.Error("a raw control character reached the output")
	}
}

// A mistyped subcommand of a group is an error, not the group's help with exit status 0.
func TestUnknownSubcommandFails(t *testing.T) {
	for _, args := range [][]string{{"notes", "shwo", "sqs"}, {"pack", "exprot", "dir"}} {
		out, err := run(t, args...)
		if err == nil || !strings.Contains(err.Error(), `unknown command "`+args[1]+`"`) {
			t.Errorf("%v: error %v, want unknown command (output %q)", args, err, out)
		}
	}
	if out, err := run(t, "notes"); err != nil || !strings.Contains(out, "show") {
		t.Errorf("notes alone: %v, want its help listing show:\n%s", err, out)
	}
}
