package workflow

import (
	"context"
	"strings"
	"time"

	"norma/docs"
)

// Kinds of implementation feedback.
const (
	FeedbackProblem    = "problem"
	FeedbackSuggestion = "suggestion"
	FeedbackQuestion   = "question"
)

// Feedback is implementation feedback (实施信息反馈) on an issued standard,
// from anyone. Its contact is seen only by staff and the owner.
type Feedback struct {
	ID           int64      `json:"id"`
	StandardID   string     `json:"standard"`
	Clause       string     `json:"clause"`
	Kind         string     `json:"kind"`
	Body         string     `json:"body"`
	Name         string     `json:"name"`
	Organization string     `json:"organization,omitempty"`
	Contact      string     `json:"contact,omitempty"`
	Client       string     `json:"-"`
	CreatedAt    time.Time  `json:"created_at"`
	Answer       string     `json:"answer,omitempty"`
	AnsweredBy   string     `json:"answered_by,omitempty"`
	AnsweredAt   *time.Time `json:"answered_at,omitempty"`
}

// FeedbackInput is feedback as sent.
type FeedbackInput struct {
	Clause       string `json:"clause"`
	Kind         string `json:"kind"`
	Body         string `json:"body"`
	Name         string `json:"name"`
	Organization string `json:"organization"`
	Contact      string `json:"contact"`
}

// FeedbackAnswer answers one feedback.
type FeedbackAnswer struct {
	Answer string `json:"answer"`
}

// FeedbackFilter selects feedback; nil fields select everything.
type FeedbackFilter struct {
	StandardID *string
	// Open selects only feedback not yet answered.
	Open bool
}

// FeedbackReceipt is what the sender of feedback gets back: no contact.
type FeedbackReceipt struct {
	ID        int64     `json:"id"`
	Standard  string    `json:"standard"`
	Clause    string    `json:"clause"`
	Kind      string    `json:"kind"`
	CreatedAt time.Time `json:"created_at"`
}

func (in *FeedbackInput) validate() error {
	in.Name, in.Organization = strings.TrimSpace(in.Name), strings.TrimSpace(in.Organization)
	in.Contact, in.Clause = strings.TrimSpace(in.Contact), strings.TrimSpace(in.Clause)
	switch in.Kind {
	case FeedbackProblem, FeedbackSuggestion, FeedbackQuestion:
	default:
		return FieldError("kind", "kind is problem, suggestion or question").WithKey("err.feedback.kind", nil)
	}
	for _, f := range []struct {
		name, v  string
		max      int
		required bool
	}{{"name", in.Name, 100, true}, {"organization", in.Organization, 200, false},
		{"contact", in.Contact, 200, false}, {"clause", in.Clause, 50, false}} {
		if err := checkLine(f.name, f.v, f.max, f.required); err != nil {
			return err
		}
	}
	return checkCommentBody(in.Body, 5000)
}

// AddFeedback records implementation feedback on an issued standard from
// anyone, at most as many per address and window as public comments. A
// clause, when given, is one of the text's clauses.
func (s *Service) AddFeedback(ctx context.Context, client, id string, in FeedbackInput) (*FeedbackReceipt, error) {
	st, err := s.store.FindStandard(ctx, id)
	if err != nil {
		return nil, err
	}
	if st.State != StateIssued {
		return nil, Errorf(ECONFLICT, "feedback is taken on an issued standard").WithKey("err.feedback.not_issued", nil)
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if in.Clause != "" {
		rev, err := s.store.FindRevision(ctx, id, st.Latest)
		if err != nil {
			return nil, err
		}
		if !hasClause(docs.Clauses(rev.Body), in.Clause) {
			return nil, FieldError("clause", "the text has no clause %s", in.Clause).WithKey("err.feedback.no_clause", Args{"clause": in.Clause})
		}
	}
	now := s.now()
	if wait, err := s.feedbackLimit.blocked(ctx, []string{client}, now); err != nil {
		return nil, err
	} else if wait > 0 {
		return nil, &Error{Code: ETOOMANY, Message: "too much feedback from this address; try again later",
			Details: map[string]any{"retry_after": int(wait.Seconds()) + 1}}
	}
	if err := s.feedbackLimit.fail(ctx, []string{client}, now); err != nil { // counts every accepted one
		return nil, err
	}
	f := &Feedback{StandardID: id, Clause: in.Clause, Kind: in.Kind, Body: strings.TrimSpace(in.Body),
		Name: in.Name, Organization: in.Organization, Contact: in.Contact, Client: client, CreatedAt: now}
	if err := s.store.CreateFeedback(ctx, f); err != nil {
		return nil, err
	}
	return &FeedbackReceipt{ID: f.ID, Standard: id, Clause: f.Clause, Kind: f.Kind, CreatedAt: now}, nil
}

// canSeeFeedback is the one rule of who reads feedback with its contact:
// staff, and the owner of the standard.
func canSeeFeedback(u *User, st *Standard) bool { return u.IsStaff() || u.Is(st.OwnerID) }

// FeedbackList lists a standard's feedback for staff and its owner.
func (s *Service) FeedbackList(ctx context.Context, actor *User, id string) ([]*Feedback, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !canSeeFeedback(actor, st) {
		return nil, Errorf(EFORBIDDEN, "only staff and the owner read the feedback").WithKey("err.feedback.forbidden", nil)
	}
	return s.store.FindFeedback(ctx, FeedbackFilter{StandardID: &id})
}

// AnswerFeedback answers (or re-answers) one feedback; staff and the owner.
func (s *Service) AnswerFeedback(ctx context.Context, actor *User, id string, fid int64, in FeedbackAnswer) (*Feedback, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !canSeeFeedback(actor, st) {
		return nil, Errorf(EFORBIDDEN, "only staff and the owner answer feedback").WithKey("err.feedback.forbidden", nil)
	}
	f, err := s.store.FindFeedbackItem(ctx, fid)
	if err != nil {
		return nil, err
	}
	if f.StandardID != id {
		return nil, Errorf(ENOTFOUND, "no feedback %d on %s", fid, id).WithKey("err.feedback.not_found", Args{"id": fid})
	}
	answer := strings.TrimSpace(in.Answer)
	if err := checkText("answer", answer, 5000, true); err != nil {
		return nil, err
	}
	now := s.now()
	f.Answer, f.AnsweredBy, f.AnsweredAt = answer, actor.Username, &now
	if err := s.store.AnswerFeedback(ctx, f); err != nil {
		return nil, err
	}
	return f, nil
}

// OpenFeedback lists the unanswered feedback actor is to answer: all of it
// for staff, that on their own standards for an owner.
func (s *Service) OpenFeedback(ctx context.Context, actor *User) ([]*Feedback, error) {
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to see feedback").WithKey("err.feedback.login", nil)
	}
	all, err := s.store.FindFeedback(ctx, FeedbackFilter{Open: true})
	if err != nil || actor.IsStaff() {
		return all, err
	}
	out := []*Feedback{}
	owned := map[string]bool{}
	for _, f := range all {
		mine, seen := owned[f.StandardID]
		if !seen {
			st, err := s.store.FindStandard(ctx, f.StandardID)
			if err != nil {
				return nil, err
			}
			mine = canSeeFeedback(actor, st)
			owned[f.StandardID] = mine
		}
		if mine {
			out = append(out, f)
		}
	}
	return out, nil
}

// CountByClause counts feedback per clause, "" for the whole text.
func CountByClause(fb []*Feedback) map[string]int {
	out := map[string]int{}
	for _, f := range fb {
		out[f.Clause]++
	}
	return out
}

// feedbackCounts counts the feedback per standard.
func (s *Service) feedbackCounts(ctx context.Context) (map[string]int, error) {
	all, err := s.store.FindFeedback(ctx, FeedbackFilter{})
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, f := range all {
		out[f.StandardID]++
	}
	return out, nil
}
