package server

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"norma/web"
	"norma/workflow"
)

const langCookie = "norma_lang"

// Page is what every page template gets: the language, the account, the
// CSRF token for its forms and the title.
type Page struct {
	Lang  string
	User  *workflow.User
	CSRF  string
	Title string
	// WorkCount is how many items wait for the signed-in account.
	WorkCount int
	// LangURL is this page, with its query, in the other language.
	LangURL string
	catalog web.Catalog
}

// T translates a message key into the page's language.
func (p Page) T(key string, args ...any) string { return p.catalog.T(p.Lang, key, args...) }

// page builds the common part of a page for the request, in the language
// of language.
func (s *Server) page(c echo.Context, title string) Page {
	p := Page{Lang: s.language(c), User: currentUser(c), CSRF: csrfToken(c), Title: title, catalog: s.catalog}
	p.LangURL = langURL(c.Request().URL, p.Lang)
	if secs, ok := c.Get(workListKey).([]workflow.WorkSection); ok {
		// The home page has read the work list already.
		p.WorkCount = workflow.CountWork(secs)
	} else if p.User != nil {
		n, err := s.svc.WorkCount(c.Request().Context(), p.User)
		if err != nil {
			// The count is a hint in the header; the page itself still answers.
			s.log.Warn("work count", "user", p.User.Username, "err", err)
		}
		p.WorkCount = n
	}
	return p
}

// langURL is u with its query, switched to the language other than lang.
// The URL of a form's answer (a POST) leads back to the same path.
func langURL(u *url.URL, lang string) string {
	q := u.Query()
	other := "en"
	if lang == "en" {
		other = "zh-CN"
	}
	q.Set("lang", other)
	if next := q.Get("next"); next != "" {
		// A page's own way back is kept only when it leads to this site.
		if safe := safeNext(next); safe != next {
			q.Del("next")
		}
	}
	return u.Path + "?" + q.Encode()
}

// language is the language of the answer: Chinese unless the visitor chose
// English with the switch (?lang=, remembered in a cookie). Accept-Language
// does not count: headless browsers and many office machines send en-US
// whatever their user reads, and the scripts of a Chinese page must get
// Chinese from the API too. An API client asks with ?lang=en.
func (s *Server) language(c echo.Context) string {
	if l := matchLanguage(c.QueryParam("lang")); l != "" {
		c.SetCookie(&http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 86400, SameSite: http.SameSiteLaxMode})
		return l
	}
	if ck, err := c.Cookie(langCookie); err == nil {
		if l := matchLanguage(ck.Value); l != "" {
			return l
		}
	}
	return web.Languages[0]
}

// matchLanguage maps a language tag to a UI language, or "".
func matchLanguage(tag string) string {
	tag = strings.ToLower(tag)
	switch {
	case strings.HasPrefix(tag, "zh"):
		return "zh-CN"
	case strings.HasPrefix(tag, "en"):
		return "en"
	}
	return ""
}

// render writes a page template with status 200.
func (s *Server) render(c echo.Context, status int, name string, data any) error {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			pageBuffers.Put(buf)
		}
	}()
	if err := s.views.Render(buf, name, data); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// pageBuffers hold pages while they are made: a page is written whole once
// made, and the writers below copy what they keep, so the buffer is free
// again when render returns.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

type errorPage struct {
	Page
	Status  int
	Code    string
	Message string
}

func (s *Server) renderError(c echo.Context, status int, e *workflow.Error) error {
	p := errorPage{Page: s.page(c, s.catalog.T(s.language(c), "error.title")), Status: status, Code: e.Code}
	if e.Code != workflow.EINTERNAL {
		p.Message = s.message(c, e)
	}
	return s.render(c, status, "error", p)
}

// message is the message of err in the visitor's language: its key through
// the catalogs, else its English message; "internal error" for a fault.
func (s *Server) message(c echo.Context, err error) string {
	e := workflow.AsError(err)
	if e == nil {
		return workflow.ErrorMessage(err)
	}
	lang := s.language(c)
	if e.Key != "" {
		if msg, ok := s.named(lang, e.Key, e.Args); ok {
			return msg
		}
	}
	if e.Code == workflow.ENOTFOUND && lang != "en" {
		// The store's "no comment 7" says no more than this.
		return s.catalog.T(lang, "error.not_found")
	}
	return e.Message
}

// named is the message key in lang, its arguments in lang too: a state,
// role, level, action or decision by its name in the catalogs, a field by
// its label (field.*) where the catalogs have one.
func (s *Server) named(lang, key string, args map[string]any) (string, bool) {
	local := make(map[string]any, len(args))
	for name, v := range args {
		local[name] = v
		var k string
		switch v := v.(type) {
		case workflow.State:
			k = "state." + string(v)
		case workflow.Role:
			k = "role." + string(v)
		case workflow.Level:
			k = "level." + string(v)
		case workflow.Action:
			k = "action." + string(v)
		case workflow.Decision:
			k = "decision." + string(v)
		case string:
			if name == "field" {
				k = "field." + v
			}
		}
		if k != "" && s.catalog.Has(k) {
			local[name] = s.catalog.T(lang, k)
		}
	}
	return s.catalog.Named(lang, key, local)
}
