// Package diff compares two revisions of a standard's text: a rune-level
// diff with semantic cleanup, aligned by lines, sentences and phrases, the
// summary of which clauses changed, and its HTML views. The files:
//
//	diff.go     the types the API returns and Compute, which ties the passes together
//	align.go    multi-level alignment (lines, sentences, phrases, characters)
//	myers.go    the diff of two sequences under it
//	cleanup.go  the semantic cleanup
//	spans.go    equal spans: character boundaries, sliding, operations
//	clauses.go  the clause summary
//	grams.go    the bigrams it compares clauses by
//	html.go     inline and side-by-side HTML
package diff

import (
	"slices"
	"sync"
	"time"
	"unicode/utf8"
)

// Kinds of diff operation.
const (
	OpEqual  = "equal"
	OpInsert = "insert"
	OpDelete = "delete"
)

// Op is one run of text that both texts share, or that only the new one
// (insert) or only the old one (delete) has.
type Op struct {
	Op   string `json:"op"` // one of the Op constants
	Text string `json:"text"`
}

// Stats counts the changed text in Unicode code points.
type Stats struct {
	Inserted int `json:"inserted"`
	Deleted  int `json:"deleted"`
}

// Diff is what changed between two texts: character-level operations, their
// counts and a clause-level summary.
type Diff struct {
	Ops     []Op           `json:"ops"`
	Stats   Stats          `json:"stats"`
	Clauses []ClauseChange `json:"clauses"`
}

// timeout bounds the time spent on one pair of texts. Real
// revisions finish far below it; past it the remaining blocks are reported
// as whole deletions and insertions, which is coarser but still exact.
// A variable so that tests of the diff's quality can lift it.
var timeout = 2 * time.Second

// Compute compares two texts character by character (lines first, then
// sentences and phrases, then characters, with semantic cleanup) and
// summarises which clauses were added, removed, modified or renumbered.
// Joining the equal and insert ops gives new exactly, byte for byte; joining
// the equal and delete ops gives old.
func Compute(old, new string) Diff {
	if old == new {
		ops := []Op{}
		if old != "" {
			ops = []Op{{Op: OpEqual, Text: old}}
		}
		return Diff{Ops: ops, Clauses: []ClauseChange{}}
	}
	s := scratchPool.Get().(*scratch)
	defer s.release()
	a, b := decodeText(old, &s.runesA), decodeText(new, &s.runesB)
	ops := computeOps(a, b, s)
	return Diff{Ops: ops, Stats: stats(ops), Clauses: clauseChanges(a, b, &s.grams)}
}

// scratch is the working memory of one Compute call, kept in a pool
// for the next: a diff of long texts needs megabytes of it, and
// allocating them anew for every diff kept the garbage collector busy.
type scratch struct {
	runesA, runesB []rune
	runes          runeDiffer
	runs           []runDiff
	units          [levels]map[string]rune // the symbols of each pass's units
	grams          gramTable
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release puts s back into the pool, holding on to no text.
func (s *scratch) release() {
	for _, m := range s.units {
		clear(m)
	}
	s.runes.record = nil
	scratchPool.Put(s)
}

// stats counts the inserted and deleted code points of ops.
func stats(ops []Op) Stats {
	var s Stats
	for _, op := range ops {
		switch op.Op {
		case OpInsert:
			s.Inserted += utf8.RuneCountInString(op.Text)
		case OpDelete:
			s.Deleted += utf8.RuneCountInString(op.Text)
		}
	}
	return s
}

// decodedText is a text and its code points, decoded once for all the
// passes.
type decodedText struct {
	text    string
	runes   []rune // see decodeRunes
	decoded string // string(runes): text itself when it is valid UTF-8
	valid   bool   // text is valid UTF-8
}

// decodeText decodes text into *buf, which it grows as needed.
func decodeText(text string, buf *[]rune) decodedText {
	rs, valid := decodeRunes(text, (*buf)[:0])
	*buf = rs
	d := decodedText{text: text, runes: rs, decoded: text, valid: valid}
	if !valid {
		d.decoded = string(rs)
	}
	return d
}

// computeOps computes the normalised operations turning old into new: no empty
// op, no two neighbours of one kind, a deletion before the insertion that
// replaces it, every boundary on a character boundary. Every step works on
// offsets into the texts and on substrings of them, never on copies.
func computeOps(old, new decodedText, s *scratch) []Op {
	if old.text == new.text {
		if old.text == "" {
			return []Op{}
		}
		return []Op{{Op: OpEqual, Text: old.text}}
	}
	a, b, sa, sb := old.runes, new.runes, old.decoded, new.decoded
	d := newTextDiffer(a, b, sa, sb, s)
	d.diff(0, len(a), 0, len(b), 0, 0, 0)
	s.runs = d.runs
	spans := alignSpans(d.semanticSpans(), sa, sb)
	if !old.valid || !new.valid {
		spans = originalSpans(spans, old.text, new.text, a, b)
	}
	return opsFromSpans(slideEdits(spans, old.text, new.text), old.text, new.text)
}

// decodeRunes decodes s into code points; each byte of invalid UTF-8 becomes a
// code point of its own at the end of plane 16 so that the diff keeps it
// apart from U+FFFD and from the other invalid bytes. It appends them to
// rs and reports whether s is valid UTF-8.
func decodeRunes(s string, rs []rune) (_ []rune, valid bool) {
	rs, valid = slices.Grow(rs, len(s)/2+1), true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			rs = append(rs, rune(c))
			i++
			continue
		}
		// Most of a Chinese text: three bytes whose lead byte admits any
		// continuation bytes (E0 and ED restrict the second one).
		if 0xE1 <= c && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			rs = append(rs, rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F))
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r, valid = 0x10FF00+rune(s[i]), false
		}
		rs = append(rs, r)
		i += size
	}
	return rs, valid
}
