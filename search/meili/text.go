package meili

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"norma/search/fold"
)

// hardBreak is a separator Meilisearch's tokenizer classes as hard: a
// phrase never matches across it.
const hardBreak = "。"

// segmented returns text as the engine has Meilisearch index and search
// it: every CJK character a word of its own, so that any run of
// characters is a phrase of adjacent words (as with Bleve's bigrams, and
// unlike the jieba words Meilisearch would cut); any run of spaces or
// punctuation that touches a CJK character becomes a hard break, so that
// no phrase runs across it. Text without CJK is left as it is.
func segmented(text string) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/2)
	prev := kindBreak
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		k := kindOf(r)
		if k == kindBreak {
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if kindOf(r2) != kindBreak {
					break
				}
				j += s2
			}
			next, _ := utf8.DecodeRuneInString(text[j:])
			if prev == kindCJK || j < len(text) && kindOf(next) == kindCJK {
				b.WriteString(hardBreak)
			} else {
				b.WriteString(text[i:j])
			}
			i, prev = j, kindBreak
			continue
		}
		if prev != kindBreak && (k == kindCJK || prev == kindCJK) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		i, prev = i+size, k
	}
	return b.String()
}

// Kinds of character for segmented.
const (
	kindBreak = iota // space, punctuation, symbol
	kindCJK
	kindWord // any other letter, digit or mark
)

func kindOf(r rune) int {
	switch {
	case isCJK(r):
		return kindCJK
	case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
		return kindWord
	}
	return kindBreak
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// maxGramRunes is the longest query part the title tier ranks: a title
// stores the keys of its substrings up to this length.
const maxGramRunes = 32

// titleGrams returns the keys of the substrings of a title, after folding,
// that a query part could be: up to maxGramRunes characters, holding a
// letter or digit, and beginning and ending where a Latin word or a number
// begins and ends ("iso" is in "ISO 9001", not in "isolation"), as the
// contract suite's scan reads "occurs".
func titleGrams(title string) []string {
	rs := []rune(fold.String(title))
	seen := map[string]bool{}
	var keys []string
	for i := range rs {
		if !startsPart(rs, i) {
			continue
		}
		word := false
		for j := i + 1; j <= min(len(rs), i+maxGramRunes); j++ {
			word = word || kindOf(rs[j-1]) != kindBreak
			if !word || !endsPart(rs, j) {
				continue
			}
			if k := gramKey(string(rs[i:j])); !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// titleFilter returns the filter of the documents whose title holds every
// term, "" when a term is too long to be looked up so.
func titleFilter(terms []string) string {
	var c []string
	for _, t := range terms {
		t = fold.String(t)
		if utf8.RuneCountInString(t) > maxGramRunes {
			return ""
		}
		c = append(c, "title_grams = "+quote(gramKey(t)))
	}
	return strings.Join(c, " AND ")
}

// gramKey returns the short, filter-safe key that stands for a substring.
func gramKey(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "g" + hex.EncodeToString(sum[:12])
}

// Classes of character for word boundaries.
const (
	classOther = iota
	classCJK
	classLetter
	classDigit
)

func classOf(r rune) int {
	switch {
	case isCJK(r):
		return classCJK
	case unicode.IsLetter(r):
		return classLetter
	case unicode.IsDigit(r):
		return classDigit
	}
	return classOther
}

// startsPart reports whether a query part may begin at rs[i].
func startsPart(rs []rune, i int) bool {
	c := classOf(rs[i])
	return i == 0 || c == classCJK || c == classOther || classOf(rs[i-1]) != c
}

// endsPart reports whether a query part may end just before rs[j].
func endsPart(rs []rune, j int) bool {
	c := classOf(rs[j-1])
	return j == len(rs) || c == classCJK || c == classOther || classOf(rs[j]) != c
}
