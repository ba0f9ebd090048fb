package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// amendmentRoutes are the endpoints and forms of amendment sheets (修改单)
// and of a standard's relations.
func (s *Server) amendmentRoutes() {
	api := s.echo.Group("/api/v1")
	api.POST("/standards/:id/amendments", s.handleAmendmentCreate)
	api.GET("/standards/:id/amendments", s.handleAmendmentList)
	api.GET("/standards/:id/sheet", s.handleSheetView)
	api.PUT("/standards/:id/sheet", s.handleSheetUpdate)
	api.GET("/standards/:id/relations", s.handleRelations)
	s.echo.POST("/standards/:id/amendments", s.handleAmendmentSubmit)
	s.echo.POST("/standards/:id/sheet", s.handleSheetSubmit)
}

// handleAmendmentCreate opens an amendment sheet of an issued standard:
// POST /api/v1/standards/:id/amendments {sheet, note}.
func (s *Server) handleAmendmentCreate(c echo.Context) error {
	var in workflow.AmendmentInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	a, err := s.svc.OpenAmendment(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/standards/"+a.ID)
	return c.JSON(http.StatusCreated, a)
}

// handleAmendmentList lists a standard's amendment sheets:
// GET /api/v1/standards/:id/amendments.
func (s *Server) handleAmendmentList(c echo.Context) error {
	list, err := s.svc.Amendments(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list)
}

// sheetView is an amendment's wording and whether it was offered from the diff.
type sheetView struct {
	Sheet   string `json:"sheet"`
	Drafted bool   `json:"drafted"`
}

// handleSheetView returns an amendment's sheet: GET /api/v1/standards/:id/sheet.
func (s *Server) handleSheetView(c echo.Context) error {
	sheet, drafted, err := s.svc.Sheet(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sheetView{Sheet: sheet, Drafted: drafted})
}

// handleSheetUpdate writes an amendment's sheet before its issue:
// PUT /api/v1/standards/:id/sheet {sheet}.
func (s *Server) handleSheetUpdate(c echo.Context) error {
	var in struct {
		Sheet string `json:"sheet"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	st, err := s.svc.SetSheet(c.Request().Context(), currentUser(c), c.Param("id"), in.Sheet)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, st)
}

// handleRelations returns a standard's relations: GET /api/v1/standards/:id/relations.
func (s *Server) handleRelations(c echo.Context) error {
	rel, err := s.svc.Relations(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rel)
}

// handleAmendmentSubmit opens an amendment from the form 发布修改单 and goes
// to its page: POST /standards/:id/amendments.
func (s *Server) handleAmendmentSubmit(c echo.Context) error {
	in := workflow.AmendmentInput{Sheet: c.FormValue("sheet"), Note: c.FormValue("note")}
	a, err := s.svc.OpenAmendment(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/standards/"+a.ID)
	}
	return s.formDone(c, "amend", "#relations", err)
}

// handleSheetSubmit writes an amendment's sheet from its page:
// POST /standards/:id/sheet.
func (s *Server) handleSheetSubmit(c echo.Context) error {
	_, err := s.svc.SetSheet(c.Request().Context(), currentUser(c), c.Param("id"), c.FormValue("sheet"))
	return s.formDone(c, "sheet", "#sheet", err)
}
