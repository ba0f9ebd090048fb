package diff

// The clause summary: which clauses of the old text were removed, modified
// or renumbered in the new one, and which are new. Clauses pair by
// identical text first (most of them, in a revision); only those left over
// have their bigrams read and compared, through an index rather than pair
// by pair, and every step is a pass or a sort: O(n log n) in the number of
// clauses, apart from the comparisons of the texts themselves.

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"norma/docs"
)

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
	docs.Clause
	key      string  // the number, or the anchor of an unnumbered element
	text     string  // the clause's own text, its number label taken out
	identity string  // what must be equal for an unchanged clause: see clauseIdentity
	grams    []int32 // its distinct character bigrams (ids in a gramTable); read only for clauses left unpaired by identity
}

// clauseChanges summarises which clauses of old were removed, modified or
// renumbered in new and which are new: in the order of the new text, a
// removed clause where it stood. grams lends its memory.
func clauseChanges(old, new decodedText, grams *gramTable) []ClauseChange {
	o, n := digestClauses(old), digestClauses(new)
	oldTo, newTo := matchClauses(o, n, grams)
	return summarizeClauses(o, n, oldTo, newTo)
}

// digestClauses segments text into clauses and reads each one's own text.
func digestClauses(dt decodedText) []clauseDigest {
	text := dt.text
	cs := docs.Clauses(text)
	at := codePointIndexer(dt)
	out := make([]clauseDigest, len(cs))
	for i, c := range cs {
		key := c.Number
		if key == "" {
			key = c.Anchor
		}
		start := at(c.Start)
		d := clauseDigest{Clause: c, key: key, text: clauseOwnText(text[start:at(c.End)], c.Number)}
		d.identity = clauseIdentity(d)
		out[i] = d
	}
	return out
}

// codePointIndexer returns a function giving the byte offset of code point
// cp of the text (its length past its end), fast when asked in increasing
// order. The code points of a valid text are summed rather than decoded
// again.
func codePointIndexer(dt decodedText) func(cp int) int {
	text, pos, n := dt.text, 0, 0
	return func(cp int) int {
		if cp < n {
			pos, n = 0, 0
		}
		if dt.valid {
			for ; n < cp && n < len(dt.runes); n++ {
				pos += runeLen(dt.runes[n])
			}
			return pos
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
// same as before. When the number opens the line, as it does, the result
// is a substring of body rather than a copy.
func clauseOwnText(body, number string) string {
	first, rest, _ := strings.Cut(body, "\n")
	head := strings.TrimLeft(first, "# \t\u3000")
	if number != "" {
		if !strings.HasPrefix(head, number) {
			head = strings.Replace(head, number, "", 1)
			return strings.TrimSpace(head + "\n" + rest)
		}
		head = head[len(number):]
	}
	// head is a suffix of first, so head+"\n"+rest is the end of body (or,
	// without a newline, head, which trims the same).
	return strings.TrimSpace(body[len(first)-len(head):])
}

// matchClauses pairs old clauses with new ones, content first: identical
// texts in order, then identical texts that moved, then similar texts (the
// same number preferred), then clauses of one number rewritten in place.
// oldTo[i] is the new index of old clause i, or -1; newTo the other way
// round. grams lends its memory.
func matchClauses(old, new []clauseDigest, grams *gramTable) (oldTo, newTo []int) {
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
	grams.reset()
	// About one distinct bigram for every 12 bytes of text on the corpus:
	// both texts share most, and Chinese takes three bytes a character.
	grams.reserve((unpairedBytes(old, oldTo) + unpairedBytes(new, newTo)) / 12)
	grams.read(old, oldTo)
	grams.read(new, newTo)
	pairSimilar(old, new, oldTo, newTo, grams, pair)
	pairSameSlot(old, new, oldTo, newTo, grams, pair)
	return oldTo, newTo
}

// clauseIdentity is what must be equal for two clauses to count as the same
// unchanged text: the text, and for an unnumbered element also its anchor.
func clauseIdentity(c clauseDigest) string {
	if c.Kind == docs.KindElement {
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
			id, seen := ids[c.identity]
			if !seen {
				id, _ = unitSymbol(len(ids))
				ids[c.identity] = id
			}
			out[k] = id
		}
		return out
	}
	ta, tb := symbols(old), symbols(new)
	m := runeDiffer{deadline: time.Now().Add(time.Second)} // diffmatchpatch's default timeout
	i, j := 0, 0
	for _, d := range m.diffs(ta, tb) {
		if d.op == diffmatchpatch.DiffEqual {
			for k := 0; k < d.n; k++ {
				pair(i+k, j+k)
			}
		}
		i, j = i+oldLen(d), j+newLen(d)
	}
}

// pairIdenticalMoved pairs the remaining identical texts, in order of
// appearance: clauses that moved across others.
func pairIdenticalMoved(old, new []clauseDigest, oldTo, newTo []int, pair func(i, j int)) {
	free := map[string][]int{}
	for j, c := range new {
		if newTo[j] < 0 {
			free[c.identity] = append(free[c.identity], j)
		}
	}
	for i, c := range old {
		if js := free[c.identity]; oldTo[i] < 0 && len(js) > 0 {
			pair(i, js[0])
			free[c.identity] = js[1:]
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
func pairSimilar(old, new []clauseDigest, oldTo, newTo []int, grams *gramTable, pair func(i, j int)) {
	cands := similarCandidates(old, new, oldTo, newTo, grams)
	slices.SortStableFunc(cands, func(x, y clausePair) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.shift, y.shift))
	})
	for _, c := range cands {
		if oldTo[c.i] < 0 && newTo[c.j] < 0 {
			pair(c.i, c.j)
		}
	}
}

// similarCandidates returns the pairs of an unpaired old clause and an
// unpaired new one that clauseSimilarity accepts, among those that share a
// bigram or the number, found through an index of the new clauses'
// bigrams rather than by comparing every pair. They come by old clause,
// then by the smallest bigram they share, then by new clause, those that
// only share the number last: the order that breaks ties between equal
// scores.
func similarCandidates(old, new []clauseDigest, oldTo, newTo []int, grams *gramTable) []clausePair {
	// The postings: for each bigram, the unpaired new clauses that have it.
	start := grams.scratch(&grams.start, len(grams.grams)+1)
	for j, n := range new {
		if newTo[j] < 0 {
			for _, id := range n.grams {
				start[id+1]++
			}
		}
	}
	for id := range grams.grams {
		start[id+1] += start[id]
	}
	postings := grams.scratch(&grams.postings, int(start[len(grams.grams)]))
	fill := grams.scratch(&grams.fill, len(start))
	copy(fill, start)
	byKey := map[string][]int{}
	for j, n := range new {
		if newTo[j] < 0 {
			for _, id := range n.grams {
				postings[fill[id]] = int32(j)
				fill[id]++
			}
			byKey[n.key] = append(byKey[n.key], j)
		}
	}
	var out []clausePair
	shared := make([]int32, len(new)) // per new clause, the bigrams it shares with the old one; zero between old ones
	first := make([]uint64, len(new)) // of the candidates taken, the smallest bigram shared
	var touched []int
	for i, o := range old {
		if oldTo[i] >= 0 {
			continue
		}
		touched = touched[:0]
		for _, id := range o.grams {
			for _, j := range postings[start[id]:start[id+1]] {
				if shared[j] == 0 {
					touched = append(touched, int(j))
				}
				shared[j]++
			}
		}
		for _, j := range byKey[o.key] {
			if shared[j] == 0 {
				touched = append(touched, j) // listed once: byKey holds each clause once
			}
		}
		from := len(out)
		for _, j := range touched {
			dice := 2 * float64(shared[j]) / float64(max(1, len(o.grams)+len(new[j].grams)))
			if score, ok := clauseSimilarity(o, new[j], dice); ok {
				shift := float64(i)/float64(len(old)) - float64(j)/float64(len(new))
				out = append(out, clausePair{i, j, score, max(shift, -shift)})
				first[j] = math.MaxUint64
				if shared[j] > 0 {
					first[j] = grams.smallestShared(o.grams, new[j].grams)
				}
			}
		}
		slices.SortFunc(out[from:], func(x, y clausePair) int {
			return cmp.Or(cmp.Compare(first[x.j], first[y.j]), cmp.Compare(x.j, y.j))
		})
		for _, j := range touched {
			shared[j] = 0
		}
	}
	return out
}

// clauseSimilarity scores old clause o as the ancestor of new clause n,
// given the Dice coefficient of their bigrams, and says whether they are
// similar enough to be one clause at all.
func clauseSimilarity(o, n clauseDigest, dice float64) (float64, bool) {
	sameKey := o.key == n.key
	if (o.Kind == docs.KindElement || n.Kind == docs.KindElement) && !sameKey {
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
func pairSameSlot(old, new []clauseDigest, oldTo, newTo []int, grams *gramTable, pair func(i, j int)) {
	byKey := map[string][]int{}
	for j, n := range new {
		if newTo[j] < 0 {
			byKey[n.key] = append(byKey[n.key], j)
		}
	}
	// hi[i]: the new place of the nearest paired old clause after i, as the
	// pairs stand now (the loop below only pairs clauses before the one it
	// looks at); lo: the same before i, kept up as the loop goes.
	hi := make([]int, len(old))
	next := len(new)
	for i := len(old) - 1; i >= 0; i-- {
		hi[i] = next
		if oldTo[i] >= 0 {
			next = oldTo[i]
		}
	}
	lo := -1
	for i, o := range old {
		if oldTo[i] < 0 && len(byKey[o.key]) > 0 {
			for _, j := range byKey[o.key] {
				shorter := min(len(o.grams), len(new[j].grams))
				if newTo[j] < 0 && lo < j && j < hi[i] && shorter > 0 &&
					float64(grams.shared(o.grams, new[j].grams)) >= similarSlot*float64(shorter) {
					pair(i, j)
					break
				}
			}
		}
		if oldTo[i] >= 0 {
			lo = oldTo[i]
		}
	}
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
	pos := -1 // the new place of the last old clause kept
	for i, o := range old {
		if oldTo[i] >= 0 {
			pos = oldTo[i]
			continue
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
