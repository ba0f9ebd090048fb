package meili

import (
	"context"
	"fmt"

	"github.com/meilisearch/meilisearch-go"

	"norma/search"
)

// defaultSize is the page size of a query that names none, as in Bleve.
const defaultSize = 10

// tier is one search among the hits of a query: the documents the filter
// selects that match text (every document when it is empty). The tiers
// of a query never overlap, and every hit of one ranks above every hit of
// the next.
type tier struct{ text, filter string }

// tiers returns the tiers of q within the documents base selects: the
// standard whose number_keys hold q.Number (Meilisearch cannot OR a filter
// with a text query), then, in a relevance search, the text hits whose
// title holds every term, then the other text hits.
func tiers(q search.Query, base string) []tier {
	text := phrases(q.Terms)
	var ts []tier
	if q.Number != "" {
		num := numberFilter(q.Number)
		if q.Sheet != "" {
			num = "number_keys IN [" + quote(q.Number) + ", " + quote(q.Sheet) + "]"
		}
		ts = append(ts, tier{"", and(base, num)})
		if text == "" {
			return ts
		}
		base = and(base, "NOT "+num)
	}
	if title := titleFilter(q.Terms); text != "" && title != "" && q.Sort != search.SortDate {
		return append(ts, tier{text, and(base, title)}, tier{text, and(base, "NOT ("+title+")")})
	}
	return append(ts, tier{text, base})
}

// Search runs a query: one page of the hits of its tiers in order, the
// exact number of all of them, and their facet counts. Under the date
// sort, number hits still come first (Bleve orders them by date among the
// rest).
func (x *Index) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	if q.Size < 1 {
		q.Size = defaultSize
	}
	q.Page = max(q.Page, 1)
	base, err := filterOf(q)
	if err != nil {
		return nil, err
	}
	ts := tiers(q, base)
	if len(ts) == 1 {
		p, err := x.run(ctx, q, ts[0], q.Page, q.Size)
		if err != nil {
			return nil, err
		}
		return &search.Result{Total: p.total, Hits: p.hits, Facets: mergeFacets(p.facets)}, nil
	}
	return x.searchTiers(ctx, q, ts)
}

// run asks Meilisearch for one page of perPage hits of a tier.
func (x *Index) run(ctx context.Context, q search.Query, t tier, page, perPage int) (part, error) {
	resp, err := x.index.Search(ctx, t.text, searchRequest(q, t, page, perPage))
	if err != nil {
		return part{}, fmt.Errorf("meili: searching index %s: %w", x.name, err)
	}
	return readResponse(resp)
}

// pageOf is one page of one tier to ask for.
type pageOf struct{ tier, page int }

// searchTiers answers a query of several tiers in two multi-searches: the
// totals and facets of every tier, then the pages that hold the hits of
// the page asked for, which may span tiers and, within a tier, two pages.
func (x *Index) searchTiers(ctx context.Context, q search.Query, ts []tier) (*search.Result, error) {
	heads := make([]*meilisearch.SearchRequest, len(ts))
	for i, t := range ts {
		heads[i] = searchRequest(q, t, 1, 0)
	}
	counts, err := x.multi(ctx, heads)
	if err != nil {
		return nil, err
	}
	res := &search.Result{Hits: []search.Hit{}}
	facets := make([]map[string]map[string]int, len(counts))
	totals := make([]int, len(counts))
	for i, c := range counts {
		res.Total += c.total
		facets[i], totals[i] = c.facets, c.total
	}
	res.Facets = mergeFacets(facets...)
	spans, pages := plan(totals, q.Page, q.Size)
	if len(pages) == 0 {
		return res, nil
	}
	reqs := make([]*meilisearch.SearchRequest, len(pages))
	for i, p := range pages {
		reqs[i] = searchRequest(q, ts[p.tier], p.page, q.Size)
		reqs[i].Facets = nil // counted already
	}
	got, err := x.multi(ctx, reqs)
	if err != nil {
		return nil, err
	}
	res.Hits = assemble(pages, got, spans, q.Size)
	return res, nil
}

// plan returns, for tiers of the totals given, which of its hits each
// tier gives to the page asked for (the first, and how many) and the pages
// of size hits to fetch for them: at most two per tier.
func plan(totals []int, page, size int) (spans [][2]int, pages []pageOf) {
	spans = make([][2]int, len(totals))
	before, need := 0, size
	for i, total := range totals {
		start := max(0, (page-1)*size-before)
		n := min(need, max(0, total-start))
		spans[i] = [2]int{start, n}
		before, need = before+total, need-n
		for p := start/size + 1; n > 0 && (p-1)*size < start+n; p++ {
			pages = append(pages, pageOf{i, p})
		}
	}
	return spans, pages
}

// assemble cuts from the pages fetched of each tier the hits its span asks
// for, tier by tier.
func assemble(pages []pageOf, got []part, spans [][2]int, size int) []search.Hit {
	byTier := make([][]search.Hit, len(spans))
	for i, p := range pages {
		byTier[p.tier] = append(byTier[p.tier], got[i].hits...)
	}
	hits := []search.Hit{}
	for i, s := range spans {
		h := byTier[i]
		h = h[min(s[0]%size, len(h)):]
		hits = append(hits, h[:min(s[1], len(h))]...)
	}
	return hits
}

// multi runs requests in one Meilisearch multi-search and reads the
// answers in order.
func (x *Index) multi(ctx context.Context, reqs []*meilisearch.SearchRequest) ([]part, error) {
	for _, r := range reqs {
		r.IndexUID = x.name
	}
	resp, err := x.client.MultiSearch(ctx, &meilisearch.MultiSearchRequest{Queries: reqs})
	if err != nil {
		return nil, fmt.Errorf("meili: searching index %s: %w", x.name, err)
	}
	if len(resp.Results) != len(reqs) {
		return nil, fmt.Errorf("meili: searching index %s: %d answers to %d searches", x.name, len(resp.Results), len(reqs))
	}
	parts := make([]part, len(reqs))
	for i := range resp.Results {
		if parts[i], err = readResponse(&resp.Results[i]); err != nil {
			return nil, err
		}
	}
	return parts, nil
}

// hitAttributes are the attributes a hit is read from.
var hitAttributes = []string{"id", "number", "title", "level", "region", "status", "state", "issue_date", "text_hash"}

// searchRequest returns the Meilisearch request of one page of a tier:
// every term required, exact totals (page and hitsPerPage), the facets,
// ranking scores, and the date sort when asked for or when there is no
// text to rank by.
func searchRequest(q search.Query, t tier, page, perPage int) *meilisearch.SearchRequest {
	hpp := int64(perPage)
	attrs := hitAttributes
	req := &meilisearch.SearchRequest{
		Query:                t.text,
		Page:                 int64(page),
		HitsPerPage:          &hpp,
		Facets:               search.FacetFields,
		AttributesToRetrieve: attrs,
		MatchingStrategy:     meilisearch.All,
		ShowRankingScore:     true,
		Locales:              []string{locale},
	}
	if t.filter != "" {
		req.Filter = t.filter
	}
	if q.Sort == search.SortDate || t.text == "" {
		// Without text every hit is as relevant as the next: newest first,
		// undated last, as in Bleve.
		req.Sort = []string{"issue_ts:desc"}
	}
	return req
}
