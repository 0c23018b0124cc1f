package exam

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestChoiceEncoding(t *testing.T) {
	tests := []struct {
		in   []int
		text string
	}{
		{nil, ""},
		{[]int{0}, "0"},
		{[]int{2, 0}, "0,2"},
		{[]int{4, 1, 4, 3}, "1,3,4"},
	}
	for _, tt := range tests {
		if got := EncodeChoice(tt.in); got != tt.text {
			t.Errorf("EncodeChoice(%v) = %q, want %q", tt.in, got, tt.text)
		}
		back, err := DecodeChoice(tt.text)
		want := slices.Compact(slices.Sorted(slices.Values(tt.in)))
		if err != nil || !slices.Equal(back, want) {
			t.Errorf("DecodeChoice(%q) = %v, %v; want %v", tt.text, back, err, want)
		}
	}
	if got, err := DecodeChoice(" 2, 0 "); err != nil || !slices.Equal(got, []int{0, 2}) {
		t.Errorf("DecodeChoice with spaces = %v, %v", got, err)
	}
	for _, bad := range []string{"a", "1,,2", "-1", "1;2", "0,"} {
		if _, err := DecodeChoice(bad); err == nil {
			t.Errorf("DecodeChoice(%q): no error", bad)
		}
	}
}

// answered is a timed full mock with a few answers, flags and times.
func answered(t *testing.T) *Session {
	t.Helper()
	p := testPack(10, nil)
	cfg := FullMock(p)
	cfg.Seed = 99
	s, err := Start(p, cfg, nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Answer(0, []int{1})
	_ = s.Toggle(3, 0)
	_ = s.Toggle(3, 1)
	_ = s.Flag(3)
	_ = s.Flag(10)
	_ = s.AddTime(0, 1500*time.Millisecond)
	_ = s.AddTime(3, 2*time.Minute)
	return s
}

// sameSession fails unless a and b hold the same draw, config, times and answers.
func sameSession(t *testing.T, a, b *Session) {
	t.Helper()
	if !slices.EqualFunc(a.Items, b.Items, itemEqual) {
		t.Fatal("items (IDs, permutations or unscored marks) changed")
	}
	ac, bc := a.Config, b.Config // IDs are not saved: the items hold the questions
	if ac.Kind != bc.Kind || ac.Questions != bc.Questions ||
		ac.Duration != bc.Duration || ac.Unscored != bc.Unscored || ac.Seed != bc.Seed ||
		ac.ShowAnswers != bc.ShowAnswers || ac.Domain != bc.Domain || ac.Task != bc.Task {
		t.Errorf("config %+v, want %+v", bc, ac)
	}
	if !a.Started.Equal(b.Started) || !a.Deadline.Equal(b.Deadline) || !a.Submitted.Equal(b.Submitted) {
		t.Errorf("times %v/%v/%v, want %v/%v/%v", b.Started, b.Deadline, b.Submitted, a.Started, a.Deadline,
			a.Submitted)
	}
	for i := range a.Items {
		if a.Row(i).Position != i || !slices.Equal(a.Choice(i), b.Choice(i)) || a.Flagged(i) != b.Flagged(i) ||
			a.Spent(i) != b.Spent(i) {
			t.Errorf("item %d: %+v, want %+v", i, b.Row(i), a.Row(i))
		}
		for d := range a.Items[i].Perm {
			if a.Items[i].Original(d) != b.Items[i].Original(d) || a.Chosen(i, d) != b.Chosen(i, d) {
				t.Errorf("item %d: display position %d changed", i, d)
			}
		}
	}
}

func TestStateRoundTrip(t *testing.T) {
	s := answered(t)
	data, err := s.MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalState(data)
	if err != nil {
		t.Fatal(err)
	}
	sameSession(t, s, back)

	// Submitted and untimed sessions too.
	u := newTestSession(0)
	u.Config.ShowAnswers, u.Config.Domain, u.Config.Task = true, "1", "1.2"
	u.Submit(t0.Add(time.Hour))
	data, _ = u.MarshalState()
	if strings.Contains(string(data), "deadline") {
		t.Errorf("untimed state has a deadline: %s", data)
	}
	back, err = UnmarshalState(data)
	if err != nil {
		t.Fatal(err)
	}
	sameSession(t, u, back)
}

func TestRestoreFromRows(t *testing.T) {
	s := answered(t)
	fresh := NewSession(s.Config, s.Items, s.Started) // what the store saved at the start: no answers
	config, err := fresh.MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	var rows []AnswerRow
	rows = append(rows, AnswerRow{Position: 0, Choice: []int{3}}) // superseded by a later row
	for i := range s.Items {
		if s.Answered(i) || s.Flagged(i) || s.Spent(i) > 0 {
			rows = append(rows, s.Row(i))
		}
	}
	back, err := Restore(config, rows)
	if err != nil {
		t.Fatal(err)
	}
	sameSession(t, s, back)
}

func TestRemainingAfterRestart(t *testing.T) {
	s := answered(t) // started at t0 with 130 minutes
	data, _ := s.MarshalState()
	back, err := Restore(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at        time.Duration // since the start
		remaining time.Duration
		expired   bool
		warning   Warning
	}{
		{0, 130 * time.Minute, false, NoWarning},
		{40 * time.Minute, 90 * time.Minute, false, NoWarning},
		{120*time.Minute - time.Second, 10*time.Minute + time.Second, false, NoWarning},
		{120 * time.Minute, 10 * time.Minute, false, Soon},
		{125 * time.Minute, 5 * time.Minute, false, Urgent},
		{130*time.Minute - time.Second, time.Second, false, Urgent},
		{130 * time.Minute, 0, true, Urgent},
		{200 * time.Minute, 0, true, Urgent},
	}
	for _, tt := range tests {
		now := t0.Add(tt.at) // a fake clock: the process "restarted" and reads the stored deadline
		if got := back.Remaining(now); got != tt.remaining {
			t.Errorf("at %v: remaining %v, want %v", tt.at, got, tt.remaining)
		}
		if got := back.Expired(now); got != tt.expired {
			t.Errorf("at %v: expired %v, want %v", tt.at, got, tt.expired)
		}
		if got := back.Warning(now); got != tt.warning {
			t.Errorf("at %v: warning %v, want %v", tt.at, got, tt.warning)
		}
	}

	u := newTestSession(0)
	if u.Timed() || u.Remaining(t0.Add(time.Hour)) != 0 || u.Expired(t0.Add(1000*time.Hour)) ||
		u.Warning(t0) != NoWarning {
		t.Error("an untimed session has a clock")
	}
}

func TestRestoreRejects(t *testing.T) {
	good, _ := newTestSession(time.Hour).MarshalState()
	tests := []struct {
		name string
		data string
		rows []AnswerRow
	}{
		{"not JSON", "{", nil},
		{"empty", "", nil},
		{"wrong version", strings.Replace(string(good), `"v":1`, `"v":2`, 1), nil},
		{"bad kind", strings.Replace(string(good), `"kind":"custom"`, `"kind":"quiz"`, 1), nil},
		{"no items", `{"v":1,"config":{"kind":"mock"},"items":[]}`, nil},
		{"bad perm", `{"v":1,"config":{"kind":"mock"},"items":[{"id":"a","perm":[0,0,1]}]}`, nil},
		{"perm out of range", `{"v":1,"config":{"kind":"mock"},"items":[{"id":"a","perm":[1,2]}]}`, nil},
		{"no ID", `{"v":1,"config":{"kind":"mock"},"items":[{"perm":[0]}]}`, nil},
		{"bad saved choice", `{"v":1,"config":{"kind":"mock"},"items":[{"id":"a","perm":[0,1]}],` +
			`"answers":[{"pos":0,"choice":"5"}]}`, nil},
		{"bad saved position", `{"v":1,"config":{"kind":"mock"},"items":[{"id":"a","perm":[0,1]}],` +
			`"answers":[{"pos":3,"choice":"0"}]}`, nil},
		{"row position", string(good), []AnswerRow{{Position: 2}}},
		{"row choice", string(good), []AnswerRow{{Position: 0, Choice: []int{4}}}},
	}
	for _, tt := range tests {
		if s, err := Restore([]byte(tt.data), tt.rows); err == nil || s != nil {
			t.Errorf("%s: Restore = %v, %v; want an error", tt.name, s, err)
		}
	}
	// Absurd saved numbers are bounded, not overflowed.
	s, err := Restore(good, []AnswerRow{{Position: 0, TimeMs: 1 << 62}, {Position: 1, TimeMs: -5}})
	if err != nil || s.Spent(0) <= 0 || s.Spent(1) != 0 {
		t.Errorf("bounded times: %v, %v, %v", s.Spent(0), s.Spent(1), err)
	}
}

func TestWarningLevel(t *testing.T) {
	const long = 130 * time.Minute
	tests := []struct {
		left, total time.Duration
		want        Warning
	}{
		{time.Hour, long, NoWarning},
		{10*time.Minute + time.Second, long, NoWarning},
		{10 * time.Minute, long, Soon},
		{6 * time.Minute, long, Soon},
		{5*time.Minute + time.Nanosecond, long, Soon},
		{5 * time.Minute, long, Urgent},
		{time.Second, long, Urgent},
		{0, long, Urgent},
		{-time.Minute, long, Urgent},
		// A 10-minute drill does not start in the warning: 10% is 1 minute, 5% is 30 seconds.
		{10 * time.Minute, 10 * time.Minute, NoWarning},
		{61 * time.Second, 10 * time.Minute, NoWarning},
		{time.Minute, 10 * time.Minute, Soon},
		{30 * time.Second, 10 * time.Minute, Urgent},
		// An unknown total uses the minutes alone.
		{10 * time.Minute, 0, Soon},
	}
	for _, tt := range tests {
		if got := WarningLevel(tt.left, tt.total); got != tt.want {
			t.Errorf("WarningLevel(%v, %v) = %v, want %v", tt.left, tt.total, got, tt.want)
		}
	}
	for _, w := range []Warning{NoWarning, Soon, Urgent} {
		if w.String() == "" {
			t.Errorf("warning %d has no name", w)
		}
	}
}

func FuzzRestore(f *testing.F) {
	good, _ := newTestSession(time.Hour).MarshalState()
	f.Add(good, "0,2", 1)
	f.Add([]byte(`{"v":1,"config":{"kind":"mock"},"items":[{"id":"a","perm":[1,0]}],"answers":[{"pos":0,"choice":"1"}]}`), "", 0)
	f.Add([]byte(`{}`), "x", -1)
	f.Fuzz(func(t *testing.T, data []byte, choice string, pos int) {
		c, err := DecodeChoice(choice)
		if err == nil && EncodeChoice(c) != EncodeChoice(mustDecode(t, EncodeChoice(c))) {
			t.Errorf("choice %q does not round-trip", choice)
		}
		s, err := Restore(data, []AnswerRow{{Position: pos, Choice: c}})
		if err != nil {
			return
		}
		// A restored session is safe to use and to save again.
		_ = s.Toggle(pos, 0)
		_ = s.Counts(nil)
		out, err := s.MarshalState()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := UnmarshalState(out); err != nil {
			t.Fatalf("a restored session saved a state it cannot read: %v\n%s", err, out)
		}
	})
}

func mustDecode(t *testing.T, s string) []int {
	t.Helper()
	c, err := DecodeChoice(s)
	if err != nil {
		t.Fatalf("DecodeChoice(%q): %v", s, err)
	}
	return c
}
