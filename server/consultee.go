package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// consulteesResponse lists the organisations consulted with the four counts.
type consulteesResponse struct {
	Consultees []*workflow.Consultee       `json:"consultees"`
	Counts     workflow.ConsultationCounts `json:"counts"`
}

// handleConsulteeList lists the consulted organisations:
// GET /api/v1/standards/:id/consultees.
func (s *Server) handleConsulteeList(c echo.Context) error {
	list, err := s.svc.Consultees(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, consulteesResponse{Consultees: list, Counts: workflow.CountConsultees(list)})
}

// handleConsulteeCreate records that the 征求意见稿 went to an organisation:
// POST /api/v1/standards/:id/consultees.
func (s *Server) handleConsulteeCreate(c echo.Context) error {
	var in workflow.NewConsultee
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cc, err := s.svc.AddConsultee(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, cc)
}

// handleConsulteeUpdate records an organisation's reply:
// PUT /api/v1/standards/:id/consultees/:cid.
func (s *Server) handleConsulteeUpdate(c echo.Context) error {
	cid, err := strconv.ParseInt(c.Param("cid"), 10, 64)
	if err != nil {
		return workflow.Errorf(workflow.ENOTFOUND, "no consulted organisation %q", c.Param("cid"))
	}
	var in workflow.ConsulteeUpdate
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cc, err := s.svc.SetConsulteeReply(c.Request().Context(), currentUser(c), c.Param("id"), cid, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cc)
}
