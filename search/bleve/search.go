package bleve

import (
	"context"
	"fmt"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"norma/search"
)

// Paging defaults and the largest number of facet values counted per field
// (more than there are levels, statuses or regions).
const (
	defaultSize = 10
	facetSize   = 1000
)

// hitFields are the stored fields a hit is built from.
var hitFields = []string{fieldNumber, fieldTitle, fieldLevel, fieldRegion, fieldStatus, fieldState, fieldIssueDate, fieldTextHash}

// Search runs a query: exact total, one page of hits, facets over all hits.
// Bleve finds and scores the matches; the facets and the date order come
// from the facts kept per segment (see facts.go).
func (ix *Index) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer func() { _ = reader.Close() }()
	if snap, ok := reader.(*scorch.IndexSnapshot); ok {
		return ix.searchSnapshot(ctx, snap, q)
	}
	return ix.searchBleve(ctx, q)
}

// searchBleve runs a query the plain Bleve way, facets and sort included.
func (ix *Index) searchBleve(ctx context.Context, q search.Query) (*search.Result, error) {
	req, err := ix.request(q)
	if err != nil {
		return nil, err
	}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return ix.result(res), nil
}

// request turns q into a Bleve search request.
func (ix *Index) request(q search.Query) (*blevesearch.SearchRequest, error) {
	match := matchQuery(q, nil)
	filter, err := filterQuery(q)
	if err != nil {
		return nil, err
	}
	page, size := max(q.Page, 1), q.Size
	if size < 1 {
		size = defaultSize
	}
	req := blevesearch.NewSearchRequestOptions(combine(match, filter), size, (page-1)*size, false)
	byDate := q.Sort == search.SortDate || match == nil
	req.SortByCustom(order(byDate))
	if byDate && q.Number == "" {
		req.Score = blevesearch.ScoreNone // the date orders the hits: no need to score them
	}
	for _, f := range search.FacetFields {
		req.AddFacet(f, blevesearch.NewFacetRequest(f, facetSize))
	}
	return req, nil
}

// combine returns the query for documents that match and pass filter;
// either may be nil.
func combine(match, filter query.Query) query.Query {
	switch {
	case filter == nil && match == nil:
		return query.NewMatchAllQuery()
	case filter == nil:
		return match
	}
	b := query.NewBooleanQuery(nil, nil, nil)
	if match != nil {
		b.AddMust(match)
	}
	b.AddFilter(filter)
	return b
}

// order is by score, or by issue date, newest first and undated last.
func order(byDate bool) bsearch.SortOrder {
	score := &bsearch.SortScore{Desc: true}
	if !byDate {
		return bsearch.SortOrder{score}
	}
	date := &bsearch.SortField{Field: fieldIssueDay, Type: bsearch.SortFieldAsNumber,
		Desc: true, Missing: bsearch.SortFieldMissingLast}
	return bsearch.SortOrder{date, score}
}

// result converts a Bleve result; each hit's fields come from memory.
func (ix *Index) result(res *blevesearch.SearchResult) *search.Result {
	r := &search.Result{Total: int(res.Total), Hits: make([]search.Hit, 0, len(res.Hits)),
		Facets: make(map[string]map[string]int, len(search.FacetFields))}
	for _, dm := range res.Hits {
		h := ix.hits.get(dm.ID)
		h.ID, h.Score = dm.ID, dm.Score
		r.Hits = append(r.Hits, h)
	}
	for _, f := range search.FacetFields {
		counts := map[string]int{}
		if fr := res.Facets[f]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				if t.Count > 0 {
					counts[t.Term] = t.Count
				}
			}
		}
		r.Facets[f] = counts
	}
	return r
}
