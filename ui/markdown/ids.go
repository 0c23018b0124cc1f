package markdown

import "fmt"

// The cache IDs of every document the screens render, in one place, so that two screens showing the same
// text (a question in the exam and in review, a decision in a scenario and in review) share its render.

// NoteID names a whole note.
func NoteID(noteID string) string { return "note:" + noteID }

// StemID names a question's stem.
func StemID(questionID string) string { return "q:" + questionID + ":stem" }

// ExplanationID names a question's explanation.
func ExplanationID(questionID string) string { return "q:" + questionID + ":explanation" }

// PromptID names a scenario decision's prompt.
func PromptID(scenarioID, nodeID string) string {
	return "scn:" + scenarioID + ":" + nodeID + ":prompt"
}

// ChoiceID names the explanation of choice i of a scenario decision.
func ChoiceID(scenarioID, nodeID string, i int) string {
	return fmt.Sprintf("scn:%s:%s:%d:explain", scenarioID, nodeID, i)
}

// OutcomeID names a scenario ending's outcome.
func OutcomeID(scenarioID, nodeID string) string {
	return "scn:" + scenarioID + ":" + nodeID + ":outcome"
}
