package server

import (
	"context"
	"net/url"
	"norma/docs/anchor"
	"norma/docs/diff"
	"strings"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// workbench is the part of the standard page that carries the process: the
// timeline, the current round, the actions the visitor may take, and the
// comments with their dispositions.
type workbench struct {
	History []*workflow.HistoryEntry
	Round   *workflow.Round
	// Experts are the assigned experts; ExpertChoices the expert accounts
	// staff may assign (both for staff only).
	Experts       []*workflow.User
	ExpertChoices []*workflow.User
	Actions       []actionView
	// Reviewer is set for an assigned expert while a round is open, with
	// the verdict given so far in it.
	Reviewer  bool
	MyVerdict *workflow.Verdict
	// SeesReview: staff, the drafter and assigned experts see the comments.
	SeesReview bool
	CanComment bool
	CanDispose bool
	Comments   []*workflow.Comment
	Outdated   []*workflow.Comment
	Public     []*workflow.Comment
	// Open counts the comments that still have no disposition.
	Open int
}

// actionView is an action with its unmet conditions in the page's language.
type actionView struct {
	workflow.ActionOption
	Reasons []string
}

// formError is a form refused: which form, the field at fault, the message,
// and what the visitor sent, so the form shows again as it was.
type formError struct {
	Form, Field, Message string
	Values               url.Values
}

// Value returns what the visitor sent in the field of the refused form, or def.
func (f *formError) Value(form, field, def string) string {
	if f == nil || f.Form != form {
		return def
	}
	if _, ok := f.Values[field]; ok {
		return f.Values.Get(field)
	}
	return def
}

// On returns the message if the refused form is form and its field is field
// (an empty field is the whole form).
func (f *formError) On(form, field string) string {
	if f == nil || f.Form != form || f.Field != field {
		return ""
	}
	return f.Message
}

// Any returns the message if the refused form is form, whatever the field.
func (f *formError) Any(form string) string {
	if f == nil || f.Form != form {
		return ""
	}
	return f.Message
}

// workbenchFor gathers what the visitor may see of the process. Parts the
// visitor may not see are left empty: the domain says who sees what.
func (s *Server) workbenchFor(c echo.Context, p *standardPage) error {
	ctx, u, st := c.Request().Context(), p.User, p.Standard
	if u == nil {
		return nil
	}
	b := &workbench{}
	var err error
	if b.History, err = s.history(c, u, st.ID); err != nil {
		return err
	}
	opts, err := s.svc.ActionOptions(ctx, u, st.ID)
	if err != nil {
		return err
	}
	for _, o := range opts {
		b.Actions = append(b.Actions, actionView{ActionOption: o, Reasons: s.reasons(p.Lang, o.Unmet)})
	}
	if err := s.reviewPart(ctx, u, p, b); err != nil {
		return err
	}
	p.Bench = b
	return nil
}

// reviewPart fills the round, experts, verdict and comments, for those who
// see the review: the rounds are those reviewRecords read.
func (s *Server) reviewPart(ctx context.Context, u *workflow.User, p *standardPage, b *workbench) error {
	if !p.seesReview {
		return nil
	}
	st, rev, rounds := p.Standard, p.Revision, p.rounds
	var err error
	b.SeesReview = true
	if n := len(rounds); n > 0 && rounds[n-1].ClosedAt == nil {
		b.Round = rounds[n-1]
	}
	if u.IsStaff() {
		if b.Experts, err = s.svc.Experts(ctx, u, st.ID); err != nil {
			return err
		}
		users, err := s.svc.Users(ctx, u)
		if err != nil {
			return err
		}
		for _, e := range users {
			if e.Role == workflow.RoleExpert && !e.Disabled() && !assigned(b.Experts, e) {
				b.ExpertChoices = append(b.ExpertChoices, e)
			}
		}
	}
	if u.Role == workflow.RoleExpert && b.Round != nil {
		b.Reviewer, b.MyVerdict = true, b.Round.VerdictOf(u.ID)
	}
	b.CanComment = b.Reviewer || u.IsStaff() && st.State != workflow.StateIssued
	b.CanDispose = (u.IsStaff() || u.Is(st.OwnerID)) && st.State != workflow.StateIssued
	return s.commentsPart(ctx, u, st, rev, b)
}

func assigned(list []*workflow.User, u *workflow.User) bool {
	for _, e := range list {
		if e.ID == u.ID {
			return true
		}
	}
	return false
}

// commentsPart places every comment in the revision shown.
func (s *Server) commentsPart(ctx context.Context, u *workflow.User, st *workflow.Standard, rev *workflow.Revision, b *workbench) error {
	list, err := s.svc.Comments(ctx, u, st.ID, rev.Number)
	if err != nil {
		return err
	}
	for _, cm := range list {
		if cm.Disposition == nil {
			b.Open++
		}
		switch {
		case cm.Kind == workflow.CommentPublic:
			b.Public = append(b.Public, cm)
		case cm.Anchor != nil && cm.Anchor.Status == anchor.Outdated:
			b.Outdated = append(b.Outdated, cm)
		default:
			b.Comments = append(b.Comments, cm)
		}
	}
	return nil
}

// reasons words unmet conditions in the page's language; states among the
// arguments are named as the page names them.
func (s *Server) reasons(lang string, us []workflow.Unmet) []string {
	out := make([]string, 0, len(us))
	for _, u := range us {
		args := make([]any, len(u.Args))
		for i, a := range u.Args {
			switch v := a.(type) {
			case workflow.State:
				args[i] = s.catalog.T(lang, "state."+string(v))
			case []workflow.State:
				names := make([]string, len(v))
				for j, st := range v {
					names[j] = s.catalog.T(lang, "state."+string(st))
				}
				args[i] = strings.Join(names, s.catalog.T(lang, "list.sep"))
			default:
				args[i] = a
			}
		}
		msg := s.catalog.T(lang, u.Key, args...)
		if msg == u.Key { // a condition the catalogs do not know yet
			msg = u.Message
		}
		out = append(out, msg)
	}
	return out
}

// suggestionDiff shows a suggestion as the change it makes: the quoted
// words struck, the new words marked.
func suggestionDiff(c *workflow.Comment) []diff.Op {
	if c.Quote == nil || c.Suggestion == "" {
		return nil
	}
	return diff.Compute(c.Quote.Exact, c.Suggestion).Ops
}

// Verdicts lists the verdicts an expert chooses from.
func (p standardPage) Verdicts() []workflow.VerdictKind { return workflow.VerdictKinds }

// Decisions lists the decisions a disposition chooses from.
func (p standardPage) Decisions() []workflow.Decision {
	return workflow.Decisions
}

// commentView is one comment with the page it is shown on.
type commentView struct {
	Page standardPage
	C    *workflow.Comment
}

func commentCtx(p standardPage, c *workflow.Comment) commentView { return commentView{Page: p, C: c} }

func accepted(c *workflow.Comment) bool {
	return c.Disposition != nil && c.Disposition.Decision == workflow.Accepted
}
