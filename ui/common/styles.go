package common

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are the app's lipgloss styles for one background. Nothing relies on colour alone: verdicts and
// correctness always carry a symbol or a word too.
type Styles struct {
	Header    lipgloss.Style
	Title     lipgloss.Style
	Subtle    lipgloss.Style
	Selected  lipgloss.Style
	Highlight lipgloss.Style // matched characters in search results
	Good      lipgloss.Style
	Warn      lipgloss.Style
	Bad       lipgloss.Style
	Box       lipgloss.Style
	Status    lipgloss.Style
	Error     lipgloss.Style
	Accent    color.Color
}

// NewStyles builds the styles for a dark or light terminal; noColor drops every colour (NO_COLOR) and keeps
// bold, underline and reverse.
func NewStyles(dark, noColor bool) Styles {
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("#5A56E0"), lipgloss.Color("#7D79F6"))
	subtle := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	good := ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#3FB950"))
	warn := ld(lipgloss.Color("#9A6700"), lipgloss.Color("#D29922"))
	bad := ld(lipgloss.Color("#CF222E"), lipgloss.Color("#F85149"))
	s := Styles{
		Header:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Title:     lipgloss.NewStyle().Bold(true),
		Subtle:    lipgloss.NewStyle().Foreground(subtle),
		Selected:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		Highlight: lipgloss.NewStyle().Bold(true).Underline(true).Foreground(warn),
		Good:      lipgloss.NewStyle().Foreground(good),
		Warn:      lipgloss.NewStyle().Foreground(warn),
		Bad:       lipgloss.NewStyle().Foreground(bad),
		Box:       lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(subtle).Padding(0, 1),
		Status:    lipgloss.NewStyle().Foreground(subtle),
		Error:     lipgloss.NewStyle().Bold(true).Foreground(bad),
		Accent:    accent,
	}
	if noColor {
		plain := lipgloss.NewStyle()
		s = Styles{
			Header:    plain.Bold(true),
			Title:     plain.Bold(true),
			Subtle:    plain.Faint(true),
			Selected:  plain.Bold(true).Reverse(true),
			Highlight: plain.Bold(true).Underline(true),
			Good:      plain.Bold(true),
			Warn:      plain.Bold(true),
			Bad:       plain.Bold(true),
			Box:       plain.Border(lipgloss.RoundedBorder()).Padding(0, 1),
			Status:    plain.Faint(true),
			Error:     plain.Bold(true),
			Accent:    lipgloss.NoColor{},
		}
	}
	return s
}
