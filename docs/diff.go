package docs

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Kinds of diff operation.
const (
	OpEqual  = "equal"
	OpInsert = "insert"
	OpDelete = "delete"
)

// DiffOp is one run of text that both texts share, or that only the new one
// (insert) or only the old one (delete) has.
type DiffOp struct {
	Op   string `json:"op"` // one of the Op constants
	Text string `json:"text"`
}

// DiffStats counts the changed text in Unicode code points.
type DiffStats struct {
	Inserted int `json:"inserted"`
	Deleted  int `json:"deleted"`
}

// Diff is what changed between two texts: character-level operations, their
// counts and a clause-level summary.
type Diff struct {
	Ops     []DiffOp       `json:"ops"`
	Stats   DiffStats      `json:"stats"`
	Clauses []ClauseChange `json:"clauses"`
}

// textDiffTimeout bounds the time spent on one pair of texts. Real
// revisions finish far below it; past it the remaining blocks are reported
// as whole deletions and insertions, which is coarser but still exact.
// A variable so that tests of the diff's quality can lift it.
var textDiffTimeout = 2 * time.Second

// DiffTexts compares two texts character by character (lines first, then
// sentences and phrases, then characters, with semantic cleanup) and
// summarises which clauses were added, removed, modified or renumbered.
// Joining the equal and insert ops gives new exactly, byte for byte; joining
// the equal and delete ops gives old.
func DiffTexts(old, new string) Diff {
	ops := diffOps(old, new)
	if old == new {
		return Diff{Ops: ops, Clauses: []ClauseChange{}}
	}
	return Diff{Ops: ops, Stats: diffStats(ops), Clauses: clauseChanges(old, new)}
}

// diffStats counts the inserted and deleted code points of ops.
func diffStats(ops []DiffOp) DiffStats {
	var s DiffStats
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

// diffOps computes the normalised operations turning old into new: no empty
// op, no two neighbours of one kind, a deletion before the insertion that
// replaces it, every boundary on a character boundary.
func diffOps(old, new string) []DiffOp {
	if old == new {
		if old == "" {
			return []DiffOp{}
		}
		return []DiffOp{{Op: OpEqual, Text: old}}
	}
	a, b := diffRunes(old), diffRunes(new)
	sa, sb := string(a), string(b)
	d := newTextDiffer()
	raw := joinDiffs(d.diff(a, b, 0))
	cleaned := d.dmp.DiffCleanupSemantic(append([]diffmatchpatch.Diff(nil), raw...))
	spans, ok := equalSpans(cleaned, sa, sb)
	if !ok { // never seen: a guard against the library's cleanup losing text
		if spans, ok = equalSpans(raw, sa, sb); !ok {
			spans = nil
		}
	}
	spans = alignSpans(spans, sa, sb)
	if sa != old || sb != new {
		spans = originalSpans(spans, old, new, a, b)
	}
	return opsFromSpans(slideEdits(spans, old, new), old, new)
}

// joinDiffs merges neighbouring diffs of one type, which the passes leave
// where an equal unit meets the equal start of a block's character diff.
func joinDiffs(diffs []diffmatchpatch.Diff) []diffmatchpatch.Diff {
	var out []diffmatchpatch.Diff
	for k := 0; k < len(diffs); {
		n := k + 1
		for n < len(diffs) && diffs[n].Type == diffs[k].Type {
			n++
		}
		df := diffs[k]
		if n > k+1 {
			var b strings.Builder
			for _, x := range diffs[k:n] {
				b.WriteString(x.Text)
			}
			df.Text = b.String()
		}
		if df.Text != "" {
			out = append(out, df)
		}
		k = n
	}
	return out
}

// diffRunes decodes s into code points; each byte of invalid UTF-8 becomes a
// code point of its own at the end of plane 16 so that the diff keeps it
// apart from U+FFFD and from the other invalid bytes.
func diffRunes(s string) []rune {
	out := make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = 0x10FF00 + rune(s[i])
		}
		out = append(out, r)
		i += size
	}
	return out
}

// textDiffer runs diffmatchpatch in passes of decreasing unit size under one
// deadline.
type textDiffer struct {
	dmp      *diffmatchpatch.DiffMatchPatch
	deadline time.Time
}

func newTextDiffer() *textDiffer {
	return &textDiffer{dmp: diffmatchpatch.New(), deadline: time.Now().Add(textDiffTimeout)}
}

// diffTokenizeMin is the size (in code points of both sides) under which a block
// is diffed character by character straight away.
const diffTokenizeMin = 1024

// diffUnitEnds are the passes before the character-level one: lines, then
// sentences, then phrases. Each pass diffs units as symbols and hands every
// replaced block to the next pass. Long Chinese texts whose every paragraph
// changed a little stay fast this way, where one character-level pass over
// the whole text would cost time quadratic in the number of edits.
var diffUnitEnds = []func(r rune) bool{
	func(r rune) bool { return r == '\n' },
	func(r rune) bool {
		return r == '\n' || r == '。' || r == '；' || r == '！' || r == '？' || r == ';' || r == '!' || r == '?'
	},
	func(r rune) bool {
		return r == '\n' || r == '。' || r == '；' || r == '！' || r == '？' || r == ';' || r == '!' || r == '?' ||
			r == '，' || r == '、' || r == '：' || r == ',' || r == ':'
	},
}

// diff compares a and b at pass level and below.
func (d *textDiffer) diff(a, b []rune, level int) []diffmatchpatch.Diff {
	if level >= len(diffUnitEnds) || len(a)+len(b) < diffTokenizeMin {
		return d.main(a, b)
	}
	ta, tb, units, ok := diffTokenize(a, b, diffUnitEnds[level])
	if !ok || (len(ta) < 2 && len(tb) < 2) {
		return d.diff(a, b, level+1)
	}
	var out []diffmatchpatch.Diff
	segs := unitSegments(d.main(ta, tb), units)
	if level == 0 {
		segs = absorbFreakMatches(segs)
	}
	for _, s := range segs {
		del, ins := a[s.a0:s.a1], b[s.b0:s.b1]
		switch {
		case s.equal:
			out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(del)})
		case len(del) > 0 && len(ins) > 0:
			out = append(out, d.diff(del, ins, level+1)...)
		case len(del) > 0:
			out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffDelete, Text: string(del)})
		case len(ins) > 0:
			out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffInsert, Text: string(ins)})
		}
	}
	return out
}

// diffSegment is a stretch of both texts, in code points: equal, or a
// changed block (deletion a0:a1 replaced by insertion b0:b1).
type diffSegment struct {
	equal          bool
	a0, a1, b0, b1 int
}

// unitSegments turns a diff of unit symbols into segments of the texts,
// each run of deletions and insertions between equal units one block.
func unitSegments(diffs []diffmatchpatch.Diff, units [][]rune) []diffSegment {
	var segs []diffSegment
	i, j := 0, 0
	for _, df := range diffs {
		n := 0
		for _, r := range df.Text {
			n += len(units[diffUnitIndex(r)])
		}
		equal := df.Type == diffmatchpatch.DiffEqual
		if k := len(segs) - 1; k < 0 || segs[k].equal || equal {
			segs = append(segs, diffSegment{equal: equal, a0: i, a1: i, b0: j, b1: j})
		}
		s := &segs[len(segs)-1]
		if df.Type != diffmatchpatch.DiffInsert {
			i += n
			s.a1 = i
		}
		if df.Type != diffmatchpatch.DiffDelete {
			j += n
			s.b1 = j
		}
	}
	return segs
}

// absorbFreakMatches merges into one block two changed blocks and the
// equal stretch between them when that stretch is no longer than either
// block: a blank line or a stock phrase that two rewritten passages happen
// to share. Left alone, such matches pair the wrong paragraphs, which the
// finer passes could not repair.
func absorbFreakMatches(segs []diffSegment) []diffSegment {
	size := func(s diffSegment) int { return max(s.a1-s.a0, s.b1-s.b0) }
	var out []diffSegment
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

// main is one diffmatchpatch run over code points (or unit symbols) with the
// time left before the deadline.
func (d *textDiffer) main(a, b []rune) []diffmatchpatch.Diff {
	d.dmp.DiffTimeout = max(time.Until(d.deadline), time.Nanosecond)
	return d.dmp.DiffMainRunes(a, b, false)
}

// diffTokenize cuts a and b into units, each ending where end says or at the end
// of the text, and writes every distinct unit as one symbol. It fails when
// there are more distinct units than symbols.
func diffTokenize(a, b []rune, end func(rune) bool) (ta, tb []rune, units [][]rune, ok bool) {
	ids := map[string]rune{}
	symbols := func(text []rune) []rune {
		var out []rune
		for start := 0; start < len(text) && ok; {
			stop := start
			for stop < len(text)-1 && !end(text[stop]) {
				stop++
			}
			unit := text[start : stop+1]
			key := string(unit)
			id, seen := ids[key]
			if !seen {
				if id, ok = diffUnitSymbol(len(units)); ok {
					ids[key] = id
					units = append(units, unit)
				}
			}
			out = append(out, id)
			start = stop + 1
		}
		return out
	}
	ok = true
	ta = symbols(a)
	tb = symbols(b)
	return ta, tb, units, ok
}

// diffUnitSymbol is the symbol of the n-th distinct unit: a valid code point,
// surrogates skipped.
func diffUnitSymbol(n int) (rune, bool) {
	if n >= 0xD800 {
		n += 0x800
	}
	return rune(n), n <= utf8.MaxRune
}

// diffUnitIndex inverts diffUnitSymbol.
func diffUnitIndex(r rune) int {
	if r >= 0xE000 {
		return int(r) - 0x800
	}
	return int(r)
}

// diffSpan is a run of equal text: n bytes at a in the old text and at b in
// the new.
type diffSpan struct{ a, b, n int }

// equalSpans reads the equal runs of diffs, checking that the diffs spell
// out sa and sb exactly.
func equalSpans(diffs []diffmatchpatch.Diff, sa, sb string) ([]diffSpan, bool) {
	var spans []diffSpan
	i, j := 0, 0
	for _, df := range diffs {
		t := df.Text
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			if !strings.HasPrefix(sa[i:], t) || !strings.HasPrefix(sb[j:], t) {
				return nil, false
			}
			if t != "" {
				spans = append(spans, diffSpan{i, j, len(t)})
			}
			i, j = i+len(t), j+len(t)
		case diffmatchpatch.DiffDelete:
			if !strings.HasPrefix(sa[i:], t) {
				return nil, false
			}
			i += len(t)
		case diffmatchpatch.DiffInsert:
			if !strings.HasPrefix(sb[j:], t) {
				return nil, false
			}
			j += len(t)
		}
	}
	return spans, i == len(sa) && j == len(sb)
}

// alignSpans trims every equal span to character boundaries, moves the
// characters that a replaced block's deletion and insertion share at either
// end into the spans around it, and merges touching spans. The trimming is
// a guard: the semantic cleanup of diffmatchpatch v1.4.0 slices by bytes a
// length it counted in characters, a cut that its next step normally undoes.
func alignSpans(spans []diffSpan, sa, sb string) []diffSpan {
	var out []diffSpan
	endA, endB := 0, 0
	for k := 0; k <= len(spans); k++ {
		next := diffSpan{len(sa), len(sb), 0}
		if k < len(spans) {
			next = snapDiffSpan(spans[k], sa, sb)
			if next.n == 0 {
				continue
			}
		}
		ga, gb := sa[endA:next.a], sb[endB:next.b]
		p := diffCommonPrefix(ga, gb)
		out = appendDiffSpan(out, diffSpan{endA, endB, p})
		s := diffCommonSuffix(ga[p:], gb[p:])
		out = appendDiffSpan(out, diffSpan{next.a - s, next.b - s, s})
		out = appendDiffSpan(out, next)
		endA, endB = next.a+next.n, next.b+next.n
	}
	return out
}

// snapDiffSpan shrinks s until both of its ends fall on character
// boundaries of both texts.
func snapDiffSpan(s diffSpan, sa, sb string) diffSpan {
	at := func(d int) bool { return diffBoundary(sa, s.a+d) && diffBoundary(sb, s.b+d) }
	lo, hi := 0, s.n
	for lo <= hi && !at(lo) {
		lo++
	}
	for hi > lo && !at(hi) {
		hi--
	}
	if lo >= hi {
		return diffSpan{s.a, s.b, 0}
	}
	return diffSpan{s.a + lo, s.b + lo, hi - lo}
}

// diffBoundary reports whether byte offset i of s starts a character or ends s.
func diffBoundary(s string, i int) bool {
	return i <= 0 || i >= len(s) || utf8.RuneStart(s[i])
}

// diffCommonPrefix is the length in bytes of the whole characters x and y
// start with.
func diffCommonPrefix(x, y string) int {
	n := 0
	for n < len(x) && n < len(y) && x[n] == y[n] {
		n++
	}
	for n > 0 && !(diffBoundary(x, n) && diffBoundary(y, n)) {
		n--
	}
	return n
}

// diffCommonSuffix is the length in bytes of the whole characters x and y
// end with.
func diffCommonSuffix(x, y string) int {
	n := 0
	for n < len(x) && n < len(y) && x[len(x)-1-n] == y[len(y)-1-n] {
		n++
	}
	for n > 0 && !(diffBoundary(x, len(x)-n) && diffBoundary(y, len(y)-n)) {
		n--
	}
	return n
}

// appendDiffSpan appends s unless it is empty, merging it into the last
// span when they touch.
func appendDiffSpan(spans []diffSpan, s diffSpan) []diffSpan {
	if s.n == 0 {
		return spans
	}
	if k := len(spans) - 1; k >= 0 && spans[k].a+spans[k].n == s.a && spans[k].b+spans[k].n == s.b {
		spans[k].n += s.n
		return spans
	}
	return append(spans, s)
}

// originalSpans maps spans over the decoded texts string(a) and string(b)
// back to byte offsets of the original old and new, which differ from them
// only where the originals hold invalid UTF-8. Code points that stand for
// different original bytes are left out of the spans.
func originalSpans(spans []diffSpan, old, new string, a, b []rune) []diffSpan {
	da, db := diffDecodedOffsets(a), diffDecodedOffsets(b)
	oa, ob := diffOriginalOffsets(old), diffOriginalOffsets(new)
	var out []diffSpan
	for _, s := range spans {
		ka, kb := sort.SearchInts(da, s.a), sort.SearchInts(db, s.b)
		m := sort.SearchInts(da, s.a+s.n) - ka
		for t := 0; t < m; t++ {
			x, y := old[oa[ka+t]:oa[ka+t+1]], new[ob[kb+t]:ob[kb+t+1]]
			if x == y {
				out = appendDiffSpan(out, diffSpan{oa[ka+t], ob[kb+t], len(x)})
			}
		}
	}
	return out
}

// diffDecodedOffsets gives the byte offset in string(rs) of every code point of
// rs, and the length of that string last.
func diffDecodedOffsets(rs []rune) []int {
	offs := make([]int, 0, len(rs)+1)
	n := 0
	for _, r := range rs {
		offs = append(offs, n)
		n += utf8.RuneLen(r)
	}
	return append(offs, n)
}

// diffOriginalOffsets gives the byte offset in s of every code point that
// diffRunes decodes, and len(s) last.
func diffOriginalOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		offs = append(offs, i)
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return append(offs, len(s))
}

// opsFromSpans writes the operations that the equal spans leave between
// them: the deletion, then the insertion, then the equal text.
func opsFromSpans(spans []diffSpan, old, new string) []DiffOp {
	ops := []DiffOp{}
	i, j := 0, 0
	for _, s := range append(spans, diffSpan{len(old), len(new), 0}) {
		if s.a > i {
			ops = append(ops, DiffOp{Op: OpDelete, Text: old[i:s.a]})
		}
		if s.b > j {
			ops = append(ops, DiffOp{Op: OpInsert, Text: new[j:s.b]})
		}
		if s.n > 0 {
			ops = append(ops, DiffOp{Op: OpEqual, Text: old[s.a : s.a+s.n]})
		}
		i, j = s.a+s.n, s.b+s.n
	}
	return ops
}

// slideEdits moves each pure insertion or deletion that sits between two
// equal spans sideways, where the text allows, to the best boundary: a
// blank line, a line break, the end of a sentence, a comma. The library's
// own pass finds no boundary in Chinese text: it scores every character
// that is not an ASCII letter or digit alike.
func slideEdits(spans []diffSpan, old, new string) []diffSpan {
	for k := 0; k+1 < len(spans); k++ {
		p, q := &spans[k], &spans[k+1]
		if p.n == 0 {
			continue // emptied by the previous slide: its edit joins this gap
		}
		var d int
		switch {
		case q.a == p.a+p.n: // an insertion
			d = bestSlide(new, p.b, p.b+p.n, q.b, q.b+q.n)
		case q.b == p.b+p.n: // a deletion
			d = bestSlide(old, p.a, p.a+p.n, q.a, q.a+q.n)
		default:
			continue // a replacement cannot slide
		}
		p.n += d
		q.a, q.b, q.n = q.a+d, q.b+d, q.n-d
	}
	out := spans[:0]
	for _, s := range spans {
		out = appendDiffSpan(out, s)
	}
	return out
}

// bestSlide returns how many bytes the edit text[s:e], standing between the
// equal texts text[lo:s] and text[e:hi], should move right (negative: left)
// to sit on the best boundary. Moving it one character along rotates it,
// which is possible where it starts (or ends) as the equal text beside it does.
func bestSlide(text string, lo, s, e, hi int) int {
	from := s
	for s > lo {
		_, size := utf8.DecodeLastRuneInString(text[lo:s])
		if _, last := utf8.DecodeLastRuneInString(text[s:e]); last != size || text[s-size:s] != text[e-size:e] {
			break
		}
		s, e = s-size, e-size
	}
	score := func() int { return boundaryScore(text[lo:s], text[s:e]) + boundaryScore(text[s:e], text[e:hi]) }
	best, bestScore := s, score()
	for e < hi {
		_, size := utf8.DecodeRuneInString(text[s:e])
		if _, next := utf8.DecodeRuneInString(text[e:hi]); next != size || text[s:s+size] != text[e:e+size] {
			break
		}
		s, e = s+size, e+size
		// >= prefers the rightmost place: an edit ending with its newline.
		if sc := score(); sc >= bestScore {
			best, bestScore = s, sc
		}
	}
	return best - from
}

// boundaryScore rates the boundary between one and two, from 6 (the edge of
// the text) down to 0 (between two letters or two Chinese characters).
func boundaryScore(one, two string) int {
	if one == "" || two == "" {
		return 6
	}
	r1, _ := utf8.DecodeLastRuneInString(one)
	r2, _ := utf8.DecodeRuneInString(two)
	switch {
	case strings.HasSuffix(one, "\n\n") || strings.HasSuffix(one, "\n\r\n") ||
		strings.HasPrefix(two, "\n\n") || strings.HasPrefix(two, "\r\n\r\n"):
		return 5
	case r1 == '\n' || r1 == '\r' || r2 == '\n' || r2 == '\r':
		return 4
	case strings.ContainsRune("。！？；.!?;", r1):
		return 3
	case unicode.IsSpace(r1) || unicode.IsSpace(r2) || strings.ContainsRune("，、：,:", r1):
		return 2
	case unicode.IsPunct(r1) || unicode.IsPunct(r2) || unicode.IsSymbol(r1) || unicode.IsSymbol(r2) ||
		unicode.Is(unicode.Han, r1) != unicode.Is(unicode.Han, r2):
		return 1
	}
	return 0
}

// Kinds of clause change.
const (
	ChangeAdded      = "added"
	ChangeRemoved    = "removed"
	ChangeModified   = "modified"
	ChangeRenumbered = "renumbered"
)

// ClauseChange is one line of a diff's clause summary.
type ClauseChange struct {
	Clause string `json:"clause"`         // number in the new text (the old one for "removed"); "" for 前言 and other elements
	Title  string `json:"title"`          // title in the new text (the old one for "removed")
	Change string `json:"change"`         // one of the Change constants
	From   string `json:"from,omitempty"` // the old number, for "renumbered"
}

// Thresholds of the Dice coefficient over character bigrams above which two
// clause texts count as one clause edited.
const (
	similarMoved = 0.6 // a clause found under another number
	similarKept  = 0.4 // a clause under the same number or title
)

// similarSlot is the share of the shorter text's bigrams that a clause
// rewritten in place (same number, same neighbours) must keep: expanding a
// short clause lowers its Dice coefficient but not this.
const similarSlot = 0.35

// clauseDigest is a clause with what matching needs.
type clauseDigest struct {
	Clause
	key   string   // the number, or the anchor of an unnumbered element
	text  string   // the clause's own text, its number label taken out
	grams []uint64 // its distinct character bigrams, sorted
}

// clauseChanges summarises which clauses of old were removed, modified or
// renumbered in new and which are new: in the order of the new text, a
// removed clause where it stood.
func clauseChanges(old, new string) []ClauseChange {
	o, n := digestClauses(old), digestClauses(new)
	oldTo, newTo := matchClauses(o, n)
	return summarizeClauses(o, n, oldTo, newTo)
}

// digestClauses segments text into clauses and reads each one's own text.
func digestClauses(text string) []clauseDigest {
	cs := Clauses(text)
	at := codePointIndexer(text)
	out := make([]clauseDigest, len(cs))
	for i, c := range cs {
		key := c.Number
		if key == "" {
			key = c.Anchor
		}
		start := at(c.Start)
		own := clauseOwnText(text[start:at(c.End)], c.Number)
		out[i] = clauseDigest{Clause: c, key: key, text: own, grams: clauseBigrams(own)}
	}
	return out
}

// codePointIndexer returns a function giving the byte offset of code point
// cp of text (len(text) past its end), fast when asked in increasing order.
func codePointIndexer(text string) func(cp int) int {
	pos, n := 0, 0
	return func(cp int) int {
		if cp < n {
			pos, n = 0, 0
		}
		for n < cp && pos < len(text) {
			_, size := utf8.DecodeRuneInString(text[pos:])
			pos, n = pos+size, n+1
		}
		return pos
	}
}

// clauseOwnText is the text of a clause without the heading marks and the
// number on its first line, trimmed, so that a renumbered clause reads the
// same as before.
func clauseOwnText(body, number string) string {
	first, rest, _ := strings.Cut(body, "\n")
	first = strings.TrimLeft(first, "# \t\u3000")
	if number != "" {
		first = strings.Replace(first, number, "", 1)
	}
	return strings.TrimSpace(first + "\n" + rest)
}

// clauseBigrams returns the distinct pairs of neighbouring non-space code
// points of s (the one code point of a one-character text), sorted.
func clauseBigrams(s string) []uint64 {
	rs := []rune(strings.Join(strings.Fields(s), ""))
	if len(rs) == 1 {
		return []uint64{uint64(rs[0])}
	}
	grams := make([]uint64, 0, len(rs))
	for i := 1; i < len(rs); i++ {
		grams = append(grams, uint64(rs[i-1])<<21|uint64(rs[i]))
	}
	slices.Sort(grams)
	return slices.Compact(grams)
}

// matchClauses pairs old clauses with new ones, content first: identical
// texts in order, then identical texts that moved, then similar texts (the
// same number preferred), then clauses of one number rewritten in place.
// oldTo[i] is the new index of old clause i, or -1; newTo the other way
// round.
func matchClauses(old, new []clauseDigest) (oldTo, newTo []int) {
	oldTo, newTo = make([]int, len(old)), make([]int, len(new))
	for i := range oldTo {
		oldTo[i] = -1
	}
	for j := range newTo {
		newTo[j] = -1
	}
	pair := func(i, j int) { oldTo[i], newTo[j] = j, i }
	pairIdenticalInOrder(old, new, pair)
	pairIdenticalMoved(old, new, oldTo, newTo, pair)
	pairSimilar(old, new, oldTo, newTo, pair)
	pairSameSlot(old, new, oldTo, newTo, pair)
	return oldTo, newTo
}

// clauseIdentity is what must be equal for two clauses to count as the same
// unchanged text: the text, and for an unnumbered element also its anchor.
func clauseIdentity(c clauseDigest) string {
	if c.Kind == KindElement {
		return c.key + "\x00" + c.text
	}
	return c.text
}

// pairIdenticalInOrder pairs the longest in-order sequence of identical
// clause texts, so that repeated headings such as 一般规定 pair with the
// right chapter.
func pairIdenticalInOrder(old, new []clauseDigest, pair func(i, j int)) {
	ids := map[string]rune{}
	symbols := func(cs []clauseDigest) []rune {
		out := make([]rune, len(cs))
		for k, c := range cs {
			id, seen := ids[clauseIdentity(c)]
			if !seen {
				id, _ = diffUnitSymbol(len(ids))
				ids[clauseIdentity(c)] = id
			}
			out[k] = id
		}
		return out
	}
	ta, tb := symbols(old), symbols(new)
	dmp := diffmatchpatch.New()
	i, j := 0, 0
	for _, d := range dmp.DiffMainRunes(ta, tb, false) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for k := 0; k < n; k++ {
				pair(i+k, j+k)
			}
			i, j = i+n, j+n
		case diffmatchpatch.DiffDelete:
			i += n
		case diffmatchpatch.DiffInsert:
			j += n
		}
	}
}

// pairIdenticalMoved pairs the remaining identical texts, in order of
// appearance: clauses that moved across others.
func pairIdenticalMoved(old, new []clauseDigest, oldTo, newTo []int, pair func(i, j int)) {
	free := map[string][]int{}
	for j, c := range new {
		if newTo[j] < 0 {
			free[clauseIdentity(c)] = append(free[clauseIdentity(c)], j)
		}
	}
	for i, c := range old {
		if js := free[clauseIdentity(c)]; oldTo[i] < 0 && len(js) > 0 {
			pair(i, js[0])
			free[clauseIdentity(c)] = js[1:]
		}
	}
}

// clausePair is a candidate pairing of old clause i with new clause j.
type clausePair struct {
	i, j  int
	score float64
	shift float64 // how far apart they stand, relative to the texts' lengths
}

// pairSimilar pairs the remaining clauses whose texts are similar, best
// candidates first; the same number or title raises a candidate's score.
func pairSimilar(old, new []clauseDigest, oldTo, newTo []int, pair func(i, j int)) {
	var cands []clausePair
	for i, js := range similarCandidates(old, new, oldTo, newTo) {
		for _, c := range js {
			if score, ok := clauseSimilarity(old[i], new[c.j], c.dice); ok {
				shift := float64(i)/float64(len(old)) - float64(c.j)/float64(len(new))
				cands = append(cands, clausePair{i, c.j, score, max(shift, -shift)})
			}
		}
	}
	slices.SortStableFunc(cands, func(x, y clausePair) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.shift, y.shift))
	})
	for _, c := range cands {
		if oldTo[c.i] < 0 && newTo[c.j] < 0 {
			pair(c.i, c.j)
		}
	}
}

// clauseCandidate is an unpaired new clause j and its Dice coefficient
// with an old one.
type clauseCandidate struct {
	j    int
	dice float64
}

// similarCandidates finds, for each unpaired old clause, the unpaired new
// clauses that share a bigram with it or its number, through an index of
// the new clauses' bigrams rather than by comparing every pair.
func similarCandidates(old, new []clauseDigest, oldTo, newTo []int) [][]clauseCandidate {
	postings, byKey := map[uint64][]int{}, map[string][]int{}
	for j, n := range new {
		if newTo[j] < 0 {
			for _, g := range n.grams {
				postings[g] = append(postings[g], j)
			}
			byKey[n.key] = append(byKey[n.key], j)
		}
	}
	out := make([][]clauseCandidate, len(old))
	shared, seen := make([]int, len(new)), make([]int, len(new))
	for i, o := range old {
		if oldTo[i] >= 0 {
			continue
		}
		var touched []int
		touch := func(j int) {
			if seen[j] != i+1 {
				seen[j], shared[j] = i+1, 0
				touched = append(touched, j)
			}
		}
		for _, g := range o.grams {
			for _, j := range postings[g] {
				touch(j)
				shared[j]++
			}
		}
		for _, j := range byKey[o.key] {
			touch(j)
		}
		for _, j := range touched {
			d := 2 * float64(shared[j]) / float64(max(1, len(o.grams)+len(new[j].grams)))
			out[i] = append(out[i], clauseCandidate{j, d})
		}
	}
	return out
}

// clauseSimilarity scores old clause o as the ancestor of new clause n,
// given the Dice coefficient of their bigrams, and says whether they are
// similar enough to be one clause at all.
func clauseSimilarity(o, n clauseDigest, dice float64) (float64, bool) {
	sameKey := o.key == n.key
	if (o.Kind == KindElement || n.Kind == KindElement) && !sameKey {
		return 0, false
	}
	sameTitle := o.Title != "" && o.Title == n.Title
	ok := dice >= similarMoved || (sameKey || sameTitle) && dice >= similarKept || sameKey && sameTitle
	score := dice
	if sameKey {
		score += 0.25
	}
	if sameTitle {
		score += 0.1
	}
	return score, ok
}

// pairSameSlot pairs the remaining clauses of one number that stand
// between the same paired neighbours and share enough of the shorter text.
func pairSameSlot(old, new []clauseDigest, oldTo, newTo []int, pair func(i, j int)) {
	byKey := map[string][]int{}
	for j, n := range new {
		if newTo[j] < 0 {
			byKey[n.key] = append(byKey[n.key], j)
		}
	}
	for i, o := range old {
		if oldTo[i] >= 0 || len(byKey[o.key]) == 0 {
			continue
		}
		lo, hi := -1, len(new) // the new places of the nearest paired old clauses
		for k := i - 1; k >= 0 && lo < 0; k-- {
			lo = oldTo[k]
		}
		for k := i + 1; k < len(old) && hi == len(new); k++ {
			if oldTo[k] >= 0 {
				hi = oldTo[k]
			}
		}
		for _, j := range byKey[o.key] {
			shorter := min(len(o.grams), len(new[j].grams))
			if newTo[j] < 0 && lo < j && j < hi && shorter > 0 &&
				float64(sharedGrams(o.grams, new[j].grams)) >= similarSlot*float64(shorter) {
				pair(i, j)
				break
			}
		}
	}
}

// sharedGrams counts the elements two sorted sets have in common.
func sharedGrams(a, b []uint64) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n, i, j = n+1, i+1, j+1
		}
	}
	return n
}

// summarizeClauses lists the changes in the order of the new text, each
// removed clause after the new place of the nearest old clause before it
// that was kept.
func summarizeClauses(old, new []clauseDigest, oldTo, newTo []int) []ClauseChange {
	type placed struct {
		pos, sub int
		c        ClauseChange
	}
	var list []placed
	for j, n := range new {
		c := ClauseChange{Clause: n.Number, Title: n.Title}
		switch i := newTo[j]; {
		case i < 0:
			c.Change = ChangeAdded
		case old[i].key != n.key:
			c.Change, c.From = ChangeRenumbered, old[i].Number
		case old[i].text != n.text:
			c.Change = ChangeModified
		default:
			continue
		}
		list = append(list, placed{j, 0, c})
	}
	for i, o := range old {
		if oldTo[i] >= 0 {
			continue
		}
		pos := -1
		for k := i - 1; k >= 0 && pos < 0; k-- {
			pos = oldTo[k]
		}
		list = append(list, placed{pos, 1 + i, ClauseChange{Clause: o.Number, Title: o.Title, Change: ChangeRemoved}})
	}
	slices.SortStableFunc(list, func(x, y placed) int {
		return cmp.Or(cmp.Compare(x.pos, y.pos), cmp.Compare(x.sub, y.sub))
	})
	out := make([]ClauseChange, len(list))
	for k, p := range list {
		out[k] = p.c
	}
	return out
}
