package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// runSplit runs the command line with stdout and stderr kept apart.
func runSplit(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	t.Setenv("DVAPREP_DB", filepath.Join(t.TempDir(), "env.db"))
	cmd := rootCmd()
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	err = cmd.Execute()
	return out.String(), errOut.String(), err
}

// `--db=` (say, a variable that expanded to nothing) is an error that shows what was typed, not the default
// database used without a word.
func TestEmptyDBFlagIsAnError(t *testing.T) {
	for _, c := range []struct {
		args  []string
		typed string
	}{
		{[]string{"--db=", "stats"}, ""},
		{[]string{"stats", "--db", ""}, ""},
		{[]string{"--db", "  ", "plan"}, "  "},
	} {
		_, _, err := runSplit(t, c.args...)
		if err == nil {
			t.Errorf("%q: no error", c.args)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "--db") || !strings.Contains(msg, `"`+c.typed+`"`) || strings.Contains(msg, "\n") {
			t.Errorf("%q: error %q; want one line naming --db and what was typed", c.args, msg)
		}
	}
}

// A --db file that does not exist is created (a first run), and stderr says so, so that a typo is noticed;
// the second run says nothing, and stdout (for scripts) never carries it.
func TestNewDatabaseIsSaidOnStderr(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.db")
	for i, want := range []bool{true, false} {
		out, errOut, err := runSplit(t, "--db", path, "stats", "--json")
		if err != nil {
			t.Fatal(err)
		}
		said := errOut == "dvaprep: new progress database at "+path+"\n"
		if said != want || (!want && errOut != "") {
			t.Errorf("run %d: stderr %q; want the notice: %v", i+1, errOut, want)
		}
		if strings.Contains(out, "new progress database") {
			t.Errorf("run %d: the notice is on stdout", i+1)
		}
	}
}
