package search

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"norma/search/fold"
)

// SnippetLength is about how many characters a snippet shows.
const SnippetLength = 120

// Snippet returns HTML around the first place in text where one of terms
// occurs: the text escaped, each whole occurrence of any term in <mark>,
// and an ellipsis where the text was cut. Terms match ignoring case and
// full-width forms. With no match it returns the start of the text. Only
// the text up to the snippet's end is read, so long bodies cost little.
func Snippet(text string, terms []string) string {
	spans := findSpans(text, terms)
	start := 0
	if len(spans) > 0 {
		start = runesBack(text, spans[0][0], SnippetLength/4)
		start = lineStart(text, start, spans[0][0])
	}
	end := runesForward(text, start, SnippetLength)
	if len(spans) > 0 && spans[0][1] > end {
		end = runesForward(text, spans[0][1], SnippetLength/4)
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, sp := range spans {
		if sp[1] <= start || sp[0] >= end {
			continue
		}
		s, e := max(sp[0], pos), min(sp[1], end)
		b.WriteString(escapeText(text[pos:s]))
		b.WriteString("<mark>" + escapeText(text[s:e]) + "</mark>")
		pos = e
	}
	b.WriteString(escapeText(text[pos:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

func escapeText(s string) string {
	return html.EscapeString(strings.ReplaceAll(s, "\n", " "))
}

// runesBack returns the byte offset n runes before off.
func runesBack(text string, off, n int) int {
	for ; n > 0 && off > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:off])
		off -= size
	}
	return off
}

// runesForward returns the byte offset n runes after off.
func runesForward(text string, off, n int) int {
	for ; n > 0 && off < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
	}
	return off
}

// lineStart moves start to the beginning of the line of the first match,
// when that line begins after start, so a snippet does not open mid-way in
// an unrelated paragraph.
func lineStart(text string, start, match int) int {
	if i := strings.LastIndexByte(text[start:match], '\n'); i >= 0 {
		return start + i + 1
	}
	return start
}

// findSpans returns the byte spans of the occurrences of any term, folded
// alike, from the first one up to a snippet's length after it, in order and
// merged where they overlap or touch.
func findSpans(text string, terms []string) [][2]int {
	var folded [][]rune
	for _, t := range terms {
		if ft := fold.Runes(t); len(ft) > 0 {
			folded = append(folded, ft)
		}
	}
	return spansOf(text, folded, byteSearchable(folded))
}

// byteSearchable reports whether every term starts with a CJK ideograph:
// the only character that folds to one is itself (package fold), so its
// next place in a text is found by a byte search rather than by folding
// every character before it, which for a term deep in a long text (or
// only in its title) was most of a snippet's cost.
func byteSearchable(folded [][]rune) bool {
	for _, ft := range folded {
		if !fold.Ideograph(ft[0]) {
			return false
		}
	}
	return len(folded) > 0
}

// spansOf finds the spans of the folded terms; jump says that the first
// one may be looked for by a byte search (byteSearchable).
func spansOf(text string, folded [][]rune, jump bool) [][2]int {
	var spans [][2]int
	var starts []int // per term, its first rune's next byte offset, or -1
	if jump {
		starts = make([]int, len(folded))
	}
	seen := 0
	for i := 0; i < len(text) && (spans == nil || seen < SnippetLength); {
		if spans == nil && jump {
			if i = nextStart(text, i, folded, starts); i < 0 {
				break
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		c := fold.Rune(r)
		for _, ft := range folded {
			if c == ft[0] {
				if end, ok := matchAt(text, i, ft); ok {
					spans = append(spans, [2]int{i, end})
				}
			}
		}
		if spans != nil {
			seen++
		}
		i += size
	}
	return mergeSpans(spans)
}

// nextStart returns the first byte offset from i where a term's first rune
// stands, -1 for none; starts keeps each term's offset found before.
func nextStart(text string, i int, folded [][]rune, starts []int) int {
	next := -1
	for k, ft := range folded {
		if starts[k] >= 0 && starts[k] < i {
			if j := strings.IndexRune(text[i:], ft[0]); j >= 0 {
				starts[k] = i + j
			} else {
				starts[k] = -1
			}
		}
		if starts[k] >= 0 && (next < 0 || starts[k] < next) {
			next = starts[k]
		}
	}
	return next
}

// matchAt reports whether the folded term starts at byte i of text, and
// where it ends.
func matchAt(text string, i int, term []rune) (int, bool) {
	for _, want := range term {
		if i >= len(text) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if fold.Rune(r) != want {
			return 0, false
		}
		i += size
	}
	return i, true
}

func mergeSpans(spans [][2]int) [][2]int {
	if len(spans) < 2 {
		return spans
	}
	sort.Slice(spans, func(i, j int) bool {
		return spans[i][0] < spans[j][0] || spans[i][0] == spans[j][0] && spans[i][1] > spans[j][1]
	})
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s[0] <= last[1] {
			last[1] = max(last[1], s[1])
		} else {
			out = append(out, s)
		}
	}
	return out
}
