package server

import (
	"net/http"
	"runtime"

	"github.com/labstack/echo/v4"
)

// readSlots returns how many page and API reads run at once: the configured
// number, or four per CPU, at least eight.
func (cfg Config) readSlots() int {
	if cfg.Readers > 0 {
		return cfg.Readers
	}
	return max(8, 4*runtime.GOMAXPROCS(0))
}

// gateKey is where a gated request keeps the function that gives its slot
// back early.
const gateKey = "norma.read-slot"

// admitReads lets a few reads run at once and queues the others in the
// order they came. Without it, two hundred readers on two CPUs all run at
// once: they take turns at the database's few connections, which are handed
// to a random waiter, so a page that reads a dozen times waits a dozen
// lotteries and the slowest answers take seconds while the median is fast.
// Queued in order, every reader waits about as long as the others. Writes
// are not queued here (the single writer connection orders them), nor are
// the health check and static files, which read nothing.
func (s *Server) admitReads(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method != http.MethodGet || c.Path() == "/healthz" || c.Path() == "/static/:name" {
			return next(c)
		}
		ctx := c.Request().Context()
		select {
		case s.reads <- struct{}{}:
		case <-ctx.Done():
			return echo.NewHTTPError(http.StatusServiceUnavailable, "the request was abandoned while it waited")
		}
		held := true
		release := func() {
			if held {
				held = false
				<-s.reads
			}
		}
		c.Set(gateKey, release)
		defer release()
		return next(c)
	}
}

// leaveReadQueue gives back the read slot of a request that is about to
// wait for something slower of its own (a check slot), so that it does not
// hold up the reads queued behind it.
func leaveReadQueue(c echo.Context) {
	if release, ok := c.Get(gateKey).(func()); ok {
		release()
	}
}
