package bleve

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"

	"norma/search"
	"norma/workflow"
)

// blevePhrase is a phrase answered by Bleve's own phrase searcher, with
// the same terms at the same offsets as phraseQuery's slots.
type blevePhrase struct{ q *phraseQuery }

func (b blevePhrase) Searcher(ctx context.Context, i index.IndexReader, _ mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	terms := make([][]string, b.q.slots[len(b.q.slots)-1].off+1)
	for _, sl := range b.q.slots {
		terms[sl.off] = []string{sl.term}
	}
	return searcher.NewMultiPhraseSearcher(ctx, i, terms, 0, false, b.q.field, b.q.boost, options)
}

// TestPhraseSearcherMatchesBleve answers phrases, alone and two at once
// (where one searcher is advanced to the other's documents), with the
// phrase searcher that reads the segments' postings and with Bleve's, on
// an index of several segments with replaced and deleted documents, and
// wants the same documents with the same scores.
func TestPhraseSearcherMatchesBleve(t *testing.T) {
	old := scorchConfig
	// No segment is small enough to be merged.
	scorchConfig = map[string]interface{}{"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentSize": 2}}
	t.Cleanup(func() { scorchConfig = old })
	path := filepath.Join(t.TempDir(), "ix")
	rng := rand.New(rand.NewPCG(5, 17))
	alphabet := []rune("物业服务管理安全规范")
	text := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	doc := func(i int) search.Document {
		return search.Document{ID: fmt.Sprintf("d%03d", i), Title: text(4 + rng.IntN(6)), State: "issued",
			Readers: []string{workflow.ReaderPublic}, Body: text(20+rng.IntN(200)) + "。" + text(5+rng.IntN(40))}
	}
	for i := 0; i < 150; i += 30 { // closed after each round: its segment is kept apart
		ix := open(t, path)
		var docs []search.Document
		for j := range 30 {
			docs = append(docs, doc(i+j))
		}
		if err := ix.Put(t.Context(), docs...); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			if err := ix.Put(t.Context(), doc(rng.IntN(i))); err != nil {
				t.Fatal(err)
			}
			if err := ix.Delete(t.Context(), fmt.Sprintf("d%03d", rng.IntN(i))); err != nil {
				t.Fatal(err)
			}
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
	ix := open(t, path)
	defer ix.Close()
	if n := len(snapshotOf(t, ix).Segments()); n < 3 {
		t.Fatalf("the index has %d segments, want several", n)
	}
	run := func(q query.Query) map[string]float64 {
		req := blevesearch.NewSearchRequestOptions(q, 1000, 0, false)
		res, err := ix.idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		return out
	}
	compare := func(what string, mine, bleves query.Query) {
		t.Helper()
		got, want := run(mine), run(bleves)
		if len(want) == 0 && len(got) == 0 {
			return
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d matches, Bleve %d", what, len(got), len(want))
		}
		for id, w := range want {
			g, ok := got[id]
			if !ok {
				t.Errorf("%s: %s is missing", what, id)
			} else if math.Abs(g-w) > 1e-9*w {
				t.Errorf("%s: %s scored %v, Bleve %v", what, id, g, w)
			}
		}
	}
	matched := 0
	for range 60 {
		a, b := text(2+rng.IntN(5)), text(2+rng.IntN(3))
		field := []string{fieldBody, fieldTitle}[rng.IntN(2)]
		qa := &phraseQuery{field: field, slots: phrase(a), guides: guides(a), boost: 3}
		qb := &phraseQuery{field: fieldBody, slots: phrase(b), guides: guides(b), boost: 1}
		compare(a+" in "+field, qa, blevePhrase{qa})
		compare(a+" "+b, query.NewConjunctionQuery([]query.Query{qa, qb}),
			query.NewConjunctionQuery([]query.Query{blevePhrase{qa}, blevePhrase{qb}}))
		matched += len(run(qa))
	}
	if matched == 0 {
		t.Fatal("no phrase matched: the comparison compared nothing")
	}
}

// snapshotOf returns the index's current snapshot, closed when the test
// ends.
func snapshotOf(t *testing.T, ix *Index) *scorch.IndexSnapshot {
	t.Helper()
	adv, err := ix.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		t.Fatalf("the reader is a %T, not a snapshot", r)
	}
	return snap
}
