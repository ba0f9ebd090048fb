package bleve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"norma/docs"
	"norma/internal/corpus"
	"norma/internal/poll"
	"norma/search"
	"norma/workflow"
)

// benchQueries is a mixed query set: 2- and 4-character terms, phrases,
// several parts, numbers, with and without filters and snippets.
var benchQueries = []struct {
	name string
	text string
	edit func(*search.Query)
}{
	{"2char 物业", "物业", nil},
	{"2char 合同", "合同", nil},
	{"2char 安全", "安全", nil},
	{"4char 物业服务", "物业服务", nil},
	{"4char 行政处罚", "行政处罚", nil},
	{"4char 安全生产", "安全生产", nil},
	{"4char 劳动合同", "劳动合同", nil},
	{"phrase 突发事件应对", "突发事件应对", nil},
	{"phrase 中华人民共和国", "中华人民共和国", nil},
	{"parts 会议 服务", "会议 服务", nil},
	{"parts 安全生产 责任制", "安全生产 责任制", nil},
	{"number GB 55001—2021", "GB 55001—2021", nil},
	{"number gb55001-2021", "gb55001-2021", nil},
	{"filter local 物业服务", "物业服务", func(q *search.Query) { q.Level = "local" }},
	{"filter 37 安全生产", "安全生产", func(q *search.Query) { q.Region = "37" }},
	{"filter dates 合同", "合同", func(q *search.Query) { q.From, q.To = "2010-01-01", "2020-12-31" }},
	{"date sort 行政处罚", "行政处罚", func(q *search.Query) { q.Sort = search.SortDate }},
	{"public 劳动合同", "劳动合同", func(q *search.Query) { q.Reader = search.Reader{UserID: 7} }},
	{"page 3 合同", "合同", func(q *search.Query) { q.Page = 3 }},
	{"empty local", "", func(q *search.Query) { q.Level = "local" }},
	{"1char 水", "水", nil},
}

// BenchmarkCorpus indexes the shared corpus into a fresh index, reports
// the time and the size of the index folder, then runs benchQueries once
// per iteration and reports latency percentiles, per query in the log and
// over all queries as metrics. Run it as
//
//	go test ./search/bleve -run '^$' -bench Corpus -benchtime 100x -v
func BenchmarkCorpus(b *testing.B) {
	corpus := loadCorpus(b)
	dir := filepath.Join(b.TempDir(), "index.bleve")
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	if err := ix.Put(context.Background(), corpus...); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	settle(b, ix)
	b.Logf("indexed %d documents in %v, settled after %v; index folder %.1f MB, %d segments",
		len(corpus), took, time.Since(start), dirMB(b, dir), segments(b, ix))
	b.ReportMetric(took.Seconds(), "index-s")
	b.ReportMetric(dirMB(b, dir), "index-MB")
	wall, cpu := runQueries(b, ix)
	reportLatency(b, "wall", wall)
	reportLatency(b, "cpu", cpu)
}

// settle waits until Bleve's background persisting and merging are done.
func settle(b testing.TB, ix *Index) {
	b.Helper()
	poll.Until(b, 5*time.Minute, "Bleve's background persisting and merging to end", func() (bool, error) {
		active, ok := scorchStats(b, ix)["index_bgthreads_active"].(bool)
		return ok && !active, nil
	})
}

// segments returns how many segments the index has on disk.
func segments(b testing.TB, ix *Index) uint64 {
	n, _ := scorchStats(b, ix)["num_root_filesegments"].(uint64)
	return n
}

func scorchStats(b testing.TB, ix *Index) map[string]interface{} {
	adv, err := ix.idx.Advanced()
	s, ok := adv.(*scorch.Scorch)
	if err != nil || !ok {
		b.Fatalf("not a scorch index: %v", err)
	}
	return s.StatsMap()
}

// runQueries runs benchQueries once per iteration and returns the wall and
// CPU time of each run of each query.
func runQueries(b *testing.B, ix *Index) (wall, cpu [][]time.Duration) {
	wall = make([][]time.Duration, len(benchQueries))
	cpu = make([][]time.Duration, len(benchQueries))
	b.ResetTimer()
	for b.Loop() {
		for i, bq := range benchQueries {
			w, c := timeQuery(b, ix, bq.text, bq.edit)
			wall[i], cpu[i] = append(wall[i], w), append(cpu[i], c)
		}
	}
	b.StopTimer()
	return wall, cpu
}

// timeQuery runs one query of the set and returns how long it took.
func timeQuery(b *testing.B, ix *Index, text string, edit func(*search.Query)) (wall, cpu time.Duration) {
	q := search.Query{Page: 1, Size: 10, Reader: search.Reader{All: true}}
	q.Terms, q.Number = search.ParseText(text)
	if edit != nil {
		edit(&q)
	}
	cpu0, start := cpuTime(), time.Now()
	if _, err := ix.Search(context.Background(), q); err != nil {
		b.Fatal(err)
	}
	return time.Since(start), cpuTime() - cpu0
}

// cpuTime returns the CPU time the process has used: on a busy machine the
// wall time of a query mostly measures the other processes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportLatency logs p50/p95/p99 per query and reports them over all as
// metrics named after kind.
func reportLatency(b *testing.B, kind string, lat [][]time.Duration) {
	var all []time.Duration
	for i, l := range lat {
		all = append(all, l...)
		p := percentiles(l)
		b.Logf("%s %-24s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms", kind, benchQueries[i].name, p[0], p[1], p[2])
	}
	p := percentiles(all)
	b.Logf("%s %-24s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms", kind, "ALL", p[0], p[1], p[2])
	b.ReportMetric(p[0], kind+"-p50-ms")
	b.ReportMetric(p[1], kind+"-p95-ms")
	b.ReportMetric(p[2], kind+"-p99-ms")
}

// percentiles returns p50, p95 and p99 of l in milliseconds.
func percentiles(l []time.Duration) [3]float64 {
	s := slices.Clone(l)
	slices.Sort(s)
	var out [3]float64
	for i, p := range []float64{0.50, 0.95, 0.99} {
		if len(s) > 0 {
			out[i] = float64(s[min(len(s)-1, int(p*float64(len(s))))]) / 1e6
		}
	}
	return out
}

// loadCorpus reads the shared corpus as documents, skipping the benchmark
// when the corpus is not there.
func loadCorpus(b *testing.B) []search.Document {
	var paths []string
	for _, dir := range []string{corpus.Path(b, "normative-texts"), corpus.Path(b, "standards")} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				paths = append(paths, p)
			}
			return nil
		})
	}
	start := time.Now()
	out := make([]search.Document, len(paths))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(paths); i += 4 {
				out[i] = corpusDocument(b, paths[i])
			}
		})
	}
	wg.Wait()
	b.Logf("read and converted %d files in %v", len(out), time.Since(start))
	return out
}

// corpusDocument reads one corpus file as a library document.
func corpusDocument(b *testing.B, path string) search.Document {
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Error(err)
		return search.Document{}
	}
	m, body, err := docs.ParseFrontMatter(string(raw))
	if err != nil {
		b.Errorf("%s: %v", path, err)
	}
	id := m.ID
	if id == "" {
		id = strings.TrimSuffix(filepath.Base(path), ".md")
	}
	return search.Document{ID: id, Number: m.Number, NumberKeys: search.NumberKeys(m.Number),
		Title: m.Title, Level: m.Level, Region: m.Region, Category: m.Category, State: "issued",
		Status: m.Status, IssueDate: m.IssueDate, Readers: []string{workflow.ReaderPublic},
		Body: docs.PlainText(body)}
}

// dirMB returns the size of the files under dir in megabytes.
func dirMB(b *testing.B, dir string) float64 {
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return float64(n) / (1 << 20)
}
