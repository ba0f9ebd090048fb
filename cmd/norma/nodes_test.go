package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"norma/internal/poll"
	"norma/search"
	"norma/store/postgres/pgtest"
)

// node is one norma serve on a shared PostgreSQL database.
type node struct {
	t   *testing.T
	srv *httptest.Server
}

func startNode(t *testing.T, dbURL string) *node {
	t.Helper()
	n, _ := startNodeIn(t, dbURL, t.TempDir())
	return n
}

// startNodeIn starts a node whose index lives in data; stop ends it.
func startNodeIn(t *testing.T, dbURL, data string) (n *node, stop func()) {
	t.Helper()
	cfg := testConfig(data)
	cfg.DatabaseURL = dbURL
	ctx, cancel := context.WithCancel(context.Background())
	a, err := openApp(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	h, idx, err := a.node(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	var once sync.Once
	stop = func() { once.Do(func() { ts.Close(); cancel(); idx.Close(); a.Close() }) }
	t.Cleanup(stop)
	return &node{t: t, srv: ts}, stop
}

// call sends a JSON request and decodes the JSON answer.
func (n *node) call(method, path, token string, body any) (int, map[string]any) {
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, n.srv.URL+path, rd)
	if err != nil {
		n.t.Error(err)
		return 0, nil
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		n.t.Error(err)
		return 0, nil
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out) // some answers have no body
	return resp.StatusCode, out
}

func (n *node) login(name, password string) (int, string) {
	status, out := n.call("POST", "/api/v1/session", "", map[string]string{"username": name, "password": password})
	token, _ := out["token"].(string)
	return status, token
}

// finds reports whether a search for q as the token's account returns id.
func (n *node) finds(token, q, id string) bool {
	status, out := n.call("GET", "/api/v1/search?q="+url.QueryEscape(q), token, nil)
	hits, _ := out["hits"].([]any)
	for _, h := range hits {
		if m, _ := h.(map[string]any); status == http.StatusOK && m["id"] == id {
			return true
		}
	}
	return false
}

// searchable waits up to two seconds for id to be found on n.
func (n *node) searchable(token, q, id string) (time.Duration, bool) {
	start := time.Now()
	for time.Since(start) < 2*time.Second {
		if n.finds(token, q, id) {
			return time.Since(start), true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start), false
}

// race sends fn from both nodes at once and returns the two statuses.
func race(a, b *node, fn func(*node) int) [2]int {
	var out [2]int
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, n := range []*node{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = fn(n)
		}()
	}
	close(start)
	wg.Wait()
	return out
}

func oneEach(got [2]int, x, y int) bool {
	return got == [2]int{x, y} || got == [2]int{y, x}
}

const nodeText = `---
title: 钛合金紧固件验收规范
level: local
region: "11"
---
## 1 范围

本文件规定了钛合金紧固件的验收要求。
`

// Two nodes on one PostgreSQL: a login on one holds on the other, a change
// through one is searchable on the other within two seconds, racing moves
// and saves from both give one winner and one 409, the login throttle
// counts the failures on both, and a node started later catches up.
func TestTwoNodes(t *testing.T) {
	dbURL := pgtest.Database(t)
	if _, errs, code := runCLI(t, "", "migrate", "--database-url", dbURL); code != 0 {
		t.Fatal(errs)
	}
	const password = "node-password-1"
	for _, u := range []struct{ name, role string }{{"drafter", "drafter"}, {"staff", "staff"}} {
		if _, errs, code := runCLI(t, password+"\n", "user", "add", "--database-url", dbURL, "--name", u.name,
			"--role", u.role, "--password-stdin"); code != 0 {
			t.Fatal(errs)
		}
	}
	a, b := startNode(t, dbURL), startNode(t, dbURL)

	status, token := a.login("drafter", password)
	if status != http.StatusOK || token == "" {
		t.Fatalf("login on A: %d", status)
	}
	if status, out := b.call("GET", "/api/v1/session", token, nil); status != http.StatusOK {
		t.Fatalf("the session from A on B: %d %v", status, out)
	}

	status, out := a.call("POST", "/api/v1/standards", token, map[string]any{"body": nodeText})
	if status != http.StatusCreated {
		t.Fatalf("create on A: %d %v", status, out)
	}
	id := out["id"].(string)
	if took, ok := b.searchable(token, "钛合金紧固件", id); !ok {
		t.Fatalf("the standard created on A is not searchable on B after %v", took)
	}

	saves := race(a, b, func(n *node) int {
		s, _ := n.call("POST", "/api/v1/standards/"+id+"/revisions", token,
			map[string]any{"body": nodeText + "\n修改" + n.srv.URL + "。\n", "base": 1})
		return s
	})
	if !oneEach(saves, http.StatusCreated, http.StatusConflict) {
		t.Errorf("two saves on base 1 from two nodes: %v, want one 201 and one 409", saves)
	}

	// Saves from both nodes, each on the latest it read: every 201 is a
	// revision, none lost, numbered without gaps.
	var mu sync.Mutex
	created := 0
	race(a, b, func(n *node) int {
		for range 8 {
			_, st := n.call("GET", "/api/v1/standards/"+id, token, nil)
			latest, _ := st["revision"].(float64)
			s, _ := n.call("POST", "/api/v1/standards/"+id+"/revisions", token,
				map[string]any{"body": fmt.Sprintf("%s\n第%v次。\n", nodeText, latest), "base": int(latest)})
			if s == http.StatusCreated {
				mu.Lock()
				created++
				mu.Unlock()
			} else if s != http.StatusConflict {
				t.Errorf("save: %d", s)
			}
		}
		return 0
	})
	if created < 8 {
		t.Errorf("only %d of 16 saves on the latest revision were stored; each round one must win", created)
	}
	if _, st := b.call("GET", "/api/v1/standards/"+id, token, nil); st["revision"] != float64(2+created) {
		t.Errorf("after %d more saves the latest is %v, want %d", created, st["revision"], 2+created)
	}

	// Staff may withdraw in any state before issue, so the loser is refused
	// for the move it lost, whether it checked before or after the winner.
	status, staff := b.login("staff", password)
	if status != http.StatusOK {
		t.Fatalf("staff login on B: %d", status)
	}
	moves := race(a, b, func(n *node) int {
		s, _ := n.call("POST", "/api/v1/standards/"+id+"/transitions", staff,
			map[string]any{"action": "withdraw", "note": "重复立项"})
		return s
	})
	if !oneEach(moves, http.StatusOK, http.StatusConflict) {
		t.Errorf("two withdrawals from two nodes: %v, want one 200 and one 409", moves)
	}
	var history []struct{ Action string }
	req, _ := http.NewRequest("GET", a.srv.URL+"/api/v1/standards/"+id+"/history", nil)
	req.Header.Set("Authorization", "Bearer "+staff)
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else {
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(&history); err != nil {
			t.Fatal(err)
		}
	}
	withdrawals := 0
	for _, h := range history {
		if h.Action == "withdraw" {
			withdrawals++
		}
	}
	if withdrawals != 1 {
		t.Errorf("the history has %d withdrawals, want 1: %+v", withdrawals, history)
	}

	// Five failures spread over both nodes reach the limit of five.
	for i := range 5 {
		n := []*node{a, b}[i%2]
		if s, _ := n.login("staff", "wrong-password"); s != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, s)
		}
	}
	if s, _ := a.login("staff", password); s != http.StatusTooManyRequests {
		t.Errorf("after five failures over two nodes, login on A: %d, want 429", s)
	}

	cData := t.TempDir()
	c, stopC := startNodeIn(t, dbURL, cData)
	if took, ok := c.searchable(token, "钛合金紧固件", id); !ok {
		t.Errorf("a node started later does not find the standard after %v", took)
	}
	// Stopped, it remembers how far it read; started again, it reads on
	// from there and finds what changed meanwhile.
	stopC()
	pos, err := search.FilePosition(filepath.Join(cData, "index.position")).Load(context.Background())
	if err != nil || pos <= 0 {
		t.Fatalf("the stopped node's position: %d, %v", pos, err)
	}
	status, out = a.call("POST", "/api/v1/standards", token, map[string]any{"body": nodeText + "\n镍基合金铆钉。\n"})
	if status != http.StatusCreated {
		t.Fatalf("create on A: %d %v", status, out)
	}
	c, _ = startNodeIn(t, dbURL, cData)
	if took, ok := c.searchable(token, "镍基合金铆钉", out["id"].(string)); !ok {
		t.Errorf("the restarted node does not find a standard created while it was down after %v", took)
	}
	// The node saves its position after the batch it indexed is committed,
	// so the hit may be searchable a moment before the position moves.
	poll.Until(t, 5*time.Second, fmt.Sprintf("the restarted node's position to move past %d", pos), func() (bool, error) {
		now, err := search.FilePosition(filepath.Join(cData, "index.position")).Load(context.Background())
		return now > pos, err
	})
	status, out = b.call("POST", "/api/v1/standards", token, map[string]any{"body": nodeText + "\n锆合金垫圈。\n"})
	if status != http.StatusCreated {
		t.Fatalf("create on B: %d %v", status, out)
	}
	if took, ok := c.searchable(token, "锆合金垫圈", out["id"].(string)); !ok {
		t.Errorf("the late node does not find a standard created on B after %v", took)
	}
}
