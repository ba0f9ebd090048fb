package server

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/docs"
	"norma/workflow"
)

type standardPage struct {
	Page
	Standard  *workflow.Standard
	Revision  *workflow.Revision
	Revisions []*workflow.Revision
	HTML      template.HTML
	Outline   []docs.Clause
	CanEdit   bool
	// The public notice: open, days left, the comments so far, and the
	// outcome of a comment just sent.
	NoticeOpen     bool
	DaysLeft       int
	PublicComments []*workflow.Comment
	Thanks         bool
	CommentError   string
}

// handleStandardPage shows a standard's text with its outline:
// GET /standards/:id (?rev=N for an earlier revision).
func (s *Server) handleStandardPage(c echo.Context) error {
	return s.renderStandard(c, http.StatusOK, "")
}

// renderStandard renders the standard page, with the problem of a public
// comment just refused, if any.
func (s *Server) renderStandard(c echo.Context, status int, commentError string) error {
	ctx, u := c.Request().Context(), currentUser(c)
	st, err := s.svc.Standard(ctx, u, c.Param("id"))
	if err != nil {
		return err
	}
	n := st.Latest
	if v := c.QueryParam("rev"); v != "" {
		if n, err = strconv.Atoi(v); err != nil {
			return workflow.Errorf(workflow.ENOTFOUND, "no revision %q", v).WithKey("err.revision.unknown", workflow.Args{"n": v})
		}
	}
	rev, err := s.svc.Revision(ctx, u, st.ID, n)
	if err != nil {
		return err
	}
	revs, err := s.svc.Revisions(ctx, u, st.ID)
	if err != nil {
		return err
	}
	for i, j := 0, len(revs)-1; i < j; i, j = i+1, j-1 {
		revs[i], revs[j] = revs[j], revs[i]
	}
	p := standardPage{Page: s.page(c, st.Title), Standard: st, Revision: rev, Revisions: revs,
		HTML: docs.Render(rev.Body), Outline: docs.Clauses(rev.Body), CanEdit: workflow.CanEdit(u, st),
		Thanks: c.QueryParam("thanks") != "", CommentError: commentError}
	if err := s.noticeBox(c, &p); err != nil {
		return err
	}
	return s.render(c, status, "standard", p)
}

// noticeBox fills the public notice part of a standard page.
func (s *Server) noticeBox(c echo.Context, p *standardPage) error {
	st, now := p.Standard, s.svc.Now()
	if !st.Notice().Open(now) {
		return nil
	}
	p.NoticeOpen = true
	p.DaysLeft = st.Notice().DaysLeft(now)
	var err error
	p.PublicComments, err = s.svc.PublicComments(c.Request().Context(), p.User, st.ID)
	return err
}

// handlePublicCommentSubmit takes a comment from the notice form:
// POST /standards/:id/public-comment.
func (s *Server) handlePublicCommentSubmit(c echo.Context) error {
	id := c.Param("id")
	in := workflow.NewPublicComment{Name: c.FormValue("name"), Organization: c.FormValue("organization"),
		Contact: c.FormValue("contact"), Clause: c.FormValue("clause"), Body: c.FormValue("body")}
	_, err := s.svc.AddPublicComment(c.Request().Context(), c.RealIP(), id, in)
	switch code := workflow.ErrorCode(err); code {
	case "":
		return c.Redirect(http.StatusSeeOther, "/standards/"+id+"?thanks=1#notice")
	case workflow.EINVALID, workflow.ETOOMANY:
		c.Request().URL.RawQuery = ""
		return s.renderStandard(c, statuses[code], s.message(c, err))
	default:
		return err
	}
}
