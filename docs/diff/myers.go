package diff

// The diff of two sequences of code points (or unit symbols):
// diffmatchpatch's DiffMainRunes (v1.4.0), step for step: common prefix and
// suffix, the shorter sequence inside the longer, the half match, Myers's
// bisection, each result merged by DiffCleanupMerge. The library writes
// every intermediate result as strings and converts them back to code
// points at each level of its recursion; here a result is a list of
// lengths in one growing buffer, merged in place, and nothing is copied.
// A differential test holds the two to the same diffs, empty operations
// included.

import (
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// runDiff is one operation over two sequences: n elements of both (equal),
// of the first (delete) or of the second (insert), those that the
// operations before it leave.
type runDiff struct {
	op diffmatchpatch.Operation
	n  int
}

// runeDiffer diffs sequences under one deadline. Its buffers are reused
// from one diff to the next.
type runeDiffer struct {
	deadline time.Time
	out      []runDiff         // the results, each level of the recursion after the one that called it
	tmp      []runDiff         // scratch space of merge
	v        []int             // scratch space of bisect
	split    []bool            // scratch space of removeSmallEqualities
	stack    []int             // scratch space of removeSmallEqualities
	work     int               // steps of bisection since the clock was last read
	late     bool              // the deadline has passed
	record   func(a, b []rune) // for tests: sees every pair diffed
}

// diffs returns the diff of a and b, valid until the next call.
func (m *runeDiffer) diffs(a, b []rune) []runDiff {
	if m.record != nil {
		m.record(a, b)
	}
	m.out = m.out[:0]
	m.diff(a, b)
	return m.out
}

// diff is DiffMainRunes(a, b, false) with the deadline: it appends the
// diff of a and b to m.out.
func (m *runeDiffer) diff(a, b []rune) {
	start := len(m.out)
	if runesEqualSlices(a, b) {
		if len(a) > 0 {
			m.out = append(m.out, runDiff{diffmatchpatch.DiffEqual, len(a)})
		}
		return
	}
	prefix := commonRunePrefix(a, b)
	ta, tb := a[prefix:], b[prefix:]
	suffix := commonRuneSuffix(ta, tb)
	ta, tb = ta[:len(ta)-suffix], tb[:len(tb)-suffix]
	if prefix != 0 {
		m.out = append(m.out, runDiff{diffmatchpatch.DiffEqual, prefix})
	}
	m.compute(ta, tb)
	if suffix != 0 {
		m.out = append(m.out, runDiff{diffmatchpatch.DiffEqual, suffix})
	}
	m.merge(a, b, start)
}

// compute is diffCompute: a and b share no prefix or suffix.
func (m *runeDiffer) compute(a, b []rune) {
	if len(a) == 0 {
		m.out = append(m.out, runDiff{diffmatchpatch.DiffInsert, len(b)})
		return
	}
	if len(b) == 0 {
		m.out = append(m.out, runDiff{diffmatchpatch.DiffDelete, len(a)})
		return
	}
	long, short, op := b, a, diffmatchpatch.DiffInsert
	if len(a) > len(b) {
		long, short, op = a, b, diffmatchpatch.DiffDelete
	}
	if i := runesIndexOf(long, short, 0); i != -1 {
		m.out = append(m.out, runDiff{op, i}, runDiff{diffmatchpatch.DiffEqual, len(short)}, runDiff{op, len(long) - i - len(short)})
		return
	}
	if len(short) == 1 {
		m.out = append(m.out, runDiff{diffmatchpatch.DiffDelete, len(a)}, runDiff{diffmatchpatch.DiffInsert, len(b)})
		return
	}
	if hm, ok := halfMatchRunes(a, b); ok {
		m.diff(a[:hm.a0], b[:hm.b0])
		m.out = append(m.out, runDiff{diffmatchpatch.DiffEqual, hm.n})
		m.diff(a[hm.a0+hm.n:], b[hm.b0+hm.n:])
		return
	}
	m.bisect(a, b)
}

// halfMatch is a common stretch of n elements at a0 in a and b0 in b.
type halfMatch struct{ a0, b0, n int }

// halfMatchRunes is diffHalfMatch: a stretch both share that is at least
// half as long as the longer.
func halfMatchRunes(a, b []rune) (halfMatch, bool) {
	long, short := b, a
	if len(a) > len(b) {
		long, short = a, b
	}
	if len(long) < 4 || len(short)*2 < len(long) {
		return halfMatch{}, false
	}
	hm1, ok1 := halfMatchAt(long, short, (len(long)+3)/4)
	hm2, ok2 := halfMatchAt(long, short, (len(long)+1)/2)
	var hm halfMatch
	switch {
	case !ok1 && !ok2:
		return halfMatch{}, false
	case !ok2:
		hm = hm1
	case !ok1:
		hm = hm2
	case hm1.n > hm2.n:
		hm = hm1
	default:
		hm = hm2
	}
	if len(a) > len(b) {
		return hm, true
	}
	return halfMatch{hm.b0, hm.a0, hm.n}, true
}

// halfMatchAt is diffHalfMatchI: the longest stretch of short around the
// quarter of long that starts at i, as {a0: in long, b0: in short, n}.
func halfMatchAt(long, short []rune, i int) (halfMatch, bool) {
	seed := long[i : i+len(long)/4]
	var best halfMatch
	for j := runesIndexOf(short, seed, 0); j != -1; j = runesIndexOf(short, seed, j+1) {
		prefix := commonRunePrefix(long[i:], short[j:])
		suffix := commonRuneSuffix(long[:i], short[:j])
		if best.n < suffix+prefix {
			best = halfMatch{i - suffix, j - suffix, suffix + prefix}
		}
	}
	return best, best.n*2 >= len(long)
}

// bisect is diffBisect: it finds Myers's middle snake, then diffs both
// halves on their own.
func (m *runeDiffer) bisect(a, b []rune) {
	n1, n2 := len(a), len(b)
	maxD := (n1 + n2 + 1) / 2
	off, vLen := maxD, 2*maxD
	// One more slot each, so that both neighbours of every diagonal can be
	// read without a test; the one past the end is never used.
	if cap(m.v) < 2*vLen+2 {
		m.v = make([]int, 2*vLen+2)
	}
	v1, v2 := m.v[:vLen+1], m.v[vLen+1:2*vLen+2]
	for i := range v1 {
		v1[i], v2[i] = -1, -1
	}
	v1[off+1], v2[off+1] = 0, 0
	delta := n1 - n2
	front := delta%2 != 0 // the front path meets the reverse one
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for d := 0; d < maxD; d++ {
		if m.expired(d) {
			break
		}
		for k1 := -d + k1start; k1 <= d-k1end; k1 += 2 {
			k1off := off + k1
			lo, hi := v1[k1off-1], v1[k1off+1]
			x1 := lo + 1
			if k1 == -d || k1 != d && lo < hi {
				x1 = hi
			}
			y1 := x1 - k1
			for uint(x1) < uint(len(a)) && uint(y1) < uint(len(b)) && a[x1] == b[y1] {
				x1++
				y1++
			}
			v1[k1off] = x1
			switch {
			case x1 > n1:
				k1end += 2
			case y1 > n2:
				k1start += 2
			case front:
				if k2off := off + delta - k1; k2off >= 0 && k2off < vLen && v2[k2off] != -1 && x1 >= n1-v2[k2off] {
					m.diff(a[:x1], b[:y1])
					m.diff(a[x1:], b[y1:])
					return
				}
			}
		}
		for k2 := -d + k2start; k2 <= d-k2end; k2 += 2 {
			k2off := off + k2
			lo, hi := v2[k2off-1], v2[k2off+1]
			x2 := lo + 1
			if k2 == -d || k2 != d && lo < hi {
				x2 = hi
			}
			y2 := x2 - k2
			for i, j := n1-x2-1, n2-y2-1; uint(i) < uint(len(a)) && uint(j) < uint(len(b)) && a[i] == b[j]; i, j = i-1, j-1 {
				x2++
				y2++
			}
			v2[k2off] = x2
			switch {
			case x2 > n1:
				k2end += 2
			case y2 > n2:
				k2start += 2
			case !front:
				if k1off := off + delta - k2; k1off >= 0 && k1off < vLen && v1[k1off] != -1 {
					x1 := v1[k1off]
					y1 := off + x1 - k1off
					if x1 >= n1-x2 {
						m.diff(a[:x1], b[:y1])
						m.diff(a[x1:], b[y1:])
						return
					}
				}
			}
		}
		m.work += 2*d + 2
	}
	// Out of time, or nothing in common.
	m.out = append(m.out, runDiff{diffmatchpatch.DiffDelete, n1}, runDiff{diffmatchpatch.DiffInsert, n2})
}

// expired is the bisection's check of the deadline at round d: the library
// reads the clock every 16 rounds of every bisection, which costs more than
// small bisections themselves; here the clock is read after every 16k
// steps of work, and once the deadline has passed every bisection stops at
// once, as the library's would.
func (m *runeDiffer) expired(d int) bool {
	if d%16 != 0 {
		return false
	}
	if !m.late && m.work >= 1<<14 {
		m.work = 0
		m.late = time.Now().After(m.deadline)
	}
	return m.late
}

// merge is DiffCleanupMerge over m.out[start:], which spells out a and b.
// Each run of edits between equalities becomes one deletion and one
// insertion (of the kinds it has, even when factoring leaves one empty),
// their common prefix and suffix joining the equalities around them, and
// neighbouring equalities join. Then a single edit between two equalities
// that it ends (or starts) with shifts over that equality; while shifts
// happen, the whole is merged again.
func (m *runeDiffer) merge(a, b []rune, start int) {
	for {
		m.tmp = append(m.tmp[:0], m.out[start:]...)
		m.out = m.out[:start]
		if !m.mergeOnce(a, b, m.tmp, start) {
			return
		}
	}
}

// mergeOnce appends the merge of diffs to m.out, which ends at start, and
// reports whether it shifted an edit.
func (m *runeDiffer) mergeOnce(a, b []rune, diffs []runDiff, start int) bool {
	i, j := 0, 0 // where the current run of edits starts in a and b
	countDel, countIns, lenDel, lenIns := 0, 0, 0, 0
	for k := 0; k <= len(diffs); k++ {
		df := runDiff{diffmatchpatch.DiffEqual, 0} // the sentinel at the end
		if k < len(diffs) {
			df = diffs[k]
		}
		switch df.op {
		case diffmatchpatch.DiffInsert:
			countIns++
			lenIns += df.n
			m.out = append(m.out, df)
			continue
		case diffmatchpatch.DiffDelete:
			countDel++
			lenDel += df.n
			m.out = append(m.out, df)
			continue
		}
		last := len(m.out) - 1 // the operation before df
		switch {
		case countDel+countIns > 1:
			m.out = m.out[:len(m.out)-countDel-countIns]
			if countDel != 0 && countIns != 0 {
				if c := commonRunePrefix(b[j:j+lenIns], a[i:i+lenDel]); c != 0 {
					if k := len(m.out) - 1; k >= start && m.out[k].op == diffmatchpatch.DiffEqual {
						m.out[k].n += c
					} else {
						m.out = append(m.out, runDiff{diffmatchpatch.DiffEqual, c})
					}
					i, j, lenDel, lenIns = i+c, j+c, lenDel-c, lenIns-c
				}
				if c := commonRuneSuffix(b[j:j+lenIns], a[i:i+lenDel]); c != 0 {
					df.n += c
					lenDel, lenIns = lenDel-c, lenIns-c
				}
			}
			if countDel != 0 {
				m.out = append(m.out, runDiff{diffmatchpatch.DiffDelete, lenDel})
			}
			if countIns != 0 {
				m.out = append(m.out, runDiff{diffmatchpatch.DiffInsert, lenIns})
			}
			m.out = append(m.out, df)
		case last >= start && m.out[last].op == diffmatchpatch.DiffEqual:
			m.out[last].n += df.n
		default:
			m.out = append(m.out, df)
		}
		i, j = i+lenDel+df.n, j+lenIns+df.n
		countDel, countIns, lenDel, lenIns = 0, 0, 0, 0
	}
	if last := len(m.out) - 1; m.out[last].n == 0 {
		m.out = m.out[:last]
	}
	// Second pass: shift single edits over the equalities beside them.
	out := m.out[start:]
	shifted := false
	i, j = 0, 0 // where out[p-1] starts
	for p := 1; p < len(out)-1; p++ {
		prev, edit, next := out[p-1], out[p], out[p+1]
		if prev.op == diffmatchpatch.DiffEqual && next.op == diffmatchpatch.DiffEqual {
			text, at := b, j+prev.n // the edit's text
			if edit.op == diffmatchpatch.DiffDelete {
				text, at = a, i+prev.n
			}
			switch {
			case edit.n >= prev.n && runesEqualSlices(text[at+edit.n-prev.n:at+edit.n], a[i:i+prev.n]):
				// The edit ends with the equality before it: it moves
				// before that equality, which joins the one after it.
				out[p+1].n += prev.n
				out = append(out[:p-1], out[p:]...)
				shifted = true
				// out[p-1], now the edit, starts where prev did.
				if edit.op == diffmatchpatch.DiffDelete {
					i += edit.n
				} else {
					j += edit.n
				}
				continue
			case edit.n >= next.n && runesEqualSlices(text[at:at+next.n], a[i+prev.n+oldLen(edit):][:next.n]):
				// The edit starts with the equality after it.
				out[p-1].n += next.n
				out = append(out[:p+1], out[p+2:]...)
				shifted = true
			}
		}
		i, j = i+oldLen(out[p-1]), j+newLen(out[p-1])
	}
	m.out = m.out[:start+len(out)]
	return shifted
}

// oldLen is how many elements of the first sequence df covers.
func oldLen(df runDiff) int {
	if df.op == diffmatchpatch.DiffInsert {
		return 0
	}
	return df.n
}

// newLen is how many elements of the second sequence df covers.
func newLen(df runDiff) int {
	if df.op == diffmatchpatch.DiffDelete {
		return 0
	}
	return df.n
}

// runesIndexOf is the index of the first pattern in target from i on, or -1.
func runesIndexOf(target, pattern []rune, i int) int {
	if i > len(target)-1 {
		return -1
	}
	i = max(i, 0)
	for k := i; k <= len(target)-len(pattern); k++ {
		if runesEqualSlices(target[k:k+len(pattern)], pattern) {
			return k
		}
	}
	return -1
}

func runesEqualSlices(x, y []rune) bool {
	if len(x) != len(y) {
		return false
	}
	for k := range x {
		if x[k] != y[k] {
			return false
		}
	}
	return true
}

func commonRunePrefix(x, y []rune) int {
	n := 0
	for n < len(x) && n < len(y) && x[n] == y[n] {
		n++
	}
	return n
}

func commonRuneSuffix(x, y []rune) int {
	n := 0
	for n < len(x) && n < len(y) && x[len(x)-1-n] == y[len(y)-1-n] {
		n++
	}
	return n
}
