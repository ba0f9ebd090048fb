package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// loadFigures is what -load measured.
type loadFigures struct {
	readers, writers int
	duration         time.Duration
	reads            percentiles
	writes           percentiles    // acknowledged and refused alike
	byKind           [3]percentiles // standard pages, searches, API reads
	readStatus       map[int]int
	writeStatus      map[int]int
	acknowledged     int // writes answered 201
	missing          int // acknowledged writes not found afterwards
	serverErrors     int
	peak             memory
	// CPUs busy on average while the load ran: norma serve, and this
	// process (the readers and writers).
	serverCPU, clientCPU float64
}

// written is one acknowledged write, to look for after the run.
type written struct {
	path string // where it is read back
	want string // what the answer must hold
}

// status sends a request and returns its status and how long it took.
func (c *client) status(method, path, token string, body any) (int, []byte, time.Duration) {
	var rd io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		rd = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, time.Since(start)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, raw, time.Since(start)
}

// fetch reads path as the public with gzip asked for, as a browser does,
// and returns its status and how long it took to the last byte. The
// compressed answer is read whole but not unpacked: unpacking is the
// reader's work, on the reader's machine, and here it would take the CPU
// the server is measured on.
func (c *client) fetch(path string) (int, time.Duration) {
	req, _ := http.NewRequest("GET", c.base+path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, time.Since(start)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return 0, time.Since(start)
	}
	return resp.StatusCode, time.Since(start)
}

// loadStep runs readers (standard pages, search and API reads, as the
// public) and writers (revisions and comments as staff, each on a standard
// of its own) against the server for d, after one warm-up read of each page
// and query (a server in service has its texts rendered), then reads every
// acknowledged write back.
func loadStep(srv *server, c *client, token string, readers, writers int, d time.Duration) (loadFigures, error) {
	f := loadFigures{readers: readers, writers: writers, duration: d, readStatus: map[int]int{}, writeStatus: map[int]int{}}
	ans, _, err := c.search(token, url.Values{"q": {"管理"}, "size": {"100"}})
	if err != nil || len(ans.Hits) == 0 {
		return f, fmt.Errorf("no standards to read: %v", err)
	}
	ids := make([]string, len(ans.Hits))
	for i, h := range ans.Hits {
		ids[i] = h.ID
	}
	own := make([]string, writers)
	for i := range own {
		code, raw, _ := c.status("POST", "/api/v1/standards", token, map[string]any{"title": fmt.Sprintf("负载测试规范%d", i),
			"level": "local", "region": "11", "body": "# 负载测试规范\n\n## 1 范围\n\n本文件规定了负载测试的要求。\n"})
		var st struct{ ID string }
		if code != http.StatusCreated || json.Unmarshal(raw, &st) != nil {
			return f, fmt.Errorf("create a standard to write: %d %.200s", code, raw)
		}
		own[i] = st.ID
	}
	queries := querySet()
	fmt.Printf("warming up: each of the %d standard pages and %d queries read once …\n", len(ids), len(queries))
	for _, id := range ids {
		c.status("GET", "/standards/"+id, "", nil)
	}
	for _, q := range queries {
		c.status("GET", "/api/v1/search?"+q.values().Encode(), "", nil)
	}
	fmt.Printf("running %d readers and %d writers for %s …\n", readers, writers, d)
	var mu sync.Mutex
	var readTimes, writeTimes []time.Duration
	var kindTimes [3][]time.Duration
	var acked []written
	var stop atomic.Bool
	var wg sync.WaitGroup
	rc := &client{base: c.base, http: &http.Client{Timeout: time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: readers + writers, DisableCompression: true}}}
	serverCPU, ownCPU, started := srv.cpuTime(), processCPU(), time.Now()
	for i := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 7))
			for k := 0; !stop.Load(); k++ {
				id := ids[r.IntN(len(ids))]
				var path string
				kind := k % 3
				switch kind {
				case 0:
					path = "/standards/" + id
				case 1:
					path = "/api/v1/search?" + queries[r.IntN(len(queries))].values().Encode()
				default:
					path = "/api/v1/standards/" + id
				}
				code, took := rc.fetch(path)
				mu.Lock()
				f.readStatus[code]++
				readTimes = append(readTimes, took)
				kindTimes[kind] = append(kindTimes[kind], took)
				mu.Unlock()
			}
		}()
	}
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, base := own[i], 1
			for k := 0; !stop.Load(); k++ {
				var code int
				var raw []byte
				var w written
				var took time.Duration
				if k%2 == 0 {
					body := fmt.Sprintf("# 负载测试规范\n\n## 1 范围\n\n本文件规定了负载测试的要求，第%d稿。\n", base+1)
					code, raw, took = rc.status("POST", "/api/v1/standards/"+id+"/revisions", token,
						map[string]any{"body": body, "base": base, "message": fmt.Sprintf("第%d稿", base+1)})
					if code == http.StatusCreated {
						base++
						w = written{path: fmt.Sprintf("/api/v1/standards/%s/revisions/%d", id, base), want: fmt.Sprintf("第%d稿", base)}
					}
				} else {
					note := fmt.Sprintf("意见 %d-%d", i, k)
					code, raw, took = rc.status("POST", "/api/v1/standards/"+id+"/comments", token, map[string]any{"clause": "1", "body": note})
					if code == http.StatusCreated {
						w = written{path: "/api/v1/standards/" + id + "/comments", want: note}
					}
				}
				_ = raw
				mu.Lock()
				f.writeStatus[code]++
				writeTimes = append(writeTimes, took)
				if w.path != "" {
					acked = append(acked, w)
				}
				mu.Unlock()
			}
		}()
	}
	time.Sleep(d)
	stop.Store(true)
	wg.Wait()
	wall := time.Since(started)
	f.serverCPU = float64(srv.cpuTime()-serverCPU) / float64(wall)
	f.clientCPU = float64(processCPU()-ownCPU) / float64(wall)
	f.reads, f.writes = percentilesOf(readTimes), percentilesOf(writeTimes)
	for i, t := range kindTimes {
		f.byKind[i] = percentilesOf(t)
	}
	f.acknowledged = len(acked)
	for code, n := range f.readStatus {
		if code >= 500 || code == 0 {
			f.serverErrors += n
		}
	}
	for code, n := range f.writeStatus {
		if code >= 500 || code == 0 {
			f.serverErrors += n
		}
	}
	for _, w := range acked {
		code, raw, _ := c.status("GET", w.path, token, nil)
		if code != http.StatusOK || !bytes.Contains(raw, []byte(w.want)) {
			f.missing++
		}
	}
	f.peak = srv.memory()
	if f.missing > 0 {
		return f, errors.New("acknowledged writes are missing")
	}
	return f, nil
}

func (f loadFigures) print() {
	fmt.Printf("\n%d readers and %d writers for %s:\n", f.readers, f.writers, f.duration)
	fmt.Printf("  reads p50 / p95 / p99: %s (%d reads), by status %v\n", f.reads, f.reads.n, f.readStatus)
	for i, name := range [3]string{"standard pages", "searches", "API reads"} {
		fmt.Printf("    %-14s p50 / p95 / p99: %s (%d)\n", name, f.byKind[i], f.byKind[i].n)
	}
	fmt.Printf("  writes p50 / p95 / p99: %s (%d writes), by status %v; %d acknowledged, %d of them missing afterwards\n",
		f.writes, f.writes.n, f.writeStatus, f.acknowledged, f.missing)
	fmt.Printf("  server errors (5xx or no answer): %d; norma serve peak resident %s\n", f.serverErrors, mb(f.peak.hwm))
	fmt.Printf("  CPUs busy on average (of %d): norma serve %.2f, the readers and writers of this benchmark %.2f\n",
		runtime.NumCPU(), f.serverCPU, f.clientCPU)
}
