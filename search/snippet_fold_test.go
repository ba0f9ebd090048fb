package search_test

import (
	"html"
	"strings"
	"testing"

	"norma/search"
	"norma/search/searchtest"
)

// TestSnippetFoldsEveryClass checks that the snippet highlights a text of
// every class of character when searched in either form, as the engines
// find it (package fold).
func TestSnippetFoldsEveryClass(t *testing.T) {
	for _, c := range searchtest.FoldCases {
		for _, tc := range []struct{ text, term string }{{c.Text, c.Folded}, {c.Folded, c.Text}} {
			got := search.Snippet("本条规定："+tc.text+"。", []string{tc.term})
			if want := "<mark>" + html.EscapeString(tc.text) + "</mark>"; !strings.Contains(got, want) {
				t.Errorf("%s: Snippet of %q for %q = %q, want %q in it", c.Class, tc.text, tc.term, got, want)
			}
		}
	}
}
