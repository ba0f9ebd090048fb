package workflow

import (
	"context"
	"strings"
	"unicode/utf8"

	"norma/docs/anchor"
)

// DispositionInput is the drafter's answer to a comment.
type DispositionInput struct {
	Decision Decision `json:"decision"`
	Reason   string   `json:"reason"`
	Revision int      `json:"revision"`
}

// comment returns a comment with its standard, as the actor may see them.
func (s *Service) comment(ctx context.Context, actor *User, commentID int64) (*Comment, *Standard, error) {
	c, err := s.store.FindComment(ctx, commentID)
	if err != nil {
		return nil, nil, err
	}
	st, err := s.Standard(ctx, actor, c.StandardID)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil, Errorf(ENOTFOUND, "no comment %d", commentID).WithKey("err.comment.not_found", Args{"id": commentID})
	} else if err != nil {
		return nil, nil, err
	}
	if c.Kind != CommentPublic {
		if ok, err := s.canSeeReview(ctx, actor, st); err != nil || !ok {
			return nil, nil, Errorf(ENOTFOUND, "no comment %d", commentID).WithKey("err.comment.not_found", Args{"id": commentID})
		}
	}
	return c, st, nil
}

// Dispose records the drafter's decision on a comment: by the owner drafter
// or staff, with a reason unless the comment is accepted, changeable until
// the standard is issued.
func (s *Service) Dispose(ctx context.Context, actor *User, commentID int64, in DispositionInput) (*Comment, error) {
	c, st, err := s.comment(ctx, actor, commentID)
	if err != nil {
		return nil, err
	}
	if err := s.mayDispose(actor, st); err != nil {
		return nil, err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	switch {
	case in.Decision.Valid():
	case in.Decision == "":
		return nil, FieldError("decision", "decision is required: accepted, partially_accepted or not_accepted").WithKey("err.decision.required", nil)
	default:
		return nil, FieldError("decision", "unknown decision %q: accepted, partially_accepted or not_accepted", in.Decision).WithKey("err.decision.unknown", Args{"decision": in.Decision})
	}
	switch {
	case in.Decision != Accepted && in.Reason == "":
		return nil, FieldError("reason", "a comment not fully accepted needs the reason").WithKey("err.decision.reason_required", nil)
	case utf8.RuneCountInString(in.Reason) > 5000:
		return nil, FieldError("reason", "reason has at most 5000 characters").WithKey("err.decision.reason_long", nil)
	case in.Revision < 0 || in.Revision > st.Latest:
		return nil, FieldError("revision", "standard %s has no revision %d", st.ID, in.Revision).WithKey("err.revision.not_found", Args{"id": st.ID, "n": in.Revision})
	}
	d := &Disposition{Decision: in.Decision, Reason: in.Reason, Revision: in.Revision, ByID: actor.ID,
		By: actor.Username, At: s.now(), StandardVersion: st.Version}
	if err := s.store.SetDisposition(ctx, c.ID, d); err != nil {
		return nil, err
	}
	c.Disposition = d
	return c, nil
}

func (s *Service) mayDispose(actor *User, st *Standard) error {
	switch {
	case actor == nil:
		return Errorf(EUNAUTHORIZED, "log in to answer comments").WithKey("err.disposition.login", nil)
	case !actor.IsStaff() && !actor.Is(st.OwnerID):
		return Errorf(EFORBIDDEN, "the drafter who owns the standard, or staff, answers its comments").WithKey("err.disposition.forbidden", nil)
	case st.State == StateIssued || st.State == StateSuperseded || st.State == StateAbolished:
		return Errorf(ECONFLICT, "the standard is %s; its dispositions are final", st.State).WithKey("err.disposition.final", Args{"state": st.State})
	}
	return nil
}

// Reply adds an answer to a comment's thread: by the owner drafter, staff,
// or the comment's author.
func (s *Service) Reply(ctx context.Context, actor *User, commentID int64, body string) (*Reply, error) {
	c, st, err := s.comment(ctx, actor, commentID)
	if err != nil {
		return nil, err
	}
	switch {
	case actor == nil:
		return nil, Errorf(EUNAUTHORIZED, "log in to reply").WithKey("err.reply.login", nil)
	case !actor.IsStaff() && !actor.Is(st.OwnerID) && !actor.Is(c.AuthorID):
		return nil, Errorf(EFORBIDDEN, "the drafter, staff and the comment's author reply to it").WithKey("err.reply.forbidden", nil)
	}
	if err := checkCommentBody(body, 10000); err != nil {
		return nil, err
	}
	r := &Reply{CommentID: c.ID, Body: strings.TrimSpace(body), AuthorID: actor.ID, Author: actor.Username, CreatedAt: s.now()}
	if err := s.store.CreateReply(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// ApplySuggestion saves a new revision in which the comment's quoted passage,
// placed in the latest revision, is replaced by its suggestion; the comment
// is then accepted, linked to that revision. base must be the latest
// revision, and the passage must still be found.
func (s *Service) ApplySuggestion(ctx context.Context, actor *User, commentID int64, base int) (*Revision, *Comment, error) {
	c, st, err := s.comment(ctx, actor, commentID)
	if err != nil {
		return nil, nil, err
	}
	if err := s.mayDispose(actor, st); err != nil {
		return nil, nil, err
	}
	switch {
	case c.Suggestion == "" || c.Quote == nil:
		return nil, nil, Errorf(ECONFLICT, "comment %d carries no suggestion to apply", c.ID).WithKey("err.suggestion.none", Args{"id": c.ID})
	case c.Disposition != nil && c.Disposition.Decision == Accepted:
		return nil, nil, Errorf(ECONFLICT, "comment %d is accepted already%s", c.ID, inRevision(c.Disposition.Revision)).WithKey("err.suggestion.accepted", Args{"id": c.ID})
	case base < 1:
		return nil, nil, FieldError("base", "base must name the latest revision (%d)", st.Latest).WithKey("err.suggestion.base", Args{"latest": st.Latest})
	case base != st.Latest:
		return nil, nil, staleBase(base, st.Latest)
	}
	if err := editable(st, s.now()); err != nil {
		return nil, nil, err
	}
	latest, err := s.store.FindRevision(ctx, st.ID, st.Latest)
	if err != nil {
		return nil, nil, err
	}
	if err := s.place(ctx, st.ID, []*Comment{c}, latest); err != nil {
		return nil, nil, err
	}
	if c.Anchor.Status != anchor.Current || c.Anchor.Position == nil {
		return nil, nil, Errorf(ECONFLICT, "the quoted passage is no longer in revision %d; apply the change by hand", st.Latest).WithKey("err.suggestion.gone", Args{"latest": st.Latest})
	}
	runes := []rune(latest.Body)
	p := c.Anchor.Position
	body := string(runes[:p.Start]) + c.Suggestion + string(runes[p.End:])
	r, update, err := s.nextRevision(st, actor, body, "应用意见 #"+itoa(int(c.ID))+" 的修改建议")
	if err != nil {
		return nil, nil, err
	}
	d := &Disposition{Decision: Accepted, ByID: actor.ID, By: actor.Username, At: s.now()}
	at := anchor.Position{Start: p.Start, End: p.Start + utf8.RuneCountInString(c.Suggestion)}
	if err := s.store.ApplySuggestion(ctx, r, base, update, c.ID, d, at); err != nil {
		return nil, nil, err
	}
	d.Revision, c.Disposition = r.Number, d
	c.Applied = &Applied{Revision: r.Number, Position: at}
	return r, c, nil
}

func inRevision(n int) string {
	if n == 0 {
		return ""
	}
	return " (revision " + itoa(n) + ")"
}
