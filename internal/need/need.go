// Package need ends a test whose outside tool (Chromium, LibreOffice,
// poppler-utils) is missing: a skip that says so on a developer's machine,
// a failure when the environment variable CI is set, because .ci/run
// installs every tool the tests use and a CI run must never pass without
// them.
package need

import (
	"os"
	"testing"
)

// Absent ends tb for the missing tool the message names.
func Absent(tb testing.TB, msg string) {
	tb.Helper()
	if os.Getenv("CI") != "" {
		tb.Fatalf("CI is set, but %s", msg)
		return
	}
	tb.Skip(msg)
}
