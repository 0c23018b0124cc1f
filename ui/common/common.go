// Package common holds what every screen shares: the context (size, theme, styles, pack, store), the screen
// contract, and the navigation messages. Screens import common; common imports no screen.
package common

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"dvaprep/notes"
	"dvaprep/pack"
	"dvaprep/ui/markdown"
)

// ContentWidth is the width screens get in a terminal w wide: all of it up to CentreFrom columns, beyond
// that a centred column of MaxContentWidth, so lines stay readable on a wide terminal.
func ContentWidth(w int) int {
	if w > CentreFrom {
		return MaxContentWidth
	}
	return w
}

// The wide-terminal layout: see ContentWidth.
const (
	CentreFrom      = 110
	MaxContentWidth = 100
)

// Minimum terminal size. Below it the app shows a "terminal too small" message instead of a broken layout.
const (
	MinWidth  = 60
	MinHeight = 18
)

// Context is shared by pointer between the root model and every screen. Only the root writes to its fields;
// screens add writes to the Writes queue.
type Context struct {
	Width, Height int // the screens' area: the whole terminal, or a centred column of a wide one
	TermWidth     int // the whole terminal's width
	Dark          bool
	NoColor       bool
	Styles        Styles
	Pack          *pack.Pack
	Index         *notes.Index
	Study         Study           // every use case that reads or writes progress (*study.Study); nil without a database
	Writes        *Writes         // the one write queue; screens Add to it
	Ctx           context.Context // the program's context, for reads and writes
	Markdown      *markdown.Renderer
	Now           func() time.Time
}

// Theme is the glamour theme for the current background. Under NO_COLOR it stays Dark or Light: Bubble Tea
// strips the colours for the terminal's profile and keeps bold and underline, which read better than the
// plain style's literal markdown markers.
func (c *Context) Theme() markdown.Theme {
	if c.Dark {
		return markdown.Dark
	}
	return markdown.Light
}

// SetTheme rebuilds the styles for a dark or light background.
func (c *Context) SetTheme(dark bool) {
	c.Dark = dark
	c.Styles = NewStyles(dark, c.NoColor)
}

// Background is the program's context (context.Background when none was set), for store reads in commands.
func (c *Context) Background() context.Context {
	if c.Ctx == nil {
		return context.Background()
	}
	return c.Ctx
}

// Write adds a write to the queue. Without a queue (a screen built without a database) it does nothing.
func (c *Context) Write(w Write) tea.Cmd {
	if c.Writes == nil || c.Study == nil {
		return nil
	}
	return c.Writes.Add(w)
}

// BodyHeight is the height a screen's View may use: the terminal less the header and the help footer.
func (c *Context) BodyHeight() int { return max(c.Height-3, 1) }

// Screen is the contract every screen keeps. The root model sends it every message it does not handle
// itself, and every tea.WindowSizeMsg (after updating Context), even when the screen is not on top.
type Screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View renders the body, at most Context.Width wide and Context.BodyHeight() tall.
	View() string
	// Title names the screen in the header.
	Title() string
	// KeyMap gives the help footer its bindings.
	KeyMap() help.KeyMap
	// Capturing is true while a text field has focus: then q and ? are typed, not global keys.
	Capturing() bool
}

// QuitGuard is a screen that asks before q quits, such as an exam in progress. While GuardQuit is true the root
// sends q to the screen, which asks and, on yes, sends QuitMsg; ctrl+c quits as before. ? still toggles the help.
type QuitGuard interface {
	GuardQuit() bool
}

// QuitMsg asks the root to quit as q does: at once, or once the queued writes have landed (it asks about them).
// A QuitGuard screen sends it when the learner confirms.
type QuitMsg struct{}

// Quit returns a command that sends QuitMsg.
func Quit() tea.Cmd { return func() tea.Msg { return QuitMsg{} } }

// ScreenID names a screen for navigation.
type ScreenID int

// The screens.
const (
	HomeScreen ScreenID = iota
	NotesScreen
	ScenariosScreen
	ExamScreen
	ReviewScreen
	ProgressScreen
)

// NavigateMsg opens a screen on top of the current one; esc (BackMsg) returns to the one below, exactly as
// it was. Each screen that takes an argument has its own typed field; the others are ignored.
type NavigateMsg struct {
	To        ScreenID
	Notes     NotesArg     // for NotesScreen
	Scenarios ScenariosArg // for ScenariosScreen
	Exam      ExamArg      // for ExamScreen
}

// NotesArg opens the notes screen: at a link ("sqs#visibility-timeout", or a note ID), in search, in the
// bookmarks, or (zero) at the table of contents.
type NotesArg struct {
	Link      string
	Search    bool
	Bookmarks bool
}

// ScenariosArg opens the scenarios screen: playing scenario ID, or (zero) at the list.
type ScenariosArg struct {
	ID string
}

// BackMsg closes the top screen.
type BackMsg struct{}

// StatusMsg shows a one-line message above the footer until the next key. Err marks it as an error.
type StatusMsg struct {
	Text string
	Err  bool
}

// ThemeMsg tells screens that the theme changed, so they re-render markdown.
type ThemeMsg struct{}

// Navigate returns a command that opens a screen with no argument.
func Navigate(to ScreenID) tea.Cmd { return Go(NavigateMsg{To: to}) }

// Go returns a command that sends a navigation message.
func Go(msg NavigateMsg) tea.Cmd { return func() tea.Msg { return msg } }

// OpenNote returns a command that opens the notes at a link.
func OpenNote(link string) tea.Cmd {
	return Go(NavigateMsg{To: NotesScreen, Notes: NotesArg{Link: link}})
}

// OpenExam returns a command that opens the exam screen.
func OpenExam(a ExamArg) tea.Cmd { return Go(NavigateMsg{To: ExamScreen, Exam: a}) }

// Back returns a command that closes the top screen.
func Back() tea.Cmd { return func() tea.Msg { return BackMsg{} } }

// Status returns a command that shows a status line.
func Status(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Err: isErr} }
}

// ResumeMsg tells a screen that it is on top again after the screen above it closed.
type ResumeMsg struct{}

// ExamArg opens the exam screen: Resume names a stored session to continue; zero shows the start menu.
// Start, when set, starts a new exam at once with the given options. FromCLI says the exam was started by
// `dvaprep exam`, with no screen below: leaving it goes home. Without it, esc returns to the screen that
// opened it (Progress, for a drill started there).
type ExamArg struct {
	Resume  int64
	Start   *ExamStart
	FromCLI bool
	Abandon bool // abandon an exam in progress without asking (`dvaprep exam --abandon`)
}

// ExamStart is what `dvaprep exam` asks for.
type ExamStart struct {
	Questions int
	Minutes   int // 0 = untimed
	Domain    string
	Task      string
	Set       int // a fixed practice set (`--set N`); 0 for none
}

// MarkdownWidth is the width notes, questions and scenarios are rendered at: the terminal less a margin,
// at most 100 columns, which reads better than a full wide line.
func (c *Context) MarkdownWidth() int { return min(max(c.Width-2, 20), 100) }
