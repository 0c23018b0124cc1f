package review

import "testing"

func TestRatingFor(t *testing.T) {
	tests := []struct {
		correct, sure, fast bool
		want                Rating
	}{
		{false, false, false, Again},
		{false, true, true, Again},
		{true, false, false, Hard},
		{true, false, true, Hard},
		{true, true, false, Good},
		{true, true, true, Easy},
	}
	for _, tt := range tests {
		if got := RatingFor(tt.correct, tt.sure, tt.fast); got != tt.want {
			t.Errorf("RatingFor(%v, %v, %v) = %v, want %v", tt.correct, tt.sure, tt.fast, got, tt.want)
		}
	}
}

func TestStrings(t *testing.T) {
	tests := []struct{ got, want string }{
		{Again.String(), "again"}, {Hard.String(), "hard"}, {Good.String(), "good"}, {Easy.String(), "easy"},
		{Rating(0).String(), "invalid"},
		{New.String(), "new"}, {Learning.String(), "learning"}, {Review.String(), "review"},
		{Relearning.String(), "relearning"}, {State(9).String(), "invalid"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("String() = %q, want %q", tt.got, tt.want)
		}
	}
	// The stored values must never change.
	if Again != 1 || Easy != 4 || New != 0 || Relearning != 3 {
		t.Error("Rating or State numbering changed")
	}
}
