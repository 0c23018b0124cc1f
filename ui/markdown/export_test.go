package markdown

// RenderWhole renders md in one piece, for comparison with the split render.
func RenderWhole(md string, width int, theme Theme) (string, error) {
	return New().renderOne(prepare(md, width), width, theme)
}
