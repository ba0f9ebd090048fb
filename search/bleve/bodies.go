package bleve

import (
	"context"
	"fmt"
	"sync"

	blevesearch "github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"norma/search"
)

// storedHit reads a hit's fields and text from what the index stored.
func storedHit(dm *bsearch.DocumentMatch) search.Hit {
	str := func(f string) string {
		s, _ := dm.Fields[f].(string)
		return s
	}
	return search.Hit{ID: dm.ID, Number: str(fieldNumber), Title: str(fieldTitle), Level: str(fieldLevel),
		Region: str(fieldRegion), Status: str(fieldStatus), State: str(fieldState),
		IssueDate: str(fieldIssueDate), Body: str(fieldBody)}
}

// cachedHit is the hit of a document as Put gives it.
func cachedHit(d search.Document) search.Hit {
	return search.Hit{ID: d.ID, Number: d.Number, Title: d.Title, Level: d.Level, Region: d.Region,
		Status: d.Status, State: d.State, IssueDate: d.IssueDate, Body: d.Body}
}

// bodies keeps what a hit shows of every document in memory: its fields
// and its text, for snippets. A segment stores a document's fields
// together, compressed, so reading a hit's title out of the index meant
// decompressing its whole body: that was a quarter of the search time. The
// library's plain text (about 60 MB for 3,400 texts) fits in memory. The
// index stays the durable copy: the cache is refilled from it on Open.
type bodies struct {
	mu sync.RWMutex
	m  map[string]search.Hit // Body set, Score not
}

func newBodies() *bodies { return &bodies{m: map[string]search.Hit{}} }

// get returns the hit of id, with Body when withBody.
func (b *bodies) get(id string, withBody bool) (search.Hit, bool) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	h, ok := b.m[id]
	if !withBody {
		h.Body = ""
	}
	return h, ok
}

func (b *bodies) set(h search.Hit) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.m[h.ID] = h
}

func (b *bodies) drop(ids ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range ids {
		delete(b.m, id)
	}
}

// load fills the cache from the index's stored bodies.
func (b *bodies) load(ctx context.Context, idx blevesearch.Index) error {
	const page = 500
	for from := 0; ; from += page {
		req := blevesearch.NewSearchRequestOptions(blevesearch.NewMatchAllQuery(), page, from, false)
		req.Fields = append([]string{fieldBody}, hitFields...)
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("load texts from the search index: %w", err)
		}
		for _, dm := range res.Hits {
			b.set(storedHit(dm))
		}
		if len(res.Hits) < page {
			return nil
		}
	}
}
