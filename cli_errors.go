package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/fang"
	"github.com/charmbracelet/x/term"
)

// printError prints a command's error as the user should read it: paths, flags and names exactly as typed (fang's
// default capitalises the first word, turning "/srv/packs" into "/Srv/Packs"), one full stop at most, and plain
// text when stderr is not a terminal. A pack's problems (errProblems) and search's
// no-match line (errNoMatch) were printed already, so they print nothing.
func printError(w io.Writer, styles fang.Styles, err error) {
	if errors.Is(err, errProblems) || errors.Is(err, errNoMatch) {
		return
	}
	msg := err.Error()
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "!") {
		msg += "."
	}
	if !toTerminal(w) {
		_, _ = fmt.Fprintln(w, "dvaprep: "+msg)
		return
	}
	_, _ = fmt.Fprint(w, styledError(styles, msg))
}

// styledError is the boxed form of msg for a terminal, with msg's own capitalisation.
func styledError(styles fang.Styles, msg string) string {
	return styles.ErrorHeader.String() + "\n" + styles.ErrorText.UnsetTransform().Render(msg) + "\n\n"
}

// toTerminal reports whether w (or the writer fang's colour-profile writer forwards to) is a terminal.
func toTerminal(w io.Writer) bool {
	if cw, ok := w.(*colorprofile.Writer); ok {
		w = cw.Forward
	}
	f, ok := w.(term.File)
	return ok && term.IsTerminal(f.Fd())
}
