package bleve

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"norma/search/fold"
)

// AnalyzerName and TokenizerName are the names under which the CJK bigram
// analysis is registered with bleve; the index mapping refers to them.
const (
	AnalyzerName  = "norma_cjk"
	TokenizerName = "norma_cjk"
)

// gap is how many positions a stretch of punctuation or space between two
// runs adds, so that no phrase matches across it ("物业，服务" is not
// "物业服务").
const gap = 10

func init() {
	registry.RegisterTokenizer(TokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return tokenizer{}, nil
	})
	registry.RegisterAnalyzer(AnalyzerName, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return &analysis.DefaultAnalyzer{Tokenizer: tokenizer{}}, nil
	})
}

// class is the kind of a character: the tokenizer cuts text into maximal
// runs of one class.
type class int8

const (
	classSep    class = iota // punctuation, space, symbols: never indexed
	classCJK                 // Han, Kana, Hangul: indexed as bigrams
	classLetter              // other letters: indexed as lower-case words
	classDigit               // digits: indexed as numbers
)

// classOf returns the class of a folded character (see package fold).
func classOf(r rune) class {
	switch {
	case r < utf8.RuneSelf:
		return asciiClass(r)
	case r >= 0x4E00 && r <= 0x9FFF:
		return classCJK
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return classCJK
	case unicode.IsLetter(r):
		return classLetter
	case unicode.IsDigit(r):
		return classDigit
	}
	return classSep
}

func asciiClass(r rune) class {
	switch {
	case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
		return classLetter
	case '0' <= r && r <= '9':
		return classDigit
	}
	return classSep
}

// run is a maximal stretch of characters of one class.
type run struct {
	class class
	runes []rune // folded
	pos   int    // position of the run's first token
}

// width is how many positions the run takes: one a character for CJK, one
// for a word.
func (r *run) width() int {
	if r.class == classCJK {
		return len(r.runes)
	}
	return 1
}

// eachRun calls fn for every run of text in order. Consecutive runs get
// consecutive positions; punctuation or space between them adds gap. fn
// must not keep r.
func eachRun(text []byte, fn func(r *run)) {
	cur := run{pos: 1, runes: make([]rune, 0, 64)}
	sepSeen := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		r = fold.Rune(r)
		c := classOf(r)
		if len(cur.runes) > 0 && c != cur.class {
			cur.finish(fn)
		}
		if c == classSep {
			sepSeen = true
		} else {
			if len(cur.runes) == 0 {
				cur.start(c, sepSeen)
				sepSeen = false
			}
			cur.runes = append(cur.runes, r)
		}
		i += size
	}
	if len(cur.runes) > 0 {
		cur.finish(fn)
	}
}

// start begins a run of class c, a gap after the previous run when
// separators came between them.
func (r *run) start(c class, afterSep bool) {
	r.class = c
	if afterSep && r.pos > 1 {
		r.pos += gap
	}
}

// finish hands the run to fn and makes room for the next.
func (r *run) finish(fn func(*run)) {
	fn(r)
	r.pos += r.width()
	r.runes = r.runes[:0]
}

// tokenizer is the CJK bigram tokenizer of indexed text: in a run of CJK
// characters every character starts one token, the pair it forms with the
// next character or, for the last one, itself alone; a run of letters or
// digits is one token. Tokens carry no byte offsets: nothing highlights
// from the index (snippets are cut from the stored body), and zero offsets
// take one byte each in the index instead of three.
type tokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (tokenizer) Tokenize(text []byte) analysis.TokenStream {
	toks := make([]analysis.Token, 0, len(text)/3+1)
	terms := make([]byte, 0, len(text)*2)
	eachRun(text, func(r *run) {
		for i := range r.width() {
			lo, hi, typ := i, min(i+2, len(r.runes)), analysis.Ideographic
			if r.class != classCJK {
				lo, hi, typ = 0, len(r.runes), analysis.AlphaNumeric
			}
			n := len(terms)
			for _, c := range r.runes[lo:hi] {
				terms = utf8.AppendRune(terms, c)
			}
			toks = append(toks, analysis.Token{Term: terms[n:len(terms):len(terms)], Position: r.pos + i, Type: typ})
		}
	})
	out := make(analysis.TokenStream, len(toks))
	for i := range toks {
		out[i] = &toks[i]
	}
	return out
}
