package progress

import "fmt"

// MinFigure is how many answers a percentage needs before it is worth reading. Under it a percentage is still
// shown, with its answers, but marked "too little data": one right answer is 100%, and says almost nothing.
// Five is where one answer more or less moves a share by at most 20 points.
const MinFigure = 5

// Enough reports whether a percentage resting on n answers is worth reading (see MinFigure).
func Enough(n int) bool { return n >= MinFigure }

// Answers counts answers in words: "1 answer", "13 answers".
func Answers(n int) string {
	if n == 1 {
		return "1 answer"
	}
	return fmt.Sprintf("%d answers", n)
}

// Figure writes a share with the answers it rests on: "62% · 13 answers"; under MinFigure answers
// "100% · 1 answer · too little data"; with none, "no answers yet".
func Figure(frac float64, n int) string {
	switch {
	case n <= 0:
		return "no answers yet"
	case !Enough(n):
		return fmt.Sprintf("%.0f%% · %s · too little data", 100*frac, Answers(n))
	}
	return fmt.Sprintf("%.0f%% · %s", 100*frac, Answers(n))
}
