package server

import (
	"net/http"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"norma/web"
	"norma/workflow"
)

// codeHits bounds the entries one code search returns.
const codeHits = 20

// handleCodes searches a code list (ics or ccs) for what a user types, by
// code prefix or by name: GET /api/v1/codes/:list?q=. Anyone may search.
func (s *Server) handleCodes(c echo.Context) error {
	l, ok := web.CodeLists[c.Param("list")]
	if !ok {
		return workflow.Errorf(workflow.ENOTFOUND, "no code list %q (ics, ccs)", c.Param("list"))
	}
	q := c.QueryParam("q")
	if utf8.RuneCountInString(q) > 100 || !utf8.ValidString(q) {
		return workflow.FieldError("q", "q must be valid text of at most 100 characters")
	}
	return c.JSON(http.StatusOK, l.Search(q, s.language(c), codeHits))
}
