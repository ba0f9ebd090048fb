package search

import (
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// SnippetLength is about how many characters a snippet shows.
const SnippetLength = 120

// Snippet returns HTML around the first place in text where one of terms
// occurs: the text escaped, each whole occurrence of any term in <mark>,
// and an ellipsis where the text was cut. Terms match ignoring case and
// full-width forms. With no match it returns the start of the text.
func Snippet(text string, terms []string) string {
	folded := foldRunes(text)
	spans := findSpans(folded, terms)
	start := 0
	if len(spans) > 0 {
		start = max(0, spans[0][0]-SnippetLength/4)
	}
	runes := []rune(text)
	end := min(len(runes), start+SnippetLength)
	if len(spans) > 0 && spans[0][1] > end {
		end = min(len(runes), spans[0][1]+SnippetLength/4)
	}
	start, end = trimToLine(runes, start, end, spans)
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
		b.WriteString(escapeRunes(runes[pos:s]))
		b.WriteString("<mark>" + escapeRunes(runes[s:e]) + "</mark>")
		pos = e
	}
	b.WriteString(escapeRunes(runes[pos:end]))
	if end < len(runes) {
		b.WriteString("…")
	}
	return b.String()
}

func escapeRunes(r []rune) string {
	return html.EscapeString(strings.ReplaceAll(string(r), "\n", " "))
}

// foldRunes folds text rune by rune (full width to half width, upper to
// lower case), one rune for each rune of text so that positions agree.
func foldRunes(text string) []rune {
	out := make([]rune, 0, utf8.RuneCountInString(text))
	for _, r := range text {
		out = append(out, foldRune(r))
	}
	return out
}

func foldRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E || r == 0x3000 {
		if f, _ := utf8.DecodeRuneInString(width.Fold.String(string(r))); f != utf8.RuneError {
			r = f
		}
	}
	return unicode.ToLower(r)
}

// findSpans returns the rune spans of every occurrence of any term, in
// order, merged where they overlap or touch.
func findSpans(text []rune, terms []string) [][2]int {
	var spans [][2]int
	for _, t := range terms {
		ft := foldRunes(t)
		if len(ft) == 0 {
			continue
		}
		for i := 0; i+len(ft) <= len(text); i++ {
			if text[i] == ft[0] && runesEqual(text[i:i+len(ft)], ft) {
				spans = append(spans, [2]int{i, i + len(ft)})
			}
		}
	}
	return mergeSpans(spans)
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func mergeSpans(spans [][2]int) [][2]int {
	if len(spans) < 2 {
		return spans
	}
	sortSpans(spans)
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

func sortSpans(s [][2]int) {
	sort.Slice(s, func(i, j int) bool { return s[i][0] < s[j][0] || s[i][0] == s[j][0] && s[i][1] > s[j][1] })
}

// trimToLine narrows [start, end) to the line of the first match when that
// line is long enough, so a snippet does not begin mid-way in an unrelated
// paragraph.
func trimToLine(runes []rune, start, end int, spans [][2]int) (int, int) {
	if len(spans) == 0 {
		return start, end
	}
	for i := spans[0][0] - 1; i > start; i-- {
		if runes[i] == '\n' {
			if spans[0][0]-i < SnippetLength/2 {
				start = i + 1
			}
			break
		}
	}
	return start, end
}
