package review

import (
	"math"
	"testing"
	"time"
)

const eps = 1e-9

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestForgettingCurve(t *testing.T) {
	s := DefaultScheduler()
	for _, stab := range []float64{0.01, 0.5, 1, 2.3065, 10, 365, 36500} {
		if r := s.forgettingCurve(stab, stab); !near(r, 0.9, eps) {
			t.Errorf("R(t=S=%v) = %v, want 0.9", stab, r)
		}
		if r := s.forgettingCurve(0, stab); r != 1 {
			t.Errorf("R(0, %v) = %v, want 1", stab, r)
		}
		prev := 1.0
		for d := 1; d <= 200; d++ {
			r := s.forgettingCurve(float64(d), stab)
			if !(r < prev && r > 0) {
				t.Fatalf("R(%d, %v) = %v, want below R(%d) = %v and above 0", d, stab, r, d-1, prev)
			}
			prev = r
		}
	}
}

func TestRetrievability(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	c := Card{State: Review, Stability: 10, Difficulty: 5, LastReview: t0}
	tests := []struct {
		name string
		c    Card
		now  time.Time
		want float64
	}{
		{"new card", Card{}, t0, 0},
		{"just reviewed", c, t0, 1},
		{"less than a day counts as 0 days", c, t0.Add(23 * time.Hour), 1},
		{"at its stability", c, t0.Add(10 * day), 0.9},
		{"whole days only", c, t0.Add(10*day + 23*time.Hour), 0.9},
		{"clock moved back", c, t0.Add(-5 * day), 1},
		// R(20, 10) = (1 + 0.9803465·2)^−0.1542 = 2.960693^−0.1542 = e^(−0.1542·1.085423) = 0.845885
		{"twice its stability", c, t0.Add(20 * day), 0.8458846},
	}
	for _, tt := range tests {
		if got := Retrievability(tt.c, tt.now); !near(got, tt.want, 1e-6) {
			t.Errorf("%s: Retrievability = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Reference values worked by hand from the formulas with the default weights. The comments show
// the working to six or seven figures; the tolerance covers that rounding.
func TestReferenceValues(t *testing.T) {
	s := DefaultScheduler()
	_, factor := s.curve()
	tests := []struct {
		name      string
		got, want float64
	}{
		// FACTOR = 0.9^(1/−0.1542) − 1 = e^(0.1053605·6.485084) − 1 = e^0.6832683 − 1
		{"FACTOR", factor, 0.9803465},
		// S0(G) = w[G−1]
		{"S0(Again)", s.initStability(Again), 0.212},
		{"S0(Hard)", s.initStability(Hard), 1.2931},
		{"S0(Good)", s.initStability(Good), 2.3065},
		{"S0(Easy)", s.initStability(Easy), 8.2956},
		// D0(1) = 6.4133 − e^0 + 1 = 6.4133
		{"D0(Again)", s.initDifficulty(Again), 6.4133},
		// D0(2) = 6.4133 − e^0.8334 + 1 = 6.4133 − 2.301129 + 1 = 5.112171
		{"D0(Hard)", s.initDifficulty(Hard), 5.112171},
		// D0(3) = 6.4133 − e^1.6668 + 1 = 6.4133 − 5.295196 + 1 = 2.118104
		{"D0(Good)", s.initDifficulty(Good), 2.118104},
		// D0(4) = 6.4133 − e^2.5002 + 1 = 6.4133 − 12.184931 + 1 = −4.771631, clamped to 1
		{"D0(Easy) clamped", s.initDifficulty(Easy), 1},
		{"D0(Easy) raw", s.initDifficultyRaw(Easy), -4.771631},
		// D = 5, Good: ΔD = 0, D1 = 5; D2 = 0.001·(−4.771631) + 0.999·5 = 4.990228
		{"D'(5, Good)", s.nextDifficulty(5, Good), 4.990228},
		// D = 5, Again: ΔD = 2·3.0194 = 6.0388; D1 = 5 + 6.0388·5/9 = 8.354889;
		// D2 = −0.004772 + 0.999·8.354889 = 8.341762
		{"D'(5, Again)", s.nextDifficulty(5, Again), 8.341762},
		// D = 5, Easy: ΔD = −3.0194; D1 = 5 − 3.0194·5/9 = 3.322556;
		// D2 = −0.004772 + 0.999·3.322556 = 3.314461
		{"D'(5, Easy)", s.nextDifficulty(5, Easy), 3.314461},
		// Success, D = 5, S = 10, R = 0.9:
		// e^1.8722 = 6.502586; 11 − D = 6; 10^−0.1666 = 0.6813967; e^(0.796·0.1) − 1 = 0.0828538;
		// their product is 2.2026729, so Good: S' = 10·(2.2026729 + 1) = 32.026729
		{"S'r(Good)", s.recallStability(5, 10, 0.9, Good), 32.026729},
		// Hard: 10·(2.2026729·0.6014 + 1) = 23.246875; Easy: 10·(2.2026729·1.8729 + 1) = 51.253862
		{"S'r(Hard)", s.recallStability(5, 10, 0.9, Hard), 23.246875},
		{"S'r(Easy)", s.recallStability(5, 10, 0.9, Easy), 51.253862},
		// Lapse, D = 5, S = 10, R = 0.9:
		// 1.4835·5^−0.0614·(11^0.2629 − 1)·e^(1.6483·0.1) = 1.4835·0.905906·0.878374·1.179193 = 1.391987;
		// the cap 10 / e^(0.5425·0.0912) = 10 / 1.050720 = 9.517280 does not bite
		{"S'f", s.forgetStability(5, 10, 0.9), 1.391987},
		// Lapse, D = 5, S = 0.5, R = 0: 1.4835·0.905906·(1.5^0.2629 − 1)·e^1.6483
		// = 1.4835·0.905906·0.112486·5.198 = 0.785806, above the cap 0.5 / 1.050720 = 0.475864
		{"S'f capped", s.forgetStability(5, 0.5, 0), 0.475864},
		// Same day, S = S0(Good) = 2.3065, S^−0.0658 = 0.946494:
		// Again: 2.3065·e^(0.5425·(−1.9088))·0.946494 = 2.3065·0.355040·0.946494 = 0.775084
		{"S's(Again)", s.shortTermStability(2.3065, Again), 0.775084},
		// Hard: 2.3065·e^(0.5425·(−0.9088))·0.946494 = 2.3065·0.610777·0.946494 = 1.333379
		{"S's(Hard)", s.shortTermStability(2.3065, Hard), 1.333379},
		// Good: 2.3065·e^(0.5425·0.0912)·0.946494 = 2.3065·1.050720·0.946494 = 2.293794 < S, so S
		{"S's(Good) never below S", s.shortTermStability(2.3065, Good), 2.3065},
		// Easy: 2.3065·e^(0.5425·1.0912)·0.946494 = 2.3065·1.807557·0.946494 = 3.946054
		{"S's(Easy)", s.shortTermStability(2.3065, Easy), 3.946054},
	}
	for _, tt := range tests {
		if !near(tt.got, tt.want, 2e-6) {
			t.Errorf("%s = %.7f, want %.7f", tt.name, tt.got, tt.want)
		}
	}
}

func TestClamps(t *testing.T) {
	s := DefaultScheduler()
	tests := []struct {
		name      string
		got, want float64
	}{
		// Linear damping keeps D at 10 (D1 = 10), and mean reversion pulls it just below:
		// 0.001·(−4.771631) + 0.999·10 = 9.985228.
		{"difficulty never above 10", s.nextDifficulty(10, Again), 9.985228369296838},
		// D1 = 1 − 3.0194·9/9 = −2.0194, D2 = −2.022152, clamped to 1.
		{"difficulty never below 1", s.nextDifficulty(1, Easy), 1},
		{"difficulty from NaN", clampDifficulty(math.NaN()), 1},
		{"difficulty above 10", clampDifficulty(12), 10},
		{"stability floor", clampStability(0), minStability},
		{"stability from NaN", clampStability(math.NaN()), minStability},
		{"stability ceiling", clampStability(1e9), maxStability},
		{"rating below Again", s.initStability(Rating(0)), 0.212},
		{"rating above Easy", s.initStability(Rating(7)), 8.2956},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestInterval(t *testing.T) {
	s := DefaultScheduler()
	// At 90% retention the interval is the stability, rounded.
	for _, stab := range []float64{1, 2.3065, 8.2956, 10, 32.02673, 365.4, 1000.6} {
		if got, want := s.Interval(stab), int(math.Round(stab)); got != want {
			t.Errorf("Interval(%v) = %d, want %d", stab, got, want)
		}
	}
	short := s
	short.MaximumInterval = 30
	strict, loose := s, s
	strict.DesiredRetention, loose.DesiredRetention = 0.95, 0.8
	broken := s
	broken.Weights[20] = 0
	tests := []struct {
		name      string
		got, want int
	}{
		{"at least one day", s.Interval(0.2), 1},
		{"at least one day from NaN", s.Interval(math.NaN()), 1},
		{"maximum interval", s.Interval(1e6), 36500},
		{"configured maximum", short.Interval(100), 30},
		{"maximum below one treated as one", Scheduler{Weights: s.Weights, DesiredRetention: 0.9}.Interval(100), 1},
		// 95%: I = 100/0.9803465·(0.95^−6.485084 − 1) = 102.0048·0.394647 = 40.26 → 40
		{"higher retention, shorter interval", strict.Interval(100), 40},
		// 80%: I = 102.0048·(0.8^−6.485084 − 1) = 102.0048·3.250790 = 331.6 → 332
		{"lower retention, longer interval", loose.Interval(100), 332},
		{"broken weights do not panic", broken.Interval(10), 1},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultScheduler().Validate(); err != nil {
		t.Fatalf("default scheduler: %v", err)
	}
	tests := []struct {
		name   string
		change func(*Scheduler)
	}{
		{"retention 0", func(s *Scheduler) { s.DesiredRetention = 0 }},
		{"retention 1", func(s *Scheduler) { s.DesiredRetention = 1 }},
		{"retention NaN", func(s *Scheduler) { s.DesiredRetention = math.NaN() }},
		{"maximum interval 0", func(s *Scheduler) { s.MaximumInterval = 0 }},
		{"maximum interval too long", func(s *Scheduler) { s.MaximumInterval = 40000 }},
		{"decay 0", func(s *Scheduler) { s.Weights[20] = 0 }},
		{"infinite weight", func(s *Scheduler) { s.Weights[3] = math.Inf(1) }},
		{"zero learning step", func(s *Scheduler) { s.LearningSteps = []time.Duration{0} }},
		{"negative relearning step", func(s *Scheduler) { s.RelearningSteps = []time.Duration{-time.Minute} }},
	}
	for _, tt := range tests {
		s := DefaultScheduler()
		tt.change(&s)
		if err := s.Validate(); err == nil {
			t.Errorf("%s: Validate() = nil, want an error", tt.name)
		}
	}
}
