package search

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"norma/docs"
)

// ShingleSize is the number of significant characters in a shingle: about
// two Chinese words. Measured on the corpus (30 lightly edited copies; 648
// pairs of different 物业 regulations), 4, 5 and 6 characters keep a median
// 76, 73 and 70 % of an edited copy's shingles and share 20, 15 and 11 %
// between two texts of one field; all separate about equally well, and 5
// is the middle between letting in a field's stock phrases and losing the
// shingles near every edit (a change at 5 % of positions keeps 0.95⁵ ≈ 77 %).
const ShingleSize = 5

// SignatureSize is the number of MinHash values in a Signature.
const SignatureSize = 128

// Signature is a MinHash sketch of a text's character shingles: two texts'
// signatures agree in about the share of positions that is the Jaccard
// similarity of their shingle sets.
type Signature [SignatureSize]uint32

// emptyValue marks a signature of no shingles.
const emptyValue = math.MaxUint32

// Shingles returns the distinct hashes, in order of first occurrence, of the
// ShingleSize-character shingles of a text after normalisation: front
// matter and HTML comments are dropped, only letters, digits and Han
// characters are kept (no spaces, punctuation or Markdown syntax), full-width
// forms and upper case are folded. A text with fewer significant characters
// than ShingleSize has no shingles.
func Shingles(text string) []uint64 {
	body, _ := docs.StripFrontMatter(text)
	return shingleRunes(significant(body), ShingleSize)
}

// significant returns the normalised significant characters of text.
func significant(text string) []rune {
	return appendSignificant(make([]rune, 0, len(text)/3+8), text)
}

// appendSignificant appends the normalised significant characters of text
// to dst.
func appendSignificant(dst []rune, text string) []rune {
	for i := 0; i < len(text); {
		c := text[i]
		if c == '<' && strings.HasPrefix(text[i:], "<!--") {
			end := strings.Index(text[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		i += n
		if f, ok := foldSignificant(r); ok {
			dst = append(dst, f)
		}
	}
	return dst
}

// foldSignificant folds a letter, digit or Han character (full width to
// half width, upper to lower case) and reports false for anything else.
func foldSignificant(r rune) (rune, bool) {
	if r >= 0x4E00 && r <= 0x9FFF {
		return r, true
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return r, true
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A', true
		}
		return r, false
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return unicode.ToLower(r), true
	}
	return r, false
}

// shingleRunes returns the distinct hashes of the k-rune windows of rs, in
// order of first occurrence.
func shingleRunes(rs []rune, k int) []uint64 {
	if len(rs) < k {
		return nil
	}
	out := make([]uint64, 0, len(rs)-k+1)
	seen := newShingleTable(len(rs) - k + 1)
	for i := 0; i+k <= len(rs); i++ {
		h := hashRunes(rs[i : i+k])
		if _, known := seen.insert(h, 0); !known {
			out = append(out, h)
		}
	}
	return out
}

// hashRunes hashes a short run of runes to 64 well-mixed bits, never 0.
func hashRunes(rs []rune) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, r := range rs {
		h = (h ^ uint64(r)) * 0x100000001b3
	}
	if h = mix64(h); h == 0 {
		h = 1
	}
	return h
}

// shingleTable is an open-addressing hash map from shingle hashes (never 0)
// to int32: much faster than a Go map for the hundred thousand shingles of
// a long text.
type shingleTable struct {
	keys []uint64
	vals []int32
	mask uint64
}

// newShingleTable returns a table for up to n shingles.
func newShingleTable(n int) *shingleTable {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &shingleTable{keys: make([]uint64, size), vals: make([]int32, size), mask: uint64(size - 1)}
}

// insert adds h with value v unless h is present; it returns the value of h
// and whether h was present.
func (t *shingleTable) insert(h uint64, v int32) (int32, bool) {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.vals[i], true
		case 0:
			t.keys[i], t.vals[i] = h, v
			return v, false
		}
	}
}

// lookup returns the value of h and whether h is present.
func (t *shingleTable) lookup(h uint64) (int32, bool) {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// mix64 is the splitmix64 finaliser: every input bit affects every output
// bit.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// Sketch returns the MinHash signature of a set of shingle hashes by one
// permutation hashing with optimal densification (Shrivastava 2017): the
// top bits of each hash choose a bin, the low 32 bits compete for its
// minimum, and an empty bin borrows the value of a bin chosen by a fixed
// hash sequence, the same for every text, so that equal sets still agree.
// Shingles need not be distinct. No shingles give the empty signature,
// similar to nothing.
func Sketch(shingles []uint64) Signature {
	var s Signature
	var filled [SignatureSize]bool
	for i := range s {
		s[i] = emptyValue
	}
	for _, h := range shingles {
		b, v := h>>57, uint32(h)
		if !filled[b] || v < s[b] {
			s[b], filled[b] = v, true
		}
	}
	if len(shingles) > 0 {
		densify(&s, &filled)
	}
	return s
}

// densify fills each empty bin from the first filled bin of its own fixed
// pseudo-random probe sequence.
func densify(s *Signature, filled *[SignatureSize]bool) {
	for i := range s {
		if filled[i] {
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			j := mix64(uint64(i)<<32|attempt) >> 57
			if filled[j] {
				s[i] = s[j]
				break
			}
		}
	}
}

// IsEmpty reports whether s is the signature of no shingles.
func (s Signature) IsEmpty() bool {
	for _, v := range s {
		if v != emptyValue {
			return false
		}
	}
	return true
}

// Jaccard estimates the Jaccard similarity of the shingle sets behind two
// signatures: the share of positions where they agree; 0 when either is
// empty.
func (a Signature) Jaccard(b Signature) float64 {
	if a.IsEmpty() || b.IsEmpty() {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / SignatureSize
}

// Bytes returns the signature as 4·SignatureSize little-endian bytes, for
// storage.
func (s Signature) Bytes() []byte {
	b := make([]byte, 0, 4*SignatureSize)
	for _, v := range s {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// SignatureFromBytes reads a signature written by Bytes.
func SignatureFromBytes(b []byte) (Signature, error) {
	var s Signature
	if len(b) != 4*SignatureSize {
		return s, fmt.Errorf("search: signature of %d bytes, want %d", len(b), 4*SignatureSize)
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, nil
}

// LSH bands: 64 bands of 2 rows. Two texts share a band, and so become
// candidates, with probability 1−(1−J²)⁶⁴ for a Jaccard similarity J of
// their shingle sets: certain from J = 0.4 (a whole copy with 5 % of its
// characters changed keeps J ≈ 0.55–0.65), 0.9 at J = 0.19 (a chapter
// copied from a text five times as long), 0.63 at the threshold
// (1/64)^(1/2) = 0.125, 0.15 at J = 0.05. Four rows of 32 bands would let
// fewer texts that merely share a field's stock phrases through, but would
// miss copied chapters (0.04 at J = 0.19). Candidates come most similar
// first, so a caller compares the best few.
const (
	lshBands = 64
	lshRows  = SignatureSize / lshBands
)

// LSH finds candidate near-duplicates among many signatures by banding
// them. It is safe for concurrent use.
type LSH struct {
	mu      sync.RWMutex
	sigs    map[string]Signature
	buckets [lshBands]map[uint64][]string
}

// NewLSH returns an empty LSH.
func NewLSH() *LSH {
	l := &LSH{sigs: map[string]Signature{}}
	for i := range l.buckets {
		l.buckets[i] = map[uint64][]string{}
	}
	return l
}

// bandKey hashes the rows of band i of s.
func bandKey(s *Signature, i int) uint64 {
	h := uint64(i)
	for _, v := range s[i*lshRows : (i+1)*lshRows] {
		h = mix64(h ^ uint64(v))
	}
	return h
}

// Put adds the signature of id, replacing an earlier one. An empty
// signature is remembered but never a candidate.
func (l *LSH) Put(id string, s Signature) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.remove(id)
	l.sigs[id] = s
	if s.IsEmpty() {
		return
	}
	for i := range l.buckets {
		k := bandKey(&s, i)
		l.buckets[i][k] = append(l.buckets[i][k], id)
	}
}

// Remove forgets id; an unknown id is no error.
func (l *LSH) Remove(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.remove(id)
}

func (l *LSH) remove(id string) {
	s, ok := l.sigs[id]
	if !ok {
		return
	}
	delete(l.sigs, id)
	if s.IsEmpty() {
		return
	}
	for i := range l.buckets {
		k := bandKey(&s, i)
		ids := slices.DeleteFunc(l.buckets[i][k], func(x string) bool { return x == id })
		if len(ids) == 0 {
			delete(l.buckets[i], k)
		} else {
			l.buckets[i][k] = ids
		}
	}
}

// Candidates returns the ids whose signatures share a band with s, most
// similar first (by estimated Jaccard, then id).
func (l *LSH) Candidates(s Signature) []string {
	if s.IsEmpty() {
		return nil
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	seen := map[string]float64{}
	for i := range l.buckets {
		for _, id := range l.buckets[i][bandKey(&s, i)] {
			if _, ok := seen[id]; !ok {
				seen[id] = s.Jaccard(l.sigs[id])
			}
		}
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := cmp.Compare(seen[b], seen[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}

// Len returns how many signatures the LSH holds.
func (l *LSH) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.sigs)
}
