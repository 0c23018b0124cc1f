package exam

import (
	"testing"

	engine "dvaprep/exam"
)

// The sub-models only ask: each key becomes an action for the coordinator, and none of them changes the session.
func TestSubModelsReturnActions(t *testing.T) {
	e := newEnv(t)
	m := e.start(mock5())
	before, _ := m.sess.MarshalState()
	q := m.quest
	cases := []struct {
		name string
		got  action
		want actionKind
	}{
		{"question a", q.update(keyMsg("a")), actChoose},
		{"question m", q.update(keyMsg("m")), actFlag},
		{"question n", q.update(keyMsg("n")), actOpen},
		{"question g", q.update(keyMsg("g")), actGrid},
		{"question s", q.update(keyMsg("s")), actReview},
		{"question esc", q.update(keyMsg("esc")), actLeave},
	}
	nav := m.nav
	nav.showAll(2)
	cases = append(cases, struct {
		name string
		got  action
		want actionKind
	}{"navigator esc", nav.update(keyMsg("esc")), actOpen})
	nav.showCheck(2)
	cases = append(cases, []struct {
		name string
		got  action
		want actionKind
	}{{"check y", nav.update(keyMsg("y")), actSubmit}, {"check n", nav.update(keyMsg("n")), actOpen}}...)
	mn := m.menu
	mn.cursor = itemCustom
	mn.form = true
	cases = append(cases, struct {
		name string
		got  action
		want actionKind
	}{"menu enter", mn.update(keyMsg("enter")), actStart})
	for _, c := range cases {
		if c.got.kind != c.want {
			t.Errorf("%s: action %v, want %v", c.name, c.got.kind, c.want)
		}
	}
	if c := q.update(keyMsg("f")); c.kind != actChoose || c.pos != 5 {
		t.Errorf("f: %+v, want choose option F", c)
	}
	if c := nav.update(keyMsg("n")); c.pos != 2 {
		t.Errorf("n in the check goes back to question %d, want 3", c.pos+1)
	}
	after, _ := m.sess.MarshalState()
	if string(before) != string(after) {
		t.Error("a sub-model changed the session")
	}
	if mn.update(keyMsg("enter")).cfg.Kind != engine.Custom {
		t.Error("the menu's start action does not carry the custom configuration")
	}
}
