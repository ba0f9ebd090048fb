package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// accountView is an account as the accounts list shows it to staff and
// admins: with whether it is disabled and its last sign-in, which the
// account as others see it (workflow.User) leaves out.
type accountView struct {
	ID           int64         `json:"id"`
	Username     string        `json:"username"`
	Name         string        `json:"name"`
	Role         workflow.Role `json:"role"`
	Organization string        `json:"organization"`
	CreatedAt    time.Time     `json:"created_at"`
	Disabled     bool          `json:"disabled"`
	DisabledAt   *time.Time    `json:"disabled_at"`
	LastLoginAt  *time.Time    `json:"last_login_at"`
}

func viewAccount(u *workflow.User) accountView {
	return accountView{ID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role, Organization: u.Organization,
		CreatedAt: u.CreatedAt, Disabled: u.Disabled(), DisabledAt: u.DisabledAt, LastLoginAt: u.LastLoginAt}
}

// signedIn returns the request's account, or unauthorized for the public.
func signedIn(c echo.Context) (*workflow.User, error) {
	if u := currentUser(c); u != nil {
		return u, nil
	}
	return nil, workflow.Errorf(workflow.EUNAUTHORIZED, "log in first").WithKey("err.session.none", nil)
}

// sessionToken is the token of the request's session: the bearer token or
// the session cookie.
func sessionToken(c echo.Context) string {
	if t, ok := bearerToken(c.Request()); ok {
		return t
	}
	if ck, err := c.Cookie(sessionCookie); err == nil {
		return ck.Value
	}
	return ""
}

func (s *Server) userRoutes(api *echo.Group) {
	api.GET("/users", s.handleUserList)
	api.POST("/users", s.handleUserCreate)
	api.GET("/users/:username", s.handleUserView)
	api.PATCH("/users/:username", s.handleUserUpdate)
	api.PUT("/users/:username/password", s.handleUserPassword)
	api.PUT("/account/password", s.handleAccountPassword)
	api.DELETE("/sessions", s.handleSessionsDelete)
}

// handleUserList lists the accounts: GET /api/v1/users (staff, admins).
func (s *Server) handleUserList(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	users, err := s.svc.Users(c.Request().Context(), u)
	if err != nil {
		return err
	}
	out := make([]accountView, len(users))
	for i, x := range users {
		out[i] = viewAccount(x)
	}
	return c.JSON(http.StatusOK, out)
}

type userRequest struct {
	Username     string `json:"username"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	Organization string `json:"organization"`
	Password     string `json:"password"`
}

// handleUserCreate adds an account: POST /api/v1/users (admins).
func (s *Server) handleUserCreate(c echo.Context) error {
	u, err := signedIn(c) // CreateUser takes a nil actor for the command line
	if err != nil {
		return err
	}
	var in userRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	created, err := s.svc.CreateUser(c.Request().Context(), u, workflow.NewUser{Username: in.Username, Name: in.Name,
		Role: workflow.Role(in.Role), Organization: in.Organization, Password: in.Password})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, viewAccount(created))
}

// handleUserView shows one account: GET /api/v1/users/:username (staff, admins).
func (s *Server) handleUserView(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	x, err := s.svc.User(c.Request().Context(), u, c.Param("username"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, viewAccount(x))
}

// handleUserUpdate changes an account: PATCH /api/v1/users/:username
// {name, role, organization, disabled} (admins).
func (s *Server) handleUserUpdate(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	var p workflow.UserPatch
	if err := bindJSON(c, &p); err != nil {
		return err
	}
	x, err := s.svc.UpdateUser(c.Request().Context(), u, c.Param("username"), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, viewAccount(x))
}

// handleUserPassword sets an account's password and ends its sessions:
// PUT /api/v1/users/:username/password {password} (admins).
func (s *Server) handleUserPassword(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	var in struct {
		Password string `json:"password"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.svc.ResetPassword(c.Request().Context(), u, c.Param("username"), in.Password); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// handleAccountPassword changes the caller's own password:
// PUT /api/v1/account/password {current_password, new_password}. The
// caller's other sessions end; this one stays.
func (s *Server) handleAccountPassword(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	var in workflow.PasswordChange
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if err := s.svc.ChangePassword(c.Request().Context(), u, sessionToken(c), in); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// handleSessionsDelete signs the caller out everywhere: DELETE
// /api/v1/sessions ends every session of the account, this one too.
func (s *Server) handleSessionsDelete(c echo.Context) error {
	u, err := signedIn(c)
	if err != nil {
		return err
	}
	if _, err := s.svc.EndSessions(c.Request().Context(), u); err != nil {
		return err
	}
	s.clearSessionCookie(c)
	s.rotateCSRF(c)
	return c.NoContent(http.StatusNoContent)
}
