package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/docs"
	"norma/workflow"
)

type editPage struct {
	Page
	Standard         *workflow.Standard
	Body, Message    string
	Base             int
	Error            string
	Findings         []docs.Finding
	Errors, Warnings int
}

// handleEditPage shows the editor with its findings panel: GET /standards/:id/edit.
func (s *Server) handleEditPage(c echo.Context) error {
	ctx, u := c.Request().Context(), currentUser(c)
	st, err := s.editable(c)
	if err != nil {
		return err
	}
	rev, err := s.svc.Revision(ctx, u, st.ID, st.Latest)
	if err != nil {
		return err
	}
	return s.renderEditor(c, http.StatusOK, st, rev.Body, "", st.Latest, "")
}

// editable returns the standard of the request if the visitor may edit it.
func (s *Server) editable(c echo.Context) (*workflow.Standard, error) {
	return s.svc.StandardToEdit(c.Request().Context(), currentUser(c), c.Param("id"))
}

func (s *Server) renderEditor(c echo.Context, status int, st *workflow.Standard, body, message string, base int, problem string) error {
	findings, err := s.svc.Lint(c.Request().Context(), body)
	if err != nil {
		return err
	}
	p := editPage{Page: s.page(c, st.Title), Standard: st, Body: body, Message: message, Base: base,
		Error: problem, Findings: findings}
	for _, f := range findings {
		switch f.Severity {
		case docs.SeverityError:
			p.Errors++
		case docs.SeverityWarning:
			p.Warnings++
		}
	}
	return s.render(c, status, "edit", p)
}

// handleEditSubmit saves a revision from the editor: POST /standards/:id/edit.
// A conflict or bad input shows the editor again with the text as sent.
func (s *Server) handleEditSubmit(c echo.Context) error {
	st, err := s.editable(c)
	if err != nil {
		return err
	}
	base, _ := strconv.Atoi(c.FormValue("base"))
	in := workflow.NewRevision{Body: c.FormValue("body"), Base: base, Message: c.FormValue("message")}
	_, err = s.svc.SaveRevision(c.Request().Context(), currentUser(c), st.ID, in)
	switch code := workflow.ErrorCode(err); code {
	case "":
		return c.Redirect(http.StatusSeeOther, "/standards/"+st.ID)
	case workflow.ECONFLICT, workflow.EINVALID, workflow.ETOOLARGE:
		msg := s.message(c, err)
		if e := workflow.AsError(err); e != nil && e.Field == "base" {
			// Keep the drafter's text; saving again builds on the newer revision.
			latest, _ := e.Details["latest"].(int)
			msg, base = s.catalog.T(s.language(c), "edit.conflict", latest), latest
		}
		return s.renderEditor(c, statuses[code], st, in.Body, in.Message, base, msg)
	default:
		return err
	}
}
