package bleve

import (
	"container/heap"
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"norma/search"
)

// checkEvery is how many matches are collected between looks at ctx.
const checkEvery = 1024

// candidate is a match as the collector keeps it.
type candidate struct {
	num   uint64 // document number in the snapshot
	score float64
	day   int32 // 0 for undated
}

// searchSnapshot runs q on one snapshot: Bleve's searcher finds the
// matches (and scores them when the order needs it); the total, the facets
// and the best page are collected here from the snapshot's facts.
func (ix *Index) searchSnapshot(ctx context.Context, snap *scorch.IndexSnapshot, q search.Query) (*search.Result, error) {
	filter, err := filterQuery(q)
	if err != nil {
		return nil, err
	}
	gen, err := ix.facts.of(snap)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	match := matchQuery(q, nil)
	byDate := q.Sort == search.SortDate || match == nil
	scored := !byDate || q.Number != ""
	opts := bsearch.SearcherOptions{Score: "none"}
	if scored {
		opts.Score = ""
	}
	ctx = context.WithValue(ctx, bsearch.GetScoringModelCallbackKey,
		bsearch.GetScoringModelCallbackFn(func() string { return index.DefaultScoringModel }))
	s, err := ix.matches(ctx, snap, gen, q, match, filter, opts)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer func() { _ = s.Close() }()

	page, size := max(q.Page, 1), q.Size
	if size < 1 {
		size = defaultSize
	}
	best := &candidates{byDate: byDate, keep: page * size}
	counts := make([][]int, len(search.FacetFields))
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0), IndexReader: snap}
	total := 0
	for {
		if total%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if dm == nil {
			break
		}
		total++
		num := dm.IndexInternalID.Value()
		si, local := gen.locate(num)
		f := gen.segs[si]
		c := candidate{num: num, score: dm.Score, day: f.day[local]}
		for i, codes := range f.facets {
			k := int(codes[local])
			if k >= len(counts[i]) {
				counts[i] = append(counts[i], make([]int, k+1-len(counts[i]))...)
			}
			counts[i][k]++
		}
		sctx.DocumentMatchPool.Put(dm)
		best.offer(c)
	}

	r := &search.Result{Total: total, Facets: make(map[string]map[string]int, len(search.FacetFields))}
	values := ix.facts.valuesNow()
	for i, f := range search.FacetFields {
		m := map[string]int{}
		for k, n := range counts[i] {
			if k > 0 && n > 0 {
				m[values[k]] = n
			}
		}
		r.Facets[f] = m
	}
	ordered := best.ordered()
	from := min((page-1)*size, len(ordered))
	r.Hits = make([]search.Hit, 0, len(ordered)-from)
	for _, c := range ordered[from:] {
		si, local := gen.locate(c.num)
		id, err := gen.segSnap[si].DocID(local)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		h := ix.hits.get(string(id))
		h.ID, h.Score = string(id), c.score
		r.Hits = append(r.Hits, h)
	}
	return r, nil
}

// matches returns the matches of q on snap. When q has both a text and
// filters that narrow it (a level, a region, dates …), the filter's
// documents are read first and its phrases skip the others (see filter.go).
// What a reader may read alone is most of the library: reading it in full
// would cost more than Bleve's asking it about each match.
func (ix *Index) matches(ctx context.Context, snap *scorch.IndexSnapshot, gen *generation, q search.Query,
	match, filter query.Query, opts bsearch.SearcherOptions) (matches, error) {
	if match == nil || filter == nil || !narrowed(q) {
		return combine(match, filter).Searcher(ctx, snap, ix.idx.Mapping(), opts)
	}
	allow, err := filterSet(ctx, snap, ix.idx.Mapping(), filter, gen.docs())
	if err != nil {
		return nil, err
	}
	return filteredMatches(ctx, snap, ix.idx.Mapping(), matchQuery(q, allow), allow, opts)
}

// narrowed reports whether q has filters beyond what its reader may read.
func narrowed(q search.Query) bool {
	return q.Level+q.Region+q.Status+q.State+q.Category+q.From+q.To != ""
}

// candidates keeps the best keep candidates seen: a heap whose root is the
// worst of them.
type candidates struct {
	byDate bool
	keep   int
	h      []candidate
}

// before reports whether a comes before b in the results: newest first and
// undated last when by date, then the higher score, then the lower number.
func (cs *candidates) before(a, b candidate) bool {
	if cs.byDate && a.day != b.day {
		if a.day == 0 || b.day == 0 {
			return b.day == 0
		}
		return a.day > b.day
	}
	if a.score != b.score {
		return a.score > b.score
	}
	return a.num < b.num
}

func (cs *candidates) Len() int           { return len(cs.h) }
func (cs *candidates) Less(i, j int) bool { return cs.before(cs.h[j], cs.h[i]) } // worst at the root
func (cs *candidates) Swap(i, j int)      { cs.h[i], cs.h[j] = cs.h[j], cs.h[i] }
func (cs *candidates) Push(x any)         { cs.h = append(cs.h, x.(candidate)) }
func (cs *candidates) Pop() any {
	x := cs.h[len(cs.h)-1]
	cs.h = cs.h[:len(cs.h)-1]
	return x
}

func (cs *candidates) offer(c candidate) {
	switch {
	case cs.keep <= 0:
	case len(cs.h) < cs.keep:
		heap.Push(cs, c)
	case cs.before(c, cs.h[0]):
		cs.h[0] = c
		heap.Fix(cs, 0)
	}
}

// ordered returns the kept candidates, best first.
func (cs *candidates) ordered() []candidate {
	out := make([]candidate, len(cs.h))
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(cs).(candidate)
	}
	return out
}
