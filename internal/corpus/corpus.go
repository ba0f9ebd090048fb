// Package corpus finds the shared corpus of real texts for the tests that
// read it. The corpus sits beside the repository (../shared/corpus) in the
// development workspace; see its README.
//
// Without the corpus those tests are skipped, and say so, on a developer's
// machine; when the environment variable CI is set they fail instead, so
// that a CI run never passes without them.
package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of sub (a file or folder, slash-separated parts)
// in the shared corpus. When it is missing, tb is skipped, or fails under
// CI.
func Path(tb testing.TB, sub ...string) string {
	tb.Helper()
	p, err := find(sub)
	if err != nil {
		missing(tb, err)
	}
	return p
}

// Lookup returns the path of sub in the shared corpus and whether it is
// there, for tests that add the corpus to cases of their own when it is
// present. Under CI a missing corpus fails tb.
func Lookup(tb testing.TB, sub ...string) (string, bool) {
	tb.Helper()
	p, err := find(sub)
	if err != nil {
		if os.Getenv("CI") != "" {
			missing(tb, err)
		}
		return "", false
	}
	return p, true
}

// missing ends the test for a missing corpus: a failure under CI, a skip
// elsewhere.
func missing(tb testing.TB, err error) {
	tb.Helper()
	if os.Getenv("CI") != "" {
		tb.Fatalf("CI is set but the shared corpus is missing: %v", err)
		return
	}
	tb.Skipf("skipped: the shared corpus is missing (%v)", err)
}

// find returns the path of sub under ../shared/corpus of the module's root.
func find(sub []string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(append([]string{root, "..", "shared", "corpus"}, sub...)...)
	if _, err := os.Stat(p); err != nil {
		return "", err
	}
	return p, nil
}

// moduleRoot returns the nearest folder at or above the working directory
// (a test's package folder) that holds go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
