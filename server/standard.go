package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// handleStandardCreate opens a standard: POST /api/v1/standards.
func (s *Server) handleStandardCreate(c echo.Context) error {
	var in workflow.NewStandard
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	st, err := s.svc.CreateStandard(c.Request().Context(), currentUser(c), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/standards/"+st.ID)
	return c.JSON(http.StatusCreated, st)
}

// handleStandardList lists what the caller may read: GET /api/v1/standards.
func (s *Server) handleStandardList(c echo.Context) error {
	f := workflow.StandardFilter{}
	if v := c.QueryParam("state"); v != "" {
		st := workflow.State(v)
		if !st.Valid() {
			return workflow.FieldError("state", "unknown state %q", v)
		}
		f.State = &st
	}
	if v := c.QueryParam("level"); v != "" {
		lv := workflow.Level(v)
		if !lv.Valid() {
			return workflow.FieldError("level", "unknown level %q", v)
		}
		f.Level = &lv
	}
	page, size, err := paging(c, 100, 500)
	if err != nil {
		return err
	}
	f.Offset, f.Limit = (page-1)*size, size
	list, total, err := s.svc.Standards(c.Request().Context(), currentUser(c), f)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*workflow.Standard{}
	}
	c.Response().Header().Set("X-Total-Count", strconv.Itoa(total))
	return c.JSON(http.StatusOK, list)
}

// handleStandardView returns one standard: GET /api/v1/standards/:id.
func (s *Server) handleStandardView(c echo.Context) error {
	st, err := s.svc.Standard(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, st)
}

// paging reads ?page= (from 1) and ?size= (1 to max).
func paging(c echo.Context, def, max int) (page, size int, err error) {
	page, size = 1, def
	if v := c.QueryParam("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > 1_000_000 {
			return 0, 0, workflow.FieldError("page", "page must be a whole number from 1 to 1000000")
		}
	}
	if v := c.QueryParam("size"); v != "" {
		if size, err = strconv.Atoi(v); err != nil || size < 1 || size > max {
			return 0, 0, workflow.FieldError("size", "size must be a whole number from 1 to %d", max)
		}
	}
	return page, size, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
