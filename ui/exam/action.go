package exam

import engine "dvaprep/exam"

// actionKind is what a sub-model asks its coordinator to do.
type actionKind int

const (
	actNone    actionKind = iota
	actChoose             // choose the option at display position pos of the question on screen
	actFlag               // mark the question on screen for review, or unmark it
	actStrike             // strike out the option at display position pos, or un-strike it
	actOpen               // show question pos
	actGrid               // show the navigator
	actReview             // show the check before submitting
	actSubmit             // submit the exam
	actLeave              // esc: ask before leaving an exam in progress, or go back
	actBack               // close the screen
	actNote               // open the note link text
	actStatus             // say text in the status line
	actStart              // start an exam of cfg
	actResume             // resume the exam in progress, id
	actAnswers            // show the review of every answer with filter
	actResult             // back from the answers to the result
	actRender             // the view shows other markdown: render what is missing
)

// action is a sub-model's request. The sub-models (menu, question, navigator, result) keep their own cursor,
// scroll and layout; the coordinator, Model, owns the session, its clock and its writes, and turns actions into
// changes of mode, session updates and commands.
type action struct {
	kind   actionKind
	pos    int
	text   string
	err    bool // actStatus: the text is an error
	cfg    engine.Config
	id     int64
	filter filter
}

// none is the action that asks for nothing.
var none = action{}
