package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// Reads beyond the slots wait their turn; the health check does not; a
// reader that gives up while waiting takes no slot; and a check that waits
// for its own slot gives back its read slot first.
func TestReadsWaitForASlot(t *testing.T) {
	s := &Server{svc: workflow.NewService(nil, workflow.DefaultConfig(), nil),
		reads: make(chan struct{}, 2), writes: make(chan struct{}, 1), checks: make(chan struct{}, 1)}
	e := echo.New()
	e.Use(s.admit)
	release, running := make(chan struct{}), make(chan string, 8)
	block := func(c echo.Context) error {
		running <- c.Path()
		<-release
		return c.String(http.StatusOK, "done")
	}
	e.GET("/read", block)
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.GET("/check", block, func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error { c.Set(userKey, &workflow.User{ID: 1}); return next(c) }
	}, s.heavy)
	do := func(ctx context.Context, path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest("GET", path, nil).WithContext(ctx))
		return w
	}
	done := make(chan *httptest.ResponseRecorder, 8)
	for range 2 {
		go func() { done <- do(context.Background(), "/read") }()
		<-running
	}
	go func() { done <- do(context.Background(), "/read") }()
	select {
	case p := <-running:
		t.Fatalf("a third read (%s) ran while both slots were taken", p)
	case <-time.After(100 * time.Millisecond):
	}
	if w := do(context.Background(), "/healthz"); w.Code != http.StatusOK {
		t.Errorf("health check while the reads are full: %d", w.Code)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if w := do(ctx, "/read"); w.Code != http.StatusServiceUnavailable {
		t.Errorf("a read abandoned while it waited: %d %q, want 503", w.Code, w.Body)
	}
	release <- struct{}{}
	if w := <-done; w.Code != http.StatusOK {
		t.Errorf("a read: %d", w.Code)
	}
	if p := <-running; p != "/read" {
		t.Fatalf("the queued read did not run once a slot was free: %s", p)
	}
	// Both slots are taken by reads again. Free one: the check takes it,
	// then gives it back while it runs, so one more read gets in.
	release <- struct{}{}
	<-done
	go func() { done <- do(context.Background(), "/check") }()
	if p := <-running; p != "/check" {
		t.Fatalf("want the check running, got %s", p)
	}
	go func() { done <- do(context.Background(), "/read") }()
	select {
	case p := <-running:
		if p != "/read" {
			t.Fatalf("got %s", p)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a running check kept its read slot")
	}
	close(release)
	for range 3 {
		if w := <-done; w.Code != http.StatusOK {
			t.Errorf("%d %q", w.Code, strings.TrimSpace(w.Body.String()))
		}
	}
}

// Writes queue apart from reads: one runs while the reads are all taken, a
// second waits for it (503 when abandoned meanwhile), then runs.
func TestWritesWaitApartFromReads(t *testing.T) {
	s := &Server{reads: make(chan struct{}, 1), writes: make(chan struct{}, 1)}
	e := echo.New()
	e.Use(s.admit)
	release, running := make(chan struct{}), make(chan string, 8)
	block := func(c echo.Context) error {
		running <- c.Request().Method
		<-release
		return c.NoContent(http.StatusNoContent)
	}
	e.GET("/x", block)
	e.POST("/x", block)
	do := func(ctx context.Context, method string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest(method, "/x", nil).WithContext(ctx))
		return w
	}
	done := make(chan *httptest.ResponseRecorder, 4)
	go func() { done <- do(context.Background(), "GET") }()
	if m := <-running; m != "GET" {
		t.Fatal(m)
	}
	go func() { done <- do(context.Background(), "POST") }()
	select {
	case m := <-running:
		if m != "POST" {
			t.Fatal(m)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a write waited for the reads")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if w := do(ctx, "DELETE"); w.Code != http.StatusServiceUnavailable {
		t.Errorf("a second write while the write slot is taken, abandoned: %d, want 503", w.Code)
	}
	go func() { done <- do(context.Background(), "POST") }()
	select {
	case m := <-running:
		t.Fatalf("a second write (%s) ran while the first held the slot", m)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	for range 3 {
		if w := <-done; w.Code != http.StatusNoContent {
			t.Errorf("%d", w.Code)
		}
	}
}
