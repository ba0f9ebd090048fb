// Package bleve is the embedded search engine: a Bleve index in a folder on
// local disk whose CJK bigram analysis makes Chinese text match as
// contiguous strings, with phrases over term vectors, keyword fields for
// filters and facets, and the standard number as an exact key.
package bleve

import (
	"context"
	"errors"
	"fmt"
	"os"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"go.etcd.io/bbolt"

	"norma/search"
)

// Index is a Bleve index on disk. It is safe for concurrent use.
type Index struct {
	idx   blevesearch.Index
	path  string
	fresh bool
	hits  *hitCache
	facts *factCache
}

var _ search.Index = (*Index)(nil)

// ErrLocked is what Open returns when another process holds the index (a
// running norma serve).
var ErrLocked = errors.New("the search index is in use by another process")

// lockWait is how long Open waits for another process to release the
// index before it gives up with ErrLocked.
const lockWait = "1s"

// versionKey is the internal key under which the index records the
// mapping version it was built with.
var versionKey = []byte("norma_mapping_version")

// Open opens the index in the folder at path, or creates it there when the
// folder does not exist or is empty. An index built by an older mapping is
// deleted and created anew; Fresh then reports true.
func Open(path string) (*Index, error) {
	idx, err := blevesearch.OpenUsing(path, map[string]interface{}{"bolt_timeout": lockWait})
	switch {
	case errors.Is(err, bbolt.ErrTimeout):
		return nil, fmt.Errorf("open search index %s: %w", path, ErrLocked)
	case err == nil:
		if current(idx) {
			ix := &Index{idx: idx, path: path, hits: newHitCache(), facts: newFactCache()}
			if err := ix.hits.load(context.Background(), idx); err != nil {
				_ = idx.Close()
				return nil, err
			}
			return ix, nil
		}
		if err := replace(idx, path); err != nil {
			return nil, err
		}
	case errors.Is(err, blevesearch.ErrorIndexPathDoesNotExist):
	case errors.Is(err, blevesearch.ErrorIndexMetaMissing) && emptyDir(path):
	default:
		return nil, fmt.Errorf("open search index %s: %w", path, err)
	}
	return create(path)
}

// Fresh reports whether Open created the index, empty, rather than finding
// one: the caller then fills it from the store.
func (ix *Index) Fresh() bool { return ix.fresh }

// scorchConfig lowers the merge planner's floor from 2,000 documents: with
// the default, every segment of a library this size counts as "small" and
// the background merger rewrites the growing index again and again during
// a bulk load (a gigabyte written for 175 MB). A bulk load is compacted
// once at its end instead (see Put).
var scorchConfig = map[string]interface{}{
	"scorchMergePlanOptions": map[string]interface{}{"FloorSegmentSize": 100},
	"bolt_timeout":           lockWait,
}

func create(path string) (*Index, error) {
	idx, err := blevesearch.NewUsing(path, newMapping(), scorch.Name, scorch.Name, scorchConfig)
	if err != nil {
		return nil, fmt.Errorf("create search index %s: %w", path, err)
	}
	if err := idx.SetInternal(versionKey, []byte(mappingVersion)); err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("create search index %s: %w", path, err)
	}
	return &Index{idx: idx, path: path, fresh: true, hits: newHitCache(), facts: newFactCache()}, nil
}

// current reports whether idx was built with this mapping version.
func current(idx blevesearch.Index) bool {
	v, err := idx.GetInternal(versionKey)
	return err == nil && string(v) == mappingVersion
}

// replace closes and deletes an index built by another mapping version.
func replace(idx blevesearch.Index, path string) error {
	if err := idx.Close(); err != nil {
		return fmt.Errorf("close outdated search index %s: %w", path, err)
	}
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("remove outdated search index %s: %w", path, err)
	}
	return nil
}

func emptyDir(path string) bool {
	entries, err := os.ReadDir(path)
	return err == nil && len(entries) == 0
}

// Count returns how many documents the index holds.
func (ix *Index) Count(ctx context.Context) (int, error) {
	n, err := ix.idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count search index: %w", err)
	}
	return int(n), nil
}

// Close closes the index.
func (ix *Index) Close() error {
	if err := ix.idx.Close(); err != nil {
		return fmt.Errorf("close search index %s: %w", ix.path, err)
	}
	return nil
}
