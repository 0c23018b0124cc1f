package markdown

import (
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
)

// styleConfig is glamour's style for the theme, changed so that callouts keep their bar and Plain drops every markdown marker
// (glamour's "notty" style keeps "**", "`" and "#"), so piped text reads as text, and marks a callout with
// the same bar as the other themes.
func (t Theme) styleConfig() ansi.StyleConfig {
	var s ansi.StyleConfig
	switch t {
	case Light:
		s = styles.LightStyleConfig
	case Plain:
		s = plainStyle()
	default:
		s = styles.DarkStyleConfig
	}
	s.BlockQuote = keepBar(s.BlockQuote)
	return s
}

// keepBar works around glamour#172. Glamour subtracts a block quote's Indent from the width (1) but writes
// its IndentToken ("│ ", 2 columns) that many times, so a quoted line comes out one column wider than the
// text around it, and the document's own wrap then pushes its last word out of the box. A Margin of 1 is
// subtracted twice (both sides) and written once as the token: exactly the bar's two columns.
func keepBar(q ansi.StyleBlock) ansi.StyleBlock {
	bar := "│ "
	one := uint(1)
	q.Indent = nil
	q.Margin = &one
	q.IndentToken = &bar
	return q
}

func plainStyle() ansi.StyleConfig {
	s := styles.NoTTYStyleConfig
	none := ansi.StylePrimitive{}
	s.Strong, s.Emph, s.Strikethrough = none, none, none
	s.Code = ansi.StyleBlock{}
	block := ansi.StyleBlock{}
	s.H1, s.H2, s.H3, s.H4, s.H5, s.H6 = block, block, block, block, block, block
	s.Link = none
	s.LinkText = none
	return s
}
