package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readFixture returns a file of testdata.
func readFixture(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// editText applies old→new replacements to text, failing when one is missing.
func editText(tb testing.TB, text string, pairs ...string) string {
	tb.Helper()
	for k := 0; k+1 < len(pairs); k += 2 {
		if !strings.Contains(text, pairs[k]) {
			tb.Fatalf("fixture lacks %q", pairs[k])
		}
		text = strings.Replace(text, pairs[k], pairs[k+1], 1)
	}
	return text
}
