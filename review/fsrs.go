package review

import "math"

// The FSRS-6 formulas. G is the rating (1 to 4), S stability, D difficulty, R retrievability and
// t whole days since the last review. w is Scheduler.Weights.

// curve returns DECAY = −w20 and FACTOR = 0.9^(1/DECAY) − 1, chosen so that R(S, S) = 0.9.
func (s Scheduler) curve() (decay, factor float64) {
	decay = -s.Weights[20]
	return decay, math.Pow(0.9, 1/decay) - 1
}

// forgettingCurve is R(t, S) = (1 + FACTOR·t/S)^DECAY.
func (s Scheduler) forgettingCurve(t, stability float64) float64 {
	decay, factor := s.curve()
	return math.Pow(1+factor*t/stability, decay)
}

// initStability is S0(G) = w[G−1].
func (s Scheduler) initStability(r Rating) float64 {
	return clampStability(s.Weights[r.valid()-1])
}

// initDifficultyRaw is D0(G) = w4 − e^(w5·(G−1)) + 1, unclamped: mean reversion uses D0(4) as it
// is, which is below 1 with the default weights.
func (s Scheduler) initDifficultyRaw(r Rating) float64 {
	return s.Weights[4] - math.Exp(s.Weights[5]*float64(r.valid()-1)) + 1
}

// initDifficulty is D0(G) clamped to [1, 10].
func (s Scheduler) initDifficulty(r Rating) float64 {
	return clampDifficulty(s.initDifficultyRaw(r))
}

// nextDifficulty applies ΔD = −w6·(G−3) with linear damping, D1 = D + ΔD·(10−D)/9, then mean
// reversion towards D0(4), D2 = w7·D0(4) + (1−w7)·D1, clamped to [1, 10].
func (s Scheduler) nextDifficulty(d float64, r Rating) float64 {
	w := &s.Weights
	delta := -w[6] * float64(r.valid()-3)
	damped := d + delta*(10-d)/9
	return clampDifficulty(w[7]*s.initDifficultyRaw(Easy) + (1-w[7])*damped)
}

// recallStability is the stability after a successful review (Hard, Good or Easy):
// S' = S·(e^w8·(11−D)·S^−w9·(e^(w10·(1−R))−1)·hardPenalty·easyBonus + 1),
// where hardPenalty is w15 for Hard and easyBonus is w16 for Easy, 1 otherwise.
func (s Scheduler) recallStability(d, stability, retr float64, r Rating) float64 {
	w := &s.Weights
	hardPenalty, easyBonus := 1.0, 1.0
	switch r.valid() {
	case Hard:
		hardPenalty = w[15]
	case Easy:
		easyBonus = w[16]
	}
	return stability * (math.Exp(w[8])*(11-d)*math.Pow(stability, -w[9])*
		(math.Exp(w[10]*(1-retr))-1)*hardPenalty*easyBonus + 1)
}

// forgetStability is the stability after a lapse (Again):
// S'f = w11·D^−w12·((S+1)^w13 − 1)·e^(w14·(1−R)), and in FSRS-6 never more than S / e^(w17·w18).
func (s Scheduler) forgetStability(d, stability, retr float64) float64 {
	w := &s.Weights
	long := w[11] * math.Pow(d, -w[12]) * (math.Pow(stability+1, w[13]) - 1) * math.Exp(w[14]*(1-retr))
	return min(long, stability/math.Exp(w[17]*w[18]))
}

// shortTermStability is the stability after a review on the same day as the last:
// S' = S·e^(w17·(G−3+w18))·S^−w19, and for Good or Easy never less than S.
func (s Scheduler) shortTermStability(stability float64, r Rating) float64 {
	w := &s.Weights
	r = r.valid()
	next := stability * math.Exp(w[17]*(float64(r)-3+w[18])) * math.Pow(stability, -w[19])
	if r >= Good {
		next = max(next, stability)
	}
	return next
}
