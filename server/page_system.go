package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// systemPage shows the standard system (标准体系) with each module's counts
// and flags, and the editor of the tree for staff.
type systemPage struct {
	Page
	Rows []systemRow
	// Source is the tree as YAML in the editor; Error the message of a
	// refused save, beside the editor.
	Source string
	Error  string
}

// handleSystemPage shows the system: GET /system (staff).
func (s *Server) handleSystemPage(c echo.Context) error {
	return s.renderSystem(c, http.StatusOK, "", "")
}

func (s *Server) renderSystem(c echo.Context, status int, source, message string) error {
	rows, err := s.systemTable(c)
	if err != nil {
		return err
	}
	if source == "" {
		sys, err := s.svc.System(c.Request().Context())
		if err != nil {
			return err
		}
		b, err := yamlMarshal(sys)
		if err != nil {
			return err
		}
		source = string(b)
	}
	p := systemPage{Page: s.page(c, ""), Rows: rows, Source: source, Error: message}
	p.Title = p.T("system.title")
	return s.render(c, status, "system", p)
}

// handleSystemSubmit saves the tree from the editor (YAML or JSON):
// POST /system.
func (s *Server) handleSystemSubmit(c echo.Context) error {
	source := c.FormValue("nodes")
	trimmed := strings.TrimSpace(source)
	sys, err := workflow.ParseSystem([]byte(trimmed), !strings.HasPrefix(trimmed, "{"))
	if err == nil {
		err = s.svc.PutSystem(c.Request().Context(), currentUser(c), sys)
	}
	switch code := workflow.ErrorCode(err); code {
	case "":
		return c.Redirect(http.StatusSeeOther, "/system")
	case workflow.EINVALID, workflow.EMALFORMED:
		return s.renderSystem(c, statuses[code], source, s.message(c, err))
	default:
		return err
	}
}

// handleStandardPlaceSubmit places a standard from its page:
// POST /standards/:id/system_node.
func (s *Server) handleStandardPlaceSubmit(c echo.Context) error {
	p := workflow.Placement{Kind: workflow.PlaceStandard, Ref: c.Param("id"), Node: strings.TrimSpace(c.FormValue("system_node"))}
	err := s.svc.Place(c.Request().Context(), currentUser(c), p)
	return s.formDone(c, "system_node", "#system-node", err)
}
