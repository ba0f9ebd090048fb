package workflow

import (
	"context"
	"strings"
	"time"
)

// Replies of an invited organisation.
const (
	ReplyNone       = "none"        // has not answered (yet)
	ReplyComments   = "comments"    // answered with comments
	ReplyNoComments = "no_comments" // answered that it has none
)

// Consultee is an organisation invited to comment on the 征求意见稿
// (征求意见单位), with whether and how it replied.
type Consultee struct {
	ID           int64      `json:"id"`
	StandardID   string     `json:"standard"`
	Organization string     `json:"organization"`
	Contact      string     `json:"contact,omitempty"`
	Reply        string     `json:"reply"`
	SentAt       time.Time  `json:"sent_at"`
	RepliedAt    *time.Time `json:"replied_at,omitempty"`
}

// ConsultationCounts are the four counts GB practice ends the disposition
// table with: organisations the text was sent to, those that replied, those
// that replied with comments, and those that did not reply.
type ConsultationCounts struct {
	Sent         int `json:"sent"`
	Replied      int `json:"replied"`
	WithComments int `json:"with_comments"`
	NoReply      int `json:"no_reply"`
}

// CountConsultees counts the replies of the invited organisations.
func CountConsultees(cs []*Consultee) ConsultationCounts {
	n := ConsultationCounts{Sent: len(cs)}
	for _, c := range cs {
		switch c.Reply {
		case ReplyComments:
			n.Replied++
			n.WithComments++
		case ReplyNoComments:
			n.Replied++
		}
	}
	n.NoReply = n.Sent - n.Replied
	return n
}

// NewConsultee is the input for inviting an organisation.
type NewConsultee struct {
	Organization string `json:"organization"`
	Contact      string `json:"contact"`
}

// ConsulteeUpdate records an organisation's reply.
type ConsulteeUpdate struct {
	Reply string `json:"reply"`
}

// mayConsult returns the standard when actor, its owner or staff, may manage
// its consultation.
func (s *Service) mayConsult(ctx context.Context, actor *User, id string) (*Standard, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	switch {
	case actor == nil:
		return nil, Errorf(EUNAUTHORIZED, "log in to manage the consultation")
	case !CanEdit(actor, st):
		return nil, Errorf(EFORBIDDEN, "the drafter who owns the standard, or staff, manages its consultation").WithKey("err.consult.forbidden", nil)
	}
	return st, nil
}

// Consultees lists the organisations invited to comment on a standard:
// staff, the owner and the assigned experts see them.
func (s *Service) Consultees(ctx context.Context, actor *User, id string) ([]*Consultee, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to see the consulted organisations")
	}
	if ok, err := s.canSeeReview(ctx, actor, st); err != nil {
		return nil, err
	} else if !ok {
		return nil, Errorf(EFORBIDDEN, "the consulted organisations are shown to staff, the drafter and the assigned experts")
	}
	return s.store.FindConsultees(ctx, id)
}

// AddConsultee records that the 征求意见稿 was sent to an organisation;
// while the standard is a draft.
func (s *Service) AddConsultee(ctx context.Context, actor *User, id string, in NewConsultee) (*Consultee, error) {
	st, err := s.mayConsult(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	in.Organization, in.Contact = strings.TrimSpace(in.Organization), strings.TrimSpace(in.Contact)
	if err := checkLine("organization", in.Organization, 200, true); err != nil {
		return nil, err
	}
	if err := checkLine("contact", in.Contact, 200, false); err != nil {
		return nil, err
	}
	if st.State != StateDraft {
		return nil, Errorf(ECONFLICT, "organisations are consulted on a draft; the standard is %s", st.State)
	}
	c := &Consultee{StandardID: id, Organization: in.Organization, Contact: in.Contact, Reply: ReplyNone, SentAt: s.now()}
	if err := s.store.CreateConsultee(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// SetConsulteeReply records whether an invited organisation replied, and
// how; until the standard is issued.
func (s *Service) SetConsulteeReply(ctx context.Context, actor *User, id string, cid int64, in ConsulteeUpdate) (*Consultee, error) {
	st, err := s.mayConsult(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	switch in.Reply {
	case ReplyNone, ReplyComments, ReplyNoComments:
	case "":
		return nil, FieldError("reply", "reply is required: comments, no_comments or none").WithKey("err.consult.reply_required", nil)
	default:
		return nil, FieldError("reply", "unknown reply %q: comments, no_comments or none", in.Reply)
	}
	if st.State != StateDraft && st.State != StateExpertReview && st.State != StatePublicNotice {
		return nil, Errorf(ECONFLICT, "the standard is %s; its consultation record is final", st.State)
	}
	c, err := s.store.FindConsultee(ctx, cid)
	if err != nil || c.StandardID != id {
		return nil, Errorf(ENOTFOUND, "no consulted organisation %d on %s", cid, id)
	}
	c.Reply, c.RepliedAt = in.Reply, nil
	if in.Reply != ReplyNone {
		now := s.now()
		c.RepliedAt = &now
	}
	if err := s.store.UpdateConsultee(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}
