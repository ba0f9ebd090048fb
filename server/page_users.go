package server

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

func officeDate(t time.Time) string { return t.In(workflow.OfficeZone).Format("2006-01-02") }

func officeMinute(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(workflow.OfficeZone).Format("2006-01-02 15:04")
}

// accountRow is an account as the accounts page lists it.
type accountRow struct {
	*workflow.User
	Created, DisabledOn, LastLogin string
	// Self is the visitor's own account, which they may not disable or demote.
	Self bool
}

// usersPage is the accounts page (用户管理): the list for staff and admins,
// and for admins the forms to add, change, disable and re-enable accounts
// and reset passwords.
type usersPage struct {
	Page
	Accounts  []accountRow
	CanManage bool
	Roles     []workflow.Role
	Form      *formError
	// Done says what the last form did, to whom.
	Done, DoneUser string
}

func (s *Server) userPages() {
	e := s.echo
	e.GET("/admin/users", s.handleUsersPage)
	e.POST("/admin/users", s.handleUserAddSubmit)
	e.POST("/admin/users/:username", s.handleUserEditSubmit)
	e.POST("/admin/users/:username/disabled", s.handleUserStateSubmit)
	e.POST("/admin/users/:username/password", s.handleUserPasswordSubmit)
	e.GET("/account", s.handleAccountPage)
	e.POST("/account/password", s.handleAccountPasswordSubmit)
	e.POST("/account/sessions/end", s.handleAccountSessionsEndSubmit)
}

// handleUsersPage lists the accounts: GET /admin/users (admins manage;
// staff see the list, which tells them who the experts are and where
// they work).
func (s *Server) handleUsersPage(c echo.Context) error {
	done := c.QueryParam("done")
	switch done {
	case "created", "updated", "disabled", "enabled", "password":
	default:
		done = ""
	}
	return s.renderUsers(c, http.StatusOK, nil, done, c.QueryParam("user"))
}

func (s *Server) renderUsers(c echo.Context, status int, f *formError, done, who string) error {
	u := currentUser(c)
	if u == nil {
		return c.Redirect(http.StatusSeeOther, "/login?next=/admin/users")
	}
	users, err := s.svc.Users(c.Request().Context(), u)
	if err != nil {
		return err
	}
	p := usersPage{Page: s.page(c, ""), CanManage: u.Role == workflow.RoleAdmin, Roles: workflow.Roles, Form: f}
	p.Title = p.T("users.title")
	for _, x := range users {
		r := accountRow{User: x, Created: officeDate(x.CreatedAt), LastLogin: officeMinute(x.LastLoginAt), Self: u.Is(x.ID)}
		if x.DisabledAt != nil {
			r.DisabledOn = officeDate(*x.DisabledAt)
		}
		p.Accounts = append(p.Accounts, r)
	}
	if done != "" && who != "" {
		p.Done, p.DoneUser = p.T("users.done."+done, who), who
	}
	return s.render(c, status, "admin_users", p)
}

// usersFormDone answers a form of the accounts page the post/redirect/get
// way: done, back to the list at the account; refused, the page again with
// the input kept (never a password) and the message beside the field.
func (s *Server) usersFormDone(c echo.Context, form, done, who string, err error) error {
	switch code := workflow.ErrorCode(err); code {
	case "":
		q := url.Values{"done": {done}, "user": {who}}
		return c.Redirect(http.StatusSeeOther, "/admin/users?"+q.Encode()+"#user-"+who)
	case workflow.EINVALID, workflow.ECONFLICT, workflow.ENOTFOUND:
		return s.renderUsers(c, statuses[code], s.refusedForm(c, form, err), "", "")
	default:
		return err
	}
}

// refusedForm is the refused form with what the visitor typed, passwords
// left out.
func (s *Server) refusedForm(c echo.Context, form string, err error) *formError {
	fe := &formError{Form: form, Message: s.message(c, err), Values: url.Values{}}
	for k, v := range formValues(c) {
		switch k {
		case "password", "current_password", "new_password", "new_password_confirm", "_csrf":
		default:
			fe.Values[k] = v
		}
	}
	if e := workflow.AsError(err); e != nil {
		fe.Field = e.Field
	}
	return fe
}

// handleUserAddSubmit adds an account: POST /admin/users {username, name,
// role, organization, password}.
func (s *Server) handleUserAddSubmit(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	in := workflow.NewUser{Username: c.FormValue("username"), Name: c.FormValue("name"), Role: workflow.Role(c.FormValue("role")),
		Organization: c.FormValue("organization"), Password: c.FormValue("password")}
	created, err := s.svc.CreateUser(c.Request().Context(), u, in)
	who := in.Username
	if created != nil {
		who = created.Username
	}
	return s.usersFormDone(c, "add", "created", who, err)
}

// handleUserEditSubmit changes an account: POST /admin/users/:username
// {name, role, organization}.
func (s *Server) handleUserEditSubmit(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	name, org, role := c.FormValue("name"), c.FormValue("organization"), workflow.Role(c.FormValue("role"))
	p := workflow.UserPatch{Name: &name, Organization: &org, Role: &role}
	x, err := s.svc.UpdateUser(c.Request().Context(), u, c.Param("username"), p)
	return s.usersFormDone(c, "edit-"+c.Param("username"), "updated", accountName(x, c), err)
}

// handleUserStateSubmit disables or re-enables an account:
// POST /admin/users/:username/disabled {disabled: true|false}.
func (s *Server) handleUserStateSubmit(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	form := "state-" + c.Param("username")
	var off bool
	switch c.FormValue("disabled") {
	case "true":
		off = true
	case "false":
	default:
		err := workflow.FieldError("disabled", "disabled is true or false").WithKey("err.user.disabled_value", nil)
		return s.usersFormDone(c, form, "", "", err)
	}
	x, err := s.svc.UpdateUser(c.Request().Context(), u, c.Param("username"), workflow.UserPatch{Disabled: &off})
	done := "enabled"
	if off {
		done = "disabled"
	}
	return s.usersFormDone(c, form, done, accountName(x, c), err)
}

// handleUserPasswordSubmit sets a new password on an account:
// POST /admin/users/:username/password {password}.
func (s *Server) handleUserPasswordSubmit(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	err = s.svc.ResetPassword(c.Request().Context(), u, c.Param("username"), c.FormValue("password"))
	return s.usersFormDone(c, "password-"+c.Param("username"), "password", c.Param("username"), err)
}

// accountName is the stored user name of a changed account, else the one
// of the route.
func accountName(u *workflow.User, c echo.Context) string {
	if u != nil {
		return u.Username
	}
	return c.Param("username")
}
