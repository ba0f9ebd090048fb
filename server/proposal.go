package server

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/search"
	"norma/workflow"
)

// proposalResponse is a proposal with the standards most like it: the
// duplicate check run before anyone drafts (防止重复建设).
type proposalResponse struct {
	*workflow.Proposal
	Similar []search.SimilarHit `json:"similar"`
}

// proposalSimilar runs the duplicate check on a proposal's title, rationale
// and scope, as POST /similar would.
func (s *Server) proposalSimilar(ctx context.Context, u *workflow.User, p *workflow.Proposal) ([]search.SimilarHit, error) {
	hits, err := s.similar.Check(ctx, u, p.Title, p.Title+"\n\n"+p.Rationale+"\n\n"+p.Scope, p.StandardID, similarLimit)
	return nonNil(hits), err
}

func proposalID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("pid"), 10, 64)
	if err != nil || id < 1 {
		return 0, workflow.Errorf(workflow.ENOTFOUND, "no proposal %q", c.Param("pid")).WithKey("err.proposal.not_found", workflow.Args{"id": c.Param("pid")})
	}
	return id, nil
}

// handleProposalCreate files a proposal and checks it for duplicates:
// POST /api/v1/proposals.
func (s *Server) handleProposalCreate(c echo.Context) error {
	var in workflow.NewProposal
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	ctx, u := c.Request().Context(), currentUser(c)
	p, err := s.svc.CreateProposal(ctx, u, in)
	if err != nil {
		return err
	}
	hits, err := s.proposalSimilar(ctx, u, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, proposalResponse{Proposal: p, Similar: hits})
}

// handleProposalList lists proposals: GET /api/v1/proposals[?status=].
func (s *Server) handleProposalList(c echo.Context) error {
	var f workflow.ProposalFilter
	if v := c.QueryParam("status"); v != "" {
		f.Status = &v
	}
	list, err := s.svc.Proposals(c.Request().Context(), currentUser(c), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list)
}

// handleProposalView shows one proposal: GET /api/v1/proposals/:pid.
func (s *Server) handleProposalView(c echo.Context) error {
	id, err := proposalID(c)
	if err != nil {
		return err
	}
	p, err := s.svc.Proposal(c.Request().Context(), currentUser(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// handleProposalDecision approves or rejects a proposal:
// POST /api/v1/proposals/:pid/decision.
func (s *Server) handleProposalDecision(c echo.Context) error {
	id, err := proposalID(c)
	if err != nil {
		return err
	}
	var in workflow.ProposalDecision
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := s.svc.DecideProposal(c.Request().Context(), currentUser(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}
