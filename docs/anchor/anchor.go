// Package anchor keeps comments on passages of a standard's text: W3C Web
// Annotation quote and position selectors, and the placing of a quoted
// passage in a later revision, exactly where it still stands and
// approximately where it was edited.
package anchor

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"norma/docs"
)

// Quote is a W3C Web Annotation text quote selector: the quoted passage with
// the text just before and after it in the revision it was made on.
type Quote struct {
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

// Position is a W3C Web Annotation text position selector: code point
// offsets in a text, End exclusive.
type Position struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Anchor statuses.
const (
	Current  = "current"  // the passage was found in the new text
	Outdated = "outdated" // the passage is gone; show the comment with its original quote
)

// Placement is where a quoted passage stands in a later revision.
type Placement struct {
	Status   string   `json:"status"`   // Current or Outdated
	Position Position `json:"position"` // where the passage is in the new text (zero when outdated)
	Exact    string   `json:"exact"`    // the text now at that position (the original quote when outdated)
	Clause   string   `json:"clause"`   // number of the clause containing Position.Start, "" if none
	Score    float64  `json:"score"`    // 0..1 confidence
}

// ErrQuote is wrapped by every error about a quote that does not fit its text.
var ErrQuote = errors.New("quote does not fit the text")

// quoteContextLen is how many code points of prefix and suffix a quote keeps.
const quoteContextLen = 32

// QuoteAt builds the quote of the code points [start,end) of text, with up to
// 32 code points of prefix and suffix.
func QuoteAt(text string, start, end int) (Quote, error) {
	b := runeByteOffsets(text, start-quoteContextLen, start, end, end+quoteContextLen)
	if start < 0 || start >= end || b[2] < 0 {
		return Quote{}, fmt.Errorf("%w: range [%d,%d) of a text of %d code points",
			ErrQuote, start, end, utf8.RuneCountInString(text))
	}
	b[0] = max(b[0], 0)
	if b[3] < 0 {
		b[3] = len(text)
	}
	return Quote{Exact: text[b[1]:b[2]], Prefix: text[b[0]:b[1]], Suffix: text[b[2]:b[3]]}, nil
}

// runeByteOffsets returns the byte offsets of the ascending code point offsets
// offs in text; -1 for those before the start or past the end.
func runeByteOffsets(text string, offs ...int) []int {
	out := make([]int, len(offs))
	i, n := 0, 0 // byte and code point offsets
	for k, off := range offs {
		for n < off && i < len(text) {
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
			n++
		}
		out[k] = i
		if off < 0 || n < off {
			out[k] = -1
		}
	}
	return out
}

// FindQuote checks a quote against the text it was made on and returns its
// position: the exact passage must stand at pos when pos is given, and
// otherwise occur somewhere (the occurrence whose context agrees best).
func FindQuote(text string, q Quote, pos *Position) (Position, error) {
	return findQuote(newIndexedText(text), q, pos)
}

// findQuote is FindQuote on a text already read.
func findQuote(t indexedText, q Quote, pos *Position) (Position, error) {
	if q.Exact == "" {
		return Position{}, fmt.Errorf("%w: empty quote", ErrQuote)
	}
	if pos != nil {
		if pos.Start < 0 || pos.End > len(t.r) || pos.Start >= pos.End ||
			string(t.r[pos.Start:pos.End]) != validUTF8(q.Exact) {
			return Position{}, fmt.Errorf("%w: the quote is not at [%d,%d)", ErrQuote, pos.Start, pos.End)
		}
		return *pos, nil
	}
	m := newQuoteMatcher(t, q, -1)
	best, ok := m.best(m.exactMatches())
	if !ok {
		return Position{}, fmt.Errorf("%w: the quote does not occur", ErrQuote)
	}
	return Position{best.start, best.end}, nil
}

// Place finds where a passage quoted in oldText (q, at oldPos in oldText)
// stands in newText: the exact passage in its best agreeing context, else a
// slightly amended version of it, else nowhere (outdated).
func Place(oldText, newText string, q Quote, oldPos Position) Placement {
	return NewPlacer(oldText, newText).Place(q, oldPos)
}

// Placer places the comments of one revision in a later one, comparing the
// two texts only once. It is safe for concurrent use.
type Placer struct {
	old, new indexedText
	hunks    []*hunk
	clauses  []docs.Clause
}

// NewPlacer prepares the placing of passages of oldText in newText.
func NewPlacer(oldText, newText string) *Placer {
	p := &Placer{old: newIndexedText(oldText), new: newIndexedText(newText), clauses: docs.Clauses(newText)}
	p.hunks = hunksOf(p.old.s, p.new.s)
	return p
}

// Place finds where a passage quoted in the old text (q, at oldPos) stands in
// the new text.
func (p *Placer) Place(q Quote, oldPos Position) Placement {
	outdated := Placement{Status: Outdated, Exact: q.Exact}
	if q.Exact == "" {
		return outdated
	}
	m := newQuoteMatcher(p.new, q, p.hint(q, oldPos))
	c, ok := m.place()
	if !ok {
		return outdated
	}
	pl := Placement{Status: Current, Position: Position{c.start, c.end},
		Exact: string(p.new.r[c.start:c.end]), Score: c.score}
	if cl := docs.ClauseAt(p.clauses, c.start); cl != nil {
		pl.Clause = cl.Number
	}
	return pl
}

// hint is where the passage is expected in the new text: its old start
// carried through the changes. A position that does not hold the quote is
// replaced by the quote's best occurrence in the old text.
func (p *Placer) hint(q Quote, oldPos Position) int {
	if _, err := findQuote(p.old, q, &oldPos); err != nil {
		if found, err := findQuote(p.old, q, nil); err == nil {
			oldPos = found
		}
	}
	return p.carry(min(max(oldPos.Start, 0), len(p.old.r)))
}

// indexedText is a text both as valid UTF-8 and as code points.
type indexedText struct {
	s string
	r []rune
}

// newIndexedText reads a text; an invalid byte becomes one U+FFFD, so that offsets
// agree with utf8.RuneCountInString.
func newIndexedText(text string) indexedText {
	r := []rune(text)
	return indexedText{s: validUTF8(text), r: r}
}

// validUTF8 returns text with every invalid byte replaced by U+FFFD.
func validUTF8(text string) string {
	if utf8.ValidString(text) {
		return text
	}
	return string([]rune(text))
}

// index returns the code point offsets of every occurrence of sub in t,
// overlapping ones included.
func (t indexedText) index(sub string) []int {
	var out []int
	sub = validUTF8(sub)
	if sub == "" {
		return nil
	}
	from, off := 0, 0 // byte and code point offsets of the search start
	for {
		i := strings.Index(t.s[from:], sub)
		if i < 0 {
			return out
		}
		off += utf8.RuneCountInString(t.s[from : from+i])
		out = append(out, off)
		_, w := utf8.DecodeRuneInString(t.s[from+i:])
		from += i + w
		off++
	}
}

const (
	charDiffLimit   = 20_000 // longer changes are mapped in proportion, not compared
	charDiffTimeout = 100 * time.Millisecond
)

// hunk is a run of whole lines that the new text kept or changed: old text
// at oldAt became new text at newAt.
type hunk struct {
	oldAt, newAt   int
	oldLen, newLen int // in code points
	kept           bool
	old, new       string // the changed text; "" when kept

	once  sync.Once
	chars []diffmatchpatch.Diff // the change, code point by code point
}

// hunksOf compares two texts a line at a time, which is fast and never
// gives up; changed lines are compared code point by code point on demand.
func hunksOf(a, b string) []*hunk {
	dmp := diffmatchpatch.New()
	la, lb, lines := dmp.DiffLinesToRunes(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(la, lb, false), lines)
	var out []*hunk
	oldAt, newAt := 0, 0
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		if d.Type == diffmatchpatch.DiffEqual || len(out) == 0 || out[len(out)-1].kept {
			out = append(out, &hunk{oldAt: oldAt, newAt: newAt, kept: d.Type == diffmatchpatch.DiffEqual})
		}
		h := out[len(out)-1]
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			h.oldLen, h.newLen = n, n
			oldAt, newAt = oldAt+n, newAt+n
		case diffmatchpatch.DiffDelete:
			h.old += d.Text
			h.oldLen += n
			oldAt += n
		case diffmatchpatch.DiffInsert:
			h.new += d.Text
			h.newLen += n
			newAt += n
		}
	}
	return out
}

// carry maps a code point offset of the old text to the new text. An offset
// in deleted text goes to where the deletion was.
func (p *Placer) carry(off int) int {
	i, _ := slices.BinarySearchFunc(p.hunks, off, func(h *hunk, off int) int {
		return cmp.Compare(h.oldAt+h.oldLen, off+1)
	})
	if i == len(p.hunks) {
		return len(p.new.r)
	}
	h := p.hunks[i]
	switch {
	case h.kept:
		return h.newAt + off - h.oldAt
	case h.newLen == 0:
		return h.newAt
	case h.oldLen+h.newLen > charDiffLimit:
		return h.newAt + (off-h.oldAt)*h.newLen/h.oldLen
	}
	h.once.Do(func() {
		dmp := diffmatchpatch.New()
		dmp.DiffTimeout = charDiffTimeout
		h.chars = dmp.DiffMain(h.old, h.new, false)
	})
	return h.newAt + carryOffset(h.chars, off-h.oldAt)
}

// carryOffset carries a code point offset of the old text of diffs to the new
// text. An offset inside deleted text goes to where the deletion was; one
// just after an insertion stays after it. (diffmatchpatch's DiffXIndex
// counts bytes.)
func carryOffset(diffs []diffmatchpatch.Diff, off int) int {
	oldAt, newAt := 0, 0
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			newAt += n
		case diffmatchpatch.DiffDelete:
			if off < oldAt+n {
				return newAt
			}
			oldAt += n
		default:
			if off < oldAt+n {
				return newAt + off - oldAt
			}
			oldAt += n
			newAt += n
		}
	}
	return newAt
}
