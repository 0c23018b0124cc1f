package notes

import "strings"

// block is what search shows as a snippet: a paragraph, a list item or a quote with the lines the author
// wrapped it onto joined, one table row, or one line of code. Snippets then start where a sentence
// starts, not where the author's editor wrapped a line.
type block struct {
	text string
	num  int // the block's first line in the note body
	code bool
	kind blockKind
}

type blockKind uint8

const (
	blockProse blockKind = iota
	blockQuote
	blockOther // a table row or a line of code: never continued
)

// blocks gathers a section's lines into blocks.
type blocks struct {
	cur   block
	more  []string // the block's further lines, joined on flush
	open  bool
	fence bool
}

func (bs *blocks) flush(emit func(block)) {
	if len(bs.more) > 0 {
		bs.cur.text += " " + strings.Join(bs.more, " ")
		bs.more = bs.more[:0]
	}
	if bs.open && bs.cur.text != "" {
		emit(bs.cur)
	}
	bs.open = false
	bs.cur = block{}
}

func (bs *blocks) start(num int, text string, kind blockKind, emit func(block)) {
	bs.flush(emit)
	bs.cur = block{text: text, num: num, code: bs.fence, kind: kind}
	bs.open = true
}

func (bs *blocks) add(num int, raw string, emit func(block)) {
	t := strings.TrimSpace(raw)
	if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
		bs.flush(emit)
		bs.fence = !bs.fence
		return
	}
	if bs.fence {
		if text := strings.TrimSpace(raw); text != "" {
			bs.start(num, text, blockOther, emit)
		}
		return
	}
	if t == "" || isRule(t) {
		bs.flush(emit)
		return
	}
	text := PlainLine(raw)
	quote := strings.HasPrefix(t, ">")
	inner := strings.TrimSpace(strings.TrimLeft(t, "> "))
	switch {
	case text == "":
		bs.flush(emit)
	case strings.HasPrefix(t, "|"):
		bs.start(num, text, blockOther, emit)
	case startsItem(inner), strings.HasPrefix(inner, "#"):
		kind := blockProse
		if quote {
			kind = blockQuote
		}
		bs.start(num, text, kind, emit)
	case bs.open && bs.cur.kind != blockOther && (bs.cur.kind == blockQuote) == quote:
		bs.more = append(bs.more, text)
	case quote:
		bs.start(num, text, blockQuote, emit)
	default:
		bs.start(num, text, blockProse, emit)
	}
}

// startsItem reports whether a line starts a list item: "- ", "* ", "+ " or "1. ".
func startsItem(t string) bool {
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") {
		return true
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}
