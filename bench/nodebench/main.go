// Command nodebench measures requests per second and p95 latency for reading
// a standard's page and for saving a revision, on one node with SQLite, one
// node with PostgreSQL and two nodes on one PostgreSQL: it builds norma,
// starts norma serve processes on loopback ports and sends the requests
// round-robin over the nodes, as a load balancer would.
//
//	go run ./bench/nodebench -database "$NORMA_TEST_DATABASE_URL"
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"
)

const password = "bench-password-2024"

func main() {
	server := flag.String("database", os.Getenv("NORMA_TEST_DATABASE_URL"), "PostgreSQL server URL; a database is created on it and dropped after")
	duration := flag.Duration("duration", 8*time.Second, "how long each load runs")
	clients := flag.Int("clients", 8, "concurrent clients")
	text := flag.String("text", "cmd/norma/demo/wuye-pingjia.r1.md", "the standard's text")
	flag.Parse()
	if err := run(*server, *duration, *clients, *text); err != nil {
		fmt.Fprintln(os.Stderr, "nodebench:", err)
		os.Exit(1)
	}
}

func run(server string, d time.Duration, clients int, textPath string) error {
	body, err := os.ReadFile(textPath)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "nodebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "norma")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/norma").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	fmt.Printf("%d clients, %v a load, text %s (%d bytes)\n\n", clients, d, textPath, len(body))
	fmt.Println("| setup | page: req/s | page: p95 | save: req/s (201) | save: p95 | save: 409 |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	setups := []struct {
		name  string
		nodes int
		pg    bool
	}{{"1 node, SQLite", 1, false}, {"1 node, PostgreSQL", 1, true}, {"2 nodes, one PostgreSQL", 2, true}}
	for _, s := range setups {
		if s.pg && server == "" {
			fmt.Printf("| %s | skipped: no -database | | | | |\n", s.name)
			continue
		}
		if err := bench(bin, dir, server, s.name, s.nodes, s.pg, d, clients, string(body)); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func bench(bin, dir, server, name string, nodes int, pg bool, d time.Duration, clients int, body string) error {
	var env []string
	if pg {
		dbURL, drop, err := createDatabase(server)
		if err != nil {
			return err
		}
		defer drop()
		env = append(env, "NORMA_DATABASE_URL="+dbURL)
		if err := norma(bin, env, "", "migrate"); err != nil {
			return err
		}
	}
	data := filepath.Join(dir, fmt.Sprintf("data-%d", time.Now().UnixNano()))
	if err := norma(bin, env, password+"\n", "user", "add", "--data", data, "--name", "bench", "--role", "drafter", "--password-stdin"); err != nil {
		return err
	}
	// The nodes stop before the database is dropped (defers run last first).
	ctx, cancel := context.WithCancel(context.Background())
	var stopped sync.WaitGroup
	defer stopped.Wait()
	defer cancel()
	var urls []string
	for i := range nodes {
		nodeData := data // SQLite: the folder user add wrote; PostgreSQL: each node's index
		if i > 0 {
			nodeData = fmt.Sprintf("%s-node%d", data, i)
		}
		u, err := serve(ctx, &stopped, bin, env, nodeData)
		if err != nil {
			return err
		}
		urls = append(urls, u)
	}
	c := &client{urls: urls}
	token, err := c.login()
	if err != nil {
		return err
	}
	// Each client edits a standard of its own, as editors do; the page
	// readers read them all.
	ids := make([]string, clients)
	for i := range ids {
		if ids[i], err = c.create(token, body); err != nil {
			return err
		}
	}
	page := load(d, clients, func(i int) int {
		return c.do(i, "GET", "/standards/"+ids[i%clients], token, nil)
	})
	latest := make([]int, clients) // each written by its own client only
	for i := range latest {
		latest[i] = 1
	}
	save := load(d, clients, func(i int) int {
		k := i % clients
		status := c.do(i, "POST", "/api/v1/standards/"+ids[k]+"/revisions", token, map[string]any{
			"body": body + fmt.Sprintf("\n修改 %d。\n", latest[k]), "base": latest[k]})
		if status == http.StatusCreated {
			latest[k]++
		}
		return status
	})
	fmt.Printf("| %s | %.0f | %.1f ms | %.0f | %.1f ms | %d |\n", name, page.rate(http.StatusOK), page.p95(),
		save.rate(http.StatusCreated), save.p95(), save.count[http.StatusConflict])
	return nil
}

// createDatabase makes a fresh database on the server and returns its URL
// and how to drop it.
func createDatabase(server string) (string, func(), error) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "norma_bench_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		return "", nil, err
	}
	u, err := url.Parse(server)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), func() {
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			fmt.Fprintln(os.Stderr, "nodebench: drop", name, err)
		}
		admin.Close()
	}, nil
}

func norma(bin string, env []string, stdin string, args ...string) error {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("norma %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// serve starts norma serve on a free loopback port, stopped when ctx ends,
// and waits until it answers.
func serve(ctx context.Context, stopped *sync.WaitGroup, bin string, env []string, data string) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.CommandContext(ctx, bin, "serve", "--data", data, "--addr", addr, "--log-level", "warn")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	stopped.Add(1)
	go func() {
		defer stopped.Done()
		_ = cmd.Wait() // ended with the context; its exit status says nothing here
	}()
	base := "http://" + addr
	for range 200 {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "", fmt.Errorf("norma serve on %s did not answer", addr)
}

// client sends each request to the next node, round-robin.
type client struct{ urls []string }

var httpClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}

func (c *client) send(i int, method, path, token string, in any) (*http.Response, error) {
	var rd io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.urls[i%len(c.urls)]+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return httpClient.Do(req)
}

func (c *client) do(i int, method, path, token string, in any) int {
	resp, err := c.send(i, method, path, token, in)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body) // read whole, as a browser would
	return resp.StatusCode
}

func (c *client) getJSON(i int, path, token string, out any) int {
	resp, err := c.send(i, "GET", path, token, nil)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return 0
	}
	return resp.StatusCode
}

func (c *client) login() (string, error) {
	var out struct{ Token string }
	resp, err := c.send(0, "POST", "/api/v1/session", "", map[string]string{"username": "bench", "password": password})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		return "", fmt.Errorf("login: %d %v", resp.StatusCode, err)
	}
	return out.Token, nil
}

func (c *client) create(token, body string) (string, error) {
	var out struct{ ID string }
	resp, err := c.send(0, "POST", "/api/v1/standards", token, map[string]string{"body": body})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.ID == "" {
		return "", fmt.Errorf("create: %d %v", resp.StatusCode, err)
	}
	return out.ID, nil
}

// result is what one load measured.
type result struct {
	wall  time.Duration
	count map[int]int // by status
	took  []time.Duration
}

func (r result) rate(status int) float64 { return float64(r.count[status]) / r.wall.Seconds() }

func (r result) p95() float64 {
	if len(r.took) == 0 {
		return 0
	}
	sort.Slice(r.took, func(i, j int) bool { return r.took[i] < r.took[j] })
	return float64(r.took[len(r.took)*95/100]) / float64(time.Millisecond)
}

// load runs fn from clients goroutines for d; the request count is bounded
// by the time.
func load(d time.Duration, clients int, fn func(i int) int) result {
	r := result{count: map[int]int{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; time.Since(start) < d; i += clients {
				t := time.Now()
				status := fn(i)
				took := time.Since(t)
				mu.Lock()
				r.count[status]++
				r.took = append(r.took, took)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	r.wall = time.Since(start)
	return r
}
