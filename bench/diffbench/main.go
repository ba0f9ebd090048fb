// Command diffbench times Norma's diff, diff.Compute, against
//
//	git diff --no-index --word-diff=porcelain --word-diff-regex=. OLD NEW
//
// on every consecutive pair of revisions in the revision corpus, and on
// the generated 200 KB revision of docs/diff's BenchmarkDiff200KB. Both are timed
// the same way: pair by pair, one after the other, each from the files on
// disk to the finished diff (for git, one process per pair), after one
// untimed round. Each figure is the median of several rounds. Run it from
// the repository root, on a quiet machine:
//
//	go run ./bench/diffbench [-corpus ../shared/corpus/revisions] [-rounds 3] [-parallel]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"norma/docs/diff"
	"norma/internal/revgen"
)

// pair is two consecutive revisions of one text, as files.
type pair struct{ old, new string }

func main() {
	corpus := flag.String("corpus", "../shared/corpus/revisions", "folder of folders of successive revisions (*.md)")
	rounds := flag.Int("rounds", 3, "timed rounds; figures are their median")
	parallel := flag.Bool("parallel", false, "also time diff.Compute over the corpus on every CPU at once")
	flag.Parse()
	if err := run(*corpus, max(1, *rounds), *parallel); err != nil {
		fmt.Fprintln(os.Stderr, "diffbench:", err)
		os.Exit(1)
	}
}

func run(corpus string, rounds int, parallel bool) error {
	pairs, err := revisionPairs(corpus)
	if err != nil {
		return err
	}
	git, err := exec.LookPath("git")
	if err != nil {
		fmt.Println("GIT IS MISSING: git is not in PATH, so only diff.Compute is timed and nothing is compared.")
		git = ""
	}
	fmt.Printf("load average %s on %d CPUs; figures are the median of %d rounds, after one untimed round\n\n", loadAverage(), runtime.NumCPU(), rounds)

	fmt.Printf("corpus %s: %d consecutive pairs, each timed alone\n", corpus, len(pairs))
	if err := compare(pairs, git, rounds, true); err != nil {
		return err
	}
	if parallel {
		d, err := timeParallel(pairs)
		if err != nil {
			return err
		}
		fmt.Printf("  diff.Compute on %d CPUs at once: %v in all\n", runtime.GOMAXPROCS(0), d.Round(time.Millisecond))
	}

	dir, err := os.MkdirTemp("", "diffbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	old, new, _ := revgen.Revision(200_000, 1)
	p := pair{filepath.Join(dir, "old.md"), filepath.Join(dir, "new.md")}
	if err := errors.Join(os.WriteFile(p.old, []byte(old), 0o600), os.WriteFile(p.new, []byte(new), 0o600)); err != nil {
		return err
	}
	fmt.Printf("\ngenerated %d KB revision, ~5%% of characters changed (target for diff.Compute: ≤ 50 ms)\n", len(old)/1000)
	return compare([]pair{p}, git, max(rounds, 5), false)
}

// compare times both diffs over pairs and prints the totals, the median
// pair (when there are several) and their ratio.
func compare(pairs []pair, git string, rounds int, perPair bool) error {
	norma, err := timeRounds(pairs, rounds, normaDiff)
	if err != nil {
		return err
	}
	line := func(name string, t timing, note string) {
		fmt.Printf("  %-16s %9v", name, t.total.Round(10*time.Microsecond))
		if perPair {
			fmt.Printf("   per pair: median %v", t.median.Round(time.Microsecond))
		}
		fmt.Println(note)
	}
	line("diff.Compute", norma, "")
	if git == "" {
		return nil
	}
	g, err := timeRounds(pairs, rounds, func(p pair) error { return gitDiff(git, p) })
	if err != nil {
		return err
	}
	line("git diff", g, "   (one process per pair)")
	fmt.Printf("  %-16s %9.2f   (diff.Compute / git; below 1: Norma is faster)\n", "ratio", float64(norma.total)/float64(g.total))
	return nil
}

// timing is what timeRounds measured: the median round's total and the
// median time of one pair over all rounds.
type timing struct{ total, median time.Duration }

// timeRounds runs diff over every pair, once untimed and then rounds
// times, timing each call.
func timeRounds(pairs []pair, rounds int, diff func(pair) error) (timing, error) {
	var totals, each []time.Duration
	for round := range rounds + 1 {
		var total time.Duration
		for _, p := range pairs {
			start := time.Now()
			if err := diff(p); err != nil {
				return timing{}, err
			}
			d := time.Since(start)
			total += d
			if round > 0 {
				each = append(each, d)
			}
		}
		if round > 0 {
			totals = append(totals, total)
		}
	}
	return timing{median(totals), median(each)}, nil
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// normaDiff reads both files and diffs them.
func normaDiff(p pair) error {
	a, errA := os.ReadFile(p.old)
	b, errB := os.ReadFile(p.new)
	if err := errors.Join(errA, errB); err != nil {
		return err
	}
	diff.Compute(string(a), string(b))
	return nil
}

// gitDiff runs git's character-level word diff of the pair, its output
// read and dropped. Exit status 1 only means that the files differ.
func gitDiff(git string, p pair) error {
	cmd := exec.Command(git, "diff", "--no-index", "--no-color", "--word-diff=porcelain", "--word-diff-regex=.", p.old, p.new)
	cmd.Stdout = io.Discard
	var exit *exec.ExitError
	if err := cmd.Run(); err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return fmt.Errorf("git diff %s %s: %w", p.old, p.new, err)
	}
	return nil
}

// timeParallel diffs all pairs with one worker per CPU and returns the
// time it took.
func timeParallel(pairs []pair) (time.Duration, error) {
	work := make(chan pair)
	errs := make(chan error, len(pairs))
	var wg sync.WaitGroup
	start := time.Now()
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				errs <- normaDiff(p)
			}
		})
	}
	for _, p := range pairs {
		work <- p
	}
	close(work)
	wg.Wait()
	close(errs)
	d := time.Since(start)
	for err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return d, nil
}

// loadAverage is the system's load over the last 1, 5 and 15 minutes, as
// Linux gives it; a measurement is only worth something on a quiet machine.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
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
	if len(pairs) == 0 {
		return nil, fmt.Errorf("revision corpus %s: no folder holds two revisions", corpus)
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
