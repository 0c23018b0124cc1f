package scenario_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"dvaprep/store"
	"dvaprep/ui"
	"dvaprep/ui/common"
	"dvaprep/ui/scenario"
	"dvaprep/ui/uitest"
)

// TestPlayThroughRoot plays the test scenario to its ending through the whole program and checks that
// every decision and the finished run reached the store.
func TestPlayThroughRoot(t *testing.T) {
	ctx := scenario.NewTestContext(t)
	tm := teatest.NewTestModel(t, ui.New(ctx, ui.Build, common.NavigateMsg{To: common.ScenariosScreen}),
		teatest.WithInitialTermSize(80, 24))
	wait := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	press := func(k tea.KeyPressMsg) { tm.Send(k) }
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}

	wait("Fan out order events")
	press(enter)
	wait("How do you deliver")
	press(tea.KeyPressMsg{Code: '3', Text: "3"})
	wait("✗ Poor")
	press(tea.KeyPressMsg{Code: 'o', Text: "o"})
	wait("The other choices")
	press(enter)
	wait("Orders go missing.")
	press(tea.KeyPressMsg{Code: 'r', Text: "r"})
	wait("How do you deliver")
	press(tea.KeyPressMsg{Code: '1', Text: "1"})
	wait("SNS copies each message")
	press(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	wait("A consumer keeps failing")
	press(tea.KeyPressMsg{Code: '1', Text: "1"})
	wait("The DLQ keeps")
	press(enter)
	wait("failures are")

	// The writes run in commands: wait until both runs are finished in the store.
	var recs map[string]store.ScenarioRecord
	teatest.WaitFor(t, tm.Output(), func([]byte) bool {
		var err error
		recs, err = uitest.StoreOf(ctx).ScenarioBest(context.Background())
		return err == nil && recs["fanout"].Finished == 2
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	if r := recs["fanout"]; r.Best != 1 || r.BestScore != 2 || r.MaxScore != 2 {
		t.Errorf("record %+v, want the best run at 2/2", r)
	}
	as, err := uitest.StoreOf(ctx).Attempts(context.Background(), store.AttemptFilter{Kind: store.KindDecision})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		item  string
		score float64
	}{{"fanout/design", 0}, {"fanout/design", 1}, {"fanout/failures", 1}}
	if len(as) != len(want) {
		t.Fatalf("%d decisions stored, want %d: %+v", len(as), len(want), as)
	}
	for i, w := range want {
		if as[i].ItemID != w.item || as[i].Score != w.score || as[i].Source != store.SourceScenario || as[i].SessionID == 0 {
			t.Errorf("decision %d: %+v, want %s scored %v", i, as[i], w.item, w.score)
		}
	}
	if as[0].SessionID == as[1].SessionID || as[1].SessionID != as[2].SessionID {
		t.Errorf("sessions %d, %d, %d: want the replay in a run of its own", as[0].SessionID, as[1].SessionID, as[2].SessionID)
	}
}
