package docs

import (
	"testing"

	"norma/internal/htmlcheck"
)

// activeMarkup lists the markup of a fragment that could run code.
func activeMarkup(tb testing.TB, fragment string) []string {
	tb.Helper()
	bad, err := htmlcheck.Active(fragment)
	if err != nil {
		tb.Fatal(err)
	}
	return bad
}
