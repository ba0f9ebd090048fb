package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// handleDiff compares two revisions: GET /api/v1/standards/:id/diff?from=N&to=M
// as JSON, or with format=html as the comparison page: the clause summary,
// the inline and the side-by-side view.
func (s *Server) handleDiff(c echo.Context) error {
	from, err := revisionParam(c, "from")
	if err != nil {
		return err
	}
	to, err := revisionParam(c, "to")
	if err != nil {
		return err
	}
	format := c.QueryParam("format")
	if format != "" && format != "json" && format != "html" {
		return workflow.FieldError("format", "format is json or html, not %q", format)
	}
	d, err := s.svc.Diff(c.Request().Context(), currentUser(c), c.Param("id"), from, to)
	if err != nil {
		return err
	}
	if format != "html" {
		return c.JSON(http.StatusOK, d)
	}
	st, err := s.svc.Standard(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return s.renderDiff(c, st, d, nil, nil)
}

func revisionParam(c echo.Context, name string) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, workflow.FieldError(name, "%s is required: a revision number", name).WithKey("err.diff.revision", workflow.Args{"field": name})
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, workflow.FieldError(name, "%s must be a revision number from 1", name).WithKey("err.diff.revision", workflow.Args{"field": name})
	}
	return n, nil
}
