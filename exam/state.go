package exam

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// stateVersion is written into every saved state, so that a later format can still read this one.
const stateVersion = 1

// maxMs and maxS bound saved durations so that a damaged state cannot overflow time.Duration.
const (
	maxMs = int64(math.MaxInt64 / time.Millisecond)
	maxS  = int64(math.MaxInt64 / time.Second)
)

// AnswerRow is one item's answer as the store keeps it, one row per item. Choice holds original option indexes
// (see EncodeChoice for a text column). TimeMs is the total time spent on the item, in milliseconds.
type AnswerRow struct {
	Position int
	Choice   []int
	Struck   []int // original option indexes struck out
	Flagged  bool
	TimeMs   int64
}

// Row returns the current answer of item i as a row for the store, to be written each time the answer, the flag
// or the time changes.
func (s *Session) Row(i int) AnswerRow {
	a := s.get(i)
	return AnswerRow{Position: i, Choice: slices.Clone(a.choice), Struck: slices.Clone(a.struck), Flagged: a.flagged,
		TimeMs: a.spent.Milliseconds()}
}

// EncodeChoice writes original option indexes as the text the store and the saved state keep: sorted, without
// repeats, comma separated, as in "0,2". An empty choice (unanswered) is "".
func EncodeChoice(c []int) string {
	c = slices.Clone(c)
	slices.Sort(c)
	c = slices.Compact(c)
	parts := make([]string, len(c))
	for i, o := range c {
		parts[i] = strconv.Itoa(o)
	}
	return strings.Join(parts, ",")
}

// DecodeChoice reads the text EncodeChoice writes. "" is no choice; anything other than non-negative integers
// separated by commas is an error.
func DecodeChoice(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var c []int
	for f := range strings.SplitSeq(s, ",") {
		o, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || o < 0 {
			return nil, fmt.Errorf("exam choice %q: %q is not an option index", s, f)
		}
		c = append(c, o)
	}
	slices.Sort(c)
	return slices.Compact(c), nil
}

// stateJSON is the saved form of a session: everything fixed at the start, plus any answers.
type stateJSON struct {
	V         int          `json:"v"`
	Config    configJSON   `json:"config"`
	Started   time.Time    `json:"started"`
	Deadline  time.Time    `json:"deadline,omitzero"`
	Submitted time.Time    `json:"submitted,omitzero"`
	Items     []itemJSON   `json:"items"`
	Answers   []answerJSON `json:"answers,omitempty"`
}

type configJSON struct {
	Kind        Kind   `json:"kind"`
	Questions   int    `json:"questions,omitempty"`
	DurationS   int64  `json:"duration_s,omitempty"`
	Domain      string `json:"domain,omitempty"`
	Task        string `json:"task,omitempty"`
	Unscored    int    `json:"unscored,omitempty"`
	ShowAnswers bool   `json:"show_answers,omitempty"`
	Seed        int64  `json:"seed,omitempty"`
	Set         int    `json:"set,omitempty"`
}

type itemJSON struct {
	ID       string `json:"id"`
	Perm     []int  `json:"perm"`
	Unscored bool   `json:"unscored,omitempty"`
}

type answerJSON struct {
	Pos     int    `json:"pos"`
	Choice  string `json:"choice,omitempty"`
	Struck  string `json:"struck,omitempty"`
	Flagged bool   `json:"flagged,omitempty"`
	TimeMs  int64  `json:"ms,omitempty"`
}

// MarshalState saves the session as compact JSON: kind and config, start, deadline, and the draw (question IDs,
// option permutations, unscored marks), plus any answers given so far. Written at the start, it is the session's
// config column in the store; Restore rebuilds the session from it and the answer rows. Config.IDs is not kept:
// the items hold the questions. The time limit is kept to the second.
func (s *Session) MarshalState() ([]byte, error) {
	st := stateJSON{
		V: stateVersion,
		Config: configJSON{
			Kind: s.Config.Kind, Questions: s.Config.Questions, DurationS: int64(s.Config.Duration / time.Second),
			Domain: s.Config.Domain, Task: s.Config.Task, Unscored: s.Config.Unscored,
			ShowAnswers: s.Config.ShowAnswers, Seed: s.Config.Seed, Set: s.Config.Set,
		},
		Started: s.Started, Deadline: s.Deadline, Submitted: s.Submitted,
		Items: make([]itemJSON, len(s.Items)),
	}
	for i, it := range s.Items {
		st.Items[i] = itemJSON{ID: it.QuestionID, Perm: it.Perm, Unscored: it.Unscored}
		if st.Items[i].Perm == nil {
			st.Items[i].Perm = []int{}
		}
		if a := s.get(i); len(a.choice) > 0 || len(a.struck) > 0 || a.flagged || a.spent > 0 {
			st.Answers = append(st.Answers, answerJSON{Pos: i, Choice: EncodeChoice(a.choice), Struck: EncodeChoice(a.struck),
				Flagged: a.flagged, TimeMs: a.spent.Milliseconds()})
		}
	}
	return json.Marshal(st)
}

// UnmarshalState rebuilds a session from MarshalState's JSON. It checks what it reads (each permutation is a
// permutation, each answer fits its item), so a damaged state is an error rather than a panic later.
func UnmarshalState(data []byte) (*Session, error) {
	var st stateJSON
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("read exam state: %w", err)
	}
	if st.V != stateVersion {
		return nil, fmt.Errorf("read exam state: version %d is not supported (want %d)", st.V, stateVersion)
	}
	switch st.Config.Kind {
	case Mock, Drill, Missed, Custom:
	default:
		return nil, fmt.Errorf("read exam state: unknown kind %q", st.Config.Kind)
	}
	if len(st.Items) == 0 {
		return nil, errors.New("read exam state: no questions")
	}
	s := &Session{
		Config: Config{
			Kind: st.Config.Kind, Questions: st.Config.Questions, Duration: time.Duration(min(max(st.Config.DurationS, 0), maxS)) * time.Second,
			Domain: st.Config.Domain, Task: st.Config.Task, Unscored: st.Config.Unscored,
			ShowAnswers: st.Config.ShowAnswers, Seed: st.Config.Seed, Set: max(st.Config.Set, 0),
		},
		Started: st.Started, Deadline: st.Deadline, Submitted: st.Submitted,
		Items:   make([]Item, len(st.Items)),
		answers: make([]answer, len(st.Items)),
	}
	for i, it := range st.Items {
		if it.ID == "" {
			return nil, fmt.Errorf("read exam state: question %d has no ID", i+1)
		}
		if !isPerm(it.Perm) {
			return nil, fmt.Errorf("read exam state: question %d (%s): %v is not an option order", i+1, it.ID, it.Perm)
		}
		s.Items[i] = Item{QuestionID: it.ID, Perm: it.Perm, Unscored: it.Unscored}
	}
	for _, a := range st.Answers {
		c, err := DecodeChoice(a.Choice)
		if err != nil {
			return nil, fmt.Errorf("read exam state: %w", err)
		}
		x, err := DecodeChoice(a.Struck)
		if err != nil {
			return nil, fmt.Errorf("read exam state: %w", err)
		}
		if err := s.apply(AnswerRow{Position: a.Pos, Choice: c, Struck: x, Flagged: a.Flagged, TimeMs: a.TimeMs}); err != nil {
			return nil, fmt.Errorf("read exam state: %w", err)
		}
	}
	return s, nil
}

// Restore rebuilds a session from the JSON MarshalState wrote when it started and the answer rows the store kept
// since. A row replaces whatever the JSON or an earlier row says for its position, so the rows can be passed in
// the order they were written.
func Restore(data []byte, rows []AnswerRow) (*Session, error) {
	s, err := UnmarshalState(data)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := s.apply(r); err != nil {
			return nil, fmt.Errorf("restore exam: %w", err)
		}
	}
	return s, nil
}

// apply sets one item's answer from a row, bypassing the submitted check: it restores what was recorded.
func (s *Session) apply(r AnswerRow) error {
	if r.Position < 0 || r.Position >= len(s.Items) {
		return fmt.Errorf("answer for question %d, but the exam has %d", r.Position+1, len(s.Items))
	}
	c, err := normChoice(r.Choice, len(s.Items[r.Position].Perm))
	if err != nil {
		return fmt.Errorf("answer for question %d: %w", r.Position+1, err)
	}
	x, err := normChoice(r.Struck, len(s.Items[r.Position].Perm))
	if err != nil {
		return fmt.Errorf("strikes on question %d: %w", r.Position+1, err)
	}
	// A strike never covers a chosen option: if a damaged row says both, the choice wins.
	x = slices.DeleteFunc(x, func(o int) bool { return slices.Contains(c, o) })
	if len(x) == 0 {
		x = nil
	}
	ms := min(max(r.TimeMs, 0), maxMs)
	s.answers[r.Position] = answer{choice: c, struck: x, flagged: r.Flagged, spent: time.Duration(ms) * time.Millisecond}
	return nil
}

// isPerm reports whether p holds each of 0..len(p)-1 once.
func isPerm(p []int) bool {
	seen := make([]bool, len(p))
	for _, v := range p {
		if v < 0 || v >= len(p) || seen[v] {
			return false
		}
		seen[v] = true
	}
	return true
}
