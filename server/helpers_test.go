package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"norma/internal/poll"
	"norma/search"
	"norma/search/bleve"
	"norma/server"
	"norma/store/sqlite"
	"norma/workflow"
)

// clock is a settable time source for the service.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is a Norma server on a real SQLite file, reached through real HTTP.
type env struct {
	t     testing.TB
	srv   *httptest.Server
	db    *sqlite.DB
	svc   *workflow.Service
	clock *clock
	users map[string]*workflow.User
	// worker keeps the index in step; tests call indexed to wait for it.
	worker *search.Worker
	// app is the server under test, for tests that walk its routes.
	app *server.Server
	// server is the server behind srv.
	server *server.Server
	// stopWorker stops the index worker, for a test that counts the
	// store's reads.
	stopWorker func()
}

// sub returns the environment with its helpers failing tb, the subtest
// that uses them, rather than the test that made the environment: a Fatal
// from a subtest's helper must end that subtest, not its parent.
func (e *env) sub(tb testing.TB) *env {
	c := *e
	c.t = tb
	return &c
}

// indexed waits until every committed change has reached the index.
func (e *env) indexed() {
	e.t.Helper()
	poll.Until(e.t, 30*time.Second, "the index worker to catch up", func() (bool, error) {
		n, err := e.db.CountOutbox(context.Background())
		return n == 0, err
	})
}

// lawfulProcedure runs the procedure as Norma ships it: consultation before
// submit, three quarters of the committee.
func lawfulProcedure(c *workflow.Config) {
	d := workflow.DefaultConfig()
	c.RequireConsultation, c.ReviewRule = d.RequireConsultation, d.ReviewRule
}

// noNoticeMinimum lets tests approve with a notice of 0 days.
func noNoticeMinimum(c *workflow.Config) {
	for _, l := range workflow.Levels {
		c.NoticeMinDays[l] = 0
	}
}

const testPassword = "correct-horse"

// newEnv starts a server; opts may change the workflow configuration.
func newEnv(tb testing.TB, opts ...func(*workflow.Config)) *env {
	tb.Helper()
	return newEnvDeps(tb, nil, opts...)
}

// newEnvDeps is newEnv with a last say on the server's parts.
func newEnvDeps(tb testing.TB, edit func(*server.Deps), opts ...func(*workflow.Config)) *env {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "norma.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	clk := &clock{now: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)}
	cfg := workflow.DefaultConfig()
	cfg.PasswordCost = bcrypt.MinCost
	// Most tests exercise one step of the life of a standard; they start
	// from the short procedure (no consultation before submit, a unanimous
	// committee). lawfulProcedure restores the defaults.
	cfg.RequireConsultation = false
	for _, l := range workflow.Levels {
		cfg.ReviewRule[l] = workflow.RuleUnanimous
	}
	for _, o := range opts {
		o(&cfg)
	}
	svc := workflow.NewService(db, cfg, clk.Now)
	idx, err := bleve.Open(filepath.Join(tb.TempDir(), "index.bleve"))
	if err != nil {
		tb.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	wctx, stop := context.WithCancel(ctx)
	worker := search.NewWorker(idx, db, log, 20*time.Millisecond)
	done := make(chan struct{})
	go func() { worker.Run(wctx); close(done) }()
	tb.Cleanup(func() { stop(); <-done; idx.Close() })
	deps := server.Deps{Service: svc, Ready: db.Ping,
		Search: search.NewService(idx, db), Similar: search.NewSimilar(db), Logger: log}
	if edit != nil {
		edit(&deps)
	}
	srv, err := server.New(server.Config{BodyLimit: "4MiB"}, deps)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	e := &env{t: tb, srv: ts, db: db, svc: svc, clock: clk, users: map[string]*workflow.User{}, worker: worker, app: srv, server: srv,
		stopWorker: func() { stop(); <-done }}
	for name, role := range map[string]workflow.Role{"admin": workflow.RoleAdmin, "staff": workflow.RoleStaff,
		"drafter": workflow.RoleDrafter, "drafter2": workflow.RoleDrafter, "expert1": workflow.RoleExpert,
		"expert2": workflow.RoleExpert} {
		u, err := svc.CreateUser(ctx, nil, workflow.NewUser{Username: name, Role: role, Password: testPassword})
		if err != nil {
			tb.Fatal(err)
		}
		e.users[name] = u
	}
	return e
}

// response is a finished HTTP exchange.
type response struct {
	*http.Response
	body []byte
}

// JSON decodes the body into v.
func (r *response) JSON(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		tb.Fatalf("decoding %s: %v", r.body, err)
	}
}

// Map decodes the body as a JSON object.
func (r *response) Map(tb testing.TB) map[string]any {
	tb.Helper()
	var m map[string]any
	r.JSON(tb, &m)
	return m
}

// ErrorField returns the API error's code and field.
func (r *response) Error(tb testing.TB) (code, field, message string) {
	tb.Helper()
	var e struct {
		Error struct{ Code, Field, Message string } `json:"error"`
	}
	r.JSON(tb, &e)
	return e.Error.Code, e.Error.Field, e.Error.Message
}

// request sends one request with an optional bearer token. body may be a
// string (sent as is) or any value (sent as JSON).
func (e *env) request(method, path, token string, body any, headers ...string) *response {
	e.t.Helper()
	return e.send(http.DefaultClient, method, path, token, body, headers...)
}

func (e *env) send(client *http.Client, method, path, token string, body any, headers ...string) *response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return &response{Response: resp, body: b}
}

// login returns a bearer token for the account.
func (e *env) login(name string) string {
	e.t.Helper()
	r := e.request("POST", "/api/v1/session", "", map[string]string{"username": name, "password": testPassword})
	if r.StatusCode != http.StatusOK {
		e.t.Fatalf("login %s: %d %s", name, r.StatusCode, r.body)
	}
	var out struct{ Token string }
	r.JSON(e.t, &out)
	return out.Token
}

// browser returns a client with a cookie jar, as a browser would be.
func (e *env) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func wantStatus(tb testing.TB, r *response, status int) {
	tb.Helper()
	if r.StatusCode != status {
		tb.Fatalf("%s %s: status %d, want %d; body %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.body)
	}
}

// meetingText is a small text in the GB/T 1.1-2020 shape, clean for submit.
const meetingText = `---
title: 机关会议服务规范
level: local
region: "11"
ics: 03.080.99
---

# 机关会议服务规范

## 前言

本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。

本文件由北京市机关事务管理局提出并归口。

## 1 范围

本文件规定了机关会议服务的基本要求。

## 2 规范性引用文件

本文件没有规范性引用文件。

## 3 术语和定义

本文件没有需要界定的术语和定义。

## 4 基本要求

### 4.1 人员

4.1.1 会务人员应经过岗位培训。

4.1.2 会务人员宜统一着装。

### 4.2 设施

会场应配备扩音、照明和应急疏散设施。
`

// createStandard opens a standard as the account with the token and returns its id.
func (e *env) createStandard(token string, body map[string]any) string {
	e.t.Helper()
	if body == nil {
		body = map[string]any{"body": meetingText}
	}
	r := e.request("POST", "/api/v1/standards", token, body)
	wantStatus(e.t, r, http.StatusCreated)
	return r.Map(e.t)["id"].(string)
}
