package server

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"norma/docs"
	"norma/workflow"
)

// handleRevisionCreate saves a revision: POST /api/v1/standards/:id/revisions.
func (s *Server) handleRevisionCreate(c echo.Context) error {
	var in workflow.NewRevision
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := s.svc.SaveRevision(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err != nil {
		return err
	}
	r.Body = ""
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/standards/"+r.StandardID+"/revisions/"+itoa(r.Number))
	return c.JSON(http.StatusCreated, r)
}

// handleRevisionList lists revisions: GET /api/v1/standards/:id/revisions.
func (s *Server) handleRevisionList(c echo.Context) error {
	list, err := s.svc.Revisions(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list)
}

type revisionView struct {
	*workflow.Revision
	Body    string        `json:"body"`
	HTML    template.HTML `json:"html"`
	Outline []docs.Clause `json:"outline"`
}

// handleRevisionView returns one revision with its rendering and outline:
// GET /api/v1/standards/:id/revisions/:n.
func (s *Server) handleRevisionView(c echo.Context) error {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 {
		return workflow.Errorf(workflow.ENOTFOUND, "no revision %q", c.Param("n"))
	}
	r, err := s.svc.Revision(c.Request().Context(), currentUser(c), c.Param("id"), n)
	if err != nil {
		return err
	}
	text := s.rendered(r)
	outline := text.Outline
	if outline == nil {
		outline = []docs.Clause{}
	}
	return c.JSON(http.StatusOK, revisionView{Revision: r, Body: r.Body, HTML: text.HTML, Outline: outline})
}

// revisionMessage is a revision's message as a page shows it: the messages
// Norma writes itself in English ("created", "imported from law.md") in the
// page's language, a person's message as written.
func (s *Server) revisionMessage(lang, msg string) string {
	if msg == "created" {
		return s.catalog.T(lang, "rev.created")
	}
	if file, ok := strings.CutPrefix(msg, "imported from "); ok {
		return s.catalog.T(lang, "rev.imported", file)
	}
	return msg
}
