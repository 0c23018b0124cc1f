package ui

import (
	"fmt"

	"dvaprep/ui/common"
	"dvaprep/ui/exam"
	"dvaprep/ui/home"
	"dvaprep/ui/notes"
	"dvaprep/ui/progress"
	"dvaprep/ui/review"
	"dvaprep/ui/scenario"
)

// Build makes the screen a navigation message asks for. It is the only place that knows every screen.
func Build(ctx *common.Context, msg common.NavigateMsg) (common.Screen, error) {
	switch msg.To {
	case common.HomeScreen:
		return home.New(ctx), nil
	case common.NotesScreen:
		return notes.New(ctx, msg.Notes)
	case common.ScenariosScreen:
		return scenario.New(ctx, msg.Scenarios.ID)
	case common.ExamScreen:
		return exam.New(ctx, msg.Exam)
	case common.ReviewScreen:
		return review.New(ctx), nil
	case common.ProgressScreen:
		return progress.New(ctx), nil
	}
	return nil, fmt.Errorf("that screen is not built yet")
}
