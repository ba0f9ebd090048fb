package server

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"norma/docs"
	"norma/workflow"
)

type standardPage struct {
	Page
	// rounds are the review rounds, read once for the records and the
	// workbench, when seesReview says the visitor sees the review.
	rounds     []*workflow.Round
	seesReview bool
	Standard   *workflow.Standard
	Revision   *workflow.Revision
	Revisions  []*workflow.Revision
	HTML       template.HTML
	Outline    []docs.Clause
	// OutlineNav is the outline's list, kept with the rendering.
	OutlineNav template.HTML
	// clauses gives the clause options, one chosen (see ClauseOptions).
	clauses func(selected string) template.HTML
	CanEdit bool
	Export  *exportLinks
	// The public notice: open, days left, the comments so far, and the
	// outcome of a comment just sent.
	NoticeOpen bool
	// Consultation says the open window is the consultation (征求意见),
	// not the notice (公示); Period gives the window's dates.
	Consultation   bool
	PeriodFrom     string
	PeriodTo       string
	DaysLeft       int
	PublicComments []*workflow.Comment
	Thanks         bool
	// Saved is the revision just saved from the editor, 0 otherwise.
	Saved        int
	CommentError string
	// Closed is "consult" or "notice" when that window has ended, on ClosedOn.
	Closed, ClosedOn string
	// Consultees is the consultation record, for those who may see it.
	Consultees *consulteesBox
	// Reviews are the review rounds, for those who may see them.
	Reviews []reviewRecord
	// Bench is the process for those signed in; Form a form just refused.
	Bench *workbench
	Form  *formError
	// Aftercare is the filing, periodic review and feedback of an issued standard.
	Aftercare *aftercareBox
}

// ClauseOptions returns the options of a clause select, the clause numbered
// selected chosen ("" for none).
func (p standardPage) ClauseOptions(selected string) template.HTML { return p.clauses(selected) }

// handleStandardPage shows a standard's text with its outline:
// GET /standards/:id (?rev=N for an earlier revision).
func (s *Server) handleStandardPage(c echo.Context) error {
	return s.renderStandard(c, http.StatusOK, nil)
}

// renderStandard renders the standard page, with the form just refused, if any.
func (s *Server) renderStandard(c echo.Context, status int, form *formError) error {
	return s.renderStandardWith(c, status, form, consulteeForm{})
}

// renderStandardWith renders the standard page with a refused form of the
// workbench or of the consultation record.
func (s *Server) renderStandardWith(c echo.Context, status int, form *formError, f consulteeForm) error {
	ctx, u := c.Request().Context(), currentUser(c)
	if form == nil {
		form = &formError{}
	}
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
	text := s.rendered(rev)
	offerDeflated(c, text.Deflated)
	p := standardPage{Page: s.page(c, st.Title), Standard: st, Revision: rev, Revisions: revs,
		HTML: text.HTML, Outline: text.Outline, OutlineNav: text.Nav, clauses: s.clauseOptionsOf(text), CanEdit: workflow.CanEdit(u, st),
		Thanks: c.QueryParam("thanks") != "", Saved: atoiOr0(c.QueryParam("saved")), Form: form, CommentError: form.Any("public"),
		Export: newExportLinks(u, st, rev)}
	if err := s.noticeBox(c, &p); err != nil {
		return err
	}
	if err := s.consulteesBox(c, &p, f); err != nil {
		return err
	}
	if err := s.reviewRecords(c, &p); err != nil {
		return err
	}
	if err := s.workbenchFor(c, &p); err != nil {
		return err
	}
	if err := s.aftercareBoxFor(c, &p); err != nil {
		return err
	}
	return s.render(c, status, "standard", p)
}

// noticeBox fills the public notice part of a standard page.
func (s *Server) noticeBox(c echo.Context, p *standardPage) error {
	st, now := p.Standard, s.svc.Now()
	w := st.Notice()
	if c := st.Consultation(); c.Open(now) {
		w, p.Consultation = c, true
	} else if !w.Open(now) {
		windowClosed(p, now)
		return nil
	}
	p.NoticeOpen = true
	p.PeriodFrom, p.PeriodTo = w.Start.Format(time.DateOnly), w.End.Format(time.DateOnly)
	p.DaysLeft = w.DaysLeft(now)
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
	case workflow.EINVALID, workflow.ETOOMANY, workflow.ECONFLICT:
		c.Request().URL.RawQuery = ""
		field, msg := s.publicFormError(c, err)
		return s.renderStandard(c, statuses[code], &formError{Form: "public", Field: field, Message: msg, Values: formValues(c)})
	default:
		return err
	}
}

// publicFormError words a refused public comment for the visitor, in the
// page's language, and names the field it concerns ("" for the form).
func (s *Server) publicFormError(c echo.Context, err error) (string, string) {
	lang := s.language(c)
	var e *workflow.Error
	if !errors.As(err, &e) {
		return "", s.catalog.T(lang, "notice.error.form")
	}
	switch e.Code {
	case workflow.ETOOMANY:
		return "", s.catalog.T(lang, "notice.error.too_many")
	case workflow.ECONFLICT:
		return "", s.catalog.T(lang, "notice.error.closed")
	}
	if key := "notice.error." + e.Field; e.Field != "" && s.catalog.Has(key) {
		return e.Field, s.catalog.T(lang, key)
	}
	return e.Field, s.message(c, err)
}

// windowClosed fills what a standard page says of a window that has ended:
// the consultation of a draft, or the notice before issue.
func windowClosed(p *standardPage, now time.Time) {
	st := p.Standard
	switch {
	case st.State == workflow.StateDraft && st.ConsultationDone(now):
		p.Closed, p.ClosedOn = "consult", st.ConsultEnd.Format(time.DateOnly)
	case st.State == workflow.StatePublicNotice && st.NoticeEnd != nil && !now.Before(*st.NoticeEnd):
		p.Closed, p.ClosedOn = "notice", st.NoticeEnd.Format(time.DateOnly)
	}
}

func atoiOr0(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
