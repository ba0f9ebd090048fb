package diff

// The bigrams of the clause summary: each distinct pair of neighbouring
// characters of the clauses compared gets a dense id in one hash table, so
// that a clause's bigrams are a short list of ids, deduplicated and
// intersected with a mark per id instead of sorted sets and maps.

import (
	"math"
	"math/bits"
	"slices"
	"unicode"
)

// gramTable gives every distinct bigram of the clauses it read a dense id:
// an open-addressing hash table, cheaper than a map. A bigram is a pair of
// neighbouring non-space code points, or the one code point of a
// one-character text.
type gramTable struct {
	keys   []uint64 // per slot, bigram+1; 0 for an empty slot
	ids    []int32  // per slot, the bigram's id
	grams  []uint64 // per id, the bigram
	mark   []int32  // per id, scratch for deduplication and intersection
	marker int32    // the last mark used
	shift  uint

	start, postings, fill []int32 // scratch space of similarCandidates
}

// reset empties the table, keeping its memory.
func (t *gramTable) reset() {
	t.keys, t.ids = t.keys[:0], t.ids[:0]
	t.grams, t.mark, t.marker = t.grams[:0], t.mark[:0], 0
}

// scratch returns *buf resized to n zeros.
func (t *gramTable) scratch(buf *[]int32, n int) []int32 {
	*buf = slices.Grow((*buf)[:0], n)[:n]
	clear(*buf)
	return *buf
}

// unpairedBytes is the length of the texts of the clauses still unpaired.
func unpairedBytes(cs []clauseDigest, to []int) int {
	n := 0
	for k := range cs {
		if to[k] < 0 {
			n += len(cs[k].text)
		}
	}
	return n
}

// read sets the bigrams of the clauses still unpaired.
func (t *gramTable) read(cs []clauseDigest, to []int) {
	for k := range cs {
		if to[k] < 0 {
			cs[k].grams = t.distinct(cs[k].text)
		}
	}
}

// distinct returns the ids of the distinct bigrams of s.
func (t *gramTable) distinct(s string) []int32 {
	t.marker++
	out := make([]int32, 0, len(s)/3+1)
	add := func(g uint64) {
		if id := t.id(g); t.mark[id] != t.marker {
			t.mark[id] = t.marker
			out = append(out, id)
		}
	}
	prev, n := rune(0), 0
	for _, r := range s {
		if r <= 0x3000 && unicode.IsSpace(r) { // U+3000 is the last space
			continue
		}
		if n > 0 {
			add(uint64(prev)<<21 | uint64(r))
		}
		prev, n = r, n+1
	}
	if n == 1 {
		add(uint64(prev))
	}
	return out
}

// smallestShared returns the smallest bigram two lists of distinct ids
// have in common (they have one).
func (t *gramTable) smallestShared(a, b []int32) uint64 {
	t.marker++
	for _, id := range a {
		t.mark[id] = t.marker
	}
	g := uint64(math.MaxUint64)
	for _, id := range b {
		if t.mark[id] == t.marker {
			g = min(g, t.grams[id])
		}
	}
	return g
}

// shared counts the bigrams two lists of distinct ids have in common.
func (t *gramTable) shared(a, b []int32) int {
	t.marker++
	for _, id := range a {
		t.mark[id] = t.marker
	}
	n := 0
	for _, id := range b {
		if t.mark[id] == t.marker {
			n++
		}
	}
	return n
}

// id returns the id of bigram g, giving it one if it has none.
func (t *gramTable) id(g uint64) int32 {
	if 2*(len(t.grams)+1) > len(t.keys) {
		t.resize(max(1024, 2*len(t.keys)))
	}
	s := t.slot(g)
	if t.keys[s] == 0 {
		t.keys[s], t.ids[s] = g+1, int32(len(t.grams))
		t.grams = append(t.grams, g)
		t.mark = append(t.mark, 0)
	}
	return t.ids[s]
}

// slot is where bigram g is, or the empty slot where it would go.
func (t *gramTable) slot(g uint64) int {
	mask := len(t.keys) - 1
	s := int((g * 0x9E3779B97F4A7C15) >> t.shift)
	for t.keys[s] != 0 && t.keys[s] != g+1 {
		s = (s + 1) & mask
	}
	return s
}

// reserve makes room for n bigrams in all.
func (t *gramTable) reserve(n int) {
	size := max(1024, len(t.keys))
	for size < 2*n {
		size *= 2
	}
	if size > len(t.keys) {
		t.resize(size)
	}
	t.grams, t.mark = slices.Grow(t.grams, max(0, n-len(t.grams))), slices.Grow(t.mark, max(0, n-len(t.mark)))
}

// resize rebuilds the table with size slots, a power of two.
func (t *gramTable) resize(size int) {
	keys, ids := t.keys, t.ids
	if cap(keys) >= size && len(keys) == 0 { // an empty table: its memory will do
		t.keys, t.ids = keys[:size], slices.Grow(ids, size)[:size]
		clear(t.keys)
	} else {
		t.keys, t.ids = make([]uint64, size), make([]int32, size)
	}
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for s, k := range keys {
		if k != 0 {
			n := t.slot(k - 1)
			t.keys[n], t.ids[n] = k, ids[s]
		}
	}
}
