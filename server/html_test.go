package server_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"norma/internal/htmlcheck"
)

// parseHTML parses a page or a fragment of HTML.
func parseHTML(tb testing.TB, s string) *html.Node {
	tb.Helper()
	doc, err := htmlcheck.Parse(s)
	if err != nil {
		tb.Fatalf("parsing HTML: %v\n%s", err, s)
	}
	return doc
}

// selectTexts returns the text of each element of the HTML s that matches
// selector (see htmlcheck.Select), in document order.
func selectTexts(tb testing.TB, s, selector string) []string {
	tb.Helper()
	var out []string
	for _, n := range htmlcheck.Select(parseHTML(tb, s), selector) {
		out = append(out, htmlcheck.Text(n))
	}
	return out
}

// htmlText returns the text of the HTML s as a reader sees it.
func htmlText(tb testing.TB, s string) string {
	tb.Helper()
	return htmlcheck.Text(parseHTML(tb, s))
}

// inlineScripts returns every script element of the page s that is not one
// of Norma's own static files: text that should have stayed text.
func inlineScripts(tb testing.TB, s string) []string {
	tb.Helper()
	var out []string
	for _, n := range htmlcheck.Select(parseHTML(tb, s), "script") {
		if src := htmlcheck.Attr(n, "src"); !strings.HasPrefix(src, "/static/") || htmlcheck.Text(n) != "" {
			out = append(out, htmlcheck.Render(n))
		}
	}
	return out
}
