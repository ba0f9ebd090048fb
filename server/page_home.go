package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

type homePage struct {
	Page
	Standards []*workflow.Standard
	Total     int
}

// handleHomePage lists the standards the visitor may read: GET /.
func (s *Server) handleHomePage(c echo.Context) error {
	list, total, err := s.svc.Standards(c.Request().Context(), currentUser(c), workflow.StandardFilter{Limit: 200})
	if err != nil {
		return err
	}
	p := homePage{Page: s.page(c, ""), Standards: list, Total: total}
	p.Title = p.T("home.title")
	return s.render(c, http.StatusOK, "home", p)
}
