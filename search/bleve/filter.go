package bleve

import (
	"context"
	"math/bits"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve runs a boolean query's filter by finding every match of the query
// first and then asking the filter about each: a phrase in a thousand texts
// under a filter that keeps ten of them (a region, a level) had the
// positions of its words read in all thousand. Here the filter's documents
// are read first, into a set, and the phrases of the match skip every
// document outside it before they read a position (see phraseSearcher);
// the matches are then those of the set. Scores stay those of Bleve's
// filtered boolean query: the match's, through a boolean searcher.

// matches is what the collector reads: a searcher's matches in document
// order.
type matches interface {
	Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error)
	DocumentMatchPoolSize() int
	Close() error
}

// docSet is a set of document numbers of a snapshot.
type docSet struct {
	words []uint64
}

func newDocSet(n uint64) *docSet { return &docSet{words: make([]uint64, (n+63)/64)} }

func (s *docSet) add(n uint64) {
	if w := n / 64; w < uint64(len(s.words)) {
		s.words[w] |= 1 << (n % 64)
	}
}

func (s *docSet) has(n uint64) bool {
	w := n / 64
	return w < uint64(len(s.words)) && s.words[w]&(1<<(n%64)) != 0
}

// next returns the smallest number in the set that is n or more.
func (s *docSet) next(n uint64) (uint64, bool) {
	w := n / 64
	if w >= uint64(len(s.words)) {
		return 0, false
	}
	if rest := s.words[w] >> (n % 64); rest != 0 {
		return n + uint64(bits.TrailingZeros64(rest)), true
	}
	for w++; w < uint64(len(s.words)); w++ {
		if s.words[w] != 0 {
			return w*64 + uint64(bits.TrailingZeros64(s.words[w])), true
		}
	}
	return 0, false
}

// filterSet returns the set of the documents that pass filter, of a
// snapshot numbering docs documents.
func filterSet(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, filter query.Query, docs uint64) (*docSet, error) {
	s, err := filter.Searcher(ctx, r, m, bsearch.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	defer func() { _ = s.Close() }()
	set := newDocSet(docs)
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
	for n := 0; ; n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil || dm == nil {
			return set, err
		}
		set.add(dm.IndexInternalID.Value())
		sctx.DocumentMatchPool.Put(dm)
	}
}

// filteredMatches returns the matches of match, a query whose phrases
// already skip what is not in allow, that allow holds.
func filteredMatches(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, match query.Query,
	allow *docSet, opts bsearch.SearcherOptions) (matches, error) {
	must, err := match.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	if _, none := must.(*searcher.MatchNoneSearcher); none {
		return must, nil
	}
	scored, err := searcher.NewBooleanSearcher(ctx, r, must, nil, nil, opts)
	if err != nil {
		_ = must.Close()
		return nil, err
	}
	return &filtered{match: scored, allow: allow}, nil
}

// filtered are the matches of match that allow holds.
type filtered struct {
	match bsearch.Searcher
	allow *docSet
	id    index.IndexInternalID
}

// Next returns the next match in the set, nil at the end.
func (f *filtered) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := f.match.Next(ctx)
	for err == nil && dm != nil {
		n := dm.IndexInternalID.Value()
		if f.allow.has(n) {
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
		next, ok := f.allow.next(n)
		if !ok {
			return nil, nil
		}
		f.id = index.NewIndexInternalID(f.id, next)
		dm, err = f.match.Advance(ctx, f.id)
	}
	return nil, err
}

// DocumentMatchPoolSize implements matches.
func (f *filtered) DocumentMatchPoolSize() int { return f.match.DocumentMatchPoolSize() + 1 }

// Close implements matches.
func (f *filtered) Close() error { return f.match.Close() }
