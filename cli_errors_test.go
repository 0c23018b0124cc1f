package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/charmbracelet/fang"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
)

func TestPrintErrorKeepsWhatTheUserTyped(t *testing.T) {
	var buf bytes.Buffer
	printError(&buf, fang.Styles{}, errors.New("/srv/packs/nope: not a directory"))
	if got := buf.String(); got != "dvaprep: /srv/packs/nope: not a directory.\n" {
		t.Errorf("piped error = %q", got)
	}
	buf.Reset()
	printError(&buf, fang.Styles{}, fmt.Errorf("wrapped: %w", errProblems))
	if buf.Len() != 0 {
		t.Errorf("a pack's problems are printed by validate itself; got %q", buf.String())
	}
	buf.Reset()
	printError(&buf, fang.Styles{}, errors.New("really?"))
	if got := buf.String(); got != "dvaprep: really?\n" {
		t.Errorf("a message ending in punctuation gets no full stop: %q", got)
	}
}

func TestStyledErrorKeepsCase(t *testing.T) {
	// Get fang's real styles: its default ErrorText title-cases the first word.
	cmd := &cobra.Command{Use: "x", SilenceErrors: true, SilenceUsage: true, RunE: func(*cobra.Command, []string) error { return errors.New("boom") }}
	cmd.SetArgs([]string{})
	var styles fang.Styles
	_ = fang.Execute(t.Context(), cmd, fang.WithErrorHandler(func(_ io.Writer, s fang.Styles, _ error) { styles = s }))
	msg := "/srv/packs/nope: not a directory."
	if def := ansi.Strip(styles.ErrorText.Render(msg)); strings.Contains(def, msg) {
		t.Fatalf("fang's default no longer changes case (%q): this test's premise is gone", def)
	}
	for _, msg := range []string{msg, "--pack /x: not a directory.", "mypack has 2 problems."} {
		if out := ansi.Strip(styledError(styles, msg)); !strings.Contains(out, msg) {
			t.Errorf("styled error lost the user's text %q:\n%s", msg, out)
		}
	}
}

func TestBuildVersion(t *testing.T) {
	mk := func(main string, settings ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{Main: debug.Module{Path: "dvaprep", Version: main}}
		for i := 0; i+1 < len(settings); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return info
	}
	cases := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, "unknown (no build information)"},
		{"module version", mk("v1.4.0"), true, "v1.4.0"},
		{"vcs stamp", mk("(devel)", "vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-12-02T05:59:07Z", "vcs.modified", "false"), true, "devel 0123456789ab (2026-12-02T05:59:07 UTC)"},
		{"dirty tree", mk("(devel)", "vcs.revision", "0123456789abcdef0123", "vcs.modified", "true"), true, "devel 0123456789ab-dirty"},
		{"nothing stamped", mk("(devel)"), true, "devel (built without version control information)"},
	}
	for _, tc := range cases {
		if got := buildVersion(tc.info, tc.ok); got != tc.want {
			t.Errorf("%s: buildVersion = %q, want %q", tc.name, got, tc.want)
		}
	}
}
