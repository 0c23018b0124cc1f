package main

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFitCellMeasuresCells(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"Implement authentication and/or authorization for application users", 20, "Implement authentic…"},
		{"Use data stores – DynamoDB", 30, "Use data stores – DynamoDB    "},
		{"Short", 5, "Short"},
		{"Optimise – it’s “fast”", 10, "Optimise …"},
	} {
		got := fitCell(tc.in, tc.w)
		if got != tc.want || ansi.StringWidth(got) != tc.w {
			t.Errorf("fitCell(%q, %d) = %q (%d cells), want %q", tc.in, tc.w, got, ansi.StringWidth(got), tc.want)
		}
	}
}
