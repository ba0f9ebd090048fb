package bleve

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"norma/search"
	"norma/search/searchtest"
)

// withBatching sets small batches and bulk loads for one test.
func withBatching(t *testing.T, size, bulk int) {
	oldSize, oldBulk := batchSize, bulkSize
	batchSize, bulkSize = size, bulk
	t.Cleanup(func() { batchSize, bulkSize = oldSize, oldBulk })
}

func TestPutInBatchesLastVersionWins(t *testing.T) {
	withBatching(t, 2, 1<<30)
	ix := open(t, filepath.Join(t.TempDir(), "ix"))
	defer ix.Close()
	docs := searchtest.Documents()
	changed := docs[3] // s04
	changed.Title = "住宅小区综合管理规范"
	docs = append(docs, changed)
	if err := ix.Put(t.Context(), docs...); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(t.Context(), search.Query{Terms: []string{"综合管理"}, Page: 1, Size: 10, Reader: search.Reader{All: true}})
	if err != nil || res.Total != 1 || res.Hits[0].ID != "s04" {
		t.Errorf("the later version of s04 did not win: %+v, %v", res, err)
	}
}

func TestBulkPutCompacts(t *testing.T) {
	withBatching(t, 3, 10)
	ix := open(t, filepath.Join(t.TempDir(), "ix"))
	defer ix.Close()
	if err := ix.Put(t.Context(), searchtest.Documents()...); err != nil {
		t.Fatal(err)
	}
	settle(t, ix)
	if n := segments(t, ix); n != 1 {
		t.Errorf("after a bulk put the index has %d segments, want 1", n)
	}
}

func TestPutRejectsEmptyID(t *testing.T) {
	ix := open(t, filepath.Join(t.TempDir(), "ix"))
	defer ix.Close()
	if err := ix.Put(t.Context(), search.Document{Title: "无编号"}); err == nil {
		t.Error("Put took a document without id")
	}
}

func TestConcurrentPutAndSearch(t *testing.T) {
	ix := open(t, filepath.Join(t.TempDir(), "ix"))
	defer ix.Close()
	docs := searchtest.Documents()
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(docs))
	for i, d := range docs {
		wg.Go(func() {
			d.ID = fmt.Sprintf("c%02d", i)
			errs <- ix.Put(t.Context(), d)
		})
		wg.Go(func() {
			_, err := ix.Search(t.Context(), search.Query{Terms: []string{"服务"}, Page: 1, Size: 5, Reader: search.Reader{All: true}})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n, err := ix.Count(t.Context()); err != nil || n != len(docs) {
		t.Errorf("after concurrent puts: %d documents (err %v), want %d", n, err, len(docs))
	}
}
