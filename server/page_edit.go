package server

import (
	"html/template"
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
	// ReadOnly says why the text cannot be saved now, "" when it can.
	ReadOnly string
	// Preview is the text as the standard page renders it.
	Preview template.HTML
}

// handleEditPage shows the editor with its preview and panels:
// GET /standards/:id/edit. A text the visitor cannot save now opens read-only
// with the reason.
func (s *Server) handleEditPage(c echo.Context) error {
	ctx, u := c.Request().Context(), currentUser(c)
	if u == nil {
		return workflow.Errorf(workflow.EUNAUTHORIZED, "log in to edit")
	}
	st, err := s.svc.Standard(ctx, u, c.Param("id"))
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
		Error: problem, Findings: findings, ReadOnly: s.readOnly(c, st),
		Preview: inPage(docs.Render(body))}
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
	r, err := s.svc.SaveRevision(c.Request().Context(), currentUser(c), st.ID, in)
	switch code := workflow.ErrorCode(err); code {
	case "":
		return c.Redirect(http.StatusSeeOther, "/standards/"+st.ID+"?saved="+strconv.Itoa(r.Number))
	case workflow.ECONFLICT, workflow.EINVALID, workflow.ETOOLARGE, workflow.EFULL:
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

type previewView struct {
	HTML    template.HTML `json:"html"`
	Outline []docs.Clause `json:"outline"`
}

// handlePreview renders a text as the standard page would, for the
// editor's preview: POST /api/v1/preview. Only accounts may ask.
func (s *Server) handlePreview(c echo.Context) error {
	if currentUser(c) == nil {
		return workflow.Errorf(workflow.EUNAUTHORIZED, "log in to preview")
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	// Not kept in the revisions' cache: a draft between keystrokes is seen once.
	outline := docs.Clauses(in.Body)
	if outline == nil {
		outline = []docs.Clause{}
	}
	return c.JSON(http.StatusOK, previewView{HTML: inPage(docs.Render(in.Body)), Outline: outline})
}

// readOnly words why the visitor cannot save the text now, or "".
func (s *Server) readOnly(c echo.Context, st *workflow.Standard) string {
	if err := workflow.WhyReadOnly(currentUser(c), st, s.svc.Now()); err != nil {
		return s.message(c, err)
	}
	return ""
}
