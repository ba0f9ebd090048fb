package meili

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"norma/search"
	"norma/search/searchtest"
)

// TestContract runs the conformance suite every engine passes against the
// Meilisearch server at MEILI_URL (with the API key MEILI_KEY), each test
// in a fresh index that is deleted afterwards.
func TestContract(t *testing.T) {
	url := os.Getenv("MEILI_URL")
	if url == "" {
		t.Skip("MEILI_URL is not set: the Meilisearch contract tests were skipped")
	}
	key := os.Getenv("MEILI_KEY")
	searchtest.Run(t, func(tb testing.TB) search.Index {
		return openTestIndex(tb, url, key)
	})
}

// testIndexes numbers the indexes one test run makes.
var testIndexes atomic.Int64

// openTestIndex opens a new, uniquely named index and deletes it when the
// test ends.
func openTestIndex(tb testing.TB, url, key string) search.Index {
	tb.Helper()
	name := fmt.Sprintf("norma_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano(), testIndexes.Add(1))
	x, err := Open(context.Background(), url, key, name)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := x.DeleteIndex(context.Background()); err != nil {
			tb.Errorf("deleting the test index %s: %v", name, err)
		}
		x.Close()
	})
	return x
}
