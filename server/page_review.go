package server

import (
	"net/http"
	"norma/docs/anchor"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// formDone answers a form of the standard page the post/redirect/get way:
// done, back to the page at anchor; refused, the page again with the input
// kept and the message beside the field.
func (s *Server) formDone(c echo.Context, form, anchor string, err error) error {
	id := c.Param("id")
	switch code := workflow.ErrorCode(err); code {
	case "":
		return c.Redirect(http.StatusSeeOther, "/standards/"+id+anchor)
	case workflow.EINVALID, workflow.ECONFLICT, workflow.ETOOMANY, workflow.ETOOLARGE, workflow.EFORBIDDEN:
		fe := &formError{Form: form, Message: workflow.ErrorMessage(err), Values: formValues(c)}
		if e := workflow.AsError(err); e != nil {
			fe.Field = e.Field
		}
		c.Request().URL.RawQuery = ""
		return s.renderStandard(c, statuses[code], fe)
	default:
		return err
	}
}

func formValues(c echo.Context) map[string][]string {
	v, err := c.FormParams()
	if err != nil {
		return nil
	}
	return v
}

// formInt reads a whole number field; empty is nil.
func formInt(c echo.Context, name string) (*int, error) {
	v := strings.TrimSpace(c.FormValue(name))
	if v == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil, workflow.FieldError(name, "%s is a whole number, not %q", name, v)
	}
	return &n, nil
}

// splitList reads a field of several values: repeated, or one per line or
// separated by commas (standard numbers hold spaces, so spaces do not part).
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(",，;；\n\r", r) }) {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// handleTransitionSubmit takes an action from the actions panel:
// POST /standards/:id/transitions.
func (s *Server) handleTransitionSubmit(c echo.Context) error {
	in := workflow.TransitionInput{Action: workflow.Action(c.FormValue("action")), Note: c.FormValue("note"),
		Number: strings.TrimSpace(c.FormValue("number")), IssueDate: strings.TrimSpace(c.FormValue("issue_date")),
		ImplDate: strings.TrimSpace(c.FormValue("impl_date")), Replaces: splitList(c.Request().Form["replaces"])}
	form := "action-" + string(in.Action)
	var err error
	if in.NoticeDays, err = formInt(c, "notice_days"); err != nil {
		return s.formDone(c, form, "#actions", err)
	}
	if in.Version, err = formInt(c, "version"); err != nil {
		return s.formDone(c, form, "#actions", err)
	}
	_, err = s.svc.Transition(c.Request().Context(), currentUser(c), c.Param("id"), in)
	return s.formDone(c, form, "#actions", err)
}

// handleExpertSubmit assigns an expert: POST /standards/:id/experts.
func (s *Server) handleExpertSubmit(c echo.Context) error {
	_, err := s.svc.AssignExpert(c.Request().Context(), currentUser(c), c.Param("id"), c.FormValue("username"))
	return s.formDone(c, "experts", "#round", err)
}

// handleExpertRemoveSubmit ends an assignment: POST /standards/:id/experts/:username/remove.
func (s *Server) handleExpertRemoveSubmit(c echo.Context) error {
	err := s.svc.RemoveExpert(c.Request().Context(), currentUser(c), c.Param("id"), c.Param("username"))
	return s.formDone(c, "experts", "#round", err)
}

// handleVerdictSubmit records the visitor's verdict: POST /standards/:id/verdict.
func (s *Server) handleVerdictSubmit(c echo.Context) error {
	in := workflow.VerdictInput{Verdict: workflow.VerdictKind(c.FormValue("verdict")), Note: c.FormValue("note")}
	_, err := s.svc.GiveVerdict(c.Request().Context(), currentUser(c), c.Param("id"), in)
	return s.formDone(c, "verdict", "#round", err)
}

// handleCommentSubmit adds a review comment from the margin form or its
// no-script fallback: POST /standards/:id/comments.
func (s *Server) handleCommentSubmit(c echo.Context) error {
	rev, err := formInt(c, "revision")
	if err != nil {
		return s.formDone(c, "comment", "#comments", err)
	}
	in := workflow.NewComment{Clause: c.FormValue("clause"), Body: c.FormValue("body"), Suggestion: c.FormValue("suggestion")}
	if rev != nil {
		in.Revision = *rev
	}
	if exact := c.FormValue("quote"); exact != "" {
		in.Quote = &workflow.QuoteInput{Quote: anchor.Quote{Exact: exact, Prefix: c.FormValue("quote.prefix"), Suffix: c.FormValue("quote.suffix")}}
	}
	start, err1 := formInt(c, "position.start")
	end, err2 := formInt(c, "position.end")
	if err1 == nil && err2 == nil && start != nil && end != nil {
		in.Position = &anchor.Position{Start: *start, End: *end}
	}
	_, err = s.svc.AddComment(c.Request().Context(), currentUser(c), c.Param("id"), in)
	return s.formDone(c, "comment", "#comments", err)
}

// handleDispositionSubmit answers a comment: POST /standards/:id/comments/:cid/disposition.
func (s *Server) handleDispositionSubmit(c echo.Context) error {
	cid, err := commentID(c)
	if err != nil {
		return err
	}
	in := workflow.DispositionInput{Decision: workflow.Decision(c.FormValue("decision")), Reason: c.FormValue("reason")}
	if rev, err := formInt(c, "revision"); err == nil && rev != nil {
		in.Revision = *rev
	}
	form := "dispose-" + strconv.FormatInt(cid, 10)
	_, err = s.svc.Dispose(c.Request().Context(), currentUser(c), cid, in)
	return s.formDone(c, form, "#comment-"+strconv.FormatInt(cid, 10), err)
}

// handleApplySubmit applies a suggestion: POST /standards/:id/comments/:cid/apply.
func (s *Server) handleApplySubmit(c echo.Context) error {
	cid, err := commentID(c)
	if err != nil {
		return err
	}
	base, _ := strconv.Atoi(c.FormValue("base"))
	form := "dispose-" + strconv.FormatInt(cid, 10)
	_, _, err = s.svc.ApplySuggestion(c.Request().Context(), currentUser(c), cid, base)
	return s.formDone(c, form, "#comment-"+strconv.FormatInt(cid, 10), err)
}

// handleReplySubmit answers in a thread: POST /standards/:id/comments/:cid/replies.
func (s *Server) handleReplySubmit(c echo.Context) error {
	cid, err := commentID(c)
	if err != nil {
		return err
	}
	form := "reply-" + strconv.FormatInt(cid, 10)
	_, err = s.svc.Reply(c.Request().Context(), currentUser(c), cid, c.FormValue("body"))
	return s.formDone(c, form, "#comment-"+strconv.FormatInt(cid, 10), err)
}
