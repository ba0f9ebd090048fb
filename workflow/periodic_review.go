package workflow

import (
	"context"
	"sort"
	"strings"
	"time"

	"norma/docs"
)

// Conclusions of a periodic review (复审).
const (
	ConclusionContinue = "continue" // 继续有效
	ConclusionRevise   = "revise"   // 修订
	ConclusionAbolish  = "abolish"  // 废止
)

// PeriodicReview is one 复审 of an issued standard, kept with the feedback
// counts it was decided on.
type PeriodicReview struct {
	ID         int64  `json:"id"`
	StandardID string `json:"standard"`
	Conclusion string `json:"conclusion"`
	Reason     string `json:"reason"`
	// Due is the review_due the review answered; NextDue the one a
	// continue conclusion set.
	Due       string    `json:"due"`
	NextDue   string    `json:"next_due,omitempty"`
	DecidedBy string    `json:"decided_by"`
	DecidedAt time.Time `json:"decided_at"`
	// Feedback counts the implementation feedback per clause ("" for the
	// whole text) at the time of the decision.
	Feedback map[string]int `json:"feedback"`
	// ProjectID is the revision project a revise conclusion opened.
	ProjectID string `json:"project,omitempty"`
}

// ReviewInput concludes a periodic review.
type ReviewInput struct {
	Conclusion string `json:"conclusion"`
	Reason     string `json:"reason"`
}

// ReviewDue is an issued standard with its next periodic review.
type ReviewDue struct {
	Standard  *Standard `json:"standard"`
	ReviewDue string    `json:"review_due"`
	Overdue   bool      `json:"overdue"`
	DaysLeft  int       `json:"days_left"`
	// Feedback counts the implementation feedback received on it.
	Feedback int `json:"feedback"`
}

// ReviewView is a standard's periodic review: when the next is due, the
// cycle, the reviews so far and the feedback counts per clause.
type ReviewView struct {
	ReviewDue  string            `json:"review_due"`
	CycleYears int               `json:"cycle_years"`
	Reviews    []*PeriodicReview `json:"reviews"`
	Feedback   map[string]int    `json:"feedback"`
}

// ReviewCycle returns the years between periodic reviews of a standard of
// the region: the region's own value (Shanghai's regulation says three)
// when the office set one, else the default of five.
func (c Config) ReviewCycle(region string) int {
	if y, ok := c.ReviewCycleRegion[region]; ok && y > 0 {
		return y
	}
	if c.ReviewCycleYears > 0 {
		return c.ReviewCycleYears
	}
	return 5
}

// UnderReview reports whether st is reviewed periodically: in force, with
// an implementation date, a standard rather than a law or regulation, and
// no amendment sheet (a sheet is reviewed with the standard it amends).
func UnderReview(st *Standard) bool {
	_, dated := parseDate(st.ImplDate)
	return dated && !st.IsAmendment() && st.State == StateIssued && st.Status != StatusSuperseded && st.Status != StatusAbolished && !IsLaw(st)
}

// NextReview returns when st is next due for review given its reviews so
// far (oldest first): a cycle after its implementation date, moved on by a
// cycle by each continue conclusion; "" when it is not reviewed.
func (c Config) NextReview(st *Standard, reviews []*PeriodicReview) string {
	if !UnderReview(st) {
		return ""
	}
	for i := len(reviews) - 1; i >= 0; i-- {
		if reviews[i].NextDue != "" {
			return reviews[i].NextDue
		}
	}
	impl, _ := parseDate(st.ImplDate)
	return impl.AddDate(c.ReviewCycle(st.Region), 0, 0).Format(dateLayout)
}

// ReviewsDue lists, for staff, the standards in force (drafted or imported)
// due for review within days, overdue first; a standard whose review opened
// a revision waits for that revision instead.
func (s *Service) ReviewsDue(ctx context.Context, actor *User, days int) ([]ReviewDue, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only staff see the reviews due").WithKey("err.aftercare.staff", nil)
	}
	issued, err := s.issuedStandards(ctx)
	if err != nil {
		return nil, err
	}
	reviews, err := s.store.FindPeriodicReviews(ctx, "")
	if err != nil {
		return nil, err
	}
	byStandard := map[string][]*PeriodicReview{}
	for _, r := range reviews {
		byStandard[r.StandardID] = append(byStandard[r.StandardID], r)
	}
	counts, err := s.feedbackCounts(ctx)
	if err != nil {
		return nil, err
	}
	out := []ReviewDue{}
	for _, st := range issued {
		rs := byStandard[st.ID]
		if len(rs) > 0 && rs[len(rs)-1].Conclusion == ConclusionRevise {
			continue
		}
		due := s.cfg.NextReview(st, rs)
		d, ok := parseDate(due)
		if !ok {
			continue
		}
		if left := daysBetween(s.now(), d); left <= days {
			out = append(out, ReviewDue{Standard: st, ReviewDue: due, DaysLeft: left, Overdue: left < 0,
				Feedback: counts[st.ID]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ReviewDue < out[j].ReviewDue })
	return out, nil
}

// PeriodicReviews returns a standard's review view; staff and its owner see it.
func (s *Service) PeriodicReviews(ctx context.Context, actor *User, id string) (*ReviewView, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !actor.IsStaff() && !actor.Is(st.OwnerID) {
		return nil, Errorf(EFORBIDDEN, "only staff and the owner see the periodic reviews").WithKey("err.review.view_forbidden", nil)
	}
	reviews, err := s.store.FindPeriodicReviews(ctx, id)
	if err != nil {
		return nil, err
	}
	fb, err := s.store.FindFeedback(ctx, FeedbackFilter{StandardID: &id})
	if err != nil {
		return nil, err
	}
	return &ReviewView{ReviewDue: s.cfg.NextReview(st, reviews), CycleYears: s.cfg.ReviewCycle(st.Region),
		Reviews: reviews, Feedback: CountByClause(fb)}, nil
}

// ConcludeReview records a periodic review of an issued standard (staff):
// continue moves review_due on by a cycle; revise opens the revision project,
// a draft with the same title and level that replaces this number; abolish
// moves the standard to abolished. Review, move and project are stored together.
func (s *Service) ConcludeReview(ctx context.Context, actor *User, id string, in ReviewInput) (*PeriodicReview, error) {
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only staff conclude periodic reviews").WithKey("err.review.conclude_forbidden", nil)
	}
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if !UnderReview(st) {
		return nil, Errorf(ECONFLICT, "only a standard in force with an implementation date is reviewed").WithKey("err.review.not_in_force", nil)
	}
	reviews, err := s.store.FindPeriodicReviews(ctx, id)
	if err != nil {
		return nil, err
	}
	if n := len(reviews); n > 0 && reviews[n-1].Conclusion == ConclusionRevise {
		return nil, Errorf(ECONFLICT, "the last review opened the revision project %s; it is under revision", reviews[n-1].ProjectID).WithKey("err.review.under_revision", Args{"project": reviews[n-1].ProjectID})
	}
	fb, err := s.store.FindFeedback(ctx, FeedbackFilter{StandardID: &id})
	if err != nil {
		return nil, err
	}
	now := s.now()
	rv := &PeriodicReview{StandardID: id, Conclusion: in.Conclusion, Reason: strings.TrimSpace(in.Reason),
		Due: s.cfg.NextReview(st, reviews), DecidedBy: actor.Username, DecidedAt: now, Feedback: CountByClause(fb)}
	c := ReviewChange{Review: rv, History: &HistoryEntry{StandardID: id, Action: "review_" + in.Conclusion,
		From: st.State, To: st.State, ActorID: actor.ID, Actor: actor.Username, At: now, Note: rv.Reason}}
	switch in.Conclusion {
	case ConclusionContinue:
		due, _ := parseDate(rv.Due)
		rv.NextDue = due.AddDate(s.cfg.ReviewCycle(st.Region), 0, 0).Format(dateLayout)
	case ConclusionRevise:
		if err := s.revisionProject(ctx, actor, st, &c, now); err != nil {
			return nil, err
		}
	case ConclusionAbolish:
		abolished := StatusAbolished
		c.History.To = StateAbolished
		c.Abolish = &Transition{StandardID: id, Version: st.Version, From: st.State, To: StateAbolished,
			Status: &abolished, At: now, History: []*HistoryEntry{c.History}}
		c.History = nil
	}
	if err := s.store.CreatePeriodicReview(ctx, c); err != nil {
		return nil, err
	}
	return rv, nil
}

// ReviewChange is what one periodic review stores: the review, and either
// its history entry, the move to abolished (carrying the entry), or the
// revision project with its first revision and creation entry.
type ReviewChange struct {
	Review  *PeriodicReview
	History *HistoryEntry
	Abolish *Transition
	Project *Standard
	// ProjectRevision and ProjectHistory start the revision project.
	ProjectRevision *Revision
	ProjectHistory  *HistoryEntry
}

func (in *ReviewInput) validate() error {
	switch in.Conclusion {
	case ConclusionContinue:
	case ConclusionRevise, ConclusionAbolish:
		if strings.TrimSpace(in.Reason) == "" {
			return FieldError("reason", "a %s conclusion gives its reason", in.Conclusion).WithKey("err.review.reason_required", Args{"conclusion": in.Conclusion})
		}
	default:
		return FieldError("conclusion", "conclusion is continue, revise or abolish").WithKey("err.review.conclusion", nil)
	}
	return checkText("reason", in.Reason, 5000, false)
}

// revisionProject opens the draft a revise conclusion calls for: same
// title, level and region, replacing this number, owned by the standard's
// owner (or the deciding staff member), starting from the current text.
func (s *Service) revisionProject(ctx context.Context, actor *User, st *Standard, c *ReviewChange, now time.Time) error {
	cur, err := s.store.FindRevision(ctx, st.ID, st.Latest)
	if err != nil {
		return err
	}
	owner := actor
	if st.OwnerID != 0 {
		if o, err := s.store.FindUserByID(ctx, st.OwnerID); err == nil {
			owner = o
		}
	}
	ref := st.Number
	if ref == "" {
		ref = st.ID
	}
	p := &Standard{ID: NewID(), Title: st.Title, TitleEN: st.TitleEN, Level: st.Level, Region: st.Region,
		Category: st.Category, ICS: st.ICS, CCS: st.CCS, DraftingOrg: st.DraftingOrg, Replaces: []string{ref},
		State: StateDraft, OwnerID: owner.ID, Owner: owner.Username, Latest: 1, CreatedAt: now, UpdatedAt: now}
	body, _ := docs.StripFrontMatter(cur.Body)
	r := newRevision(p, owner, body, "复审：修订 "+ref, now)
	r.Number = 1
	c.Review.ProjectID = p.ID
	c.History.Note = strings.TrimSpace(c.History.Note + " → " + p.ID)
	c.Project, c.ProjectRevision = p, r
	c.ProjectHistory = &HistoryEntry{StandardID: p.ID, Action: "create", To: StateDraft, ActorID: actor.ID,
		Actor: actor.Username, At: now, Note: "revision of " + ref}
	return nil
}
