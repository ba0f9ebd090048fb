// Package fold is the one character folding of search: what the engines
// index and compare, and what the snippet highlights, so that a text that
// matches a query also shows where. Full-width ASCII and the ideographic
// space become ASCII, half-width Katakana and Hangul become full width (as
// golang.org/x/text/width folds them), and every letter becomes lower case.
// CJK ideographs, including the compatibility ideographs, stay as they are.
// Folding maps each rune to exactly one rune, so offsets in a folded text
// are offsets in the original.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Rune returns the folded form of r.
func Rune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case Ideograph(r): // the bulk of a text
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return unicode.ToLower(r - 0xFF01 + '!')
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	return unicode.ToLower(r)
}

// Ideograph reports whether r is a CJK unified ideograph of the basic
// block: it folds to itself, and no other rune folds to it.
func Ideograph(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// String returns s with every rune folded.
func String(s string) string { return strings.Map(Rune, s) }

// Runes returns the folded runes of s, one for each rune of s.
func Runes(s string) []rune {
	out := make([]rune, 0, utf8.RuneCountInString(s))
	for _, r := range s {
		out = append(out, Rune(r))
	}
	return out
}
