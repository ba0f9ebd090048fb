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

// writeSlots returns how many writes (any request but a GET) run at once:
// one per CPU, at least two. The store takes one write at a time anyway;
// more in flight only take CPU from the readers while they wait for it.
func (cfg Config) writeSlots() int {
	return max(2, runtime.GOMAXPROCS(0))
}

// gateKey is where a gated request keeps the function that gives its slot
// back early.
const gateKey = "norma.gate-slot"

// admit lets a few reads and a few writes run at once and queues the
// others in the order they came, reads and writes apart. Without it, two
// hundred readers on two CPUs all run at once: they take turns at the
// database's few connections, which are handed to a random waiter, so a
// page that reads a dozen times waits a dozen lotteries and the slowest
// answers take seconds while the median is fast; and twenty writers saving
// back to back took as much of the CPU as the two hundred readers. Queued
// in order, every reader waits about as long as the others, and writes
// cannot crowd out reads. The health check and static files, which read
// nothing, are not queued.
func (s *Server) admit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		slots := s.writes
		switch {
		case c.Path() == "/healthz" || c.Path() == "/static/:name":
			return next(c)
		case c.Request().Method == http.MethodGet:
			slots = s.reads
		}
		ctx := c.Request().Context()
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return echo.NewHTTPError(http.StatusServiceUnavailable, "the request was abandoned while it waited")
		}
		held := true
		release := func() {
			if held {
				held = false
				<-slots
			}
		}
		c.Set(gateKey, release)
		defer release()
		return next(c)
	}
}

// leaveQueue gives back the slot of a request that is about to wait for
// something slower of its own (a check slot), so that it does not hold up
// the requests queued behind it.
func leaveQueue(c echo.Context) {
	if release, ok := c.Get(gateKey).(func()); ok {
		release()
	}
}
