package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var reCSRFField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// pageCSRF loads a page in the browser client and returns its form's CSRF token.
func (e *env) pageCSRF(b *http.Client, path string) string {
	e.t.Helper()
	r := e.send(b, "GET", path, "", nil)
	wantStatus(e.t, r, http.StatusOK)
	m := reCSRFField.FindSubmatch(r.body)
	if m == nil {
		e.t.Fatalf("%s has no CSRF field", path)
	}
	return string(m[1])
}

// postForm posts form fields from the browser client.
func (e *env) postForm(b *http.Client, path string, form url.Values) *response {
	e.t.Helper()
	return e.send(b, "POST", path, "", []byte(form.Encode()), "Content-Type", "application/x-www-form-urlencoded")
}

func TestLoginRedirectStaysOnSite(t *testing.T) {
	e := newEnv(t)
	for next, want := range map[string]string{
		"/standards/x?tab=1":    "/standards/x?tab=1",
		"/search?q=物业 服务":       "/search?q=物业 服务",
		"/\t/evil.example":      "/",
		"/\n/evil.example":      "/",
		"/\r\n/evil.example":    "/",
		"//evil.example":        "/",
		"/\\evil.example":       "/",
		"/%2F/evil.example":     "/",
		"https://evil.example/": "/",
		"/\x00/evil.example":    "/",
		"javascript:alert(1)":   "/",
		"evil.example":          "/",
		" /\x7f/evil.example":   "/",
		"/ok\\..\\\\evil":       "/",
		"/%09/evil.example":     "/%09/evil.example", // the form's value is the decoded query: a literal %09 stays a path
	} {
		b := e.browser()
		csrf := e.pageCSRF(b, "/login?next="+url.QueryEscape(next))
		r := e.postForm(b, "/login", url.Values{"_csrf": {csrf}, "username": {"drafter"}, "password": {testPassword}, "next": {next}})
		wantStatus(t, r, http.StatusSeeOther)
		if got := r.Header.Get("Location"); got != want {
			t.Errorf("next %q: Location %q, want %q", next, got, want)
		}
	}
	// The attack as sent: the query decodes %09 to a tab, which the page must not keep.
	b := e.browser()
	r := e.send(b, "GET", "/login?next=/%09/evil.example", "", nil)
	if strings.Contains(string(r.body), "evil.example") {
		t.Errorf("the login page keeps the foreign next: %s", reCSRFField.ReplaceAll(r.body, nil))
	}
}
