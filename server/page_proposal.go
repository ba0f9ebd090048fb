package server

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"norma/search"
	"norma/workflow"
)

// pageError is a refused form's message and the field it is about.
type pageError struct {
	Field   string
	Message string
}

// For returns the message when it is about the field, else "".
func (f pageError) For(field string) string {
	if f.Field == field {
		return f.Message
	}
	return ""
}

// Other returns the message when it names no field of the form.
func (f pageError) Other(fields ...string) string {
	for _, x := range fields {
		if f.Field == x {
			return ""
		}
	}
	return f.Message
}

// pageError words a refused form's error in the visitor's language.
func (s *Server) pageError(c echo.Context, err error) pageError {
	if e := workflow.AsError(err); e != nil && e.Code != workflow.EINTERNAL {
		return pageError{Field: e.Field, Message: s.message(c, e)}
	}
	return pageError{Message: s.catalog.T(s.language(c), "error.internal")}
}

type proposalsPage struct {
	Page
	Proposals []*workflow.Proposal
	Status    string
	CanDecide bool
}

// handleProposalsPage lists the proposals the visitor may see:
// GET /proposals[?status=].
func (s *Server) handleProposalsPage(c echo.Context) error {
	var f workflow.ProposalFilter
	status := c.QueryParam("status")
	if status != "" {
		f.Status = &status
	}
	list, err := s.svc.Proposals(c.Request().Context(), currentUser(c), f)
	if err != nil {
		return err
	}
	p := proposalsPage{Page: s.page(c, ""), Proposals: list, Status: status, CanDecide: currentUser(c).IsStaff()}
	p.Title = p.T("proposal.list")
	return s.render(c, http.StatusOK, "proposals", p)
}

type proposalNewPage struct {
	Page
	In    workflow.NewProposal
	Error pageError
}

// handleProposalNewPage shows the proposal form: GET /proposals/new.
func (s *Server) handleProposalNewPage(c echo.Context) error {
	if u := currentUser(c); u == nil {
		return c.Redirect(http.StatusSeeOther, "/login?next=/proposals/new")
	}
	p := proposalNewPage{Page: s.page(c, ""), In: workflow.NewProposal{Kind: workflow.ProposalNew}}
	p.Title = p.T("proposal.new")
	return s.render(c, http.StatusOK, "proposal_new", p)
}

// handleProposalSubmit files a proposal from the form: POST /proposals.
func (s *Server) handleProposalSubmit(c echo.Context) error {
	in := workflow.NewProposal{Title: c.FormValue("title"), Level: workflow.Level(c.FormValue("level")),
		Region: c.FormValue("region"), Kind: c.FormValue("kind"), Replaces: c.FormValue("replaces"),
		ProposerOrg: c.FormValue("proposer_org"), DraftingOrg: c.FormValue("drafting_org"),
		Rationale: c.FormValue("rationale"), Scope: c.FormValue("scope"), Due: c.FormValue("due")}
	created, err := s.svc.CreateProposal(c.Request().Context(), currentUser(c), in)
	switch code := workflow.ErrorCode(err); code {
	case "":
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/proposals/%d?filed=1", created.ID))
	case workflow.EINVALID:
		p := proposalNewPage{Page: s.page(c, ""), In: in, Error: s.pageError(c, err)}
		p.Title = p.T("proposal.new")
		return s.render(c, statuses[code], "proposal_new", p)
	default:
		return err
	}
}

type proposalPage struct {
	Page
	Proposal  *workflow.Proposal
	Similar   []search.SimilarHit
	Filed     bool
	CanDecide bool
	Decision  workflow.ProposalDecision
	Error     pageError
}

// handleProposalPage shows a proposal with the standards most like it and,
// to staff while it is pending, the decision form: GET /proposals/:pid.
func (s *Server) handleProposalPage(c echo.Context) error {
	return s.renderProposal(c, http.StatusOK, workflow.ProposalDecision{}, pageError{})
}

func (s *Server) renderProposal(c echo.Context, status int, d workflow.ProposalDecision, fe pageError) error {
	id, err := proposalID(c)
	if err != nil {
		return err
	}
	ctx, u := c.Request().Context(), currentUser(c)
	if u == nil {
		return c.Redirect(http.StatusSeeOther, "/login?next="+c.Request().URL.Path)
	}
	prop, err := s.svc.Proposal(ctx, u, id)
	if err != nil {
		return err
	}
	hits, err := s.proposalSimilar(ctx, u, prop)
	if err != nil {
		return err
	}
	p := proposalPage{Page: s.page(c, prop.Title), Proposal: prop, Similar: hits, Filed: c.QueryParam("filed") != "",
		CanDecide: u.IsStaff() && prop.Status == workflow.ProposalPending, Decision: d, Error: fe}
	return s.render(c, status, "proposal", p)
}

// handleProposalDecisionSubmit takes staff's decision from the form:
// POST /proposals/:pid/decision.
func (s *Server) handleProposalDecisionSubmit(c echo.Context) error {
	id, err := proposalID(c)
	if err != nil {
		return err
	}
	d := workflow.ProposalDecision{Decision: c.FormValue("decision"), Reason: c.FormValue("reason"), PlanNumber: c.FormValue("plan_number")}
	decided, err := s.svc.DecideProposal(c.Request().Context(), currentUser(c), id, d)
	switch code := workflow.ErrorCode(err); code {
	case "":
		if decided.StandardID != "" {
			return c.Redirect(http.StatusSeeOther, "/standards/"+decided.StandardID)
		}
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/proposals/%d", id))
	case workflow.EINVALID, workflow.ECONFLICT:
		return s.renderProposal(c, statuses[code], d, s.pageError(c, err))
	default:
		return err
	}
}
