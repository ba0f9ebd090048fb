package diff

// Equal spans: the alignment's result as runs of text both sides share,
// trimmed to character boundaries, mapped back to the original bytes,
// with pure insertions and deletions slid to the best boundary, and
// written out as operations.

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// span is a run of equal text: n bytes at a in the old text and at b in
// the new.
type span struct{ a, b, n int }

// equalSpans reads the equal runs of diffs, checking that the diffs spell
// out sa and sb exactly.
func equalSpans(diffs []diffmatchpatch.Diff, sa, sb string) ([]span, bool) {
	var spans []span
	i, j := 0, 0
	for _, df := range diffs {
		t := df.Text
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			if !strings.HasPrefix(sa[i:], t) || !strings.HasPrefix(sb[j:], t) {
				return nil, false
			}
			if t != "" {
				spans = append(spans, span{i, j, len(t)})
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
func alignSpans(spans []span, sa, sb string) []span {
	var out []span
	endA, endB := 0, 0
	for k := 0; k <= len(spans); k++ {
		next := span{len(sa), len(sb), 0}
		if k < len(spans) {
			next = snapSpan(spans[k], sa, sb)
			if next.n == 0 {
				continue
			}
		}
		ga, gb := sa[endA:next.a], sb[endB:next.b]
		p := commonPrefix(ga, gb)
		out = appendSpan(out, span{endA, endB, p})
		s := commonSuffix(ga[p:], gb[p:])
		out = appendSpan(out, span{next.a - s, next.b - s, s})
		out = appendSpan(out, next)
		endA, endB = next.a+next.n, next.b+next.n
	}
	return out
}

// snapSpan shrinks s until both of its ends fall on character
// boundaries of both texts.
func snapSpan(s span, sa, sb string) span {
	at := func(d int) bool { return boundary(sa, s.a+d) && boundary(sb, s.b+d) }
	lo, hi := 0, s.n
	for lo <= hi && !at(lo) {
		lo++
	}
	for hi > lo && !at(hi) {
		hi--
	}
	if lo >= hi {
		return span{s.a, s.b, 0}
	}
	return span{s.a + lo, s.b + lo, hi - lo}
}

// boundary reports whether byte offset i of s starts a character or ends s.
func boundary(s string, i int) bool {
	return i <= 0 || i >= len(s) || utf8.RuneStart(s[i])
}

// commonPrefix is the length in bytes of the whole characters x and y
// start with.
func commonPrefix(x, y string) int {
	n := 0
	for n < len(x) && n < len(y) && x[n] == y[n] {
		n++
	}
	for n > 0 && !(boundary(x, n) && boundary(y, n)) {
		n--
	}
	return n
}

// commonSuffix is the length in bytes of the whole characters x and y
// end with.
func commonSuffix(x, y string) int {
	n := 0
	for n < len(x) && n < len(y) && x[len(x)-1-n] == y[len(y)-1-n] {
		n++
	}
	for n > 0 && !(boundary(x, len(x)-n) && boundary(y, len(y)-n)) {
		n--
	}
	return n
}

// appendSpan appends s unless it is empty, merging it into the last
// span when they touch.
func appendSpan(spans []span, s span) []span {
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
func originalSpans(spans []span, old, new string, a, b []rune) []span {
	da, db := decodedOffsets(a), decodedOffsets(b)
	oa, ob := originalOffsets(old), originalOffsets(new)
	var out []span
	for _, s := range spans {
		ka, kb := sort.SearchInts(da, s.a), sort.SearchInts(db, s.b)
		m := sort.SearchInts(da, s.a+s.n) - ka
		for t := 0; t < m; t++ {
			x, y := old[oa[ka+t]:oa[ka+t+1]], new[ob[kb+t]:ob[kb+t+1]]
			if x == y {
				out = appendSpan(out, span{oa[ka+t], ob[kb+t], len(x)})
			}
		}
	}
	return out
}

// decodedOffsets gives the byte offset in string(rs) of every code point of
// rs, and the length of that string last.
func decodedOffsets(rs []rune) []int {
	offs := make([]int, 0, len(rs)+1)
	n := 0
	for _, r := range rs {
		offs = append(offs, n)
		n += utf8.RuneLen(r)
	}
	return append(offs, n)
}

// originalOffsets gives the byte offset in s of every code point that
// decodeRunes decodes, and len(s) last.
func originalOffsets(s string) []int {
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
func opsFromSpans(spans []span, old, new string) []Op {
	ops := []Op{}
	i, j := 0, 0
	for _, s := range append(spans, span{len(old), len(new), 0}) {
		if s.a > i {
			ops = append(ops, Op{Op: OpDelete, Text: old[i:s.a]})
		}
		if s.b > j {
			ops = append(ops, Op{Op: OpInsert, Text: new[j:s.b]})
		}
		if s.n > 0 {
			ops = append(ops, Op{Op: OpEqual, Text: old[s.a : s.a+s.n]})
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
func slideEdits(spans []span, old, new string) []span {
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
		out = appendSpan(out, s)
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
