package notes_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"dvaprep/ui"
	"dvaprep/ui/common"
	notesui "dvaprep/ui/notes"
	"dvaprep/ui/uitest"
)

const sqsNote = `---
id: sqs
title: Amazon SQS
domain: "1"
tasks: ["1.1"]
tags: [queue, dlq]
order: 10
---
Amazon SQS is a managed queue. ` + "\x1b]0;pwned\x07\x1b[2J" + `

## Visibility timeout

After a receive, the message is hidden for the visibility timeout.
Set it longer than the processing time, up to 12 hours.

## Dead-letter queues

Messages that fail maxReceiveCount times move to the DLQ.

## Long polling

Wait up to 20 seconds for messages.
`

const kmsNote = `---
id: kms
title: AWS KMS
domain: "2"
tasks: ["2.2"]
order: 10
---
Keys and envelope encryption.

## Key rotation

AWS managed keys rotate every year.
`

func testFS() fstest.MapFS {
	return fstest.MapFS{
		"pack.yaml": {Data: []byte(`id: t
title: Test pack
exam: {questions: 4, minutes: 8, scale_min: 100, scale_max: 1000, passing: 720}
domains:
  - {id: "1", name: Development, weight: 60, tasks: [{id: "1.1", name: Develop code}]}
  - {id: "2", name: Security, weight: 40, tasks: [{id: "2.2", name: Encrypt}]}
`)},
		"notes/sqs.md": {Data: []byte(sqsNote)},
		"notes/kms.md": {Data: []byte(kmsNote)},
	}
}

func open(t *testing.T, arg string) (*common.Context, *uitest.Screen) {
	ctx := uitest.Context(t, testFS())
	s, err := notesui.New(ctx, common.NotesArg{Link: arg})
	if err != nil {
		t.Fatal(err)
	}
	return ctx, uitest.New(t, ctx, s)
}

func TestTOCGolden(t *testing.T) {
	ctx, d := open(t, "")
	golden.RequireEqual(t, []byte(ansi.Strip(d.View(ctx))))
}

func TestOpenNoteMarksSectionRead(t *testing.T) {
	ctx, d := open(t, "")
	d.Keys("enter")
	view := ansi.Strip(d.View(ctx))
	if !strings.Contains(view, "Amazon SQS") || !strings.Contains(view, "Visibility timeout") {
		t.Fatalf("pager view:\n%s", view)
	}
	if !strings.Contains(d.S.Title(), "Amazon SQS") {
		t.Errorf("title %q", d.S.Title())
	}
	read, err := uitest.StoreOf(ctx).ReadSections(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !read["sqs#visibility-timeout"] {
		t.Errorf("sections read = %v, want sqs#visibility-timeout", read)
	}
	golden.RequireEqual(t, []byte(view))
}

func TestNoteTextCannotDriveTheTerminal(t *testing.T) {
	ctx, d := open(t, "sqs")
	raw := d.View(ctx)
	for _, bad := range []string{"\x1b]0;", "\x1b[2J", "\x07"} {
		if strings.Contains(raw, bad) {
			t.Errorf("view contains %q from the note text", bad)
		}
	}
}

func TestGlobalSearchOpensSection(t *testing.T) {
	ctx, d := open(t, "")
	d.Keys("/", "dead letter")
	if !d.S.Capturing() {
		t.Fatal("search field does not capture keys")
	}
	view := ansi.Strip(d.View(ctx))
	if !strings.Contains(view, "Amazon SQS › Dead-letter queues") {
		t.Fatalf("results:\n%s", view)
	}
	d.Keys("enter")
	if d.S.Capturing() {
		t.Fatal("still in search after enter")
	}
	view = ansi.Strip(d.View(ctx))
	first := strings.SplitN(view, "\n", 2)[0]
	if !strings.Contains(first, "Dead-letter queues") {
		t.Errorf("pager shows section %q, want Dead-letter queues", first)
	}
	// esc returns to the results, esc again to the table of contents.
	d.Keys("esc")
	if !strings.Contains(ansi.Strip(d.View(ctx)), "/ dead letter") {
		t.Errorf("esc did not return to the results:\n%s", ansi.Strip(d.View(ctx)))
	}
	d.Keys("esc")
	if !strings.Contains(ansi.Strip(d.View(ctx)), "Domain 1 · Development") {
		t.Errorf("second esc did not return to the contents:\n%s", ansi.Strip(d.View(ctx)))
	}
	d.Keys("esc")
	if len(d.Sent) == 0 {
		t.Fatal("esc on the contents sent nothing")
	}
	if _, ok := d.Sent[len(d.Sent)-1].(common.BackMsg); !ok {
		t.Errorf("esc on the contents sent %T, want BackMsg", d.Sent[len(d.Sent)-1])
	}
}

func TestFindInNote(t *testing.T) {
	ctx, d := open(t, "sqs")
	d.Keys("/", "timeout", "enter")
	view := ansi.Strip(d.View(ctx))
	if !strings.Contains(view, `match 1/`) {
		t.Fatalf("find status missing:\n%s", view)
	}
	d.Keys("n")
	if !strings.Contains(ansi.Strip(d.View(ctx)), `match 2/`) {
		t.Errorf("n did not move to the next match:\n%s", ansi.Strip(d.View(ctx)))
	}
	d.Keys("N")
	if !strings.Contains(ansi.Strip(d.View(ctx)), `match 1/`) {
		t.Errorf("N did not move back")
	}
	d.Keys("/", "nothing-like-this", "enter")
	if !strings.Contains(ansi.Strip(d.View(ctx)), `no match for "nothing-like-this"`) {
		t.Errorf("no-match message missing")
	}
}

func TestBookmarks(t *testing.T) {
	ctx, d := open(t, "kms#key-rotation")
	d.Keys("b")
	marks, err := uitest.StoreOf(ctx).Bookmarks(context.Background())
	if err != nil || len(marks) != 1 || marks[0].Section != "kms#key-rotation" || marks[0].Label != "AWS KMS › Key rotation" {
		t.Fatalf("bookmarks = %+v, %v", marks, err)
	}
	if !strings.Contains(ansi.Strip(d.View(ctx)), "★ bookmarked") {
		t.Error("pager does not show the bookmark")
	}
	d.Keys("B")
	if !strings.Contains(ansi.Strip(d.View(ctx)), "★ AWS KMS › Key rotation") {
		t.Fatalf("bookmarks list:\n%s", ansi.Strip(d.View(ctx)))
	}
	d.Keys("x")
	if marks, _ := uitest.StoreOf(ctx).Bookmarks(context.Background()); len(marks) != 0 {
		t.Errorf("x did not remove the bookmark: %+v", marks)
	}
}

func TestResizeKeepsPlace(t *testing.T) {
	ctx, d := open(t, "sqs#long-polling")
	ctx.Width, ctx.Height = 60, 18
	d.Send(tea.WindowSizeMsg{Width: 60, Height: 18})
	first := strings.SplitN(ansi.Strip(d.View(ctx)), "\n", 2)[0]
	if !strings.Contains(first, "Long polling") {
		t.Errorf("after resize the pager shows %q", first)
	}
	for _, l := range strings.Split(d.View(ctx), "\n") {
		if ansi.StringWidth(l) > 60 {
			t.Errorf("line wider than 60: %q", ansi.Strip(l))
		}
	}
}

func TestUnknownLink(t *testing.T) {
	ctx := uitest.Context(t, testFS())
	if _, err := notesui.New(ctx, common.NotesArg{Link: "sqs#nope"}); err == nil {
		t.Error("unknown section opened")
	}
}

// TestProgramSearchesAndOpens runs the whole program: home, notes, search, open a result.
func TestProgramSearchesAndOpens(t *testing.T) {
	ctx := uitest.Context(t, testFS())
	tm := teatest.NewTestModel(t, ui.New(ctx, ui.Build, common.NavigateMsg{To: common.HomeScreen}), teatest.WithInitialTermSize(80, 24))
	wait := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(10*time.Second))
	}
	wait("Notes")
	tm.Send(uitest.Key("n"))
	wait("Domain 1")
	tm.Send(uitest.Key("/"))
	tm.Type("rotation")
	wait("Key rotation")
	tm.Send(uitest.Key("enter"))
	wait("AWS managed keys rotate every year")
	tm.Send(uitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}

func TestLinkedNoteReturnsToCaller(t *testing.T) {
	_, d := open(t, "sqs#long-polling")
	d.Keys("esc")
	if len(d.Sent) == 0 {
		t.Fatal("esc sent nothing")
	}
	if _, ok := d.Sent[len(d.Sent)-1].(common.BackMsg); !ok {
		t.Errorf("esc from a linked note sent %T, want BackMsg", d.Sent[len(d.Sent)-1])
	}
}

// TestSearchResultOpensAtFirstMatch checks that a note opened from search shows the query's words as
// matches, starting in the chosen section, and that n moves on through them.
func TestSearchResultOpensAtFirstMatch(t *testing.T) {
	ctx, d := open(t, "")
	d.Keys("/", "timeout visibility")
	view := ansi.Strip(d.View(ctx))
	if !strings.Contains(view, "Amazon SQS › Visibility timeout") {
		t.Fatalf("results:\n%s", view)
	}
	d.Keys("enter")
	view = ansi.Strip(d.View(ctx))
	lines := strings.Split(strings.TrimRight(view, "\n"), "\n")
	if !strings.Contains(lines[0], "Visibility timeout") {
		t.Errorf("pager shows %q, want the Visibility timeout section", lines[0])
	}
	bar := ""
	for _, l := range lines {
		if strings.Contains(l, "match ") {
			bar = l
		}
	}
	var cur, total int
	if _, err := fmt.Sscanf(strings.TrimSpace(bar), "match %d/%d", &cur, &total); err != nil || total < 2 {
		t.Fatalf("no match bar in the pager (%q):\n%s", bar, view)
	}
	d.Keys("n")
	next := ansi.Strip(d.View(ctx))
	if !strings.Contains(next, fmt.Sprintf("match %d/%d", cur%total+1, total)) {
		t.Errorf("n did not move to match %d/%d:\n%s", cur%total+1, total, next)
	}
}

func TestSearchSuggestsAndTabAccepts(t *testing.T) {
	ctx, d := open(t, "")
	d.Keys("/", "zvisibilitz")
	view := ansi.Strip(d.View(ctx))
	if !strings.Contains(view, "Did you mean visibility?") {
		t.Fatalf("no suggestion:\n%s", view)
	}
	d.Keys("tab")
	view = ansi.Strip(d.View(ctx))
	if !strings.Contains(view, "/ visibility") || !strings.Contains(view, "Amazon SQS › Visibility timeout") {
		t.Errorf("tab did not search the suggestion:\n%s", view)
	}
}

// TestLongNoteShowsFirstScreenfulFirst opens a long note: the first message shows its first screenful, and
// only the command that follows renders the rest.
func TestLongNoteShowsFirstScreenfulFirst(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nid: long\ntitle: A long note\ndomain: \"1\"\ntasks: [\"1.1\"]\n---\nThe opening paragraph.\n")
	for i := range 60 {
		fmt.Fprintf(&b, "\n## Section %d\n\n%s\n", i, strings.Repeat("Words that fill the section and wrap. ", 12))
	}
	b.WriteString("\n## The end\n\nThe closing paragraph.\n")
	fsys := testFS()
	fsys["notes/long.md"] = &fstest.MapFile{Data: []byte(b.String())}
	ctx := uitest.Context(t, fsys)
	m, err := notesui.New(ctx, common.NotesArg{Link: "long"})
	if err != nil {
		t.Fatal(err)
	}
	var s common.Screen = m
	// Deliver Init's messages, holding back the commands they return.
	var later []tea.Cmd
	var deliver func(tea.Cmd)
	deliver = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch msg := cmd().(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				deliver(c)
			}
		default:
			var next tea.Cmd
			s, next = s.Update(msg)
			later = append(later, next)
		}
	}
	deliver(s.Init())
	first := ansi.Strip(s.View())
	if !strings.Contains(first, "The opening paragraph.") || strings.Contains(first, "Rendering…") {
		t.Fatalf("the first screenful is not shown:\n%s", first)
	}
	if _, ok := ctx.Markdown.Cached("note:long", ctx.MarkdownWidth(), ctx.Theme()); ok {
		t.Fatal("the whole note was rendered before the first screenful was shown")
	}
	d := &uitest.Screen{T: t, S: s}
	d.Driver = uitest.Driver{T: t, Writes: ctx.Writes, Deliver: func(msg tea.Msg) tea.Cmd {
		var cmd tea.Cmd
		d.S, cmd = d.S.Update(msg)
		return cmd
	}}
	for _, c := range later {
		d.Run(c)
	}
	if _, ok := ctx.Markdown.Cached("note:long", ctx.MarkdownWidth(), ctx.Theme()); !ok {
		t.Fatal("the rest of the note was never rendered")
	}
	d.Keys("G")
	if v := ansi.Strip(d.S.View()); !strings.Contains(v, "The closing paragraph.") {
		t.Errorf("the end of the note after G:\n%s", v)
	}
}

// TestBookmarkLinkedSectionAtOnce opens a link to a short last section, which cannot scroll to the top, and
// presses b at once. The root sends the new screen its size with Init, and the size usually arrives first: it
// asked for a second render of the same note, which forgot the linked section, so b bookmarked the section
// above it, whose text fills the screen.
func TestBookmarkLinkedSectionAtOnce(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nid: cache\ntitle: Caching\ndomain: \"1\"\ntasks: [\"1.1\"]\n---\nThe opening paragraph.\n")
	b.WriteString("\n## Redis or Memcached\n\n")
	for i := range 150 { // longer than a screenful: the first screenful renders first
		fmt.Fprintf(&b, "- Point %d about engines, one of many that fill the screen.\n", i)
	}
	b.WriteString("\n## Choosing a cache\n\nA short last section.\n")
	fsys := testFS()
	fsys["notes/cache.md"] = &fstest.MapFile{Data: []byte(b.String())}
	for _, sizeFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("size first %v", sizeFirst), func(t *testing.T) {
			ctx := uitest.Context(t, fsys)
			ctx.Width, ctx.Height = 100, 30
			m, err := notesui.New(ctx, common.NotesArg{Link: "cache#choosing-a-cache"})
			if err != nil {
				t.Fatal(err)
			}
			var s common.Screen = m
			d := uitest.Driver{T: t, Writes: ctx.Writes, Deliver: func(msg tea.Msg) tea.Cmd {
				var cmd tea.Cmd
				s, cmd = s.Update(msg)
				return cmd
			}}
			size := func() tea.Msg { return tea.WindowSizeMsg{Width: ctx.Width, Height: ctx.Height} }
			if !sizeFirst {
				// Before any render: the title and b name the linked section; ] and [ wait for the rows.
				if title := strings.SplitN(ansi.Strip(s.View()), "\n", 2)[0]; !strings.Contains(title, "Choosing a cache") {
					t.Errorf("before the render the title is %q", title)
				}
				d.Send(uitest.Key("]"))
				d.Send(uitest.Key("["))
			}
			if sizeFirst {
				d.Run(tea.Batch(size, s.Init()))
			} else {
				d.Run(tea.Batch(s.Init(), size))
			}
			view := ansi.Strip(common.Fit(s.View(), ctx.Width, ctx.BodyHeight()))
			if title := strings.SplitN(view, "\n", 2)[0]; !strings.Contains(title, "Choosing a cache") {
				t.Errorf("the title names another section: %q", title)
			}
			d.Send(uitest.Key("1")) // a key that scrolls nothing (the digit that opened the link) keeps the place
			d.Send(uitest.Key("down"))
			d.Send(uitest.Key("b"))
			marks, err := uitest.StoreOf(ctx).Bookmarks(context.Background())
			if err != nil || len(marks) != 1 || marks[0].Section != "cache#choosing-a-cache" {
				t.Fatalf("bookmarks = %+v, %v; want cache#choosing-a-cache", marks, err)
			}
		})
	}
}

// s from inside a note opens the search; esc there returns to the note, not to the contents.
func TestSearchFromNoteReturnsToNote(t *testing.T) {
	ctx, d := open(t, "")
	d.Keys("enter", "s")
	if !d.S.Capturing() {
		t.Fatal("s in the pager did not open the search")
	}
	d.Keys("esc")
	if !strings.Contains(d.S.Title(), "Amazon SQS") {
		t.Errorf("esc from the search went to %q:\n%s", d.S.Title(), ansi.Strip(d.View(ctx)))
	}
	d.Keys("esc")
	if !strings.Contains(ansi.Strip(d.View(ctx)), "Domain 1 · Development") {
		t.Errorf("esc in the note did not return to the contents:\n%s", ansi.Strip(d.View(ctx)))
	}
}

// A note opened from the bookmarks returns to the bookmarks.
func TestNoteFromBookmarksReturnsToBookmarks(t *testing.T) {
	ctx := uitest.Context(t, testFS())
	if err := uitest.StoreOf(ctx).SetBookmark(context.Background(), "kms#key-rotation", "AWS KMS › Key rotation", true); err != nil {
		t.Fatal(err)
	}
	s, err := notesui.New(ctx, common.NotesArg{Bookmarks: true})
	if err != nil {
		t.Fatal(err)
	}
	d := uitest.New(t, ctx, s)
	d.Keys("enter")
	if !strings.Contains(d.S.Title(), "AWS KMS") {
		t.Fatalf("enter on a bookmark opened %q", d.S.Title())
	}
	d.Keys("esc")
	if !strings.Contains(ansi.Strip(d.View(ctx)), "★ AWS KMS › Key rotation") {
		t.Errorf("esc did not return to the bookmarks:\n%s", ansi.Strip(d.View(ctx)))
	}
}

// The help of each mode names each key once, and in the pager s (not /) searches every note.
func TestHelpNamesEachKeyOnce(t *testing.T) {
	ctx, d := open(t, "")
	check := func(where string) {
		seen := map[string]string{}
		km := d.S.KeyMap()
		var all []key.Binding
		for _, col := range km.FullHelp() {
			all = append(all, col...)
		}
		all = append(all, km.ShortHelp()...)
		for _, b := range all {
			if !b.Enabled() {
				continue
			}
			h := b.Help()
			if desc, ok := seen[h.Key]; ok && desc != h.Desc {
				t.Errorf("%s: %q is both %q and %q", where, h.Key, desc, h.Desc)
			}
			seen[h.Key] = h.Desc
		}
	}
	check("contents")
	d.Keys("enter")
	check("pager")
	d.Keys("s")
	if !d.S.Capturing() {
		t.Error("s in the pager does not search")
	}
	_ = ctx
}

// A note opened from the contents reopens where the reader stopped, in a later session too.
func TestNoteReopensWhereReaderStopped(t *testing.T) {
	ctx, d := open(t, "sqs#dead-letter-queues")
	d.Keys("esc")
	places, err := uitest.StoreOf(ctx).NotePositions(context.Background())
	if err != nil || places["sqs"].Section != "dead-letter-queues" {
		t.Fatalf("stored places = %+v, %v", places, err)
	}
	s, err := notesui.New(ctx, common.NotesArg{})
	if err != nil {
		t.Fatal(err)
	}
	d = uitest.New(t, ctx, s)
	d.Keys("enter")
	if first := strings.SplitN(ansi.Strip(d.View(ctx)), "\n", 2)[0]; !strings.Contains(first, "Dead-letter queues") {
		t.Errorf("reopened at %q, want Dead-letter queues", first)
	}
}

// A brief resize under the minimum size (the app shows "too small") keeps the reader's place.
func TestNarrowResizeKeepsPlace(t *testing.T) {
	ctx, d := open(t, "sqs#long-polling")
	for _, size := range [][2]int{{25, 10}, {12, 40}, {80, 24}} {
		ctx.Width, ctx.Height = size[0], size[1]
		d.Send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
	}
	if first := strings.SplitN(ansi.Strip(d.View(ctx)), "\n", 2)[0]; !strings.Contains(first, "Long polling") {
		t.Errorf("after a narrow resize the pager shows %q", first)
	}
}

// While the note's introduction is at the top, the header names the note alone; once a heading is reached
// (] jumps to it), the header names that section.
func TestPagerHeaderNamesTheNoteAboveTheFirstHeading(t *testing.T) {
	ctx, d := open(t, "")
	d.Keys("enter")
	first := func() string { return strings.TrimSpace(strings.SplitN(ansi.Strip(d.View(ctx)), "\n", 2)[0]) }
	if got := first(); got != "Amazon SQS" {
		t.Errorf("header over the introduction: %q", got)
	}
	d.Keys("]")
	if got := first(); !strings.HasPrefix(got, "Amazon SQS › Visibility timeout") {
		t.Errorf("header at the first heading: %q", got)
	}
}

// lastStatus is the text of the latest status line the screen sent.
func lastStatus(d *uitest.Screen) string {
	for i := len(d.Sent) - 1; i >= 0; i-- {
		if s, ok := d.Sent[i].(common.StatusMsg); ok {
			return s.Text
		}
	}
	return ""
}

// On a note's introduction, above its first heading, the header names the note alone, and b bookmarks what
// it names: the note, opening at its top. Before, b bookmarked the first section, which the header did not
// show. The confirmation says which of the two was bookmarked.
func TestBookmarkOnIntroBookmarksTheNote(t *testing.T) {
	ctx, d := open(t, "kms")
	if v := ansi.Strip(d.View(ctx)); strings.Contains(strings.SplitN(v, "\n", 2)[0], "Key rotation") {
		t.Fatalf("the header names a section on the introduction:\n%s", v)
	}
	d.Keys("b")
	marks, err := uitest.StoreOf(ctx).Bookmarks(context.Background())
	if err != nil || len(marks) != 1 || marks[0].Section != "kms" || marks[0].Label != "AWS KMS" {
		t.Fatalf("b on the introduction stored %+v, %v; want the note kms, labelled AWS KMS", marks, err)
	}
	if got := lastStatus(d); got != "Bookmarked the note AWS KMS (it opens at its top)" {
		t.Errorf("confirmation %q", got)
	}
	if head := strings.SplitN(ansi.Strip(d.View(ctx)), "\n", 2)[0]; !strings.Contains(head, "AWS KMS ★ bookmarked") {
		t.Errorf("the header does not show the note bookmarked: %q", head)
	}
	d.Keys("B", "enter")
	if v := ansi.Strip(d.View(ctx)); !strings.Contains(v, "Keys and envelope encryption.") {
		t.Errorf("the bookmark does not open the note at its top:\n%s", v)
	}

	// A section's bookmark says it is a section.
	_, d = open(t, "kms#key-rotation")
	d.Keys("b")
	if got := lastStatus(d); got != "Bookmarked the section AWS KMS › Key rotation" {
		t.Errorf("confirmation %q", got)
	}
}
