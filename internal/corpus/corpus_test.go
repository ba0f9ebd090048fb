package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// recorder notes how a helper ended a test instead of ending it.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Skipf(format string, args ...any)  { r.skipped = fmt.Sprintf(format, args...) }
func (r *recorder) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

// inModuleWithoutCorpus moves the test into a module that has no corpus
// beside it.
func inModuleWithoutCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(filepath.Join(dir, "pkg"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(dir, "pkg"))
}

func TestMissingSkipsOutsideCI(t *testing.T) {
	inModuleWithoutCorpus(t)
	t.Setenv("CI", "")
	r := &recorder{TB: t}
	Path(r, "revisions")
	if r.skipped == "" || r.failed != "" {
		t.Errorf("Path without a corpus: skipped %q, failed %q; want a skip", r.skipped, r.failed)
	}
	r = &recorder{TB: t}
	if _, ok := Lookup(r, "revisions"); ok || r.skipped != "" || r.failed != "" {
		t.Errorf("Lookup without a corpus = %v, skipped %q, failed %q; want false alone", ok, r.skipped, r.failed)
	}
}

func TestMissingFailsInCI(t *testing.T) {
	inModuleWithoutCorpus(t)
	t.Setenv("CI", "true")
	for name, call := range map[string]func(testing.TB){
		"Path":   func(tb testing.TB) { Path(tb, "revisions") },
		"Lookup": func(tb testing.TB) { Lookup(tb, "revisions") },
	} {
		r := &recorder{TB: t}
		call(r)
		if r.failed == "" || r.skipped != "" {
			t.Errorf("%s without a corpus under CI: skipped %q, failed %q; want a failure", name, r.skipped, r.failed)
		}
	}
}

func TestPresentFindsIt(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"repo/a/b", "shared/corpus/revisions"} {
		if err := os.MkdirAll(filepath.Join(dir, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "repo", "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(dir, "repo", "a", "b"))
	t.Setenv("CI", "true")
	r := &recorder{TB: t}
	got := Path(r, "revisions")
	if want := filepath.Join(dir, "repo", "..", "shared", "corpus", "revisions"); got != filepath.Clean(want) || r.failed != "" || r.skipped != "" {
		t.Errorf("Path = %q (skipped %q, failed %q), want %q", got, r.skipped, r.failed, want)
	}
	if p, ok := Lookup(r, "revisions"); !ok || p != got {
		t.Errorf("Lookup = %q, %v, want %q, true", p, ok, got)
	}
}
