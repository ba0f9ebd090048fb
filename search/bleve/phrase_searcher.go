package bleve

import (
	"cmp"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseSearcher is a conjunction of the postings of a phrase's terms that
// keeps the documents where the terms stand at their slots' offsets. It
// scores like Bleve's phrase searcher: the sum of the terms' tf-idf scores.
type phraseSearcher struct {
	cursors []*cursor // rarest term first
	slots   []slot
	pos     [][]uint64 // positions of each slot's term in the current document
	next    []int      // merge cursors into pos
	started bool
	done    bool
	allow   *docSet // nil, or the only documents that may match
}

// cursor walks the postings of one term of a phrase.
type cursor struct {
	term   string
	post   *postings
	slots  []int // the slots the term fills
	scorer *scorer.TermQueryScorer
	plain  index.TermFieldDoc // the current document's frequency and norm, for scoring
	// guide says the term only leads: it fills no slot and is not scored.
	guide bool
}

// addTerm adds slot k's term, reusing the cursor of an earlier slot with
// the same term.
func (s *phraseSearcher) addTerm(l layout, k int, term, field string,
	boost float64, total uint64, options bsearch.SearcherOptions) error {
	for _, c := range s.cursors {
		if c.term == term {
			c.slots = append(c.slots, k)
			return nil
		}
	}
	post, err := newPostings(l, field, term, true)
	if err != nil {
		return err
	}
	c := &cursor{term: term, post: post, slots: []int{k},
		scorer: scorer.NewTermQueryScorer([]byte(term), field, boost, total, post.count, 0, options)}
	s.cursors = append(s.cursors, c)
	return nil
}

// addGuide adds the rarest of terms as a cursor that only leads, when it
// is rarer than every slot's term: the conjunction then visits only the
// documents that hold it. Its postings are read without positions.
func (s *phraseSearcher) addGuide(l layout, terms []string, field string) error {
	least := uint64(0)
	for k, c := range s.cursors {
		if n := c.post.count; k == 0 || n < least {
			least = n
		}
	}
	var best *cursor
	for _, t := range terms {
		post, err := newPostings(l, field, t, false)
		if err != nil {
			return err
		}
		if post.count < least/2 && (best == nil || post.count < best.post.count) {
			best = &cursor{term: t, post: post, guide: true}
		}
	}
	if best != nil {
		s.cursors = append(s.cursors, best)
	}
	return nil
}

// sortCursors puts the rarest term first: it leads the conjunction.
func (s *phraseSearcher) sortCursors() {
	slices.SortStableFunc(s.cursors, func(a, b *cursor) int {
		return cmp.Compare(a.post.count, b.post.count)
	})
}

// Next implements search.Searcher.
func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.started {
		return s.Advance(ctx, nil)
	}
	if err := s.step(s.cursors[0], nil); err != nil || s.done {
		return nil, err
	}
	return s.match(ctx)
}

// Advance implements search.Searcher.
func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	var to *uint64
	if id != nil {
		n := id.Value()
		to = &n
	}
	first := !s.started
	s.started = true
	for _, c := range s.cursors {
		if !first && to != nil && c.post.num >= *to {
			continue
		}
		if err := s.step(c, to); err != nil || s.done {
			return nil, err
		}
	}
	return s.match(ctx)
}

// step moves c to its next document, or to the first numbered *to or
// later.
func (s *phraseSearcher) step(c *cursor, to *uint64) error {
	var ok bool
	var err error
	if to == nil {
		ok, err = c.post.next()
	} else {
		ok, err = c.post.advance(*to)
	}
	s.done = s.done || !ok
	return err
}

// match moves the cursors on to the first document that all of them hold
// and that holds the phrase, and returns it; nil at the end.
func (s *phraseSearcher) match(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for !s.done {
		if !s.agree() || !s.allowed() {
			if err := s.catchUp(); err != nil {
				return nil, err
			}
			continue
		}
		if s.holdsPhrase() {
			return s.documentMatch(ctx), nil
		}
		if err := s.step(s.cursors[0], nil); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// agree reports whether all cursors are on one document.
func (s *phraseSearcher) agree() bool {
	first := s.cursors[0].post.num
	for _, c := range s.cursors[1:] {
		if c.post.num != first {
			return false
		}
	}
	return true
}

// allowed reports whether the document of the first cursor may match.
func (s *phraseSearcher) allowed() bool {
	return s.allow == nil || s.allow.has(s.cursors[0].post.num)
}

// catchUp advances every cursor behind the furthest one, or behind the
// first allowed document from there, to it.
func (s *phraseSearcher) catchUp() error {
	target := uint64(0)
	for _, c := range s.cursors {
		target = max(target, c.post.num)
	}
	if s.allow != nil {
		n, ok := s.allow.next(target)
		if !ok {
			s.done = true
			return nil
		}
		target = n
	}
	for _, c := range s.cursors {
		if c.post.num < target {
			if err := s.step(c, &target); err != nil || s.done {
				return err
			}
		}
	}
	return nil
}

// holdsPhrase reports whether the current document has the terms at the
// slots' offsets.
func (s *phraseSearcher) holdsPhrase() bool {
	for k := range s.pos {
		s.pos[k] = s.pos[k][:0]
		s.next[k] = 0
	}
	for _, c := range s.cursors {
		for _, l := range c.post.cur.Locations() {
			for _, k := range c.slots {
				s.pos[k] = append(s.pos[k], l.Pos())
			}
		}
	}
	for _, p := range s.pos[0] {
		if s.alignedAt(p) {
			return true
		}
	}
	return false
}

// alignedAt reports whether every slot k has position p + its offset,
// given position p of the first. Positions come sorted, and p only grows
// from call to call, so the cursors into the lists only move forward.
func (s *phraseSearcher) alignedAt(p uint64) bool {
	for k := 1; k < len(s.slots); k++ {
		want, l := p+uint64(s.slots[k].off), s.pos[k]
		j := s.next[k]
		for j < len(l) && l[j] < want {
			j++
		}
		s.next[k] = j
		if j == len(l) || l[j] != want {
			return false
		}
	}
	return true
}

// documentMatch returns the current document, scored.
func (s *phraseSearcher) documentMatch(ctx *bsearch.SearchContext) *bsearch.DocumentMatch {
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = index.NewIndexInternalID(dm.IndexInternalID, s.cursors[0].post.num)
	for _, c := range s.cursors {
		if c.guide {
			continue
		}
		p := c.post.cur
		c.plain = index.TermFieldDoc{ID: dm.IndexInternalID, Freq: p.Frequency(), Norm: p.Norm()}
		t := c.scorer.Score(ctx, &c.plain)
		dm.Score += t.Score
		ctx.DocumentMatchPool.Put(t)
	}
	return dm
}

// Close implements search.Searcher.
func (s *phraseSearcher) Close() error { return nil }

// Weight implements search.Searcher.
func (s *phraseSearcher) Weight() float64 {
	var w float64
	for _, c := range s.cursors {
		if c.guide {
			continue
		}
		w += c.scorer.Weight()
	}
	return w
}

// SetQueryNorm implements search.Searcher.
func (s *phraseSearcher) SetQueryNorm(n float64) {
	for _, c := range s.cursors {
		if c.guide {
			continue
		}
		c.scorer.SetQueryNorm(n)
	}
}

// Count implements search.Searcher: at most as many as its rarest term.
func (s *phraseSearcher) Count() uint64 { return s.cursors[0].post.count }

// Min implements search.Searcher.
func (s *phraseSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *phraseSearcher) Size() int { return 64 * (len(s.cursors) + len(s.slots)) }

// DocumentMatchPoolSize implements search.Searcher.
func (s *phraseSearcher) DocumentMatchPoolSize() int { return 2 }
