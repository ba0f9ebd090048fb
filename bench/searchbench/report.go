package main

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Targets of issue 5, on the 2-core machine.
const (
	targetImport    = 60 * time.Second
	targetSearchP95 = 15 * time.Millisecond
	targetSpeedup   = 10.0
	targetDuplicate = 500 * time.Millisecond
	targetResident  = 300 << 20
)

// percentiles are p50, p95 and p99 of a set of timings.
type percentiles struct {
	n             int
	p50, p95, p99 time.Duration
	max           time.Duration
}

// percentilesOf returns the nearest-rank percentiles of ds.
func percentilesOf(ds []time.Duration) percentiles {
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) time.Duration {
		if len(s) == 0 {
			return 0
		}
		return s[max(0, int(math.Ceil(p*float64(len(s))))-1)]
	}
	p := percentiles{n: len(s), p50: at(0.50), p95: at(0.95), p99: at(0.99)}
	if len(s) > 0 {
		p.max = s[len(s)-1]
	}
	return p
}

// String shows the three percentiles in milliseconds.
func (p percentiles) String() string {
	return fmt.Sprintf("%s / %s / %s ms", ms(p.p50), ms(p.p95), ms(p.p99))
}

func ms(d time.Duration) string {
	v := float64(d) / 1e6
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "**MISS**"
}

// searchTimes returns the timings of the searches of one class, or all
// for "".
func searchTimes(ts []timedQuery, class string) []time.Duration {
	var out []time.Duration
	for _, t := range ts {
		if class == "" || t.query.class == class {
			out = append(out, t.took)
		}
	}
	return out
}

func scanTimes(ts []timedScan, class string) []time.Duration {
	var out []time.Duration
	for _, t := range ts {
		if class == "" || t.query.class == class {
			out = append(out, t.took)
		}
	}
	return out
}

// averageSize is the average size of the answers, in bytes.
func averageSize(ts []timedQuery) float64 {
	n := 0
	for _, t := range ts {
		n += t.size
	}
	return float64(n) / float64(max(1, len(ts)))
}

// ratio is how many times slower a is than b.
func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// printReport prints the figures as Markdown, each next to its target.
func printReport(w io.Writer, o options, f *figures) {
	fmt.Fprintf(w, "\n## Search figures (issue 5)\n\n")
	fmt.Fprintf(w, "`go run ./bench/searchbench -corpus %s` on %s, %d CPUs, %s; load average %s before, %s after.\n\n",
		o.corpus, f.started.Format("2006-01-02 15:04"), runtime.NumCPU(), runtime.Version(), f.loadBefore, f.loadAfter)
	printTargets(w, f)
	printClasses(w, f)
	printChecks(w, f)
	printDuplicates(w, f)
}

// printTargets prints the main table.
func printTargets(w io.Writer, f *figures) {
	staff, public := percentilesOf(searchTimes(f.staff, "")), percentilesOf(searchTimes(f.public, ""))
	sc := percentilesOf(scanTimes(f.scan, ""))
	up50, up95 := ratio(sc.p50, staff.p50), ratio(sc.p95, staff.p95)
	edited, titles, stored := f.dup.percentiles("edited copy"), f.dup.percentiles("title only"), f.dup.percentiles("standard")
	peak := max(f.memLoaded.hwm, f.memQueried.hwm, f.memEnd.hwm)
	searches := len(f.staff) + len(f.public)

	fmt.Fprintln(w, "| figure | measured | target | |")
	fmt.Fprintln(w, "| --- | --- | --- | --- |")
	row := func(figure, measured, target, result string) {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", figure, measured, target, result)
	}
	imp := f.imp
	row(fmt.Sprintf("whole import (`norma import`, store + index): %d files, %.1f MB", imp.files, float64(imp.bytes)/1e6),
		fmt.Sprintf("%.1f s (CPU %.1f s); %s", imp.wall.Seconds(), imp.cpu.Seconds(), imp.summary),
		"≤ 60 s", verdict(imp.wall <= targetImport && imp.failed == 0))
	row("index folder `data/index.bleve` (once serve opened it)", fmt.Sprintf("%s in %d segments", mb(f.indexBytes), f.indexSegments), "", "")
	row("database `data/norma.db` (+ WAL)", mb(f.dbBytes), "", "")
	row("`norma serve` start until every document is searchable", fmt.Sprintf("%.1f s", f.serveStart.Seconds()), "", "")
	row(fmt.Sprintf("search over HTTP as staff, p50 / p95 / p99 (%d requests)", staff.n), staff.String(),
		"p95 ≤ 15 ms", verdict(staff.p95 <= targetSearchP95))
	cold := percentilesOf(searchTimes(f.warm.cold, ""))
	row(fmt.Sprintf("first round after start (cold), as staff, p50 / p95 / p99 (%d requests)", cold.n), cold.String(), "", "")
	row("rounds run before the timed ones, until a round grew the heap by < 1 MB",
		fmt.Sprintf("%d; RssAnon %s → %s", f.warm.rounds, mb(f.warm.from.anon), mb(f.warm.to.anon)), "", "")
	row(fmt.Sprintf("search over HTTP as the public, p50 / p95 / p99 (%d requests)", public.n), public.String(),
		"p95 ≤ 15 ms", verdict(public.p95 <= targetSearchP95))
	plain := percentilesOf(searchTimes(f.plain, ""))
	row(fmt.Sprintf("search over HTTP as staff without gzip, p50 / p95 / p99 (%d requests; answers of %.1f KB JSON on average)",
		plain.n, averageSize(f.plain)/1024), plain.String(), "", "")
	row("server CPU per search (staff and public, from /proc)",
		fmt.Sprintf("%s ms", ms(f.serverCPU/time.Duration(max(1, searches)))), "", "")
	row(fmt.Sprintf("plain scan of the texts in memory, p50 / p95 / p99 (%d scans)", sc.n), sc.String(), "", "")
	naive := percentilesOf(scanTimes(f.naiveScan, ""))
	row(fmt.Sprintf("scan that folds every text for every query, p50 / p95 / p99 (%d scans)", naive.n), naive.String(), "", "")
	row("speedup: scan / search (staff) at p50, p95", fmt.Sprintf("%.0f×, %.0f×", up50, up95),
		"≥ 10×", verdict(up50 >= targetSpeedup && up95 >= targetSpeedup))
	row(fmt.Sprintf("duplicate check, edited copy (POST /similar), p50 / max (%d)", edited.n),
		fmt.Sprintf("%s / %s ms", ms(edited.p50), ms(edited.max)), "≤ 500 ms", verdict(edited.max <= targetDuplicate))
	row(fmt.Sprintf("duplicate check, title only (POST /similar), p50 / max (%d)", titles.n),
		fmt.Sprintf("%s / %s ms", ms(titles.p50), ms(titles.max)), "≤ 500 ms", verdict(titles.max <= targetDuplicate))
	row(fmt.Sprintf("duplicate check, GET /standards/{id}/similar, p50 / max (%d)", stored.n),
		fmt.Sprintf("%s / %s ms", ms(stored.p50), ms(stored.max)), "≤ 500 ms", verdict(stored.max <= targetDuplicate))
	row("first duplicate check after start (loads every sketch)", ms(f.dup.cold)+" ms", "", "")
	row("`norma serve` VmRSS: loaded / after searches / at the end",
		fmt.Sprintf("%s / %s / %s", mb(f.memLoaded.rss), mb(f.memQueried.rss), mb(f.memEnd.rss)), "", "")
	row("of which RssAnon (heap) / RssFile (mapped index): loaded, after searches, at the end",
		fmt.Sprintf("%s / %s; %s / %s; %s / %s", mb(f.memLoaded.anon), mb(f.memLoaded.fileMap),
			mb(f.memQueried.anon), mb(f.memQueried.fileMap), mb(f.memEnd.anon), mb(f.memEnd.fileMap)), "", "")
	row("`norma serve` peak resident (VmHWM)", mb(peak), "≤ 300 MB", verdict(peak <= targetResident))
	fmt.Fprintln(w)
	if len(imp.phases) > 0 {
		fmt.Fprintf(w, "Import phases as norma import reports them: %s.\n", strings.Join(imp.phases, "; "))
	}
	if imp.indexed != imp.documents() {
		fmt.Fprintf(w, "The index phase applied %d outbox entries for %d documents: each document was indexed %.1f times.\n",
			imp.indexed, imp.documents(), float64(imp.indexed)/float64(max(1, imp.documents())))
	}
	for _, l := range imp.failures {
		fmt.Fprintln(w, "Import", l)
	}
	fmt.Fprintf(w, "The scan reads %d texts loaded (docs.PlainText) and folded once in %.1f s; it matches, filters, counts facets, orders, pages and makes the snippets of the page, on one goroutine.\n\n",
		f.scanTexts, f.corpusLoad.Seconds())
}

// printClasses prints the timings per query class.
func printClasses(w io.Writer, f *figures) {
	fmt.Fprintln(w, "| query class | queries | search p50 / p95 / p99 | scan p50 / p95 | speedup p50 |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, class := range classes {
		s, sc := percentilesOf(searchTimes(f.staff, class)), percentilesOf(scanTimes(f.scan, class))
		fmt.Fprintf(w, "| %s | %d | %s | %s / %s ms | %.0f× |\n", class, distinct(f.staff, class), s, ms(sc.p50), ms(sc.p95), ratio(sc.p50, s.p50))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Slowest queries (staff, p95): %s.\n\n", strings.Join(slowest(f.staff, 5), "; "))
}

// slowest returns the n queries of highest p95, with it.
func slowest(ts []timedQuery, n int) []string {
	times := map[string][]time.Duration{}
	var keys []string
	for _, t := range ts {
		k := t.query.String()
		if _, ok := times[k]; !ok {
			keys = append(keys, k)
		}
		times[k] = append(times[k], t.took)
	}
	slices.SortStableFunc(keys, func(a, b string) int {
		return int(percentilesOf(times[b]).p95 - percentilesOf(times[a]).p95)
	})
	var out []string
	for _, k := range keys[:min(n, len(keys))] {
		out = append(out, fmt.Sprintf("%s %s ms (total %d)", k, ms(percentilesOf(times[k]).p95), totalOf(ts, k)))
	}
	return out
}

// totalOf returns the total a query found.
func totalOf(ts []timedQuery, key string) int {
	for _, t := range ts {
		if t.query.String() == key {
			return t.total
		}
	}
	return 0
}

// distinct counts the queries of a class.
func distinct(ts []timedQuery, class string) int {
	seen := map[string]bool{}
	for _, t := range ts {
		if t.query.class == class {
			seen[t.query.String()] = true
		}
	}
	return len(seen)
}

// printChecks compares each query's total with the scan's and checks that
// number queries put the standard first.
func printChecks(w io.Writer, f *figures) {
	searchTotal, scanTotal := map[string]int{}, map[string]int{}
	var order []query
	for _, t := range f.staff {
		if _, ok := searchTotal[t.query.String()]; !ok {
			order = append(order, t.query)
		}
		searchTotal[t.query.String()] = t.total
	}
	for _, t := range f.scan {
		scanTotal[t.query.String()] = t.total
	}
	var differ []string
	for _, q := range order {
		k := q.String()
		if searchTotal[k] != scanTotal[k] {
			differ = append(differ, fmt.Sprintf("%s: search %d, scan %d", k, searchTotal[k], scanTotal[k]))
		}
	}
	fmt.Fprintf(w, "Totals: search and scan agree on %d of %d queries.", len(order)-len(differ), len(order))
	if len(differ) > 0 {
		fmt.Fprintf(w, " They differ on: %s.", strings.Join(differ, "; "))
	}
	fmt.Fprintln(w)
	wrong := map[string]string{}
	for _, t := range append(slices.Clone(f.staff), f.public...) {
		if t.query.first != "" && t.first != t.query.first {
			wrong[t.query.String()] = t.first
		}
	}
	fmt.Fprintf(w, "Number queries with %s first: %d of %d spellings.", numberID, distinct(f.staff, classNum)-len(wrong), distinct(f.staff, classNum))
	for q, first := range wrong {
		fmt.Fprintf(w, " %s put %q first.", q, first)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
}

// percentiles returns the timings of one kind of check.
func (d duplicateFigures) percentiles(kind string) percentiles {
	var ds []time.Duration
	for _, c := range d.checks {
		if c.kind == kind {
			ds = append(ds, c.took)
		}
	}
	return percentilesOf(ds)
}

// printDuplicates prints every duplicate check: its timings, its first hit
// and, for edited copies, whether that is the original.
func printDuplicates(w io.Writer, f *figures) {
	fmt.Fprintln(w, "| duplicate check | p50 / max | first hit (score, overlaps) | original first |")
	fmt.Fprintln(w, "| --- | --- | --- | --- |")
	type key struct{ kind, id, title string }
	var keys []key
	times := map[key][]time.Duration{}
	last := map[key]dupCheck{}
	for _, c := range f.dup.checks {
		k := key{c.kind, c.id, c.title}
		if _, ok := times[k]; !ok {
			keys = append(keys, k)
		}
		times[k] = append(times[k], c.took)
		last[k] = c
	}
	for _, k := range keys {
		c, p := last[k], percentilesOf(times[k])
		first := "—"
		if c.kind == "edited copy" {
			first = verdict(c.first == c.id)
		}
		fmt.Fprintf(w, "| %s: %s | %s / %s ms | %s (%.2f, %d) | %s |\n", c.kind, c.describe(), ms(p.p50), ms(p.max), c.first, c.score, c.overlaps, first)
	}
	fmt.Fprintln(w)
}
