package searchtest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"norma/search"
	"norma/search/fold"
)

// The oracle answers queries by a plain scan of the fixtures: what every
// engine must return.

// textOf is what a query part is looked for in: title, number and body,
// apart so that no match spans two of them.
func textOf(d search.Document) string { return fold.String(d.Title + "\n" + d.Number + "\n" + d.Body) }

// class is the kind of a character for word boundaries.
type class int

const (
	other class = iota
	cjk
	letter
	digit
)

func classOf(r rune) class {
	switch {
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return cjk
	case unicode.IsLetter(r):
		return letter
	case unicode.IsDigit(r):
		return digit
	}
	return other
}

// occurs reports whether part occurs in text as contiguous text, after
// folding. Chinese matches anywhere; a part that begins or ends with a
// Latin letter or a digit must begin or end a word or number there ("iso"
// is found in "ISO 9001", not in "isolation"; "1.1" not in "11.1").
func occurs(text, part string) bool {
	p := fold.String(part)
	for i := 0; ; {
		j := strings.Index(text[i:], p)
		if j < 0 || p == "" {
			return false
		}
		at := i + j
		if boundaryBefore(text, at, p) && boundaryAfter(text, at+len(p), p) {
			return true
		}
		_, size := utf8.DecodeRuneInString(text[at:])
		i = at + size
	}
}

func boundaryBefore(text string, at int, p string) bool {
	first, _ := utf8.DecodeRuneInString(p)
	prev, _ := utf8.DecodeLastRuneInString(text[:at])
	c := classOf(first)
	return at == 0 || c == cjk || c == other || classOf(prev) != c
}

func boundaryAfter(text string, at int, p string) bool {
	last, _ := utf8.DecodeLastRuneInString(p)
	next, _ := utf8.DecodeRuneInString(text[at:])
	c := classOf(last)
	return at == len(text) || c == cjk || c == other || classOf(next) != c
}

// matches reports whether d answers the text and number of q: every part
// occurs, or its number keys hold the number.
func matches(d search.Document, q search.Query) bool {
	if q.Number != "" && slices.Contains(search.NumberKeys(d.Number), q.Number) {
		return true
	}
	if q.Sheet != "" && slices.Contains(d.NumberKeys, q.Sheet) {
		return true
	}
	if len(q.Terms) == 0 {
		return q.Number == ""
	}
	text := textOf(d)
	for _, t := range q.Terms {
		if !occurs(text, t) {
			return false
		}
	}
	return true
}

// passes reports whether d passes the filters of q and its reader may
// find it.
func passes(d search.Document, q search.Query) bool {
	eq := func(want, got string) bool { return want == "" || want == got }
	switch {
	case !eq(q.Level, d.Level), !eq(q.Region, d.Region), !eq(q.Status, d.Status),
		!eq(q.State, d.State), !eq(q.Category, d.Category):
		return false
	case q.From != "" && (d.IssueDate == "" || d.IssueDate < q.From):
		return false
	case q.To != "" && (d.IssueDate == "" || d.IssueDate > q.To):
		return false
	}
	return readable(d, q.Reader)
}

func readable(d search.Document, r search.Reader) bool {
	if r.All {
		return true
	}
	for _, t := range r.Tokens() {
		if slices.Contains(d.Readers, t) {
			return true
		}
	}
	return d.PublicFrom != 0 && d.PublicFrom <= r.Now && r.Now < d.PublicUntil
}

// expected returns the fixtures that answer q, in fixture order.
func expected(q search.Query) []search.Document {
	var out []search.Document
	for _, d := range Documents() {
		if passes(d, q) && matches(d, q) {
			out = append(out, d)
		}
	}
	return out
}

// facetsOf counts docs per level, region and status; empty values count
// nowhere.
func facetsOf(docs []search.Document) map[string]map[string]int {
	f := map[string]map[string]int{}
	for _, name := range search.FacetFields {
		f[name] = map[string]int{}
	}
	for _, d := range docs {
		for name, v := range map[string]string{"level": d.Level, "region": d.Region, "status": d.Status} {
			if v != "" {
				f[name][v]++
			}
		}
	}
	return f
}
