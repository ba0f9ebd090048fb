package workflow

import (
	"context"
	"strconv"
)

// SystemRow is one module of the system table (体系表) with what it holds.
type SystemRow struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Depth       int    `json:"depth"`
	// Counts: issued (in force), in progress (drafts to public notice),
	// proposed (pending proposals) and due for periodic review within a year.
	Issued     int `json:"issued"`
	InProgress int `json:"in_progress"`
	Proposed   int `json:"proposed"`
	ReviewDue  int `json:"review_due"`
	// Empty flags a module that holds nothing.
	Empty     bool        `json:"empty"`
	Standards []*Standard `json:"standards"`
	Proposals []*Proposal `json:"proposals"`
}

// SystemTable returns the system table for staff: every module in tree
// order with the standards and proposals placed in it and their counts.
func (s *Service) SystemTable(ctx context.Context, actor *User) ([]*SystemRow, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only staff see the system table").WithKey("err.aftercare.staff", nil)
	}
	sys, err := s.store.FindSystem(ctx)
	if err != nil {
		return nil, err
	}
	placed, err := s.store.FindPlacements(ctx)
	if err != nil {
		return nil, err
	}
	due, err := s.ReviewsDue(ctx, actor, 365)
	if err != nil {
		return nil, err
	}
	dueSoon := map[string]bool{}
	for _, d := range due {
		dueSoon[d.Standard.ID] = true
	}
	rows, byCode := []*SystemRow{}, map[string]*SystemRow{}
	sys.Walk(func(n *SystemNode, depth int) {
		r := &SystemRow{Code: n.Code, Name: n.Name, Description: n.Description, Depth: depth,
			Standards: []*Standard{}, Proposals: []*Proposal{}}
		rows, byCode[n.Code] = append(rows, r), r
	})
	for _, p := range placed {
		r := byCode[p.Node]
		if r == nil {
			continue
		}
		if err := s.fillRow(ctx, r, p, dueSoon); err != nil {
			return nil, err
		}
	}
	for _, r := range rows {
		r.Empty = len(r.Standards) == 0 && len(r.Proposals) == 0
	}
	return rows, nil
}

func (s *Service) fillRow(ctx context.Context, r *SystemRow, p Placement, dueSoon map[string]bool) error {
	switch p.Kind {
	case PlaceStandard:
		st, err := s.store.FindStandard(ctx, p.Ref)
		if ErrorCode(err) == ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		r.Standards = append(r.Standards, st)
		switch st.State {
		case StateIssued:
			r.Issued++
		case StateDraft, StateExpertReview, StatePublicNotice:
			r.InProgress++
		}
		if dueSoon[st.ID] {
			r.ReviewDue++
		}
	case PlaceProposal:
		id, err := strconv.ParseInt(p.Ref, 10, 64)
		if err != nil {
			return nil
		}
		pr, err := s.store.FindProposal(ctx, id)
		if ErrorCode(err) == ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		r.Proposals = append(r.Proposals, pr)
		if pr.Status == ProposalPending {
			r.Proposed++
		}
	}
	return nil
}
