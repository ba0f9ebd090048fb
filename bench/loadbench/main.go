// Command loadbench puts a steady read load on a running `norma serve`:
// many concurrent readers, each opening standard pages and running searches
// as the public would, for a fixed time; it reports the answer times per
// kind of request and every error. Start a server with the corpus imported
// (see the README's performance section), then:
//
//	go run ./bench/loadbench -url http://127.0.0.1:8099 -c 50 -d 30s
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"time"
)

// queries are searches people make of the corpus: topics, a number, a
// phrase in most texts.
var queries = []string{"物业服务", "安全生产", "GB 55001", "环境保护", "食品安全", "消防", "中华人民共和国",
	"道路交通", "标准化", "劳动合同", "工程结构", "税收征收管理", "农村", "教育", "数据"}

func main() {
	base := flag.String("url", "http://127.0.0.1:8099", "the server")
	conc := flag.Int("c", 50, "concurrent readers")
	dur := flag.Duration("d", 30*time.Second, "how long to load")
	pages := flag.Int("standards", 400, "how many distinct standards the readers open")
	flag.Parse()
	if err := run(*base, *conc, *dur, *pages); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

type sample struct {
	kind string
	took time.Duration
	err  error
}

func run(base string, conc int, dur time.Duration, n int) error {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc}, Timeout: 30 * time.Second}
	ids, err := standardIDs(client, base, n)
	if err != nil {
		return err
	}
	fmt.Printf("%d readers for %s over %d standards and %d searches\n", conc, dur, len(ids), len(queries))
	out := make(chan sample, 1024)
	var wg sync.WaitGroup
	stop := time.Now().Add(dur)
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for time.Now().Before(stop) {
				if rng.IntN(3) == 0 {
					out <- get(client, "search", base+"/search?q="+url.QueryEscape(queries[rng.IntN(len(queries))]))
				} else {
					out <- get(client, "standard", base+"/standards/"+ids[rng.IntN(len(ids))])
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	times := map[string][]time.Duration{}
	errs := map[string]int{}
	var firstErr error
	for s := range out {
		if s.err != nil {
			errs[s.kind]++
			if firstErr == nil {
				firstErr = s.err
			}
			continue
		}
		times[s.kind] = append(times[s.kind], s.took)
	}
	var all []time.Duration
	fmt.Println("| requests | count | req/s | p50 | p95 | p99 | max | errors |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, k := range []string{"standard", "search"} {
		report(k, times[k], errs[k], dur)
		all = append(all, times[k]...)
	}
	report("all", all, errs["standard"]+errs["search"], dur)
	if firstErr != nil {
		return fmt.Errorf("first error: %w", firstErr)
	}
	return nil
}

func get(client *http.Client, kind, u string) sample {
	start := time.Now()
	r, err := client.Get(u)
	if err != nil {
		return sample{kind: kind, err: err}
	}
	_, err = io.Copy(io.Discard, r.Body)
	r.Body.Close()
	if err == nil && r.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", u, r.Status)
	}
	return sample{kind: kind, took: time.Since(start), err: err}
}

// standardIDs picks up to n standards the public may read, by search.
func standardIDs(client *http.Client, base string, n int) ([]string, error) {
	var ids []string
	for page := 1; len(ids) < n; page++ {
		r, err := client.Get(fmt.Sprintf("%s/api/v1/search?size=100&page=%d", base, page))
		if err != nil {
			return nil, err
		}
		var res struct {
			Hits []struct{ ID string }
		}
		err = json.NewDecoder(r.Body).Decode(&res)
		r.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("search page %d: %w", page, err)
		}
		if len(res.Hits) == 0 {
			break
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no readable standards at %s", base)
	}
	return ids[:min(n, len(ids))], nil
}

func report(kind string, ts []time.Duration, errs int, dur time.Duration) {
	slices.Sort(ts)
	q := func(p float64) string {
		if len(ts) == 0 {
			return "—"
		}
		return fmt.Sprintf("%.1f ms", float64(ts[min(len(ts)-1, int(p*float64(len(ts))))])/1e6)
	}
	fmt.Printf("| %s | %d | %.0f | %s | %s | %s | %s | %d |\n", kind, len(ts), float64(len(ts))/dur.Seconds(),
		q(.50), q(.95), q(.99), q(1), errs)
}
