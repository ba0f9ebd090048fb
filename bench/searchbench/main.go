// Command searchbench measures the figures of issue 5 on the shared corpus,
// end to end, the way a user meets them:
//
//  1. it builds norma and imports the corpus into a fresh data folder with
//     `norma import` (store and index), timing the whole import;
//  2. it starts `norma serve` on that folder, waits until every document is
//     searchable, warms it with rounds of a mixed query set until its heap
//     stops growing (the first round is reported as the cold figure), and
//     times the query set over HTTP (GET /api/v1/search), as staff and as
//     the public;
//  3. it answers the same queries by a plain scan of the texts in memory,
//     the baseline the search must beat by 10×;
//  4. it times the duplicate check (POST /api/v1/similar and
//     GET /api/v1/standards/{id}/similar) on lightly edited copies;
//  5. it reads the server's resident memory from /proc;
//
// and prints a Markdown report with each figure next to its target. Run it
// from the repository root, on a quiet machine:
//
//	go run ./bench/searchbench [-corpus ../shared/corpus] [-keep]
//
// With -profile DIR it then opens the index in this process and shows
// where the time of a search goes (see profile.go).
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
)

// options are the command line flags.
type options struct {
	corpus     string
	keep       bool
	requests   int    // timed search requests as staff, at least
	public     int    // timed search requests as the public, at least
	scanRounds int    // timed rounds of the scan baseline over the query set
	profile    string // folder for the in-process diagnosis and its CPU profile, "" for none
	data       string // a data folder kept by an earlier run: only diagnose it (-profile)
	abuse      int    // senders of the largest anonymous duplicate checks, 0 for none
	abuseFor   time.Duration
	load       int // readers of the load step, 0 for none
	writers    int
	loadFor    time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.corpus, "corpus", "../shared/corpus", "the shared corpus: a folder holding normative-texts/ and standards/")
	flag.BoolVar(&o.keep, "keep", false, "keep the data folder (its path is printed) instead of removing it")
	flag.IntVar(&o.requests, "requests", 320, "timed search requests as staff (rounded up to whole rounds of the query set)")
	flag.IntVar(&o.public, "public", 120, "timed search requests as the public (rounded up to whole rounds)")
	flag.IntVar(&o.scanRounds, "scan-rounds", 3, "timed rounds of the scan baseline over the query set")
	flag.StringVar(&o.profile, "profile", "", "after the run, answer the queries in this process step by step and write a CPU profile into this folder")
	flag.StringVar(&o.data, "data", "", "with -profile, only diagnose this data folder, kept by an earlier run with -keep, instead of importing the corpus again")
	flag.IntVar(&o.abuse, "abuse", 0, "instead of the timings, send the largest anonymous duplicate checks from this many addresses at once and report memory and search latency meanwhile")
	flag.DurationVar(&o.abuseFor, "abuse-for", 60*time.Second, "how long -abuse lasts")
	flag.IntVar(&o.load, "load", 0, "instead of the timings, run this many readers and -writers writers for -load-for and report")
	flag.IntVar(&o.writers, "writers", 20, "writers of -load")
	flag.DurationVar(&o.loadFor, "load-for", 60*time.Second, "how long -load lasts")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
}

// figures is everything measured, for the report.
type figures struct {
	started       time.Time
	loadBefore    string
	loadAfter     string
	imp           importResult
	indexBytes    int64
	indexSegments int
	dbBytes       int64
	serveStart    time.Duration
	memLoaded     memory
	memQueried    memory
	memEnd        memory
	warm          warmUp // the rounds before the timed ones, as staff
	staff         []timedQuery
	public        []timedQuery
	plain         []timedQuery  // as staff, the client asking for no gzip
	serverCPU     time.Duration // CPU time norma serve spent on the timed staff and public searches
	corpusLoad    time.Duration
	scanTexts     int // texts the scan reads
	scan          []timedScan
	naiveScan     []timedScan // folding every text for every query
	dup           duplicateFigures
}

// run does the whole benchmark and prints the report.
func run(o options) error {
	texts, standards, err := corpusFolders(o.corpus)
	if err != nil {
		return err
	}
	if err := checkRepositoryRoot(); err != nil {
		return err
	}
	if o.data != "" {
		return diagnoseOnly(o)
	}
	f := figures{started: time.Now(), loadBefore: loadAverage()}
	fmt.Printf("searchbench: corpus %s, %d CPUs, load average %s\n", o.corpus, runtime.NumCPU(), f.loadBefore)

	work, err := os.MkdirTemp("", "searchbench-")
	if err != nil {
		return err
	}
	cleanup := func() {
		if o.keep {
			fmt.Printf("kept the data folder %s\n", filepath.Join(work, "data"))
			return
		}
		_ = os.RemoveAll(work)
	}
	defer cleanup()

	var srv *server
	stopOnSignal(func() {
		srv.stop()
		cleanup()
	})
	srv, err = measure(o, &f, work, texts, standards)
	srv.stop()
	if errors.Is(err, errAbuseDone) {
		return nil
	}
	if err != nil {
		return err
	}
	f.loadAfter = loadAverage()
	printReport(os.Stdout, o, &f)
	if o.profile == "" {
		return nil
	}
	if err := os.MkdirAll(o.profile, 0o755); err != nil {
		return err
	}
	ds, err := diagnoseBoth(filepath.Join(work, "data"), o.profile, o.scanRounds)
	if err != nil {
		return fmt.Errorf("diagnosis: %w", err)
	}
	printDiagnosis(os.Stdout, ds, &f)
	return nil
}

// measure runs every step and fills f; the server it started is returned
// for the caller to stop, also on error.
func measure(o options, f *figures, work, texts, standards string) (*server, error) {
	bin, err := buildNorma(work)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(work, "data")
	if err := importStep(f, bin, data, texts, standards); err != nil {
		return nil, err
	}
	// The import leaves a few hundred megabytes for the kernel to write
	// back over the next half minute; that is the import's cost, not the
	// searches', so it is written now.
	fmt.Println("flushing the import's writes to disk …")
	syscall.Sync()
	fmt.Println("starting norma serve …")
	start := time.Now()
	if o.abuse > 0 {
		serveEnv = append(serveEnv, "NORMA_TRUST_PROXY=true")
	}
	srv, err := startServe(bin, data, work)
	if err != nil {
		return srv, err
	}
	c := newClient(srv.base)
	token, err := c.login(staffName, staffPassword)
	if err != nil {
		return srv, err
	}
	if err := c.waitIndexed(token, f.imp.documents(), 3*time.Minute); err != nil {
		return srv, err
	}
	f.serveStart = time.Since(start)
	f.memLoaded = srv.memory()
	// Measured once serve opened the index: opening removes the segments
	// that the import's final merge replaced.
	f.indexBytes, _ = dirSize(filepath.Join(data, "index.bleve"))
	f.indexSegments = segmentFiles(data)
	if o.abuse > 0 {
		abuseStep(srv, c, token, o.abuse, o.abuseFor).print()
		return srv, errAbuseDone
	}
	if o.load > 0 {
		lf, err := loadStep(srv, c, token, o.load, o.writers, o.loadFor)
		lf.print()
		if err != nil {
			return srv, err
		}
		return srv, errAbuseDone
	}
	if err := searchStep(o, f, srv, c, token); err != nil {
		return srv, err
	}
	if err := baselineAndDuplicateStep(o, f, c, token, texts, standards); err != nil {
		return srv, err
	}
	f.memEnd = srv.memory()
	return srv, nil
}

// importStep imports the corpus into data, measures the index and the
// database, and adds the staff account.
func importStep(f *figures, bin, data, texts, standards string) error {
	fmt.Println("importing the corpus …")
	var err error
	if f.imp, err = importCorpus(bin, data, texts, standards); err != nil {
		return err
	}
	f.dbBytes = databaseSize(data)
	return addStaff(bin, data)
}

// searchStep times the query set over HTTP as staff and as the public,
// with the server's CPU time and memory, then as staff without gzip.
func searchStep(o options, f *figures, srv *server, c *client, token string) error {
	fmt.Println("timing searches over HTTP …")
	queries := querySet()
	var err error
	if f.warm, err = warm(srv, c, token, queries); err != nil {
		return err
	}
	cpu0 := srv.cpuTime()
	if f.staff, err = timeSearches(c, token, queries, o.requests); err != nil {
		return err
	}
	if f.public, err = timeSearches(c, "", queries, o.public); err != nil {
		return err
	}
	f.serverCPU = srv.cpuTime() - cpu0
	f.memQueried = srv.memory()
	f.plain, err = timeSearches(c.withoutGzip(), token, queries, o.requests)
	return err
}

// baselineAndDuplicateStep times the scan baseline over the texts loaded
// into memory, then the duplicate check.
func baselineAndDuplicateStep(o options, f *figures, c *client, token, texts, standards string) error {
	fmt.Println("loading the texts for the scan baseline …")
	start := time.Now()
	corpus, err := loadCorpus(texts, standards)
	if err != nil {
		return err
	}
	f.corpusLoad, f.scanTexts = time.Since(start), len(corpus)
	fmt.Println("timing the scan baseline …")
	f.scan = timeScans(corpus, querySet(), o.scanRounds, false)
	f.naiveScan = timeScans(corpus, querySet(), 1, true)
	fmt.Println("timing the duplicate check …")
	f.dup, err = timeDuplicateChecks(c, token, corpus)
	return err
}

// diagnoseBoth diagnoses the index as the import and norma serve left it,
// then merged into one segment.
func diagnoseBoth(data, dir string, rounds int) ([]diagnosis, error) {
	fmt.Println("diagnosing in process …")
	d1, err := diagnose(data, dir, "as-imported", querySet(), rounds)
	if err != nil {
		return nil, err
	}
	if err := compactIndex(data); err != nil {
		return nil, err
	}
	d2, err := diagnose(data, dir, "one-segment", querySet(), rounds)
	return []diagnosis{d1, d2}, err
}

// diagnoseOnly runs the in-process diagnosis on a data folder kept by an
// earlier run, without the import and the timings over HTTP.
func diagnoseOnly(o options) error {
	if o.profile == "" {
		return errors.New("-data needs -profile DIR: the diagnosis is all it runs")
	}
	if err := os.MkdirAll(o.profile, 0o755); err != nil {
		return err
	}
	fmt.Printf("searchbench: diagnosing %s, load average %s\n", o.data, loadAverage())
	ds, err := diagnoseBoth(o.data, o.profile, o.scanRounds)
	if err != nil {
		return fmt.Errorf("diagnosis: %w", err)
	}
	printDiagnosis(os.Stdout, ds, nil)
	return nil
}

// corpusFolders returns the two folders of the corpus that are imported, or
// an error that says plainly what is missing.
func corpusFolders(corpus string) (texts, standards string, err error) {
	texts, standards = filepath.Join(corpus, "normative-texts"), filepath.Join(corpus, "standards")
	for _, dir := range []string{texts, standards} {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return "", "", fmt.Errorf("THE CORPUS IS MISSING: %s is not a folder.\n"+
				"Give the shared corpus (a folder holding normative-texts/ and standards/) with -corpus PATH;\n"+
				"the default, ../shared/corpus, is relative to the repository root", dir)
		}
	}
	return texts, standards, nil
}

// checkRepositoryRoot makes sure the command runs where go build finds
// ./cmd/norma.
func checkRepositoryRoot() error {
	if _, err := os.Stat(filepath.Join("cmd", "norma", "main.go")); err != nil {
		return errors.New("run searchbench from the repository root (where cmd/norma is): go run ./bench/searchbench")
	}
	return nil
}

// stopOnSignal calls stop and exits when the run is interrupted, so that
// no server or data folder is left behind.
func stopOnSignal(stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ch
		fmt.Fprintln(os.Stderr, "searchbench: interrupted; stopping norma serve and cleaning up")
		stop()
		os.Exit(130)
	}()
}

// loadAverage returns the first three fields of /proc/loadavg.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	var a, b5, c string
	_, _ = fmt.Sscan(string(b), &a, &b5, &c)
	return a + " " + b5 + " " + c
}
