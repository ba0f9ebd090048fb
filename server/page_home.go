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

// workListKey keeps the work list a request has read, so that the header
// counts it without reading it again.
const workListKey = "norma.worklist"

// recentIssued is how many recently issued standards the public list shows.
const recentIssued = 20

// Age words how long an item has waited, in days.
func (p homePage) Age(since time.Time) string {
	d := int(math.Floor(p.now.Sub(since).Hours() / 24))
	if d < 1 {
		return p.T("work.age.today")
	}
	return p.T("work.age.days", d)
}

// Link is where an item's action is taken: the standard's page at the
// section's form.
func (p homePage) Link(sec workflow.WorkSection, it workflow.WorkItem) string {
	u := "/standards/" + it.Standard.ID
	if sec.Target != "" {
		u += "#" + sec.Target
	}
	return u
}

// CountText words what an item's count counts, "" when it counts nothing.
func (p homePage) CountText(sec workflow.WorkSection, it workflow.WorkItem) string {
	if it.Count == 0 {
		return ""
	}
	switch sec.Key {
	case "drafter.comments":
		return p.T("work.n.comments", it.Count)
	case "staff.reviews":
		return p.T("work.n.feedback_received", it.Count)
	}
	return p.T("work.n.feedback", it.Count)
}

// DueText words when an item's filing or review falls due.
func (p homePage) DueText(it workflow.WorkItem) string {
	if it.Due == "" {
		return ""
	}
	if it.DaysLeft < 0 {
		return p.T("work.due.over", it.Due, -it.DaysLeft)
	}
	return p.T("work.due.left", it.Due, it.DaysLeft)
}

// handleHomePage shows the visitor's work list: what waits for a signed-in
// account, open notices and recent issues for the public: GET /.
func (s *Server) handleHomePage(c echo.Context) error {
	secs, err := s.svc.WorkList(c.Request().Context(), currentUser(c))
	if err != nil {
		return err
	}
	if currentUser(c) != nil {
		c.Set(workListKey, secs)
	}
	for i := range secs {
		if secs[i].Key == "public.issued" && len(secs[i].Items) > recentIssued {
			secs[i].Items = secs[i].Items[:recentIssued]
		}
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
