package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

type sessionRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type sessionResponse struct {
	Token     string         `json:"token"`
	User      *workflow.User `json:"user"`
	ExpiresAt time.Time      `json:"expires_at"`
	CSRFToken string         `json:"csrf_token,omitempty"`
}

// handleSessionCreate logs in: POST /api/v1/session.
func (s *Server) handleSessionCreate(c echo.Context) error {
	var in sessionRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Username == "" {
		return workflow.FieldError("username", "username is required").WithKey("err.user.name_required", nil)
	}
	if in.Password == "" {
		return workflow.FieldError("password", "password is required").WithKey("err.session.password_required", nil)
	}
	token, sess, err := s.svc.Login(c.Request().Context(), in.Username, in.Password, c.RealIP())
	if err != nil {
		return err
	}
	s.setSessionCookie(c, token, sess)
	return c.JSON(http.StatusOK, sessionResponse{Token: token, User: sess.User, ExpiresAt: sess.ExpiresAt, CSRFToken: s.rotateCSRF(c)})
}

// handleSessionDelete logs out: DELETE /api/v1/session.
func (s *Server) handleSessionDelete(c echo.Context) error {
	token, ok := bearerToken(c.Request())
	if !ok {
		if ck, err := c.Cookie(sessionCookie); err == nil {
			token = ck.Value
		}
	}
	if token != "" {
		if err := s.svc.Logout(c.Request().Context(), token); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c)
	s.rotateCSRF(c)
	return c.NoContent(http.StatusNoContent)
}

// handleSessionView returns the logged-in account: GET /api/v1/session.
func (s *Server) handleSessionView(c echo.Context) error {
	u := currentUser(c)
	if u == nil {
		return workflow.Errorf(workflow.EUNAUTHORIZED, "not logged in")
	}
	return c.JSON(http.StatusOK, map[string]any{"user": u, "csrf_token": s.ensureCSRF(c)})
}
