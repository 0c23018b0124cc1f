package exam

import (
	"math"

	"dvaprep/pack"
)

// The scale used when a pack's exam format does not describe a usable one: DVA-C02's 100..1000, passing at 720.
const (
	defaultScaleMin = 100
	defaultScaleMax = 1000
	defaultPassing  = 720
)

// Standing is the per-domain verdict of the score report, in the words the AWS report uses.
type Standing string

// The standings of a domain. NotTested is for a domain with no scored item in the session.
const (
	Meets            Standing = "Meets competencies"
	NeedsImprovement Standing = "Needs improvement"
	NotTested        Standing = "Not tested"
)

// scaleOf returns the scale of f, or the default scale if f's is not ordered min < passing < max with max > 0.
func scaleOf(f pack.ExamFormat) (lo, hi, pass int) {
	if f.ScaleMax > 0 && f.ScaleMin >= 0 && f.ScaleMin < f.Passing && f.Passing < f.ScaleMax {
		return f.ScaleMin, f.ScaleMax, f.Passing
	}
	return defaultScaleMin, defaultScaleMax, defaultPassing
}

// Passing returns the scaled score needed to pass under f (720 for DVA-C02).
func Passing(f pack.ExamFormat) int {
	_, _, pass := scaleOf(f)
	return pass
}

// CutPercent returns the raw percent taken to be the pass mark: Passing as a share of ScaleMax, so 72 for 720 of
// 1000. It is also the line between Meets and NeedsImprovement for a domain.
func CutPercent(f pack.ExamFormat) float64 {
	_, hi, pass := scaleOf(f)
	return 100 * float64(pass) / float64(hi)
}

// Scale estimates the scaled score for a raw percent (0..100, clamped). AWS does not publish its mapping, so this
// is an estimate and must be shown as one. The mapping is piecewise linear: raw 0% gives ScaleMin, raw
// CutPercent gives Passing, raw 100% gives ScaleMax. For DVA-C02 that is 0% -> 100, 72% -> 720, 100% -> 1000,
// about 8.6 points per raw percent below the cut and 10 above it. The result is rounded down, so a raw score below
// the cut never reaches Passing. A format without a usable scale falls back to 100..1000 passing at 720.
func Scale(percent float64, f pack.ExamFormat) int {
	lo, hi, pass := scaleOf(f)
	cut := CutPercent(f)
	p := percent
	switch {
	case math.IsNaN(p) || p < 0:
		p = 0
	case p > 100:
		p = 100
	}
	var x float64
	if p <= cut {
		x = float64(lo) + float64(pass-lo)*p/cut
	} else {
		x = float64(pass) + float64(hi-pass)*(p-cut)/(100-cut)
	}
	// The small allowance absorbs float error in a percent computed as 100*c/t, so 36 of 50 is exactly 720.
	return min(max(int(math.Floor(x+1e-6)), lo), hi)
}

// StandingOf returns a domain's standing for its tally: Meets at CutPercent raw or above, NeedsImprovement
// below, NotTested with no scored items.
func StandingOf(t Tally, f pack.ExamFormat) Standing {
	switch {
	case t.Total == 0:
		return NotTested
	case t.Percent()+1e-9 >= CutPercent(f):
		return Meets
	}
	return NeedsImprovement
}
