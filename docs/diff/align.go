package diff

// The multi-level alignment: lines first, then sentences and phrases inside
// the blocks of lines that changed, then characters inside the blocks of
// phrases that changed. Each pass diffs units written as symbols, the last
// one the code points themselves, with diffmatchpatch's algorithm (see
// myers.go). The texts are decoded once; the passes work on slices of
// the code points and substrings of the texts, never on copies.

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// tokenizeMin is the size (in code points of both sides) under which a block
// is diffed character by character straight away.
const tokenizeMin = 1024

// levels is the number of passes before the character-level one:
// lines, then sentences, then phrases. Each pass diffs units as symbols
// and hands every replaced block to the next pass. Long Chinese texts whose
// every paragraph changed a little stay fast this way, where one
// character-level pass over the whole text would cost time quadratic in
// the number of edits.
const levels = 3

// unitEnd reports whether r ends a unit of pass level: a line, a
// sentence, a phrase.
func unitEnd(level int, r rune) bool {
	switch r {
	case '\n':
		return true
	case '。', '；', '！', '？', ';', '!', '?':
		return level >= 1
	case '，', '、', '：', ',', ':':
		return level >= 2
	}
	return false
}

// textDiffer aligns two decoded texts under one deadline and collects the
// result as a diff of their code points.
type textDiffer struct {
	dmp    *diffmatchpatch.DiffMatchPatch
	runes  *runeDiffer
	units  *[levels]map[string]rune
	a, b   []rune // the texts' code points
	sa, sb string // the same texts as strings: string(a), string(b)
	runs   []runDiff
	lastOp diffmatchpatch.Operation // of the last operation emitted, empty ones included
}

// newTextDiffer returns a textDiffer that works in the memory of s.
func newTextDiffer(a, b []rune, sa, sb string, s *scratch) *textDiffer {
	s.runes.deadline, s.runes.work, s.runes.late = time.Now().Add(timeout), 0, false
	return &textDiffer{dmp: diffmatchpatch.New(), runes: &s.runes, units: &s.units, a: a, b: b, sa: sa, sb: sb, runs: s.runs[:0]}
}

// emit appends an operation of n code points, joined to the previous run
// when that is of the same kind (the passes leave such neighbours where an
// equal unit meets the equal start of a block's character diff). An empty
// operation, which the character diff leaves where merging emptied a
// deletion or insertion, adds no run but keeps the runs on either side of
// it apart, as it did when the passes' results were joined as strings.
func (d *textDiffer) emit(op diffmatchpatch.Operation, n int) {
	join := d.lastOp == op
	d.lastOp = op
	if n == 0 {
		return
	}
	if k := len(d.runs) - 1; join && k >= 0 && d.runs[k].op == op {
		d.runs[k].n += n
		return
	}
	d.runs = append(d.runs, runDiff{op, n})
}

// textDiffs writes runs, a diff of a and b, as diffmatchpatch diffs whose
// texts are substrings of sa and sb (string(a) and string(b)), not copies.
func textDiffs(runs []runDiff, a, b []rune, sa, sb string) []diffmatchpatch.Diff {
	diffs := make([]diffmatchpatch.Diff, len(runs))
	i, j, pa, pb := 0, 0, 0, 0
	for k, r := range runs {
		na, nb := runesBytes(a[i:i+oldLen(r)]), runesBytes(b[j:j+newLen(r)])
		diffs[k] = diffmatchpatch.Diff{Type: r.op, Text: sa[pa : pa+na]}
		if r.op == diffmatchpatch.DiffInsert {
			diffs[k].Text = sb[pb : pb+nb]
		}
		i, j, pa, pb = i+oldLen(r), j+newLen(r), pa+na, pb+nb
	}
	return diffs
}

// diff aligns code points a0:a1 of the old text with b0:b1 of the new one,
// which start at byte pa and pb, at pass level and below.
func (d *textDiffer) diff(a0, a1, b0, b1, pa, pb, level int) {
	a, b := d.a[a0:a1], d.b[b0:b1]
	if level >= levels || len(a)+len(b) < tokenizeMin {
		d.chars(a, b)
		return
	}
	sa, sb := d.sa[pa:pa+runesBytes(a)], d.sb[pb:pb+runesBytes(b)]
	if d.units[level] == nil {
		d.units[level] = map[string]rune{}
	}
	ta, tb, startA, startB, ok := tokenize(d.units[level], sa, sb, a, b, level)
	if !ok || (len(ta) < 2 && len(tb) < 2) {
		d.diff(a0, a1, b0, b1, pa, pb, level+1)
		return
	}
	segs := unitSegments(d.matchUnits(ta, tb), startA, startB)
	if level == 0 {
		segs = absorbFreakMatches(segs)
	}
	for _, s := range segs {
		na, nb := runesBytes(a[s.a0:s.a1]), runesBytes(b[s.b0:s.b1])
		switch {
		case s.equal:
			d.emit(diffmatchpatch.DiffEqual, s.a1-s.a0)
		case na > 0 && nb > 0:
			d.diff(a0+s.a0, a0+s.a1, b0+s.b0, b0+s.b1, pa, pb, level+1)
		case na > 0:
			d.emit(diffmatchpatch.DiffDelete, s.a1-s.a0)
		case nb > 0:
			d.emit(diffmatchpatch.DiffInsert, s.b1-s.b0)
		}
		pa, pb = pa+na, pb+nb
	}
}

// chars diffs a and b character by character.
func (d *textDiffer) chars(a, b []rune) {
	for _, df := range d.runes.diffs(a, b) {
		d.emit(df.op, df.n)
	}
}

// runesBytes is the length of string(rs).
func runesBytes(rs []rune) int {
	n := 0
	for _, r := range rs {
		n += runeLen(r)
	}
	return n
}

// unitRun is a run of n units that the alignment pairs: from i in the old
// symbols and from j in the new.
type unitRun struct{ i, j, n int }

// matchUnits aligns two sequences of unit symbols.
func (d *textDiffer) matchUnits(ta, tb []rune) []unitRun {
	var runs []unitRun
	i, j := 0, 0
	for _, df := range d.runes.diffs(ta, tb) {
		switch df.op {
		case diffmatchpatch.DiffEqual:
			if df.n > 0 {
				runs = append(runs, unitRun{i, j, df.n})
			}
			i, j = i+df.n, j+df.n
		case diffmatchpatch.DiffDelete:
			i += df.n
		case diffmatchpatch.DiffInsert:
			j += df.n
		}
	}
	return runs
}

// segment is a stretch of both texts, in code points: equal, or a
// changed block (deletion a0:a1 replaced by insertion b0:b1).
type segment struct {
	equal          bool
	a0, a1, b0, b1 int
}

// unitSegments turns runs of paired units into segments of the texts, all
// the units between two runs one changed block. startA[k] is the code point
// offset of the old side's unit k, the side's length last; startB the same
// for the new side.
func unitSegments(runs []unitRun, startA, startB []int) []segment {
	var segs []segment
	i, j := 0, 0
	for _, r := range append(runs, unitRun{len(startA) - 1, len(startB) - 1, 0}) {
		if r.i > i || r.j > j {
			segs = append(segs, segment{false, startA[i], startA[r.i], startB[j], startB[r.j]})
		}
		if r.n > 0 {
			segs = append(segs, segment{true, startA[r.i], startA[r.i+r.n], startB[r.j], startB[r.j+r.n]})
		}
		i, j = r.i+r.n, r.j+r.n
	}
	return segs
}

// absorbFreakMatches merges into one block two changed blocks and the
// equal stretch between them when that stretch is no longer than either
// block: a blank line or a stock phrase that two rewritten passages happen
// to share. Left alone, such matches pair the wrong paragraphs, which the
// finer passes could not repair.
func absorbFreakMatches(segs []segment) []segment {
	size := func(s segment) int { return max(s.a1-s.a0, s.b1-s.b0) }
	var out []segment
	for _, s := range segs {
		out = append(out, s)
		for k := len(out) - 1; k >= 2 && !out[k].equal && out[k-1].equal && !out[k-2].equal; k = len(out) - 1 {
			eq := size(out[k-1])
			if eq > size(out[k]) || eq > size(out[k-2]) {
				break
			}
			out[k-2].a1, out[k-2].b1 = out[k].a1, out[k].b1
			out = out[:k-1]
		}
	}
	return out
}

// tokenize cuts a and b (sa and sb as strings) into the units of pass
// level, each ending where unitEnd says or at the end of the text, and
// writes every distinct unit as one symbol, kept in ids (emptied first).
// startA and startB give the code point offset at which each unit starts,
// and the text's length last. It fails when there are more distinct units
// than symbols.
func tokenize(ids map[string]rune, sa, sb string, a, b []rune, level int) (ta, tb []rune, startA, startB []int, ok bool) {
	clear(ids)
	guess := (len(a) + len(b)) / 16 // units, a guess to size the slices
	if level == 0 {
		guess = strings.Count(sa, "\n") + strings.Count(sb, "\n") + 2
	}
	ok = true
	symbols := func(s string, text []rune) (out []rune, starts []int) {
		out, starts = make([]rune, 0, guess), make([]int, 0, guess+1)
		start := 0 // the code point offset of the unit at byte pos
		for pos := 0; pos < len(s) && ok; {
			next, n := pos, 0 // where the unit ends, in bytes; its length in code points
			for _, r := range text[start:] {
				next, n = next+runeLen(r), n+1
				if r == '\n' || level > 0 && unitEnd(level, r) {
					break
				}
			}
			key := s[pos:next]
			id, seen := ids[key]
			if !seen {
				if id, ok = unitSymbol(len(ids)); ok {
					ids[key] = id
				}
			}
			out, starts = append(out, id), append(starts, start)
			start, pos = start+n, next
		}
		return out, append(starts, len(text))
	}
	ta, startA = symbols(sa, a)
	tb, startB = symbols(sb, b)
	return ta, tb, startA, startB, ok
}

// runeLen is utf8.RuneLen for the valid code points of decoded text.
func runeLen(r rune) int {
	switch {
	case r < 0x80:
		return 1
	case r < 0x800:
		return 2
	case r < 0x10000:
		return 3
	}
	return 4
}

// unitSymbol is the symbol of the n-th distinct unit: a valid code point,
// surrogates skipped.
func unitSymbol(n int) (rune, bool) {
	if n >= 0xD800 {
		n += 0x800
	}
	return rune(n), n <= utf8.MaxRune
}
