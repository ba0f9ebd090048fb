package searchtest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"norma/search"
)

// filterCases are filters alone and combined, each with how many
// fixtures pass it for staff with no text.
var filterCases = []struct {
	name string
	set  func(*search.Query)
	want int
}{
	{"level", func(q *search.Query) { q.Level = "local" }, 18},
	{"region", func(q *search.Query) { q.Region = "31" }, 6},
	{"region 4201", func(q *search.Query) { q.Region = "4201" }, 2},
	{"status", func(q *search.Query) { q.Status = "superseded" }, 2},
	{"state", func(q *search.Query) { q.State = "draft" }, 2},
	{"category", func(q *search.Query) { q.Category = "服务标准" }, 11},
	{"from", func(q *search.Query) { q.From = "2021-01-01" }, 8},
	{"to", func(q *search.Query) { q.To = "2016-12-30" }, 5},
	{"one day", func(q *search.Query) { q.From, q.To = "2020-03-31", "2020-03-31" }, 1},
	{"combined", func(q *search.Query) {
		q.Level, q.Region, q.Status, q.From, q.To = "local", "11", "current", "2017-06-01", "2026-01-15"
	}, 4},
}

// testFilters checks every filter, with and without text, against the
// scan.
func testFilters(t *testing.T, ix search.Index) {
	for _, fc := range filterCases {
		for _, text := range []string{"", "服务", "物业 规范"} {
			q := query(text)
			fc.set(&q)
			if text == "" && len(expected(q)) != fc.want {
				t.Fatalf("fixtures: filter %s passes %d, the table says %d", fc.name, len(expected(q)), fc.want)
			}
			checkSet(t, fmt.Sprintf("%s %q", fc.name, text), run(t, ix, q), q)
		}
	}
}

// testSortByDate checks the date order: newest first, undated last.
func testSortByDate(t *testing.T, ix search.Index) {
	for _, text := range []string{"服务", "物业", ""} {
		q := query(text)
		q.Sort = search.SortDate
		res := run(t, ix, q)
		checkSet(t, "date "+text, res, q)
		checkDateOrder(t, text, res.Hits)
	}
}

// checkDateOrder checks that hits go from the newest issue date to the
// oldest, then the undated, and that they carry the fixtures' dates.
func checkDateOrder(t *testing.T, what string, hits []search.Hit) {
	t.Helper()
	for i, h := range hits {
		if want := fixture(t, h.ID).IssueDate; h.IssueDate != want {
			t.Errorf("%q: hit %s has issue date %q, want %q", what, h.ID, h.IssueDate, want)
		}
		if i == 0 {
			continue
		}
		prev := hits[i-1].IssueDate
		if prev == "" && h.IssueDate != "" || prev != "" && h.IssueDate > prev {
			t.Errorf("%q: by date, %s (%q) comes after %s (%q)", what, h.ID, h.IssueDate, hits[i-1].ID, prev)
		}
	}
}

// testPaging checks that pages of 3 cut one order without overlap and
// keep the total.
func testPaging(t *testing.T, ix search.Index) {
	for _, sort := range []string{search.SortRelevance, search.SortDate} {
		for _, text := range []string{"服务", ""} {
			q := query(text)
			q.Sort = sort
			all := run(t, ix, q)
			if all.Total < 9 {
				t.Fatalf("fixtures: %q gives %d hits, paging needs 9", text, all.Total)
			}
			checkPages(t, ix, q, hitIDs(all.Hits))
		}
	}
}

// checkPages walks q in pages of 3 and compares them with the one page
// order, then asks for a page beyond the end.
func checkPages(t *testing.T, ix search.Index, q search.Query, order []string) {
	t.Helper()
	q.Size = 3
	var seen []string
	for q.Page = 1; (q.Page-1)*3 < len(order); q.Page++ {
		res := run(t, ix, q)
		want := order[(q.Page-1)*3 : min(len(order), q.Page*3)]
		if got := hitIDs(res.Hits); !slices.Equal(got, want) {
			t.Errorf("%s %q page %d: %v, want %v", q.Sort, q.Terms, q.Page, got, want)
		}
		if res.Total != len(order) {
			t.Errorf("%s %q page %d: total %d, want %d", q.Sort, q.Terms, q.Page, res.Total, len(order))
		}
		for _, id := range res.Hits {
			if slices.Contains(seen, id.ID) {
				t.Errorf("%s %q page %d repeats %s", q.Sort, q.Terms, q.Page, id.ID)
			}
			seen = append(seen, id.ID)
		}
	}
	res := run(t, ix, q)
	if len(res.Hits) != 0 || res.Total != len(order) {
		t.Errorf("page %d after the last: %d hits, total %d; want none, total %d", q.Page, len(res.Hits), res.Total, len(order))
	}
}

// testFacets checks that facets count every hit, not just the page, for
// each reader.
func testFacets(t *testing.T, ix search.Index) {
	for _, text := range []string{"服务", "", "物业 规范"} {
		for _, rd := range readers {
			q := query(text)
			q.Reader, q.Size = rd.r, 2
			checkFacets(t, rd.name+" "+text, run(t, ix, q), q)
			q.Level = "local"
			checkFacets(t, rd.name+" local "+text, run(t, ix, q), q)
		}
	}
}

func checkFacets(t *testing.T, what string, res *search.Result, q search.Query) {
	t.Helper()
	want := facetsOf(expected(q))
	for _, f := range search.FacetFields {
		if diff := cmp.Diff(want[f], res.Facets[f], cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: facet %s (-want +got):\n%s", what, f, diff)
		}
	}
}

// testEmptyQuery checks that no text lists everything the reader may
// read, filtered, in a stable order.
func testEmptyQuery(t *testing.T, ix search.Index) {
	for _, rd := range readers {
		q := query("")
		q.Reader = rd.r
		res := run(t, ix, q)
		checkSet(t, "empty "+rd.name, res, q)
		if len(res.Hits) == 0 {
			t.Errorf("empty query for %s lists nothing", rd.name)
		}
		again := run(t, ix, q)
		if !slices.Equal(hitIDs(res.Hits), hitIDs(again.Hits)) {
			t.Errorf("empty query for %s: order changed from %v to %v", rd.name, hitIDs(res.Hits), hitIDs(again.Hits))
		}
	}
}
