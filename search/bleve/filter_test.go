package bleve

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"norma/search"
	"norma/workflow"
)

// TestFilterWalkMatchesBleve runs filters that keep a few of many matches
// (a rare region, a level, status and dates together, a reader who may
// read a few texts) and filters that keep almost all of few matches, on an
// index of several segments with replaced and deleted documents, and wants
// the totals, facets, scores and order of Bleve's own filtered query.
func TestFilterWalkMatchesBleve(t *testing.T) {
	withBatching(t, 23, 1<<30) // several segments, no compaction
	ix := open(t, filepath.Join(t.TempDir(), "ix"))
	defer ix.Close()
	rng := rand.New(rand.NewPCG(7, 31))
	doc := func(i int) search.Document {
		d := search.Document{ID: fmt.Sprintf("f%03d", i), Number: fmt.Sprintf("DB44/T %d—2021", i),
			Title: "安全生产管理规范", Level: "national", Region: "", Status: "current", State: "published",
			Body: "第一条 为了加强安全生产工作。第二条 生产经营单位应当遵守本规定。", TextHash: "h",
			Readers: []string{workflow.ReaderPublic}}
		switch rng.IntN(4) {
		case 0:
			d.Title = "物业服务规范" // the phrase only in the body
		case 1:
			d.Body = "安全与生产分开写的文本。" // both words, never the phrase
		}
		if rng.IntN(12) == 0 { // rare
			d.Level, d.Region = "local", "44"
		}
		if rng.IntN(3) == 0 {
			d.Status = "withdrawn"
		}
		if rng.IntN(4) > 0 {
			d.IssueDate = fmt.Sprintf("20%02d-0%d-1%d", 10+rng.IntN(12), 1+rng.IntN(9), rng.IntN(10))
		}
		if rng.IntN(15) == 0 {
			d.Readers = []string{workflow.UserKey(5)}
			d.Title += "起草"
		}
		return d
	}
	for from := 0; from < 240; from += 40 {
		var docs []search.Document
		for i := from; i < from+40; i++ {
			docs = append(docs, doc(i))
		}
		if err := ix.Put(t.Context(), docs...); err != nil {
			t.Fatal(err)
		}
	}
	for range 10 {
		if err := ix.Put(t.Context(), doc(rng.IntN(240))); err != nil {
			t.Fatal(err)
		}
		if err := ix.Delete(t.Context(), fmt.Sprintf("f%03d", rng.IntN(240))); err != nil {
			t.Fatal(err)
		}
	}
	if n := segments(t, ix); n < 2 {
		t.Fatalf("the index has %d segments; the test needs several", n)
	}
	filters := []search.Query{
		{Region: "44"},
		{Level: "local", Region: "44", Status: "current"},
		{Level: "national", From: "2015-01-01"},
		{From: "2012-01-01", To: "2013-12-31", Status: "withdrawn"},
		{Region: "99"}, // keeps nothing
		{Status: "current"},
	}
	texts := [][]string{{"安全生产"}, {"安全生产", "规范"}, {"起草"}, {"生产经营单位"}, {"不存在的词"}, {"物业服务"}}
	for _, f := range filters {
		for _, terms := range texts {
			for _, r := range []search.Reader{{All: true}, {}, {UserID: 5}} {
				for _, sort := range []string{search.SortRelevance, search.SortDate} {
					for _, page := range []search.Query{{Page: 1, Size: 10}, {Page: 2, Size: 7}, {Page: 1, Size: 100}} {
						q := f
						q.Terms, q.Reader, q.Sort, q.Page, q.Size = terms, r, sort, page.Page, page.Size
						compareWithBleve(t, ix, q)
					}
				}
			}
		}
	}
	q := search.Query{Terms: []string{"安全生产"}, Region: "44", Reader: search.Reader{All: true}, Page: 1, Size: 100}
	res, err := ix.Search(t.Context(), q)
	if err != nil || res.Total == 0 || res.Facets["region"]["44"] != res.Total {
		t.Fatalf("安全生产 in region 44: %+v, %v; want some hits, all counted in region 44", res, err)
	}
}
