package bleve

import (
	"bytes"
	"context"
	"fmt"
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
	target  index.IndexInternalID
	started bool
	done    bool
	allow   *docSet // nil, or the only documents that may match
}

// cursor walks the postings of one term of a phrase.
type cursor struct {
	term   string
	tfr    index.TermFieldReader
	doc    index.TermFieldDoc // reused by the reader
	cur    *index.TermFieldDoc
	slots  []int // the slots the term fills
	scorer *scorer.TermQueryScorer
	plain  index.TermFieldDoc // cur without its vectors, for scoring
	// guide says the term only leads: it fills no slot and is not scored.
	guide bool
}

// addTerm adds slot k's term, reusing the cursor of an earlier slot with
// the same term.
func (s *phraseSearcher) addTerm(ctx context.Context, i index.IndexReader, k int, term, field string,
	boost float64, total uint64, options bsearch.SearcherOptions) error {
	for _, c := range s.cursors {
		if c.term == term {
			c.slots = append(c.slots, k)
			return nil
		}
	}
	tfr, err := i.TermFieldReader(ctx, []byte(term), field, true, true, true)
	if err != nil {
		return fmt.Errorf("read postings of %s: %w", term, err)
	}
	c := &cursor{term: term, tfr: tfr, slots: []int{k},
		scorer: scorer.NewTermQueryScorer([]byte(term), field, boost, total, tfr.Count(), 0, options)}
	s.cursors = append(s.cursors, c)
	return nil
}

// addGuide adds the rarest of terms as a cursor that only leads, when it
// is rarer than every slot's term: the conjunction then visits only the
// documents that hold it. Its postings are read without positions.
func (s *phraseSearcher) addGuide(ctx context.Context, i index.IndexReader, terms []string, field string) error {
	least := uint64(0)
	for k, c := range s.cursors {
		if n := c.tfr.Count(); k == 0 || n < least {
			least = n
		}
	}
	var best index.TermFieldReader
	var bestTerm string
	for _, t := range terms {
		tfr, err := i.TermFieldReader(ctx, []byte(t), field, false, false, false)
		if err != nil {
			if best != nil {
				_ = best.Close()
			}
			return fmt.Errorf("read postings of %s: %w", t, err)
		}
		if tfr.Count() < least/2 && (best == nil || tfr.Count() < best.Count()) {
			if best != nil {
				_ = best.Close()
			}
			best, bestTerm = tfr, t
		} else {
			_ = tfr.Close()
		}
	}
	if best != nil {
		s.cursors = append(s.cursors, &cursor{term: bestTerm, tfr: best, guide: true})
	}
	return nil
}

// sortCursors puts the rarest term first: it leads the conjunction.
func (s *phraseSearcher) sortCursors() {
	slices.SortStableFunc(s.cursors, func(a, b *cursor) int {
		return int(a.tfr.Count()) - int(b.tfr.Count())
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
	s.started = true
	for _, c := range s.cursors {
		if c.cur != nil && id != nil && bytes.Compare(c.cur.ID, id) >= 0 {
			continue
		}
		if err := s.step(c, id); err != nil || s.done {
			return nil, err
		}
	}
	return s.match(ctx)
}

// step moves c to its next document, or to the first at or after id.
func (s *phraseSearcher) step(c *cursor, id index.IndexInternalID) error {
	var err error
	if id == nil {
		c.cur, err = c.tfr.Next(&c.doc)
	} else {
		c.cur, err = c.tfr.Advance(id, &c.doc)
	}
	s.done = s.done || c.cur == nil
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
	first := s.cursors[0].cur.ID
	for _, c := range s.cursors[1:] {
		if !bytes.Equal(c.cur.ID, first) {
			return false
		}
	}
	return true
}

// allowed reports whether the document of the first cursor may match.
func (s *phraseSearcher) allowed() bool {
	return s.allow == nil || s.allow.has(s.cursors[0].cur.ID.Value())
}

// catchUp advances every cursor behind the furthest one, or behind the
// first allowed document from there, to it.
func (s *phraseSearcher) catchUp() error {
	s.target = s.target[:0]
	for _, c := range s.cursors {
		if bytes.Compare(c.cur.ID, s.target) > 0 {
			s.target = append(s.target[:0], c.cur.ID...)
		}
	}
	if s.allow != nil {
		n, ok := s.allow.next(s.target.Value())
		if !ok {
			s.done = true
			return nil
		}
		s.target = index.NewIndexInternalID(s.target, n)
	}
	for _, c := range s.cursors {
		if bytes.Compare(c.cur.ID, s.target) < 0 {
			if err := s.step(c, s.target); err != nil || s.done {
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
		for _, v := range c.cur.Vectors {
			for _, k := range c.slots {
				s.pos[k] = append(s.pos[k], v.Pos)
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
	dm.IndexInternalID = append(dm.IndexInternalID[:0], s.cursors[0].cur.ID...)
	for _, c := range s.cursors {
		if c.guide {
			continue
		}
		c.plain = index.TermFieldDoc{Term: c.cur.Term, ID: c.cur.ID, Freq: c.cur.Freq, Norm: c.cur.Norm}
		t := c.scorer.Score(ctx, &c.plain)
		dm.Score += t.Score
		ctx.DocumentMatchPool.Put(t)
	}
	return dm
}

// Close implements search.Searcher.
func (s *phraseSearcher) Close() error {
	var err error
	for _, c := range s.cursors {
		if e := c.tfr.Close(); e != nil {
			err = e
		}
	}
	return err
}

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
func (s *phraseSearcher) Count() uint64 { return s.cursors[0].tfr.Count() }

// Min implements search.Searcher.
func (s *phraseSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *phraseSearcher) Size() int { return 64 * (len(s.cursors) + len(s.slots)) }

// DocumentMatchPoolSize implements search.Searcher.
func (s *phraseSearcher) DocumentMatchPoolSize() int { return 2 }
