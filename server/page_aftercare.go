package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// aftercareBox is the part of an issued standard's page about its life
// after issue: the filing, the periodic review, the implementation
// feedback and its form.
type aftercareBox struct {
	// After is set once the standard has been issued; Issued while it is in force.
	After  bool
	Issued bool
	// Relations link the standards it replaces and that replace it, the
	// revision project and its module; Nodes are the modules it may be
	// placed in by those who may (CanPlace).
	Relations *workflow.Relations
	Nodes     []nodeOption
	CanPlace  bool
	// Filing is the recorded filing; FilingDue the last day when one is
	// needed; CanFile offers staff the form.
	Filing    *workflow.Filing
	FilingDue string
	CanFile   bool
	// Review is the periodic review for staff and the owner; CanReview
	// offers staff the conclusion form.
	Review    *workflow.ReviewView
	CanReview bool
	// Feedback is the list for staff and the owner, who answer it.
	Feedback     []*workflow.Feedback
	SeesFeedback bool
	FeedbackSent bool
	// Project is the revision project a review opened, when there is one.
	Project string
	// CanAmend offers the form 发布修改单 (an amendment sheet of this standard).
	CanAmend bool
	// On an amendment sheet: its wording, whether it was offered from the
	// diff, and whether the visitor may still write it.
	Sheet        string
	SheetDrafted bool
	CanSheet     bool
}

// nodeOption is a module offered in the placement form.
type nodeOption struct {
	Code, Label string
}

// aftercarePages are the forms of the standard page's aftercare part.
func (s *Server) aftercarePages() {
	e := s.echo
	e.POST("/standards/:id/filing", s.handleFilingSubmit)
	e.POST("/standards/:id/reviews", s.handleReviewSubmit)
	e.POST("/standards/:id/feedback", s.handleFeedbackSubmit)
	e.POST("/standards/:id/feedback/:fid/answer", s.handleFeedbackAnswerSubmit)
	e.GET("/aftercare", s.handleAftercarePage)
}

// aftercareBoxFor fills the aftercare part of a standard page.
func (s *Server) aftercareBoxFor(c echo.Context, p *standardPage) error {
	ctx, u, st := c.Request().Context(), p.User, p.Standard
	b := &aftercareBox{Issued: st.State == workflow.StateIssued, FeedbackSent: c.QueryParam("feedback") != "",
		FilingDue: s.svc.Config().FilingDue(st)}
	p.Aftercare = b
	var err error
	if b.Relations, err = s.svc.Relations(ctx, u, st.ID); err != nil {
		return err
	}
	if err := s.nodeOptions(c, b, st); err != nil {
		return err
	}
	b.CanAmend = workflow.MayAmend(u, st)
	if st.IsAmendment() {
		if b.Sheet, b.SheetDrafted, err = s.svc.Sheet(ctx, u, st.ID); err != nil {
			return err
		}
		b.CanSheet = workflow.MayWriteSheet(u, st)
	}
	b.After = st.State == workflow.StateIssued || st.State == workflow.StateAbolished || st.State == workflow.StateSuperseded
	if !b.After {
		return nil
	}
	b.CanFile = u.IsStaff() && workflow.NeedsFiling(st)
	b.CanReview = u.IsStaff() && workflow.UnderReview(st)
	f, err := s.svc.Filing(ctx, u, st.ID)
	if err != nil && workflow.ErrorCode(err) != workflow.ENOTFOUND {
		return err
	}
	b.Filing = f
	if b.Relations.Project != nil {
		b.Project = b.Relations.Project.ID
	}
	if u.IsStaff() || u.Is(st.OwnerID) {
		if b.Review, err = s.svc.PeriodicReviews(ctx, u, st.ID); err != nil {
			return err
		}
		if b.Feedback, err = s.svc.FeedbackList(ctx, u, st.ID); err != nil {
			return err
		}
		b.SeesFeedback = true
	}
	return nil
}

// nodeOptions offers staff and the owner the system's modules.
func (s *Server) nodeOptions(c echo.Context, b *aftercareBox, st *workflow.Standard) error {
	u := currentUser(c)
	if !u.IsStaff() && !u.Is(st.OwnerID) {
		return nil // the modules are offered only to those who may place the standard
	}
	sys, err := s.svc.System(c.Request().Context())
	if err != nil {
		return err
	}
	sys.Walk(func(n *workflow.SystemNode, depth int) {
		b.Nodes = append(b.Nodes, nodeOption{Code: n.Code, Label: strings.Repeat("　", depth-1) + n.Code + " " + n.Name})
	})
	b.CanPlace = (u.IsStaff() || u.Is(st.OwnerID)) && len(b.Nodes) > 0
	return nil
}

// handleFilingSubmit records a filing from the page: POST /standards/:id/filing.
func (s *Server) handleFilingSubmit(c echo.Context) error {
	in := workflow.FilingInput{Number: c.FormValue("number"), FiledOn: c.FormValue("filed_on"), Note: c.FormValue("note")}
	_, err := s.svc.RecordFiling(c.Request().Context(), currentUser(c), c.Param("id"), in)
	return s.formDone(c, "filing", "#aftercare", err)
}

// handleReviewSubmit concludes a periodic review from the page:
// POST /standards/:id/reviews. A revise conclusion leads to the new project.
func (s *Server) handleReviewSubmit(c echo.Context) error {
	in := workflow.ReviewInput{Conclusion: c.FormValue("conclusion"), Reason: c.FormValue("reason")}
	rv, err := s.svc.ConcludeReview(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err == nil && rv.ProjectID != "" {
		return c.Redirect(http.StatusSeeOther, "/standards/"+rv.ProjectID)
	}
	return s.formDone(c, "review", "#aftercare", err)
}

// handleFeedbackSubmit takes feedback from the public form:
// POST /standards/:id/feedback.
func (s *Server) handleFeedbackSubmit(c echo.Context) error {
	in := workflow.FeedbackInput{Clause: c.FormValue("clause"), Kind: c.FormValue("kind"), Body: c.FormValue("body"),
		Name: c.FormValue("name"), Organization: c.FormValue("organization"), Contact: c.FormValue("contact")}
	_, err := s.svc.AddFeedback(c.Request().Context(), c.RealIP(), c.Param("id"), in)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/standards/"+c.Param("id")+"?feedback=sent#feedback")
	}
	return s.formDone(c, "feedback", "#feedback", err)
}

// handleFeedbackAnswerSubmit answers feedback from the page:
// POST /standards/:id/feedback/:fid/answer.
func (s *Server) handleFeedbackAnswerSubmit(c echo.Context) error {
	fid, err := strconv.ParseInt(c.Param("fid"), 10, 64)
	if err != nil {
		return workflow.Errorf(workflow.ENOTFOUND, "no feedback %q", c.Param("fid"))
	}
	_, err = s.svc.AnswerFeedback(c.Request().Context(), currentUser(c), c.Param("id"), fid,
		workflow.FeedbackAnswer{Answer: c.FormValue("answer")})
	return s.formDone(c, "answer-"+c.Param("fid"), "#feedback-"+c.Param("fid"), err)
}

// aftercarePage is staff's list of what is due after issue.
type aftercarePage struct {
	Page
	Within   int
	Filings  []workflow.FilingStatus
	Reviews  []workflow.ReviewDue
	Feedback []feedbackRow
}

// feedbackRow is open feedback with the standard it is about, named as
// people name it: by number and title, not by its id.
type feedbackRow struct {
	*workflow.Feedback
	Standard *workflow.Standard
}

// handleAftercarePage lists filings and reviews due and open feedback:
// GET /aftercare?within=DAYS (staff).
func (s *Server) handleAftercarePage(c echo.Context) error {
	ctx, u := c.Request().Context(), currentUser(c)
	if u == nil {
		return c.Redirect(http.StatusSeeOther, "/login?next=/aftercare")
	}
	days, err := withinDays(c)
	if err != nil {
		return err
	}
	p := aftercarePage{Page: s.page(c, "复审与备案"), Within: days}
	p.Title = p.T("aftercare.title")
	if p.Filings, err = s.svc.FilingsDue(ctx, u, days); err != nil {
		return err
	}
	if p.Reviews, err = s.svc.ReviewsDue(ctx, u, days); err != nil {
		return err
	}
	open, err := s.svc.OpenFeedback(ctx, u)
	if err != nil {
		return err
	}
	named := map[string]*workflow.Standard{}
	for _, f := range open {
		st, ok := named[f.StandardID]
		if !ok {
			if st, err = s.svc.Standard(ctx, u, f.StandardID); err != nil {
				return err
			}
			named[f.StandardID] = st
		}
		p.Feedback = append(p.Feedback, feedbackRow{Feedback: f, Standard: st})
	}
	return s.render(c, http.StatusOK, "aftercare", p)
}
