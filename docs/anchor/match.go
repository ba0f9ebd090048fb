package anchor

import (
	"cmp"
	"slices"
)

// Weights of a match's score, as in the Hypothesis client: the quote
// matters most, then its context; the distance from the expected place only
// breaks ties.
const (
	quoteWeight  = 50
	prefixWeight = 20
	suffixWeight = 20
	posWeight    = 2
)

const (
	minFuzzyLen     = 4          // shorter quotes are placed only where they occur exactly
	minFuzzyScore   = 0.6        // a weaker approximate match is not the passage
	weakContext     = 0.5        // below this an exact occurrence competes with approximate ones
	fuzzyWindow     = 2000       // code points searched on either side of the expected place, at least
	wholeTextLimit  = 300_000    // longer texts are searched near the expected place only
	stepBudget      = 20_000_000 // the most steps (a code point against 64 of the quote) a search takes
	maxMatches      = 256        // approximate matches scored, the fewest errors first
	maxQuoteContext = 2 * quoteContextLen
)

// quoteMatch is a place where the passage may stand in the new text.
type quoteMatch struct {
	start, end, errors int
	context            float64 // mean agreement of prefix and suffix, 0..1
	score              float64
}

// quoteMatcher looks for one quote in one text.
type quoteMatcher struct {
	t              indexedText
	exact          []rune
	prefix, suffix []rune
	hint           int // expected start; -1 when unknown
}

// newQuoteMatcher prepares the search for q in t, expected at hint. Context
// beyond maxQuoteContext code points (which QuoteAt never makes) is ignored.
func newQuoteMatcher(t indexedText, q Quote, hint int) *quoteMatcher {
	prefix, suffix := []rune(q.Prefix), []rune(q.Suffix)
	prefix = prefix[max(0, len(prefix)-maxQuoteContext):]
	suffix = suffix[:min(len(suffix), maxQuoteContext)]
	return &quoteMatcher{t: t, exact: []rune(q.Exact), prefix: prefix, suffix: suffix, hint: hint}
}

// place returns the best place of the passage: an exact occurrence in a
// context that agrees, else the better of that occurrence and the best
// approximate match.
func (m *quoteMatcher) place() (quoteMatch, bool) {
	best, ok := m.best(m.exactMatches())
	if ok && best.context >= weakContext || len(m.exact) < minFuzzyLen {
		return best, ok
	}
	if f, fok := m.fuzzy(); fok && (!ok || f.score > best.score) {
		return f, true
	}
	return best, ok
}

// exactMatches returns every occurrence of the quote.
func (m *quoteMatcher) exactMatches() []quoteMatch {
	var out []quoteMatch
	for _, at := range m.t.index(string(m.exact)) {
		out = append(out, quoteMatch{start: at, end: at + len(m.exact)})
	}
	return out
}

// fuzzy returns the best acceptable approximate match near the expected
// place, else in the whole text when that is not too long.
func (m *quoteMatcher) fuzzy() (quoteMatch, bool) {
	n, k := len(m.t.r), len(m.exact)
	w := max(fuzzyWindow, 4*k)
	lo, hi := 0, n
	if m.hint >= 0 {
		lo, hi = max(0, m.hint-w), min(n, m.hint+k+w)
	}
	if c, ok := m.fuzzyIn(lo, hi); ok || lo == 0 && hi == n {
		return c, ok
	}
	if n > wholeTextLimit {
		return quoteMatch{}, false
	}
	return m.fuzzyIn(0, n)
}

// fuzzyIn returns the best acceptable approximate match in [lo,hi).
func (m *quoteMatcher) fuzzyIn(lo, hi int) (quoteMatch, bool) {
	if (hi-lo)*bitWords(len(m.exact)) > stepBudget {
		return quoteMatch{}, false
	}
	cs := approxSearch(m.t.r[lo:hi], m.exact, len(m.exact)/2)
	for i := range cs {
		cs[i].start += lo
		cs[i].end += lo
	}
	best, ok := m.best(cs)
	return best, ok && best.score >= minFuzzyScore
}

// best scores the matches and returns the highest, the earliest on ties.
func (m *quoteMatcher) best(cs []quoteMatch) (quoteMatch, bool) {
	if len(cs) == 0 {
		return quoteMatch{}, false
	}
	for i := range cs {
		m.score(&cs[i])
	}
	return slices.MaxFunc(cs, func(a, b quoteMatch) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(b.start, a.start))
	}), true
}

// score rates a match by how close it is to the quote, how well the
// text around it agrees with the quote's prefix and suffix, and how near it
// is to the expected place.
func (m *quoteMatcher) score(c *quoteMatch) {
	r := m.t.r
	quote := 1 - float64(c.errors)/float64(len(m.exact))
	prefix := affixSimilarity(m.prefix, r[max(0, c.start-len(m.prefix)):c.start], true)
	suffix := affixSimilarity(m.suffix, r[c.end:min(len(r), c.end+len(m.suffix))], false)
	pos := 1.0
	if m.hint >= 0 && len(r) > 0 {
		pos = 1 - float64(max(c.start-m.hint, m.hint-c.start))/float64(len(r))
	}
	c.context = (prefix + suffix) / 2
	c.score = (quoteWeight*quote + prefixWeight*prefix + suffixWeight*suffix + posWeight*pos) /
		(quoteWeight + prefixWeight + suffixWeight + posWeight)
}

// affixSimilarity is 1 minus the edit distance between want and the end of
// got (atEnd, for a prefix) or its start (for a suffix), relative to the
// length of want; 1 when nothing is wanted.
func affixSimilarity(want, got []rune, atEnd bool) float64 {
	if len(want) == 0 {
		return 1
	}
	return max(0, 1-float64(affixDistance(want, got, atEnd))/float64(len(want)))
}

// affixDistance is the least edit distance between p and a suffix of t
// (atEnd) or a prefix of t.
func affixDistance(p, t []rune, atEnd bool) int {
	col := make([]int, len(p)+1) // distances of p[:i] for the part of t read so far
	for i := range col {
		col[i] = i
	}
	best := col[len(p)]
	for j := 1; j <= len(t); j++ {
		diag := col[0]
		if !atEnd {
			col[0] = j
		}
		for i := 1; i <= len(p); i++ {
			c := diag
			if p[i-1] != t[j-1] {
				c++
			}
			diag = col[i]
			col[i] = min(c, col[i-1]+1, col[i]+1)
		}
		best = min(best, col[len(p)])
	}
	if atEnd {
		return col[len(p)]
	}
	return best
}

// approxSearch finds the substrings of t closest to p with at most k
// errors (insertions, deletions, substitutions): the ends where the error
// count is least locally, each with the latest start that reaches it, the
// fewest errors first when there are too many. It computes Sellers'
// semi-global edit distance with Myers' bit-parallel algorithm, 64 code
// points of p at a time, so p may be of any length.
func approxSearch(t, p []rune, k int) []quoteMatch {
	if len(p) == 0 || k >= len(p) {
		return nil
	}
	fwd := compileBitPattern(p)
	s := fwd.begin()
	var out []quoteMatch
	prev2, prev := k+1, len(p) // errors at the ends j-2 and j-1
	for j := 1; j <= len(t)+1; j++ {
		cur := k + 1
		if j <= len(t) {
			cur = fwd.step(s, t[j-1], 0)
		}
		if prev <= k && prev <= prev2 && prev <= cur {
			out = append(out, quoteMatch{end: j - 1, errors: prev})
		}
		prev2, prev = prev, cur
	}
	// Finding a start takes up to about 2·len(p) steps: keep that in budget.
	out = fewestErrors(out, min(maxMatches, max(8, stepBudget/(2*len(p)*fwd.words))))
	rev := compileBitPattern(reverseRunes(p))
	for i := range out {
		out[i].start = rev.startOf(t, out[i])
	}
	return out
}

// fewestErrors keeps the n matches with the fewest errors, in text order.
func fewestErrors(cs []quoteMatch, n int) []quoteMatch {
	if len(cs) <= n {
		return cs
	}
	slices.SortStableFunc(cs, func(a, b quoteMatch) int { return cmp.Compare(a.errors, b.errors) })
	cs = cs[:n]
	slices.SortFunc(cs, func(a, b quoteMatch) int { return cmp.Compare(a.end, b.end) })
	return cs
}

// bitPattern is a pattern compiled for Myers' algorithm: for each of its
// code points, the bit mask of where it stands, 64 positions a word.
type bitPattern struct {
	n     int
	words int
	eq    map[rune][]uint64
	seen  [16]uint64 // bit c%1024 is set for every code point c of the pattern
	high  uint64     // the bit of the last code point in the last word
}

// bitState is the last column of the edit distance matrix, as vertical
// deltas, and the distance of the whole pattern there.
type bitState struct {
	pv, mv []uint64
	score  int
}

// bitWords is how many 64-bit words hold a pattern of n code points.
func bitWords(n int) int { return (n + 63) / 64 }

// compileBitPattern prepares p for bit-parallel matching.
func compileBitPattern(p []rune) *bitPattern {
	words := bitWords(len(p))
	bp := &bitPattern{n: len(p), words: words, eq: map[rune][]uint64{}, high: 1 << ((len(p) - 1) % 64)}
	for i, c := range p {
		w := bp.eq[c]
		if w == nil {
			w = make([]uint64, words)
			bp.eq[c] = w
		}
		w[i/64] |= 1 << (i % 64)
		bp.seen[c>>6&15] |= 1 << (c & 63)
	}
	return bp
}

// begin returns the state before any text: the distance of p[:i] is i.
func (bp *bitPattern) begin() *bitState {
	s := &bitState{pv: make([]uint64, bp.words), mv: make([]uint64, bp.words), score: bp.n}
	for i := range s.pv {
		s.pv[i] = ^uint64(0)
	}
	return s
}

// step advances s past the text code point c and returns the distance of
// the whole pattern. hin is what one more text code point costs the empty
// pattern: 0 when a match may start anywhere, 1 when it starts at the first.
func (bp *bitPattern) step(s *bitState, c rune, hin int) int {
	var eq []uint64
	if bp.seen[c>>6&15]&(1<<(c&63)) != 0 { // most code points of a text are not in a pattern
		eq = bp.eq[c]
	}
	for w := range s.pv {
		var e uint64
		if eq != nil {
			e = eq[w]
		}
		high := uint64(1) << 63
		if w == bp.words-1 {
			high = bp.high
		}
		hin = myersAdvance(&s.pv[w], &s.mv[w], e, hin, high)
	}
	s.score += hin
	return s.score
}

// myersAdvance is Myers' step for one word of the column: it updates the
// vertical deltas pv (+1) and mv (-1) given the horizontal delta hin
// entering at the word's first row, and returns the one leaving at high.
func myersAdvance(pv, mv *uint64, eq uint64, hin int, high uint64) int {
	xv := eq | *mv
	if hin < 0 {
		eq |= 1
	}
	xh := (((eq & *pv) + *pv) ^ *pv) | eq
	ph := *mv | ^(xh | *pv)
	mh := *pv & xh
	hout := 0
	if ph&high != 0 {
		hout = 1
	} else if mh&high != 0 {
		hout = -1
	}
	ph, mh = ph<<1, mh<<1
	if hin < 0 {
		mh |= 1
	} else if hin > 0 {
		ph |= 1
	}
	*pv = mh | ^(xv | ph)
	*mv = ph & xv
	return hout
}

// startOf returns the latest start from which the whole pattern reaches
// c.end with c.errors errors; rev is the pattern reversed, read back from
// the end.
func (rev *bitPattern) startOf(t []rune, c quoteMatch) int {
	s := rev.begin()
	lo := max(0, c.end-rev.n-c.errors)
	for j := c.end - 1; j > lo; j-- {
		if rev.step(s, t[j], 1) == c.errors {
			return j
		}
	}
	return lo
}

// reverseRunes returns a reversed copy of r.
func reverseRunes(r []rune) []rune {
	out := slices.Clone(r)
	slices.Reverse(out)
	return out
}
