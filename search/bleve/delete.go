package bleve

import (
	"context"
	"fmt"

	blevesearch "github.com/blevesearch/bleve/v2"
)

// Delete removes documents; unknown ids are no error.
func (ix *Index) Delete(ctx context.Context, ids ...string) error {
	for len(ids) > 0 {
		n := min(1000, len(ids))
		b := ix.idx.NewBatch()
		for _, id := range ids[:n] {
			b.Delete(id)
		}
		if err := ix.apply(ctx, b); err != nil {
			return err
		}
		ix.hits.drop(ids[:n]...)
		ids = ids[n:]
	}
	return nil
}

// Clear removes every document.
func (ix *Index) Clear(ctx context.Context) error {
	for {
		req := blevesearch.NewSearchRequestOptions(blevesearch.NewMatchAllQuery(), 1000, 0, false)
		res, err := ix.idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("clear search index: %w", err)
		}
		if len(res.Hits) == 0 {
			return nil
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		if err := ix.Delete(ctx, ids...); err != nil {
			return err
		}
	}
}
