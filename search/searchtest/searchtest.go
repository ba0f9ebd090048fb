// Package searchtest is the conformance suite every search engine runs:
// one Run that opens a fresh, empty index for each case, fills it with
// the fixture library (Documents) and checks what the engine answers
// against a plain scan of the same fixtures. An engine's test is
//
//	func TestContract(t *testing.T) {
//		searchtest.Run(t, func(tb testing.TB) search.Index { … })
//	}
package searchtest

import (
	"slices"
	"testing"

	"norma/search"
)

// Run runs the suite against the engine that open opens. open returns a
// new, empty index for each case; Run closes it when the case ends.
func Run(t *testing.T, open func(tb testing.TB) search.Index) {
	cases := []struct {
		name string
		test func(t *testing.T, ix search.Index)
	}{
		{"TotalsMatchScan", testTotalsMatchScan},
		{"PartsAreContiguous", testPartsAreContiguous},
		{"EveryPartMustOccur", testEveryPartMustOccur},
		{"SingleCharacter", testSingleCharacter},
		{"NumberSpellings", testNumberSpellings},
		{"TitleRanksAboveBody", testTitleRanksAboveBody},
		{"Filters", testFilters},
		{"SortByDate", testSortByDate},
		{"Paging", testPaging},
		{"Facets", testFacets},
		{"UpdateVisible", testUpdateVisible},
		{"DeleteAndClear", testDeleteAndClear},
		{"Visibility", testVisibility},
		{"ConsultationWindow", testConsultationWindow},
		{"EmptyQuery", testEmptyQuery},
		{"AmendmentNumbers", testAmendmentNumbers},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.test(t, filled(t, open))
		})
	}
}

// filled opens a fresh index, checks that it is empty and puts the
// fixtures into it.
func filled(t *testing.T, open func(tb testing.TB) search.Index) search.Index {
	t.Helper()
	ix := open(t)
	t.Cleanup(func() { _ = ix.Close() })
	if n, err := ix.Count(t.Context()); err != nil || n != 0 {
		t.Fatalf("a fresh index holds %d documents (err %v), want 0", n, err)
	}
	docs := Documents()
	if err := ix.Put(t.Context(), docs...); err != nil {
		t.Fatalf("put fixtures: %v", err)
	}
	if n, err := ix.Count(t.Context()); err != nil || n != len(docs) {
		t.Fatalf("after putting %d fixtures the index holds %d (err %v)", len(docs), n, err)
	}
	return ix
}

// query builds the query the server builds from free text, for staff, one
// page of 100.
func query(text string) search.Query {
	q := search.Query{Sort: search.SortRelevance, Page: 1, Size: 100, Reader: search.Reader{All: true}}
	q.Terms, q.Number = search.ParseText(text)
	q.Sheet = search.SheetNumber(text)
	return q
}

// run runs q and fails the test on an error.
func run(t *testing.T, ix search.Index, q search.Query) *search.Result {
	t.Helper()
	res, err := ix.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	if res == nil {
		t.Fatalf("search %+v: nil result", q)
	}
	return res
}

// hitIDs returns the ids of hits in order.
func hitIDs(hits []search.Hit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}

// docIDs returns the ids of docs in order.
func docIDs(docs []search.Document) []string {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids
}

// sorted returns a sorted copy of ids.
func sorted(ids []string) []string {
	s := slices.Clone(ids)
	slices.Sort(s)
	return s
}

// checkSet checks that res holds exactly the documents the scan finds for
// q, on one page, and that its total counts them.
func checkSet(t *testing.T, what string, res *search.Result, q search.Query) {
	t.Helper()
	want := sorted(docIDs(expected(q)))
	if got := sorted(hitIDs(res.Hits)); !slices.Equal(got, want) {
		t.Errorf("%s: hits %v, want %v", what, got, want)
	}
	if res.Total != len(want) {
		t.Errorf("%s: total %d, want %d", what, res.Total, len(want))
	}
}

// fixture returns the fixture with id.
func fixture(t *testing.T, id string) search.Document {
	t.Helper()
	for _, d := range Documents() {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("no fixture %s", id)
	return search.Document{}
}
