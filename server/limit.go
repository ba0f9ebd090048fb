package server

import (
	"runtime"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"norma/workflow"
)

// checkWait is how long a check waits for a free slot before it is refused.
const checkWait = 2 * time.Second

// checkBodyLimit bounds the request of a check: workflow.MaxCheckChars
// Chinese characters in UTF-8, with room for the JSON around them.
const checkBodyLimit = "1536K"

// checkSlots returns how many checks may run at once: the configured
// number, or as many as there are CPUs, at least two.
func (cfg Config) checkSlots() int {
	if cfg.Checks > 0 {
		return cfg.Checks
	}
	return max(2, runtime.GOMAXPROCS(0))
}

// heavy guards the checks that cost a whole text's worth of CPU and memory
// (structure check, duplicate check): a small body, the public's count per
// address, then a slot among the few that run at once on this node. A
// request that finds no slot within checkWait is answered 429 with
// Retry-After, so that a burst cannot take the memory of the server.
func (s *Server) heavy(next echo.HandlerFunc) echo.HandlerFunc {
	limited := middleware.BodyLimit(checkBodyLimit)(func(c echo.Context) error {
		ctx := c.Request().Context()
		if err := s.svc.CountCheck(ctx, currentUser(c), c.RealIP()); err != nil {
			return err
		}
		leaveQueue(c)
		wait := time.NewTimer(checkWait)
		defer wait.Stop()
		select {
		case s.checks <- struct{}{}:
			defer func() { <-s.checks }()
		case <-wait.C:
			return &workflow.Error{Code: workflow.ETOOMANY, Message: "the server is busy with other checks; try again shortly",
				Details: map[string]any{"retry_after": 2}}
		case <-ctx.Done():
			return ctx.Err()
		}
		return next(c)
	})
	return limited
}
