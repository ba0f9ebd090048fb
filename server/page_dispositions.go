package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

type dispositionsPage struct {
	Page
	Standard *workflow.Standard
	Rows     []workflow.DispositionRow
	Open     int
}

// handleDispositionsPage shows the disposition table (意见汇总处理表) by
// clause, with its downloads: GET /standards/:id/dispositions.
func (s *Server) handleDispositionsPage(c echo.Context) error {
	ctx, u := c.Request().Context(), currentUser(c)
	st, err := s.svc.Standard(ctx, u, c.Param("id"))
	if err != nil {
		return err
	}
	rows, err := s.svc.Dispositions(ctx, u, st.ID)
	if err != nil {
		return err
	}
	p := dispositionsPage{Page: s.page(c, s.catalog.T(s.language(c), "disp.table")+" · "+st.Title), Standard: st, Rows: rows}
	for _, r := range rows {
		if r.Decision == "" {
			p.Open++
		}
	}
	return s.render(c, http.StatusOK, "dispositions", p)
}
