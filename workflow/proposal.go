package workflow

import (
	"context"
	"regexp"
	"strings"
	"time"

	"norma/docs"
)

// Proposal kinds and statuses.
const (
	ProposalNew      = "new"      // a standard that does not exist yet
	ProposalRevision = "revision" // a new edition of an issued standard

	ProposalPending  = "pending"
	ProposalApproved = "approved"
	ProposalRejected = "rejected"
)

// Proposal is a request to start a standard (立项): what it is for and
// who drafts it, decided once by staff; approval puts it on the plan with a
// plan number and opens the standard in draft.
type Proposal struct {
	ID          int64      `json:"id"`
	Title       string     `json:"title"`
	Level       Level      `json:"level"`
	Region      string     `json:"region,omitempty"`
	Kind        string     `json:"kind"`
	Replaces    string     `json:"replaces,omitempty"`
	ProposerOrg string     `json:"proposer_org"`
	DraftingOrg string     `json:"drafting_org"`
	Rationale   string     `json:"rationale"`
	Scope       string     `json:"scope"`
	Due         string     `json:"due,omitempty"`
	Status      string     `json:"status"`
	ProposerID  int64      `json:"-"`
	Proposer    string     `json:"proposer"`
	CreatedAt   time.Time  `json:"created_at"`
	DecidedAt   *time.Time `json:"decided_at,omitempty"`
	DecidedBy   string     `json:"decided_by,omitempty"`
	Reason      string     `json:"reason,omitempty"`
	PlanNumber  string     `json:"plan_number,omitempty"`
	StandardID  string     `json:"standard,omitempty"`
}

// ProposalFilter selects proposals; nil fields select all.
type ProposalFilter struct {
	Status     *string
	ProposerID *int64
}

// NewProposal is the input for a proposal.
type NewProposal struct {
	Title       string `json:"title"`
	Level       Level  `json:"level"`
	Region      string `json:"region"`
	Kind        string `json:"kind"`
	Replaces    string `json:"replaces"`
	ProposerOrg string `json:"proposer_org"`
	DraftingOrg string `json:"drafting_org"`
	Rationale   string `json:"rationale"`
	Scope       string `json:"scope"`
	Due         string `json:"due"`
}

// Validate checks a new proposal.
func (n *NewProposal) Validate() error {
	for _, p := range []*string{&n.Title, &n.Region, &n.Kind, &n.Replaces, &n.ProposerOrg, &n.DraftingOrg,
		&n.Rationale, &n.Scope, &n.Due} {
		*p = strings.TrimSpace(*p)
	}
	if n.Kind == "" {
		n.Kind = ProposalNew
	}
	if err := checkMeta(n.Title, n.Level, n.Region, "", ""); err != nil {
		return err
	}
	for _, f := range []struct {
		name, v  string
		max      int
		required bool
	}{{"proposer_org", n.ProposerOrg, 200, true}, {"drafting_org", n.DraftingOrg, 200, true},
		{"replaces", n.Replaces, 100, n.Kind == ProposalRevision}} {
		if err := checkLine(f.name, f.v, f.max, f.required); err != nil {
			return err
		}
	}
	for _, f := range []struct{ name, v string }{{"rationale", n.Rationale}, {"scope", n.Scope}} {
		if err := checkText(f.name, f.v, 5000, true); err != nil {
			return err
		}
	}
	switch {
	case n.Kind != ProposalNew && n.Kind != ProposalRevision:
		return FieldError("kind", "unknown kind %q: new or revision", n.Kind)
	case n.Due != "" && !ValidDate(n.Due):
		return FieldError("due", "due %q is not a date written YYYY-MM-DD", n.Due)
	}
	return nil
}

// CreateProposal records a proposal by a drafter or staff.
func (s *Service) CreateProposal(ctx context.Context, actor *User, n NewProposal) (*Proposal, error) {
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to propose a standard")
	}
	if actor.Role != RoleDrafter && !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only drafters and staff may propose standards").WithKey("err.proposal.create_forbidden", nil)
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	p := &Proposal{Title: n.Title, Level: n.Level, Region: n.Region, Kind: n.Kind, Replaces: n.Replaces,
		ProposerOrg: n.ProposerOrg, DraftingOrg: n.DraftingOrg, Rationale: n.Rationale, Scope: n.Scope,
		Due: n.Due, Status: ProposalPending, ProposerID: actor.ID, Proposer: actor.Username, CreatedAt: s.now()}
	if err := s.store.CreateProposal(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// canSeeProposal reports whether actor may read p: staff all, a drafter
// their own.
func canSeeProposal(actor *User, p *Proposal) bool {
	return actor.IsStaff() || actor.Is(p.ProposerID)
}

// Proposal returns one proposal as actor may see it.
func (s *Service) Proposal(ctx context.Context, actor *User, id int64) (*Proposal, error) {
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to see proposals")
	}
	p, err := s.store.FindProposal(ctx, id)
	if err != nil {
		return nil, err
	}
	if !canSeeProposal(actor, p) {
		return nil, Errorf(ENOTFOUND, "no proposal %d", id).WithKey("err.proposal.not_found", Args{"id": id})
	}
	return p, nil
}

// Proposals lists what actor may see: staff every proposal, a drafter their
// own, others none.
func (s *Service) Proposals(ctx context.Context, actor *User, f ProposalFilter) ([]*Proposal, error) {
	switch {
	case actor == nil:
		return nil, Errorf(EUNAUTHORIZED, "log in to see proposals")
	case actor.IsStaff():
	case actor.Role == RoleDrafter:
		f.ProposerID = &actor.ID
	default:
		return []*Proposal{}, nil
	}
	if f.Status != nil && *f.Status != ProposalPending && *f.Status != ProposalApproved && *f.Status != ProposalRejected {
		return nil, FieldError("status", "unknown status %q: pending, approved or rejected", *f.Status)
	}
	return s.store.FindProposals(ctx, f)
}

// rePlanNumber matches a plan number: the plan's year and a serial, 2027-015.
var rePlanNumber = regexp.MustCompile(`^(19|20)[0-9]{2}-[0-9]{1,4}$`)

// ProposalDecision is staff's answer to a proposal.
type ProposalDecision struct {
	Decision   string `json:"decision"`
	Reason     string `json:"reason"`
	PlanNumber string `json:"plan_number"`
}

// DecideProposal approves a proposal (with a plan number unique in its year;
// the standard opens in draft, owned by the proposer) or rejects it (with a
// reason). A proposal is decided once.
func (s *Service) DecideProposal(ctx context.Context, actor *User, id int64, in ProposalDecision) (*Proposal, error) {
	p, err := s.Proposal(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only staff decide proposals").WithKey("err.proposal.decide_forbidden", nil)
	}
	in.Reason, in.PlanNumber = strings.TrimSpace(in.Reason), strings.TrimSpace(in.PlanNumber)
	switch in.Decision {
	case "approve":
		if in.PlanNumber == "" {
			return nil, FieldError("plan_number", "an approved proposal needs its plan number, such as %d-015", s.now().Year()+1)
		} else if !rePlanNumber.MatchString(in.PlanNumber) {
			return nil, FieldError("plan_number", "plan number %q is not the year and a serial, such as 2027-015", in.PlanNumber)
		}
	case "reject":
		if err := checkText("reason", in.Reason, 5000, true); err != nil {
			return nil, FieldError("reason", "a rejected proposal needs the reason")
		}
	case "":
		return nil, FieldError("decision", "decision is required: approve or reject").WithKey("err.proposal.decision_required", nil)
	default:
		return nil, FieldError("decision", "unknown decision %q: approve or reject", in.Decision)
	}
	if err := checkText("reason", in.Reason, 5000, false); err != nil {
		return nil, err
	}
	if p.Status != ProposalPending {
		return nil, Errorf(ECONFLICT, "proposal %d is %s already", p.ID, p.Status)
	}
	now := s.now()
	p.DecidedAt, p.DecidedBy, p.Reason = &now, actor.Username, in.Reason
	if in.Decision == "reject" {
		p.Status = ProposalRejected
		return p, s.store.DecideProposal(ctx, p, nil, nil, nil)
	}
	p.Status, p.PlanNumber = ProposalApproved, in.PlanNumber
	st, r, h, err := s.proposedStandard(ctx, p, actor, now)
	if err != nil {
		return nil, err
	}
	p.StandardID = st.ID
	if err := s.store.DecideProposal(ctx, p, st, r, h); err != nil {
		return nil, err
	}
	return p, nil
}

// proposedStandard is the draft an approved proposal opens: owned by the
// proposer, on the plan, starting from the GB/T 1.1 skeleton.
func (s *Service) proposedStandard(ctx context.Context, p *Proposal, actor *User, now time.Time) (*Standard, *Revision, *HistoryEntry, error) {
	owner, err := s.store.FindUserByID(ctx, p.ProposerID)
	if err != nil {
		return nil, nil, nil, err
	}
	id := p.ID
	st := &Standard{ID: NewID(), Title: p.Title, Level: p.Level, Region: p.Region, DraftingOrg: p.DraftingOrg,
		Replaces: []string{}, State: StateDraft, OwnerID: owner.ID, Owner: owner.Username, Latest: 1,
		PlanNumber: p.PlanNumber, Due: p.Due, ProposalID: &id, CreatedAt: now, UpdatedAt: now}
	if p.Replaces != "" {
		st.Replaces = []string{p.Replaces}
	}
	r := newRevision(st, owner, docs.Skeleton(st.Title), "立项（计划编号 "+p.PlanNumber+"）", now)
	r.Number = 1
	h := &HistoryEntry{StandardID: st.ID, Action: "create", To: StateDraft, ActorID: actor.ID,
		Actor: actor.Username, At: now, Note: "plan " + p.PlanNumber + ", proposal " + itoa(int(p.ID))}
	return st, r, h, nil
}
