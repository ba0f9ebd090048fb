package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"norma/workflow"
)

// abuseFigures is what -abuse measured: the server's memory and the search
// latency while many visitors send the largest duplicate checks at once.
type abuseFigures struct {
	senders          int
	duration         time.Duration
	status           map[int]int // answers to the checks by status
	search           percentiles // searches as staff meanwhile
	searchErrors     int
	memBefore, after memory
}

// randomCJK returns a text of n characters, random Chinese ones in
// paragraphs of 200: the text that costs the duplicate check most.
func randomCJK(n int, r *rand.Rand) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i%202 >= 200 {
			b.WriteByte('\n')
			continue
		}
		b.WriteRune(rune(0x4e00 + r.IntN(20000)))
	}
	return b.String()
}

// abuseStep sends, from senders clients each giving a new anonymous address
// with every request (the server trusts X-Forwarded-For for this step, so
// that the count per address never refuses them: only the limit of checks
// at once protects the server), the largest duplicate checks back to back
// for d, every fourth one far beyond the limit (1.29 M characters), while
// one staff client searches; then reads the server's peak memory.
func abuseStep(srv *server, c *client, token string, senders int, d time.Duration) abuseFigures {
	f := abuseFigures{senders: senders, duration: d, status: map[int]int{}, memBefore: srv.memory()}
	r := rand.New(rand.NewPCG(1, 2))
	bodies := make([][]byte, 4)
	for i := range bodies {
		n := workflow.MaxCheckChars
		if i == 3 {
			n = 1_290_000
		}
		bodies[i], _ = json.Marshal(map[string]string{"title": "物业服务", "body": randomCJK(n, r)})
	}
	var mu sync.Mutex
	var stop atomic.Bool
	var wg sync.WaitGroup
	hc := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: senders}}
	for i := range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; !stop.Load(); k++ {
				req, _ := http.NewRequest("POST", srv.base+"/api/v1/similar", bytes.NewReader(bodies[(i+k)%len(bodies)]))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", i, k/250%250, k%250+1))
				status := 0
				if resp, err := hc.Do(req); err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					status = resp.StatusCode
				}
				mu.Lock()
				f.status[status]++
				mu.Unlock()
			}
		}()
	}
	queries := querySet()
	var times []time.Duration
	end := time.Now().Add(d)
	for i := 0; time.Now().Before(end); i++ {
		_, took, err := c.search(token, queries[i%len(queries)].values())
		if err != nil {
			f.searchErrors++
			continue
		}
		times = append(times, took)
	}
	stop.Store(true)
	wg.Wait()
	f.search = percentilesOf(times)
	f.after = srv.memory()
	return f
}

func (f abuseFigures) print() {
	fmt.Printf("\n%d anonymous senders of the largest duplicate checks for %s (3 of 4 at %d characters, 1 of 4 at 1,290,000):\n",
		f.senders, f.duration, workflow.MaxCheckChars)
	fmt.Printf("  answers by status: %v\n", f.status)
	fmt.Printf("  search as staff meanwhile, p50 / p95 / p99: %s (%d searches, %d errors)\n", f.search, f.search.n, f.searchErrors)
	fmt.Printf("  norma serve resident before %s, peak %s\n", mb(f.memBefore.rss), mb(f.after.hwm))
}

// errAbuseDone ends the run after -abuse, which skips the timings.
var errAbuseDone = errors.New("abuse step done")
