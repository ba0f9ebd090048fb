package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

func assignments(users []*workflow.User) []workflow.Assignment {
	out := make([]workflow.Assignment, 0, len(users))
	for _, u := range users {
		out = append(out, workflow.Assignment{Username: u.Username, Name: u.Name})
	}
	return out
}

// handleExpertList lists assigned experts: GET /api/v1/standards/:id/experts.
func (s *Server) handleExpertList(c echo.Context) error {
	users, err := s.svc.Experts(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, assignments(users))
}

// handleExpertAssign assigns an expert: POST /api/v1/standards/:id/experts.
func (s *Server) handleExpertAssign(c echo.Context) error {
	var in struct {
		Username string `json:"username"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, err := s.svc.AssignExpert(c.Request().Context(), currentUser(c), c.Param("id"), in.Username)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, assignments([]*workflow.User{u})[0])
}

// handleExpertRemove ends an assignment: DELETE /api/v1/standards/:id/experts/:username.
func (s *Server) handleExpertRemove(c echo.Context) error {
	if err := s.svc.RemoveExpert(c.Request().Context(), currentUser(c), c.Param("id"), c.Param("username")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
