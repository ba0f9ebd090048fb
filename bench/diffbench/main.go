// Command diffbench times Norma's diff (docs.DiffTexts) against
// `git diff --no-index --word-diff=porcelain --word-diff-regex=.` on every
// consecutive pair of amended texts in the revision corpus, and on a
// generated 200 KB revision. Run it from the repository root:
//
//	go run ./bench/diffbench [-corpus ../shared/corpus/revisions] [-n 10]
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"norma/docs"
)

// pair is two consecutive revisions of one text, as files.
type pair struct{ old, new string }

func main() {
	corpus := flag.String("corpus", "../shared/corpus/revisions", "folder of NNN/ folders of successive revisions (*.md)")
	n := flag.Int("n", 10, "runs of the 200 KB case")
	flag.Parse()
	if err := run(*corpus, *n); err != nil {
		fmt.Fprintln(os.Stderr, "diffbench:", err)
		os.Exit(1)
	}
}

func run(corpus string, n int) error {
	pairs, err := revisionPairs(corpus)
	if err != nil {
		return err
	}
	git, gitErr := exec.LookPath("git")
	if gitErr != nil {
		fmt.Println("git is missing (not found in PATH): only Norma's diff is timed")
	}
	fmt.Printf("corpus %s: %d consecutive pairs\n", corpus, len(pairs))
	norma, err := timeNorma(pairs, 1)
	if err != nil {
		return err
	}
	fmt.Printf("  docs.DiffTexts       %10v\n", norma.Round(time.Millisecond))
	if git != "" {
		g, err := timeGit(git, pairs, 1)
		if err != nil {
			return err
		}
		fmt.Printf("  git diff --word-diff %10v (one process per pair)\n", g.Round(time.Millisecond))
		fmt.Printf("  ratio norma/git      %10.2f\n", float64(norma)/float64(g))
	}
	return runGenerated(git, n)
}

// runGenerated times the generated 200 KB case, n runs each.
func runGenerated(git string, n int) error {
	old, new := generatedRevision(200_000, 1)
	dir, err := os.MkdirTemp("", "diffbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	p := pair{filepath.Join(dir, "old.md"), filepath.Join(dir, "new.md")}
	if err := errors.Join(os.WriteFile(p.old, []byte(old), 0o600), os.WriteFile(p.new, []byte(new), 0o600)); err != nil {
		return err
	}
	fmt.Printf("generated %d KB → %d KB revision, ~5%% of characters changed, mean of %d runs:\n", len(old)/1000, len(new)/1000, n)
	norma, err := timeNorma([]pair{p}, n)
	if err != nil {
		return err
	}
	fmt.Printf("  docs.DiffTexts       %10v\n", (norma / time.Duration(n)).Round(time.Microsecond))
	if git != "" {
		g, err := timeGit(git, []pair{p}, n)
		if err != nil {
			return err
		}
		fmt.Printf("  git diff --word-diff %10v\n", (g / time.Duration(n)).Round(time.Microsecond))
		fmt.Printf("  ratio norma/git      %10.2f\n", float64(norma)/float64(g))
	}
	return nil
}

// revisionPairs lists every consecutive pair of *.md files in each folder
// of corpus, files in natural order (r2 before r10).
func revisionPairs(corpus string) ([]pair, error) {
	dirs, err := os.ReadDir(corpus)
	if err != nil {
		return nil, fmt.Errorf("revision corpus: %w (run from the repository root or pass -corpus)", err)
	}
	var pairs []pair
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join(corpus, d.Name(), "*.md"))
		slices.SortFunc(files, compareNatural)
		for k := 1; k < len(files); k++ {
			pairs = append(pairs, pair{files[k-1], files[k]})
		}
	}
	return pairs, nil
}

var digits = regexp.MustCompile(`[0-9]+`)

// compareNatural orders names with numbers compared as numbers.
func compareNatural(a, b string) int {
	key := func(s string) string {
		return digits.ReplaceAllStringFunc(s, func(d string) string { return strings.Repeat("0", max(0, 12-len(d))) + d })
	}
	return strings.Compare(key(a), key(b))
}

// timeNorma reads the pairs, then times runs rounds of DiffTexts over them.
func timeNorma(pairs []pair, runs int) (time.Duration, error) {
	texts := make([][2]string, len(pairs))
	for k, p := range pairs {
		a, errA := os.ReadFile(p.old)
		b, errB := os.ReadFile(p.new)
		if err := errors.Join(errA, errB); err != nil {
			return 0, err
		}
		texts[k] = [2]string{string(a), string(b)}
	}
	start := time.Now()
	for range runs {
		for _, t := range texts {
			docs.DiffTexts(t[0], t[1])
		}
	}
	return time.Since(start), nil
}

// timeGit times runs rounds of git's character-level word diff over the
// pairs. Exit status 1 only means that the files differ.
func timeGit(git string, pairs []pair, runs int) (time.Duration, error) {
	start := time.Now()
	for range runs {
		for _, p := range pairs {
			cmd := exec.Command(git, "diff", "--no-index", "--no-color", "--word-diff=porcelain", "--word-diff-regex=.", p.old, p.new)
			var exit *exec.ExitError
			if _, err := cmd.Output(); err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
				return 0, fmt.Errorf("git diff %s %s: %w", p.old, p.new, err)
			}
		}
	}
	return time.Since(start), nil
}
