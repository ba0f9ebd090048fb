package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// accountPage is the visitor's own account (账户): who they are, the form
// to change their password and the button that signs them out everywhere.
type accountPage struct {
	Page
	LastLogin string
	Form      *formError
	Changed   bool
}

// handleAccountPage shows the visitor's account: GET /account.
func (s *Server) handleAccountPage(c echo.Context) error {
	return s.renderAccount(c, http.StatusOK, nil)
}

func (s *Server) renderAccount(c echo.Context, status int, f *formError) error {
	u := currentUser(c)
	if u == nil {
		return c.Redirect(http.StatusSeeOther, "/login?next=/account")
	}
	p := accountPage{Page: s.page(c, ""), LastLogin: officeMinute(u.LastLoginAt), Form: f,
		Changed: f == nil && c.QueryParam("done") == "password"}
	p.Title = p.T("account.title")
	return s.render(c, status, "account", p)
}

// handleAccountPasswordSubmit changes the visitor's password:
// POST /account/password {current_password, new_password,
// new_password_confirm}. The confirmation is the form's own check; the
// API takes the two fields.
func (s *Server) handleAccountPasswordSubmit(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	in := workflow.PasswordChange{Current: c.FormValue("current_password"), New: c.FormValue("new_password")}
	if confirm, ok := c.Request().PostForm["new_password_confirm"]; ok && confirm[0] != in.New {
		err = workflow.FieldError("new_password_confirm", "the two new passwords differ").WithKey("err.account.confirm_mismatch", nil)
	} else {
		err = s.svc.ChangePassword(c.Request().Context(), u, sessionToken(c), in)
	}
	switch code := workflow.ErrorCode(err); code {
	case "":
		return c.Redirect(http.StatusSeeOther, "/account?done=password")
	case workflow.EINVALID, workflow.ETOOMANY:
		if e := workflow.AsError(err); e != nil && e.Details["retry_after"] != nil {
			c.Response().Header().Set("Retry-After", itoa(e.Details["retry_after"].(int)))
		}
		return s.renderAccount(c, statuses[code], s.refusedForm(c, "password", err))
	default:
		return err
	}
}

// handleAccountSessionsEndSubmit signs the visitor out everywhere:
// POST /account/sessions/end ends every session of the account, this one
// too, and leads to the login page.
func (s *Server) handleAccountSessionsEndSubmit(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	if _, err := s.svc.EndSessions(c.Request().Context(), u); err != nil {
		return err
	}
	s.clearSessionCookie(c)
	s.rotateCSRF(c)
	return c.Redirect(http.StatusSeeOther, "/login?ended=all")
}
