package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// consulteesBox is the consultation record on the standard page: the
// organisations the 征求意见稿 went to, their replies, the four counts and,
// to the owner and staff, the forms that keep it.
type consulteesBox struct {
	List      []*workflow.Consultee
	Counts    workflow.ConsultationCounts
	CanManage bool
	// Draft says organisations may still be added.
	Draft bool
	Form  consulteeForm
}

// consulteeForm is what a refused consultee form keeps: the input, and the
// error with the consultee it was about (0 for the form that adds one).
type consulteeForm struct {
	In    workflow.NewConsultee
	ID    int64
	Error pageError
}

// consulteesBox fills the consultation record for those who may see it:
// staff, the owner and the assigned experts.
func (s *Server) consulteesBox(c echo.Context, p *standardPage, f consulteeForm) error {
	u, st := currentUser(c), p.Standard
	if u == nil || (!u.IsStaff() && !u.Is(st.OwnerID) && u.Role != workflow.RoleExpert) {
		return nil
	}
	list, err := s.svc.Consultees(c.Request().Context(), u, st.ID)
	switch workflow.ErrorCode(err) {
	case "":
	case workflow.EFORBIDDEN:
		return nil
	default:
		return err
	}
	canManage := workflow.CanEdit(u, st)
	if len(list) == 0 && st.ConsultStart == nil && (!canManage || st.State != workflow.StateDraft) {
		return nil
	}
	p.Consultees = &consulteesBox{List: list, Counts: workflow.CountConsultees(list), CanManage: canManage,
		Draft: st.State == workflow.StateDraft, Form: f}
	return nil
}

// handleConsulteeSubmit adds an organisation from the page's form:
// POST /standards/:id/consultees.
func (s *Server) handleConsulteeSubmit(c echo.Context) error {
	in := workflow.NewConsultee{Organization: c.FormValue("organization"), Contact: c.FormValue("contact")}
	_, err := s.svc.AddConsultee(c.Request().Context(), currentUser(c), c.Param("id"), in)
	return s.afterConsulteeForm(c, err, consulteeForm{In: in})
}

// handleConsulteeReplySubmit records an organisation's reply from the page:
// POST /standards/:id/consultees/:cid.
func (s *Server) handleConsulteeReplySubmit(c echo.Context) error {
	cid, err := strconv.ParseInt(c.Param("cid"), 10, 64)
	if err != nil {
		return workflow.Errorf(workflow.ENOTFOUND, "no consulted organisation %q", c.Param("cid")).WithKey("err.consult.not_found", nil)
	}
	_, err = s.svc.SetConsulteeReply(c.Request().Context(), currentUser(c), c.Param("id"), cid,
		workflow.ConsulteeUpdate{Reply: c.FormValue("reply")})
	return s.afterConsulteeForm(c, err, consulteeForm{ID: cid})
}

// afterConsulteeForm redirects after a stored change, or shows the page
// again with the input and the message beside the field.
func (s *Server) afterConsulteeForm(c echo.Context, err error, f consulteeForm) error {
	id := c.Param("id")
	code := workflow.ErrorCode(err)
	switch code {
	case "":
		return c.Redirect(http.StatusSeeOther, "/standards/"+id+"#consultees")
	case workflow.EINVALID, workflow.ECONFLICT:
	default:
		return err
	}
	f.Error = s.pageError(c, err)
	c.Request().URL.RawQuery = ""
	return s.renderStandardWith(c, statuses[code], nil, f)
}
