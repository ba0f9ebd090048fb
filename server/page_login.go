package server

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

type loginPage struct {
	Page
	Error    string
	Next     string
	Username string
	// Ended says the visitor has just signed out everywhere.
	Ended bool
}

// safeNext keeps a redirect target on this site: a path that parses as
// one on this origin, with no scheme, host, backslash or control character
// (browsers skip tabs and line breaks, so "/\t/evil.example" would leave);
// anything else is "/".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.ContainsAny(next, "\\") ||
		strings.IndexFunc(next, unicode.IsControl) >= 0 {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(u.Path, "//") ||
		strings.HasPrefix(next, "//") {
		return "/"
	}
	return next
}

// handleLoginPage shows the login form: GET /login.
func (s *Server) handleLoginPage(c echo.Context) error {
	p := loginPage{Page: s.page(c, ""), Next: safeNext(c.QueryParam("next")), Ended: c.QueryParam("ended") == "all"}
	p.Title = p.T("login.title")
	return s.render(c, http.StatusOK, "login", p)
}

// handleLoginSubmit logs in from the form: POST /login.
func (s *Server) handleLoginSubmit(c echo.Context) error {
	name, next := c.FormValue("username"), safeNext(c.FormValue("next"))
	token, sess, err := s.svc.Login(c.Request().Context(), name, c.FormValue("password"), c.RealIP())
	if err != nil {
		code := workflow.ErrorCode(err)
		if code != workflow.EUNAUTHORIZED && code != workflow.ETOOMANY {
			return err
		}
		p := loginPage{Page: s.page(c, ""), Next: next, Username: name}
		p.Title, p.Error = p.T("login.title"), p.T("error."+code)
		if code == workflow.EUNAUTHORIZED {
			p.Error = s.message(c, err)
		}
		return s.render(c, statuses[code], "login", p)
	}
	s.setSessionCookie(c, token, sess)
	s.rotateCSRF(c)
	return c.Redirect(http.StatusSeeOther, next)
}

// handleLogoutSubmit logs out from the form: POST /logout.
func (s *Server) handleLogoutSubmit(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := s.svc.Logout(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c)
	s.rotateCSRF(c)
	return c.Redirect(http.StatusSeeOther, "/")
}
