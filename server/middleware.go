package server

import (
	"crypto/rand"
	"encoding/base64"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"norma/workflow"
)

const (
	sessionCookie = "norma_session"
	csrfCookie    = "norma_csrf"
	userKey       = "norma.user"
	viaBearer     = "norma.bearer"
)

// currentUser returns the account of the request, nil for the public.
func currentUser(c echo.Context) *workflow.User {
	u, _ := c.Get(userKey).(*workflow.User)
	return u
}

// bearerToken returns the token of an "Authorization: Bearer" header.
func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get(echo.HeaderAuthorization)
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// authenticate finds the account of a request: a bearer token, which must
// be valid, or else the session cookie, which is dropped when it has ended.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		if token, ok := bearerToken(c.Request()); ok {
			u, err := s.svc.Authenticate(ctx, token)
			if err != nil {
				return err
			}
			c.Set(userKey, u)
			c.Set(viaBearer, true)
			return next(c)
		}
		if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			u, err := s.svc.Authenticate(ctx, ck.Value)
			switch workflow.ErrorCode(err) {
			case "":
				c.Set(userKey, u)
			case workflow.EUNAUTHORIZED:
				s.clearSessionCookie(c)
			default:
				return err
			}
		}
		return next(c)
	}
}

// csrf guards unsafe requests that a browser sends with the session cookie:
// they must echo the CSRF cookie's token in X-CSRF-Token or the _csrf form
// field. Bearer requests carry no ambient credential and are exempt.
func (s *Server) csrf() echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "header:X-CSRF-Token,form:_csrf",
		CookieName:     csrfCookie,
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   s.cfg.SecureCookies,
		CookieSameSite: http.SameSiteLaxMode,
		CookieMaxAge:   86400 * 7,
		Skipper: func(c echo.Context) bool {
			if c.Get(viaBearer) != nil || isStatic(c) {
				return true
			}
			ck, err := c.Cookie(sessionCookie)
			return (err != nil || ck.Value == "") && isAPI(c)
		},
		ErrorHandler: func(err error, c echo.Context) error {
			return workflow.Errorf(workflow.EFORBIDDEN, "missing or invalid CSRF token: send the %s cookie's value in the X-CSRF-Token header", csrfCookie).WithKey("err.csrf", nil)
		},
	})
}

// isStatic reports a request for a static file or the health check, which
// carry no form and get no CSRF cookie.
func isStatic(c echo.Context) bool {
	p := c.Request().URL.Path
	return strings.HasPrefix(p, "/static/") || p == "/healthz"
}

// noStore keeps answers to accounts and API answers out of every cache:
// they show what only this account may see. It looks at the credentials a
// request carries, not at the account they name, so that the answer
// refusing a stale token is kept out of caches too.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !isStatic(c) && (hasCredentials(c.Request()) || isAPI(c)) {
			c.Response().Header().Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}

// hasCredentials reports whether a request carries a bearer token or a
// session cookie, valid or not.
func hasCredentials(r *http.Request) bool {
	if _, ok := bearerToken(r); ok {
		return true
	}
	ck, err := r.Cookie(sessionCookie)
	return err == nil && ck.Value != ""
}

// readOnce lets a GET or HEAD request read each standard from the store
// once, however many of its parts (revisions, relations, filing, review)
// ask for it; the read rule is still checked on each. A HEAD arrives here
// as a GET (see ServeHTTP).
func readOnce(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method == http.MethodGet {
			r := c.Request()
			c.SetRequest(r.WithContext(workflow.WithReadMemo(r.Context())))
		}
		return next(c)
	}
}

// rotateCSRF gives the browser a new CSRF token, at sign-in and sign-out, so
// that a token seen before either is worth nothing after.
func (s *Server) rotateCSRF(c echo.Context) string {
	t := randomToken()
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: t, Path: "/", MaxAge: 86400 * 7,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	c.Set(middleware.DefaultCSRFConfig.ContextKey, t)
	return t
}

func csrfToken(c echo.Context) string {
	t, _ := c.Get(middleware.DefaultCSRFConfig.ContextKey).(string)
	return t
}

// ensureCSRF returns the request's CSRF token, issuing one in the CSRF
// cookie when the middleware skipped the request (an API login without
// cookies), so that a browser client can make its next unsafe request.
func (s *Server) ensureCSRF(c echo.Context) string {
	if t := csrfToken(c); t != "" {
		return t
	}
	if ck, err := c.Cookie(csrfCookie); err == nil && ck.Value != "" {
		return ck.Value
	}
	t := randomToken()
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: t, Path: "/", MaxAge: 86400 * 7,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	c.Set(middleware.DefaultCSRFConfig.ContextKey, t)
	return t
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *Server) setSessionCookie(c echo.Context, token string, sess *workflow.Session) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: int(sess.ExpiresAt.Sub(sess.CreatedAt).Seconds()),
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearSessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// accessLog logs one line per request through slog.
func (s *Server) accessLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod: true, LogURIPath: true, LogStatus: true, LogLatency: true, LogRequestID: true,
		LogRemoteIP: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
				slog.String("method", requestMethod(c)), slog.String("path", v.URIPath), slog.Int("status", v.Status),
				slog.Duration("latency", v.Latency), slog.String("ip", v.RemoteIP), slog.String("request_id", v.RequestID))
			return nil
		},
	})
}
