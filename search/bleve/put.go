package bleve

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"norma/search"
)

// Bleve builds one index segment a batch, on the goroutine that calls
// Batch, and merges segments in the background. A batch is cut at
// batchSize documents or batchBytes of text, which bounds the memory its
// analysis takes; putWorkers batches are built at once; a Put of bulkSize
// documents or more is compacted to one segment at its end, which keeps
// searches fast and costs a few seconds for the whole library.
var (
	batchSize  = 200
	batchBytes = 2 << 20
	putWorkers = max(1, min(runtime.GOMAXPROCS(0), 4))
	bulkSize   = 1000
)

// Put adds or replaces documents: in batches, several at once, the last
// one of an id winning.
func (ix *Index) Put(ctx context.Context, docs ...search.Document) error {
	for _, d := range docs {
		if d.ID == "" {
			return errors.New("put into search index: a document has no id")
		}
	}
	docs = lastOfEach(docs)
	if len(docs) == batchLen(docs) {
		return ix.putBatch(ctx, docs)
	}
	batches := make(chan []search.Document)
	errs := make(chan error, putWorkers)
	for range putWorkers {
		go func() { errs <- ix.putBatches(ctx, batches) }()
	}
	for rest := docs; len(rest) > 0; {
		n := batchLen(rest)
		batches <- rest[:n]
		rest = rest[n:]
	}
	close(batches)
	var err error
	for range putWorkers {
		err = errors.Join(err, <-errs)
	}
	if err == nil && len(docs) >= bulkSize {
		_ = ix.Compact(ctx)
	}
	return err
}

// putBatches puts every batch it receives, skipping the rest after an
// error, which it returns.
func (ix *Index) putBatches(ctx context.Context, batches <-chan []search.Document) error {
	var err error
	for docs := range batches {
		if err == nil {
			err = ix.putBatch(ctx, docs)
		}
	}
	return err
}

func (ix *Index) putBatch(ctx context.Context, docs []search.Document) error {
	b := ix.idx.NewBatch()
	for _, d := range docs {
		if err := b.Index(d.ID, record(d)); err != nil {
			return fmt.Errorf("put %s into search index: %w", d.ID, err)
		}
	}
	if err := ix.apply(ctx, b); err != nil {
		return err
	}
	for _, d := range docs {
		ix.hits.set(documentHit(d))
	}
	return nil
}

// batchLen returns how many of docs go into the next batch.
func batchLen(docs []search.Document) int {
	size := 0
	for i, d := range docs {
		size += len(d.Title) + len(d.Body)
		if i+1 == batchSize || size >= batchBytes {
			return i + 1
		}
	}
	return len(docs)
}

// lastOfEach returns docs with only the last document of each id, so that
// batches built at once cannot reorder two versions of one document.
func lastOfEach(docs []search.Document) []search.Document {
	last := make(map[string]int, len(docs))
	for i, d := range docs {
		last[d.ID] = i
	}
	if len(last) == len(docs) {
		return docs
	}
	out := make([]search.Document, 0, len(last))
	for i, d := range docs {
		if last[d.ID] == i {
			out = append(out, d)
		}
	}
	return out
}

// Compact merges the index into one segment, after a bulk load: searches
// then read one segment instead of many. It is only an optimization: should
// it fail, the background merger reduces the segments in time.
func (ix *Index) Compact(ctx context.Context) error {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return err
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		return s.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions)
	}
	return nil
}

// apply runs a batch unless ctx is done.
func (ix *Index) apply(ctx context.Context, b *blevesearch.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := ix.idx.Batch(b); err != nil {
		return fmt.Errorf("update search index: %w", err)
	}
	return nil
}
