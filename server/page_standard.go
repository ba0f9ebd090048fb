package server

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/docs"
	"norma/workflow"
)

type standardPage struct {
	Page
	Standard  *workflow.Standard
	Revision  *workflow.Revision
	Revisions []*workflow.Revision
	HTML      template.HTML
	Outline   []docs.Clause
	CanEdit   bool
}

// handleStandardPage shows a standard's text with its outline:
// GET /standards/:id (?rev=N for an earlier revision).
func (s *Server) handleStandardPage(c echo.Context) error {
	ctx, u := c.Request().Context(), currentUser(c)
	st, err := s.svc.Standard(ctx, u, c.Param("id"))
	if err != nil {
		return err
	}
	n := st.Latest
	if v := c.QueryParam("rev"); v != "" {
		if n, err = strconv.Atoi(v); err != nil {
			return workflow.Errorf(workflow.ENOTFOUND, "no revision %q", v)
		}
	}
	rev, err := s.svc.Revision(ctx, u, st.ID, n)
	if err != nil {
		return err
	}
	revs, err := s.svc.Revisions(ctx, u, st.ID)
	if err != nil {
		return err
	}
	for i, j := 0, len(revs)-1; i < j; i, j = i+1, j-1 {
		revs[i], revs[j] = revs[j], revs[i]
	}
	p := standardPage{Page: s.page(c, st.Title), Standard: st, Revision: rev, Revisions: revs,
		HTML: docs.Render(rev.Body), Outline: docs.Outline(rev.Body), CanEdit: workflow.CanEdit(u, st)}
	return s.render(c, http.StatusOK, "standard", p)
}
