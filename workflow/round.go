package workflow

import (
	"context"
	"slices"
	"strings"
	"time"
)

// VerdictKind is the conclusion an expert gives on the text of a round.
type VerdictKind string

// Verdicts an expert may give.
const (
	VerdictApprove            VerdictKind = "approve"
	VerdictApproveWithChanges VerdictKind = "approve_with_changes"
	VerdictReject             VerdictKind = "reject"
)

// Review modes and decision rules.
const (
	ReviewMeeting = "meeting" // 会议审查
	ReviewLetter  = "letter"  // 函审

	RuleUnanimous     = "unanimous"      // every assigned expert approves, none rejects
	RuleThreeQuarters = "three_quarters" // at least three quarters of the assigned experts approve
)

// ValidRule reports whether r is a decision rule.
func ValidRule(r string) bool { return r == RuleUnanimous || r == RuleThreeQuarters }

// VerdictKinds lists every verdict.
var VerdictKinds = []VerdictKind{VerdictApprove, VerdictApproveWithChanges, VerdictReject}

// Valid reports whether v is one of the verdicts.
func (v VerdictKind) Valid() bool { return slices.Contains(VerdictKinds, v) }

// Round is one expert review of a standard, pinned to the revision that was
// submitted. Each submit opens the next round.
type Round struct {
	StandardID string     `json:"-"`
	Number     int        `json:"number"`
	Revision   int        `json:"revision"`
	OpenedAt   time.Time  `json:"opened_at"`
	ClosedAt   *time.Time `json:"closed_at"`
	Outcome    string     `json:"outcome,omitempty"` // approved, returned, withdrawn
	// Mode is how the committee reviews: ReviewMeeting or ReviewLetter.
	Mode string `json:"mode,omitempty"`
	// Conclusion (审查结论) and Minutes (会议纪要 or the 函审 summary, in
	// Markdown) are recorded when the round is approved.
	Conclusion string     `json:"conclusion,omitempty"`
	Minutes    string     `json:"minutes,omitempty"`
	Verdicts   []*Verdict `json:"verdicts"`
}

// Verdict is one expert's conclusion in one round.
type Verdict struct {
	ExpertID int64       `json:"-"`
	Expert   string      `json:"expert"`
	Verdict  VerdictKind `json:"verdict"`
	Note     string      `json:"note"`
	At       time.Time   `json:"at"`
	// StandardVersion is as in Comment.
	StandardVersion int `json:"-"`
}

// VerdictOf returns the verdict of the expert in the round, or nil.
func (r *Round) VerdictOf(expertID int64) *Verdict {
	for _, v := range r.Verdicts {
		if v.ExpertID == expertID {
			return v
		}
	}
	return nil
}

// VerdictInput is what an expert sends.
type VerdictInput struct {
	Verdict VerdictKind `json:"verdict"`
	Note    string      `json:"note"`
}

// GiveVerdict records the verdict of an assigned expert on the open round;
// a later verdict of the same expert replaces the earlier one until the
// round closes.
func (s *Service) GiveVerdict(ctx context.Context, actor *User, id string, in VerdictInput) (*Verdict, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if actor == nil || actor.Role != RoleExpert {
		return nil, Errorf(EFORBIDDEN, "only an assigned expert gives a verdict").WithKey("err.verdict.forbidden", nil)
	}
	if ok, err := s.isExpert(ctx, id, actor); err != nil {
		return nil, err
	} else if !ok {
		return nil, Errorf(EFORBIDDEN, "you are not assigned to review this standard").WithKey("err.expert.not_assigned", nil)
	}
	switch {
	case in.Verdict.Valid():
	case in.Verdict == "":
		return nil, FieldError("verdict", "verdict is required: approve, approve_with_changes or reject").WithKey("err.verdict.required", nil)
	default:
		return nil, FieldError("verdict", "unknown verdict %q: approve, approve_with_changes or reject", in.Verdict).WithKey("err.verdict.unknown", Args{"verdict": in.Verdict})
	}
	in.Note = strings.TrimSpace(in.Note)
	if err := checkText("note", in.Note, 5000, in.Verdict == VerdictReject); err != nil {
		return nil, err
	}
	if st.State != StateExpertReview {
		return nil, Errorf(ECONFLICT, "verdicts are given during expert review; the standard is %s", st.State).WithKey("err.verdict.not_review", Args{"state": st.State})
	}
	v := &Verdict{ExpertID: actor.ID, Expert: actor.Username, Verdict: in.Verdict, Note: in.Note, At: s.now(),
		StandardVersion: st.Version}
	if err := s.store.PutVerdict(ctx, id, v); err != nil {
		return nil, err
	}
	return v, nil
}

// Rounds lists a standard's review rounds with their verdicts. Staff, the
// owner and assigned experts may see them.
func (s *Service) Rounds(ctx context.Context, actor *User, id string) ([]*Round, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to see review rounds").WithKey("err.rounds.login", nil)
	}
	if ok, err := s.canSeeReview(ctx, actor, st); err != nil {
		return nil, err
	} else if !ok {
		return nil, Errorf(EFORBIDDEN, "review rounds are shown to staff, the drafter and the assigned experts").WithKey("err.rounds.forbidden", nil)
	}
	return s.store.FindRounds(ctx, id)
}
