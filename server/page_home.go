package server

import (
	"math"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

type homePage struct {
	Page
	Sections []workflow.WorkSection
	now      time.Time
}

// Age words how long an item has waited, in days.
func (p homePage) Age(since time.Time) string {
	d := int(math.Floor(p.now.Sub(since).Hours() / 24))
	if d < 1 {
		return p.T("work.age.today")
	}
	return p.T("work.age.days", d)
}

// handleHomePage shows the visitor's work list: what waits for a signed-in
// account, open notices and recent issues for the public: GET /.
func (s *Server) handleHomePage(c echo.Context) error {
	secs, err := s.svc.WorkList(c.Request().Context(), currentUser(c))
	if err != nil {
		return err
	}
	p := homePage{Page: s.page(c, ""), Sections: secs, now: s.svc.Now()}
	p.Title = p.T("home.title")
	if p.User != nil {
		p.Title = p.T("work.title")
	}
	return s.render(c, http.StatusOK, "home", p)
}

// DaysLeft words how long the open window of a standard still runs.
func (p homePage) DaysLeft(st *workflow.Standard) string {
	end := st.NoticeEnd
	if st.State == workflow.StateDraft {
		end = st.ConsultEnd
	}
	if end == nil {
		return ""
	}
	return p.T("work.days_left", end.Format(time.DateOnly), int(math.Ceil(end.Sub(p.now).Hours()/24)))
}
