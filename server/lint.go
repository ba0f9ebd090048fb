package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/docs"
	"norma/workflow"
)

// sendFindings answers with the list of findings, and their counts by
// severity in the X-Lint-Errors and X-Lint-Warnings headers.
func sendFindings(c echo.Context, f []docs.Finding) error {
	if f == nil {
		f = []docs.Finding{}
	}
	counts := map[string]int{}
	for _, x := range f {
		counts[x.Severity]++
	}
	c.Response().Header().Set("X-Lint-Errors", strconv.Itoa(counts[docs.SeverityError]))
	c.Response().Header().Set("X-Lint-Warnings", strconv.Itoa(counts[docs.SeverityWarning]))
	return c.JSON(http.StatusOK, f)
}

// handleLint checks a text: POST /api/v1/lint {"body"}.
func (s *Server) handleLint(c echo.Context) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	f, err := s.svc.Lint(c.Request().Context(), in.Body)
	if err != nil {
		return err
	}
	return sendFindings(c, f)
}

// handleRevisionLint checks a saved revision: GET /api/v1/standards/:id/revisions/:n/lint.
func (s *Server) handleRevisionLint(c echo.Context) error {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 {
		return workflow.Errorf(workflow.ENOTFOUND, "no revision %q", c.Param("n"))
	}
	f, err := s.svc.LintRevision(c.Request().Context(), currentUser(c), c.Param("id"), n)
	if err != nil {
		return err
	}
	return sendFindings(c, f)
}
