package server

import (
	"html/template"

	"github.com/labstack/echo/v4"

	"norma/docs"
	"norma/workflow"
)

// reviewRecord is a closed review round as the standard page shows it:
// how the committee reviewed, its verdicts, its conclusion and minutes.
type reviewRecord struct {
	*workflow.Round
	MinutesHTML template.HTML
}

// reviewRecords fills the review rounds for staff, the owner and the
// assigned experts; to others the review is not shown.
func (s *Server) reviewRecords(c echo.Context, p *standardPage) error {
	u := currentUser(c)
	if u == nil {
		return nil
	}
	rounds, err := s.svc.Rounds(c.Request().Context(), u, p.Standard.ID)
	switch workflow.ErrorCode(err) {
	case "":
	case workflow.EFORBIDDEN:
		return nil
	default:
		return err
	}
	p.rounds, p.seesReview = rounds, true
	for _, r := range rounds {
		rec := reviewRecord{Round: r}
		if r.Minutes != "" {
			rec.MinutesHTML = inPage(docs.Render(r.Minutes))
		}
		p.Reviews = append(p.Reviews, rec)
	}
	return nil
}
