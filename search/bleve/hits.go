package bleve

import (
	"context"
	"fmt"
	"sync"

	blevesearch "github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"norma/search"
)

// hitCache keeps in memory what a hit shows of every document (number,
// title, level, region, status, state, issue date): a few hundred bytes a
// document. A segment stores a document's fields together, compressed, so
// reading them out of the index for every hit of every search cost a fifth
// of the search time. The index stays the durable copy: Open refills the
// cache from its stored fields.
type hitCache struct {
	mu sync.RWMutex
	m  map[string]search.Hit // without Score
}

func newHitCache() *hitCache { return &hitCache{m: map[string]search.Hit{}} }

func (c *hitCache) get(id string) search.Hit {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[id]
}

func (c *hitCache) set(h search.Hit) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[h.ID] = h
}

func (c *hitCache) drop(ids ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		delete(c.m, id)
	}
}

// load fills the cache from the index's stored fields.
func (c *hitCache) load(ctx context.Context, idx blevesearch.Index) error {
	const page = 1000
	for from := 0; ; from += page {
		req := blevesearch.NewSearchRequestOptions(blevesearch.NewMatchAllQuery(), page, from, false)
		req.Fields = hitFields
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("load hits from the search index: %w", err)
		}
		for _, dm := range res.Hits {
			c.set(storedHit(dm))
		}
		if len(res.Hits) < page {
			return nil
		}
	}
}

// storedHit reads a hit from the fields the index stored.
func storedHit(dm *bsearch.DocumentMatch) search.Hit {
	str := func(f string) string {
		s, _ := dm.Fields[f].(string)
		return s
	}
	return search.Hit{ID: dm.ID, Number: str(fieldNumber), Title: str(fieldTitle), Level: str(fieldLevel),
		Region: str(fieldRegion), Status: str(fieldStatus), State: str(fieldState), IssueDate: str(fieldIssueDate),
		TextHash: str(fieldTextHash)}
}

// documentHit is the hit of a document as Put gives it.
func documentHit(d search.Document) search.Hit {
	return search.Hit{ID: d.ID, Number: d.Number, Title: d.Title, Level: d.Level, Region: d.Region,
		Status: d.Status, State: d.State, IssueDate: d.IssueDate, TextHash: d.TextHash}
}
