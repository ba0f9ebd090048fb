package server

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// statuses maps each error code of the domain to its HTTP status.
var statuses = map[string]int{
	workflow.EINVALID:      http.StatusUnprocessableEntity,
	workflow.EMALFORMED:    http.StatusBadRequest,
	workflow.ENOTFOUND:     http.StatusNotFound,
	workflow.ECONFLICT:     http.StatusConflict,
	workflow.EFORBIDDEN:    http.StatusForbidden,
	workflow.EUNAUTHORIZED: http.StatusUnauthorized,
	workflow.ETOOMANY:      http.StatusTooManyRequests,
	workflow.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	workflow.EINTERNAL:     http.StatusInternalServerError,
	workflow.EUNAVAILABLE:  http.StatusServiceUnavailable,
	workflow.EFULL:         http.StatusInsufficientStorage,
}

// codes maps the statuses echo itself answers with back to error codes.
var codes = map[int]string{}

func init() {
	for code, status := range statuses {
		codes[status] = code
	}
	codes[http.StatusMethodNotAllowed] = workflow.ENOTFOUND
}

// apiError is the body of every API error.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Field   string         `json:"field"`
	Details map[string]any `json:"details,omitempty"`
	// Key names the message in the catalogs and Args fill it, for clients
	// that show it in their own language.
	Key  string         `json:"key,omitempty"`
	Args map[string]any `json:"args,omitempty"`
}

// toError turns any error into a domain Error: echo's own HTTP errors keep
// their status's code, anything unknown becomes internal.
func toError(err error) *workflow.Error {
	if e := workflow.AsError(err); e != nil {
		return e
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge {
		return &workflow.Error{Code: workflow.ETOOLARGE, Field: "body", Message: "the request body is larger than the limit"}
	}
	if errors.As(err, &he) {
		code, ok := codes[he.Code]
		if !ok {
			code = workflow.EINTERNAL
			if he.Code >= 400 && he.Code < 500 {
				code = workflow.EMALFORMED
			}
		}
		msg := http.StatusText(he.Code)
		if m, ok := he.Message.(string); ok && code != workflow.EINTERNAL {
			msg = m
		}
		return &workflow.Error{Code: code, Message: strings.ToLower(msg[:1]) + msg[1:]}
	}
	return &workflow.Error{Code: workflow.EINTERNAL, Message: "internal error"}
}

// handleError is echo's one error handler: it logs internal errors only and
// answers /api/ paths with JSON and pages with the error page.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	e := toError(err)
	status := statuses[e.Code]
	switch e.Code {
	case workflow.EINTERNAL:
		s.log.Error("internal error", "err", err, "method", c.Request().Method,
			"path", c.Request().URL.Path, "request_id", c.Response().Header().Get(echo.HeaderXRequestID))
		e = &workflow.Error{Code: workflow.EINTERNAL, Message: "internal error"}
	case workflow.EFULL: // the operator must free space: say so in the log too
		s.log.Error("storage full", "err", err, "method", c.Request().Method, "path", c.Request().URL.Path)
	}
	if v, ok := e.Details["retry_after"].(int); ok {
		c.Response().Header().Set("Retry-After", strconv.Itoa(v))
	}
	if e.Code == workflow.EUNAUTHORIZED && isAPI(c) {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="norma"`)
	}
	var werr error
	switch {
	case isAPI(c):
		werr = c.JSON(status, apiError{apiErrorBody{Code: e.Code, Message: e.Message, Field: e.Field,
			Details: e.Details, Key: e.Key, Args: e.Args}})
	case e.Code == workflow.EUNAUTHORIZED && !hasBearer(c.Request()):
		// Not for a refused bearer token: the login page would refuse it
		// again, and redirect again, without end.
		werr = c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
	default:
		werr = s.renderError(c, status, e)
	}
	if werr != nil {
		s.log.Error("writing an error response", "err", werr)
	}
}

func hasBearer(r *http.Request) bool {
	_, ok := bearerToken(r)
	return ok
}

func isAPI(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, "/api/")
}
