package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

func TestChecksWaitForASlotThenAre429(t *testing.T) {
	s := &Server{svc: workflow.NewService(nil, workflow.DefaultConfig(), nil), checks: make(chan struct{}, 1)}
	e := echo.New()
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		code := workflow.ErrorCode(err)
		if e, ok := err.(*workflow.Error); ok && e.Details["retry_after"] != nil {
			c.Response().Header().Set("Retry-After", "set")
		}
		c.String(statuses[code], code)
	}
	release, running := make(chan struct{}), make(chan struct{}, 2)
	e.POST("/check", func(c echo.Context) error {
		running <- struct{}{}
		<-release
		return c.String(http.StatusOK, "done")
	}, func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error { c.Set(userKey, &workflow.User{ID: 1}); return next(c) }
	}, s.heavy)
	do := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest("POST", "/check", strings.NewReader("{}")))
		return w
	}
	first := make(chan *httptest.ResponseRecorder)
	go func() { first <- do() }()
	<-running
	start := time.Now()
	second := do()
	if second.Code != http.StatusTooManyRequests || second.Header().Get("Retry-After") == "" {
		t.Errorf("a check while the only slot is taken: %d %q, want 429 with Retry-After", second.Code, second.Body)
	}
	if waited := time.Since(start); waited < checkWait {
		t.Errorf("refused after %v, want a wait of %v for a slot first", waited, checkWait)
	}
	close(release)
	if w := <-first; w.Code != http.StatusOK {
		t.Errorf("the first check: %d", w.Code)
	}
	if w := do(); w.Code != http.StatusOK {
		t.Errorf("a check once the slot is free: %d", w.Code)
	}
}
