package bleve

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"norma/search"
	"norma/workflow"
)

// TestCollectorMatchesBleve runs queries both through the facts kept per
// segment and through Bleve's own facets and sort, on an index of several
// segments with replaced and deleted documents, and wants the same totals,
// facets and order.
func TestCollectorMatchesBleve(t *testing.T) {
	withBatching(t, 7, 1<<30) // several segments, no compaction
	ix := open(t, filepath.Join(t.TempDir(), "ix"))
	defer ix.Close()
	rng := rand.New(rand.NewPCG(13, 13))
	words := []string{"物业服务", "住宅小区", "安全管理", "评价规范", "中华人民共和国", "技术要求"}
	levels := []string{"national", "local", "group", ""}
	regions := []string{"北京市", "上海市", "浙江省", ""}
	statuses := []string{"current", "withdrawn", "draft"}
	doc := func(i int) search.Document {
		d := search.Document{ID: fmt.Sprintf("d%03d", i), Number: fmt.Sprintf("DB/T %d—2020", i),
			Title: words[rng.IntN(len(words))] + words[rng.IntN(len(words))], Level: levels[rng.IntN(len(levels))],
			Region: regions[rng.IntN(len(regions))], Status: statuses[rng.IntN(len(statuses))], State: "published",
			Body: words[rng.IntN(len(words))] + "。" + words[rng.IntN(len(words))] + "的规定。", TextHash: "h"}
		if rng.IntN(5) > 0 { // some undated, and dates shared by several
			d.IssueDate = fmt.Sprintf("20%02d-0%d-1%d", 10+rng.IntN(12), 1+rng.IntN(9), rng.IntN(10))
		}
		d.Readers = []string{workflow.ReaderPublic}
		if rng.IntN(3) == 0 {
			d.Readers = []string{workflow.UserKey(int64(1 + rng.IntN(3)))}
		}
		return d
	}
	for round := range 4 { // each round a few batches, then replacements and deletions
		var docs []search.Document
		for i := range 30 {
			docs = append(docs, doc(round*30+i))
		}
		if err := ix.Put(t.Context(), docs...); err != nil {
			t.Fatal(err)
		}
		if round > 0 {
			if err := ix.Put(t.Context(), doc(rng.IntN(round*30)), doc(rng.IntN(round*30))); err != nil {
				t.Fatal(err)
			}
			if err := ix.Delete(t.Context(), fmt.Sprintf("d%03d", rng.IntN(round*30))); err != nil {
				t.Fatal(err)
			}
		}
		queries := []search.Query{{}, {Sort: search.SortDate}}
		for _, w := range words {
			queries = append(queries, search.Query{Terms: []string{w}}, search.Query{Terms: []string{w}, Sort: search.SortDate},
				search.Query{Terms: []string{w}, Level: "local"})
		}
		queries = append(queries, search.Query{Number: "DB/T 7—2020"}, search.Query{Status: "current", Sort: search.SortDate},
			search.Query{From: "2012-01-01", To: "2018-12-31"})
		for _, q := range queries {
			for _, r := range []search.Reader{{All: true}, {}, {UserID: 2}} {
				for _, page := range []search.Query{{Page: 1, Size: 10}, {Page: 2, Size: 7}, {Page: 1, Size: 100}} {
					q.Reader, q.Page, q.Size = r, page.Page, page.Size
					compareWithBleve(t, ix, q)
				}
			}
		}
	}
}

func compareWithBleve(t *testing.T, ix *Index, q search.Query) {
	t.Helper()
	got, err := ix.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	want, err := ix.searchBleve(t.Context(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	if got.Total != want.Total {
		t.Errorf("%+v: total %d, Bleve %d", q, got.Total, want.Total)
	}
	if d := cmp.Diff(want.Facets, got.Facets); d != "" {
		t.Errorf("%+v: facets differ (-Bleve +here):\n%s", q, d)
	}
	// Ties (same day, same score) may come in another order; the keys
	// of the order must agree hit by hit, and the hits of a whole list too.
	key := func(r *search.Result) []string {
		var out []string
		for _, h := range r.Hits {
			out = append(out, fmt.Sprintf("%s/%.6f", h.IssueDate, h.Score))
		}
		return out
	}
	byDate := q.Sort == search.SortDate || (len(q.Terms) == 0 && q.Number == "")
	gk, wk := key(got), key(want)
	if !byDate { // by score only
		gk, wk = scores(got), scores(want)
	}
	if d := cmp.Diff(wk, gk); d != "" {
		t.Errorf("%+v: order differs (-Bleve +here):\n%s", q, d)
	}
	if got.Total <= q.Size && q.Page == 1 {
		if d := cmp.Diff(ids(want), ids(got)); d != "" {
			t.Errorf("%+v: hits differ (-Bleve +here):\n%s", q, d)
		}
	}
}

func scores(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, fmt.Sprintf("%.6f", h.Score))
	}
	return out
}

func ids(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}
