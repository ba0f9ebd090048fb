package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	blevesearch "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"norma/search"
	"norma/search/bleve"
	"norma/store/sqlite"
	"norma/workflow"
)

// The -profile diagnosis: once norma serve has stopped, the benchmark opens
// its index in this process and answers the query set step by step, to
// show where the time of a search over HTTP goes, and writes a CPU profile
// of search.Service.Search; then it merges the index into one segment and
// does it again.

// stage is one step of answering a search, timed over the query set.
type stage struct {
	name  string
	times []time.Duration
}

// diagnosis is what the -profile run measured on one state of the index.
type diagnosis struct {
	label    string // the state of the index
	segments int    // its segments
	bytes    int64  // the size of its folder after the run
	stages   []stage
	profile  string // the CPU profile's path
	// per search of the profiled rounds: CPU time of this process (user
	// and system), and the heap allocations and bytes. Unlike the wall
	// times they hardly depend on what else the machine runs.
	cpu           time.Duration
	allocs, alloc uint64
	perQuery      []queryCost // the heaviest queries first
}

// queryCost is the CPU time and the allocations of one query of the set,
// per search through the service.
type queryCost struct {
	q      query
	cpu    time.Duration
	allocs uint64
}

// diagnose opens the index and the database under data and times, for
// every query of the set, rounds times: the index search, the service
// (with the texts read from the database and the snippets), the JSON
// encoding of its answer and its gzip compression (level 1, as the
// server's middleware). The CPU profile of the service's searches goes
// into dir.
func diagnose(data, dir, label string, qs []query, rounds int) (diagnosis, error) {
	d := diagnosis{label: label}
	var err error
	if d.segments, err = indexSegments(data); err != nil {
		return d, err
	}
	idx, err := bleve.Open(filepath.Join(data, "index.bleve"))
	if err != nil {
		return d, err
	}
	defer idx.Close()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(data, "norma.db"))
	if err != nil {
		return d, err
	}
	defer db.Close()
	staff := &workflow.User{ID: 1, Username: staffName, Role: workflow.RoleStaff}
	svc := search.NewService(idx, db)

	index := stage{name: "Index.Search"}
	service := stage{name: "Service.Search (texts from the database + snippets)"}
	encode := stage{name: "json.Marshal of the answer"}
	compress := stage{name: "gzip level 1 of the JSON"}
	for r := 0; r <= rounds; r++ { // round 0 warms up
		for _, q := range qs {
			t, err := timeIndex(ctx, idx, q)
			if err != nil {
				return d, err
			}
			start := time.Now()
			res, err := svc.Search(ctx, staff, request(q))
			ts := time.Since(start)
			if err != nil {
				return d, err
			}
			te, tz, err := timeEncoding(res)
			if err != nil {
				return d, err
			}
			if r > 0 {
				index.times = append(index.times, t)
				service.times = append(service.times, ts)
				encode.times = append(encode.times, te)
				compress.times = append(compress.times, tz)
			}
		}
	}
	d.stages = []stage{index, service, encode, compress}
	d.profile = filepath.Join(dir, "search-"+label+".cpu.pprof")
	if err = profileService(ctx, svc, staff, qs, rounds, &d); err != nil {
		return d, err
	}
	if d.perQuery, err = costPerQuery(ctx, svc, staff, qs, rounds*5); err != nil {
		return d, err
	}
	d.bytes, _ = dirSize(filepath.Join(data, "index.bleve"))
	return d, err
}

// request turns a query of the set into a search request.
func request(q query) search.Request {
	p := q.params
	return search.Request{Q: q.q, Level: p.Get("level"), Region: p.Get("region"), Status: p.Get("status"),
		From: p.Get("from"), To: p.Get("to"), Sort: p.Get("sort"), Page: q.page(), Size: pageSize}
}

// timeIndex times the index's answer to q as staff.
func timeIndex(ctx context.Context, idx *bleve.Index, q query) (time.Duration, error) {
	sq, err := request(q).Validate(search.Reader{All: true})
	if err != nil {
		return 0, err
	}
	start := time.Now()
	_, err = idx.Search(ctx, sq)
	return time.Since(start), err
}

// timeEncoding times the JSON encoding of an answer and its compression.
func timeEncoding(res *search.Result) (enc, zip time.Duration, err error) {
	start := time.Now()
	raw, err := json.Marshal(res)
	enc = time.Since(start)
	if err != nil {
		return 0, 0, err
	}
	start = time.Now()
	zw, _ := gzip.NewWriterLevel(io.Discard, 1)
	_, _ = io.Copy(zw, bytes.NewReader(raw))
	err = zw.Close()
	return enc, time.Since(start), err
}

// profileService writes a CPU profile of rounds×5 runs of the query set
// through the service into d.profile, and sets d's CPU time and
// allocations per search.
func profileService(ctx context.Context, svc *search.Service, staff *workflow.User, qs []query, rounds int, d *diagnosis) error {
	f, err := os.Create(d.profile)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	cpu0 := processCPU()
	n := 0
	for range rounds * 5 {
		for _, q := range qs {
			if _, err := svc.Search(ctx, staff, request(q)); err != nil {
				return err
			}
			n++
		}
	}
	cpu := processCPU() - cpu0
	runtime.ReadMemStats(&m1)
	d.cpu = cpu / time.Duration(n)
	d.allocs, d.alloc = (m1.Mallocs-m0.Mallocs)/uint64(n), (m1.TotalAlloc-m0.TotalAlloc)/uint64(n)
	return nil
}

// costPerQuery measures each query of the set alone, n times in a row,
// heaviest first.
func costPerQuery(ctx context.Context, svc *search.Service, staff *workflow.User, qs []query, n int) ([]queryCost, error) {
	out := make([]queryCost, 0, len(qs))
	var m0, m1 runtime.MemStats
	for _, q := range qs {
		runtime.ReadMemStats(&m0)
		cpu0 := processCPU()
		for range n {
			if _, err := svc.Search(ctx, staff, request(q)); err != nil {
				return nil, err
			}
		}
		cpu := processCPU() - cpu0
		runtime.ReadMemStats(&m1)
		out = append(out, queryCost{q: q, cpu: cpu / time.Duration(n), allocs: (m1.Mallocs - m0.Mallocs) / uint64(n)})
	}
	slices.SortStableFunc(out, func(a, b queryCost) int { return cmp.Compare(b.cpu, a.cpu) })
	return out, nil
}

// processCPU returns the CPU time this process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// segmentFiles counts the segment files (*.zap) of the index under data:
// the segments, and any that a merge replaced and that are not yet removed.
func segmentFiles(data string) int {
	m, _ := filepath.Glob(filepath.Join(data, "index.bleve", "store", "*.zap"))
	return len(m)
}

// indexSegments opens the index under data and returns how many segments
// it searches.
func indexSegments(data string) (int, error) {
	idx, err := blevesearch.Open(filepath.Join(data, "index.bleve"))
	if err != nil {
		return 0, err
	}
	defer idx.Close()
	adv, err := idx.Advanced()
	if err != nil {
		return 0, err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return 0, fmt.Errorf("the index is not a scorch index")
	}
	n, _ := s.StatsMap()["num_root_filesegments"].(uint64)
	return int(n), nil
}

// compactIndex merges the index under data into one segment, as
// search/bleve's Put does after a bulk load of 1,000 documents or more.
func compactIndex(data string) error {
	idx, err := blevesearch.Open(filepath.Join(data, "index.bleve"))
	if err != nil {
		return err
	}
	defer idx.Close()
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("the index is not a scorch index")
	}
	return s.ForceMerge(context.Background(), &mergeplan.SingleSegmentMergePlanOptions)
}

// printDiagnosis prints the stages of each state of the index next to the
// HTTP figures, when f has them.
func printDiagnosis(w io.Writer, ds []diagnosis, f *figures) {
	fmt.Fprintln(w, "In-process diagnosis (-profile): the same queries as staff, on the index norma serve used, after it stopped.")
	fmt.Fprintln(w)
	fmt.Fprint(w, "| step |")
	for _, d := range ds {
		fmt.Fprintf(w, " %s (%d segments) p50 / p95 / p99 |", d.label, d.segments)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| --- |"+strings.Repeat(" --- |", len(ds)))
	for i := range ds[0].stages {
		fmt.Fprintf(w, "| %s |", ds[0].stages[i].name)
		for _, d := range ds {
			fmt.Fprintf(w, " %s |", percentilesOf(d.stages[i].times))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, "| CPU time per Service.Search of the profiled rounds; heap allocations |")
	for _, d := range ds {
		fmt.Fprintf(w, " %.2f ms; %d allocations, %.1f KB |", float64(d.cpu)/1e6, d.allocs, float64(d.alloc)/1024)
	}
	fmt.Fprintln(w)
	if f != nil {
		fmt.Fprintf(w, "| (for comparison) GET /api/v1/search over HTTP as staff | %s |%s\n",
			percentilesOf(searchTimes(f.staff, "")), strings.Repeat(" |", len(ds)-1))
	}
	fmt.Fprintln(w)
	for _, d := range ds {
		fmt.Fprintf(w, "CPU profile of Service.Search, %s: go tool pprof -top %s\n", d.label, d.profile)
	}
	last := ds[len(ds)-1]
	fmt.Fprintf(w, "\nHeaviest queries, %s, CPU time and allocations per search (each query run alone):\n\n", last.label)
	fmt.Fprintln(w, "| query | class | CPU | allocations |")
	fmt.Fprintln(w, "| --- | --- | --- | --- |")
	for _, c := range last.perQuery[:min(10, len(last.perQuery))] {
		fmt.Fprintf(w, "| %s | %s | %s ms | %d |\n", c.q, c.q.class, ms(c.cpu), c.allocs)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Index folder after the merge: %s.\n", mb(ds[len(ds)-1].bytes))
	fmt.Fprintln(w)
}
