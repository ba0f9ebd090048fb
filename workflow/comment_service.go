package workflow

import (
	"context"
	"strings"

	"norma/docs"
	"norma/docs/anchor"
)

// AddComment records a comment by an assigned expert during expert review,
// or by staff at any time. A quote must occur in the revision it names (at
// the position, when one is given); a comment without a quote is about its
// clause, or about the whole text when it names none.
func (s *Service) AddComment(ctx context.Context, actor *User, id string, in NewComment) (*Comment, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	kind, err := s.commentKind(ctx, actor, st)
	if err != nil {
		return nil, err
	}
	if err := checkCommentBody(in.Body, 10000); err != nil {
		return nil, err
	}
	in.Suggestion = docs.NormalizeNewlines(in.Suggestion)
	if err := checkText("suggestion", in.Suggestion, 10000, false); err != nil {
		return nil, err
	}
	if in.Revision == 0 {
		in.Revision = st.Latest
	}
	rev, err := s.store.FindRevision(ctx, id, in.Revision)
	if ErrorCode(err) == ENOTFOUND {
		return nil, FieldError("revision", "standard %s has no revision %d", id, in.Revision).WithKey("err.revision.not_found", Args{"id": id, "n": in.Revision})
	} else if err != nil {
		return nil, err
	}
	c := &Comment{StandardID: id, Kind: kind, Revision: rev.Number, Body: strings.TrimSpace(in.Body),
		Suggestion: in.Suggestion, AuthorID: actor.ID, Author: actor.Username, Organization: actor.Organization,
		CreatedAt: s.now(), Replies: []*Reply{}, StandardVersion: st.Version}
	var q *anchor.Quote
	if in.Quote != nil {
		q = &in.Quote.Quote
	}
	if err := anchorComment(c, rev.Body, in.Clause, q, in.Position); err != nil {
		return nil, err
	}
	if c.Suggestion != "" && c.Quote == nil {
		return nil, FieldError("suggestion", "a suggestion replaces a quoted passage: give the quote").WithKey("err.comment.suggestion_quote", nil)
	}
	if err := s.store.CreateComment(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// commentKind says what kind of comment the actor makes on st, or why not.
func (s *Service) commentKind(ctx context.Context, actor *User, st *Standard) (string, error) {
	switch {
	case actor == nil:
		return "", Errorf(EUNAUTHORIZED, "log in to comment, or comment as the public during notice").WithKey("err.comment.login", nil)
	case actor.IsStaff():
		return CommentStaff, nil
	case actor.Role != RoleExpert:
		return "", Errorf(EFORBIDDEN, "review comments come from the assigned experts and staff; the drafter replies and disposes").WithKey("err.comment.forbidden", nil)
	}
	ok, err := s.isExpert(ctx, st.ID, actor)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", Errorf(EFORBIDDEN, "you are not assigned to review this standard").WithKey("err.expert.not_assigned", nil)
	}
	if st.State != StateExpertReview {
		return "", Errorf(ECONFLICT, "experts comment during expert review; the standard is %s", st.State).WithKey("err.comment.not_review", Args{"state": st.State})
	}
	return CommentExpert, nil
}

// anchorComment checks and completes a comment's anchor in the text of its
// revision: the quote (found, and given its prefix and suffix), the
// position, and the clause.
func anchorComment(c *Comment, text, clause string, q *anchor.Quote, pos *anchor.Position) error {
	clauses := docs.Clauses(text)
	if q != nil && q.Exact == "" {
		q = nil
	}
	if q == nil && pos != nil {
		qq, err := anchor.QuoteAt(text, pos.Start, pos.End)
		if err != nil {
			return FieldError("position", "%v", err).WithKey("err.position.invalid", Args{"detail": err})
		}
		q = &qq
	}
	if q != nil {
		at, err := anchor.FindQuote(text, *q, pos)
		if err != nil {
			return FieldError("quote", "%v in revision %d", err, c.Revision).WithKey("err.quote.invalid", Args{"detail": err, "revision": c.Revision})
		}
		full, _ := anchor.QuoteAt(text, at.Start, at.End)
		c.Quote, c.Position = &full, &at
		cl := docs.ClauseAt(clauses, at.Start)
		switch {
		case cl != nil && clause == "":
			clause = cl.Number
		case clause != "" && (cl == nil || cl.Number != clause && !strings.HasPrefix(cl.Number, clause+".")):
			where := "before any clause"
			if cl != nil {
				where = "in clause " + cl.Number
			}
			return FieldError("clause", "the quote stands %s, not in clause %s", where, clause).WithKey("err.clause.mismatch", Args{"where": where, "clause": clause})
		}
	}
	if clause != "" && !hasClause(clauses, clause) {
		return FieldError("clause", "revision %d has no clause %q", c.Revision, clause).WithKey("err.comment.no_clause", Args{"revision": c.Revision, "clause": clause})
	}
	c.Clause = clause
	return nil
}

func hasClause(clauses []docs.Clause, number string) bool {
	for _, c := range clauses {
		if c.Number == number {
			return true
		}
	}
	return false
}

// AddPublicComment records a comment from the public, without an account,
// while the consultation (征求意见) or the notice (公示) window is open; the
// comment records which. One address may send only a few in a
// short time.
//
// A standard not under notice answers with a conflict saying so, even to
// a visitor who may not read it: the notice is public, and ids are not
// guessable.
func (s *Service) AddPublicComment(ctx context.Context, client, id string, in NewPublicComment) (*Comment, error) {
	st, err := s.store.FindStandard(ctx, id)
	if err != nil {
		return nil, err
	}
	stage := StageNotice
	if st.Consultation().Open(s.now()) {
		stage = StageConsultation
	} else if err := st.Notice().Check(s.now()); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	now := s.now()
	wait, err := s.publicLimit.blocked(ctx, []string{client}, now)
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		return nil, &Error{Code: ETOOMANY, Message: "too many comments from this address; try again later", Key: "err.comment.too_many",
			Details: map[string]any{"retry_after": int(wait.Seconds()) + 1}}
	}
	rev, err := s.store.FindRevision(ctx, id, st.Latest)
	if err != nil {
		return nil, err
	}
	c := &Comment{StandardID: id, Kind: CommentPublic, Revision: rev.Number, Body: strings.TrimSpace(in.Body),
		Author: in.Name, Organization: in.Organization, Contact: in.Contact, Client: client, CreatedAt: now,
		Stage: stage, Replies: []*Reply{}, StandardVersion: st.Version}
	var q *anchor.Quote
	if in.Quote != nil {
		q = &in.Quote.Quote
	}
	if err := anchorComment(c, rev.Body, in.Clause, q, nil); err != nil {
		return nil, err
	}
	if err := s.publicLimit.fail(ctx, []string{client}, now); err != nil { // counts every accepted comment
		return nil, err
	}
	if err := s.store.CreateComment(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}
