package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"norma/workflow"
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

// longText is a text of n Chinese characters in paragraphs.
func longText(n int) string {
	var b strings.Builder
	b.WriteString("# 物业服务规范\n\n## 1 范围\n\n")
	for i := 0; i < n; i++ {
		b.WriteRune(rune(0x4e00 + (i*7919)%20000))
		if i%200 == 199 {
			b.WriteString("。\n\n")
		}
	}
	return b.String()
}

func TestChecksRefuseTextsBeyondAStandard(t *testing.T) {
	e := newEnv(t)
	token := e.login("drafter")
	for _, path := range []string{"/api/v1/similar", "/api/v1/lint"} {
		for _, who := range []string{"", token} {
			for _, n := range []int{workflow.MaxCheckChars + 1000, 1_290_000} {
				r := e.request("POST", path, who, map[string]string{"body": longText(n)})
				wantStatus(t, r, http.StatusRequestEntityTooLarge)
				if _, field, _ := r.Error(t); field != "body" {
					t.Errorf("%s: the refusal of %d characters names field %q, want body", path, n, field)
				}
			}
		}
	}
	// A large standard still passes.
	r := e.request("POST", "/api/v1/lint", token, map[string]string{"body": longText(300_000)})
	wantStatus(t, r, http.StatusOK)
}

func TestAnonymousChecksAreCountedPerAddress(t *testing.T) {
	e := newEnv(t)
	body := map[string]string{"body": meetingText}
	limit := workflow.DefaultConfig().AnonymousChecks
	for i := range limit {
		path := "/api/v1/similar"
		if i%2 == 0 {
			path = "/api/v1/lint"
		}
		wantStatus(t, e.request("POST", path, "", body), http.StatusOK)
	}
	r := e.request("POST", "/api/v1/lint", "", body)
	wantStatus(t, r, http.StatusTooManyRequests)
	if wait, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || wait < 1 || wait > 61 {
		t.Errorf("Retry-After %q, want up to a minute", r.Header.Get("Retry-After"))
	}
	// An account is not counted…
	wantStatus(t, e.request("POST", "/api/v1/lint", e.login("drafter"), body), http.StatusOK)
	// …and the address may check again once the window has passed.
	e.clock.Advance(time.Minute + time.Second)
	wantStatus(t, e.request("POST", "/api/v1/similar", "", body), http.StatusOK)
}

// withFrontMatter puts extra front matter lines into meetingText.
func withFrontMatter(lines string) string {
	return strings.Replace(meetingText, "ics: 03.080.99\n", "ics: 03.080.99\n"+lines, 1)
}

func TestMetadataIsCheckedWhereverItIsSet(t *testing.T) {
	e := newEnv(t)
	token := e.login("drafter")
	id := e.createStandard(token, nil)
	var many strings.Builder
	many.WriteString("replaces:\n")
	for i := range 20_000 {
		fmt.Fprintf(&many, "  - GB/T %d—2000\n", 40000+i)
	}
	bad := map[string]string{
		"replaces":     many.String(),
		"title_en":     "title_en: \"" + strings.Repeat("A", 100_000) + "\\u0007\\u0000\\u001b\\u0008\\u007f\"\n",
		"drafting_org": "drafting_org: \"北京\\u0000市\\n机关事务管理局\"\n",
		"category":     "category: \"" + strings.Repeat("类", 5000) + "\"\n",
		"title":        "title: \"机关会议\\u202e范规务服\"\n",
	}
	for name, fm := range bad {
		text := withFrontMatter(fm)
		if name == "title" {
			text = strings.Replace(meetingText, "title: 机关会议服务规范\n", fm, 1)
		}
		r := e.request("POST", "/api/v1/standards/"+id+"/revisions", token, map[string]any{"body": text, "base": 1})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if _, field, msg := r.Error(t); field != "body" || !strings.Contains(msg, name) {
			t.Errorf("save with bad %s: field %q message %q, want body naming %s", name, field, msg, name)
		}
		r = e.request("POST", "/api/v1/standards", token, map[string]any{"body": text})
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if _, field, _ := r.Error(t); field != name {
			t.Errorf("create with bad %s: field %q", name, field)
		}
		if _, _, err := e.svc.Import(context.Background(), workflow.ImportInput{Path: "bad.md", Text: text}); workflow.ErrorCode(err) != workflow.EINVALID {
			t.Errorf("import with bad %s: %v, want invalid", name, err)
		}
	}
	var revs []map[string]any
	e.request("GET", "/api/v1/standards/"+id+"/revisions", token, nil).JSON(t, &revs)
	if len(revs) != 1 {
		t.Errorf("%d revisions stored, want the first only", len(revs))
	}
}

func TestSmallFieldsRefuseControlCharacters(t *testing.T) {
	e := newEnv(t)
	token := e.login("drafter")
	id := e.createStandard(token, nil)
	r := e.request("POST", "/api/v1/standards/"+id+"/revisions", token,
		map[string]any{"body": meetingText + "\n新增。\n", "base": 1, "message": "修改\u0000第4章\u001b[31m"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "message" {
		t.Errorf("a message with control characters: field %q", field)
	}
	r = e.request("POST", "/api/v1/standards/"+id+"/revisions", token,
		map[string]any{"body": meetingText + "\n新增。\n", "base": 1, "message": "修改第4章\n\n补充设施要求"})
	wantStatus(t, r, http.StatusCreated)
	_, err := e.svc.CreateUser(context.Background(), nil, workflow.NewUser{Username: "newone", Name: "张\u202e三", Role: workflow.RoleDrafter, Password: "long-enough-1"})
	if workflow.ErrorCode(err) != workflow.EINVALID {
		t.Errorf("a display name with a bidi override: %v", err)
	}
	_, err = e.svc.CreateUser(context.Background(), nil, workflow.NewUser{Username: "newtwo", Name: "张\n三", Role: workflow.RoleDrafter, Password: "long-enough-1"})
	if workflow.ErrorCode(err) != workflow.EINVALID {
		t.Errorf("a display name with a line break: %v", err)
	}
}

func TestRemovedExpertLosesSearchAtOnce(t *testing.T) {
	e := newEnv(t)
	staff, drafter, expert := e.login("staff"), e.login("drafter"), e.login("expert1")
	id := e.createStandard(drafter, nil)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "expert1"}), http.StatusCreated)
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "submit"}), http.StatusOK)
	e.indexed()
	found := func() bool {
		var res struct{ Hits []struct{ ID string } }
		e.request("GET", "/api/v1/search?q="+url.QueryEscape("会务人员"), expert, nil).JSON(t, &res)
		for _, h := range res.Hits {
			if h.ID == id {
				return true
			}
		}
		return false
	}
	if !found() {
		t.Fatal("the assigned expert does not find the draft under review")
	}
	wantStatus(t, e.request("DELETE", "/api/v1/standards/"+id+"/experts/expert1", staff, nil), http.StatusNoContent)
	if found() {
		t.Error("the removed expert still finds the draft before the index catches up")
	}
	e.indexed()
	if found() {
		t.Error("the removed expert still finds the draft")
	}
}

func TestNoStoreAndHead(t *testing.T) {
	e := newEnv(t)
	token := e.login("drafter")
	id := e.createStandard(token, nil)
	for _, path := range []string{"/api/v1/standards/" + id, "/api/v1/session", "/"} {
		r := e.request("GET", path, token, nil)
		wantStatus(t, r, http.StatusOK)
		if got := r.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("GET %s as an account: Cache-Control %q, want no-store", path, got)
		}
	}
	b := e.browser()
	csrf := e.pageCSRF(b, "/login")
	wantStatus(t, e.postForm(b, "/login", url.Values{"_csrf": {csrf}, "username": {"drafter"}, "password": {testPassword}}), http.StatusSeeOther)
	r := e.send(b, "GET", "/standards/"+id, "", nil)
	wantStatus(t, r, http.StatusOK)
	if got := r.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("a page for an account: Cache-Control %q, want no-store", got)
	}
	for _, path := range []string{"/", "/login", "/search", "/healthz"} {
		get, head := e.request("GET", path, "", nil), e.request("HEAD", path, "", nil)
		wantStatus(t, head, get.StatusCode)
		if len(head.body) != 0 || head.Header.Get("Content-Type") != get.Header.Get("Content-Type") {
			t.Errorf("HEAD %s: %d bytes of %q, want none of %q", path, len(head.body), head.Header.Get("Content-Type"), get.Header.Get("Content-Type"))
		}
	}
}

func csrfCookieOf(r *response) string {
	v := ""
	for _, c := range r.Cookies() {
		if c.Name == "norma_csrf" {
			v = c.Value
		}
	}
	return v
}

func TestCSRFTokenRotatesAndStaysOffStatic(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	before := e.pageCSRF(b, "/login")
	r := e.postForm(b, "/login", url.Values{"_csrf": {before}, "username": {"drafter"}, "password": {testPassword}})
	wantStatus(t, r, http.StatusSeeOther)
	after := csrfCookieOf(r)
	if after == "" || after == before {
		t.Fatalf("the CSRF token at sign-in: %q, want a new one", after)
	}
	r = e.send(b, "POST", "/api/v1/standards", "", map[string]any{"body": meetingText}, "X-CSRF-Token", before)
	wantStatus(t, r, http.StatusForbidden)
	r = e.postForm(b, "/logout", url.Values{"_csrf": {after}})
	wantStatus(t, r, http.StatusSeeOther)
	if out := csrfCookieOf(r); out == "" || out == after {
		t.Errorf("the CSRF token at sign-out: %q, want a new one", out)
	}
	page := e.request("GET", "/", "", nil)
	m := regexp.MustCompile(`/static/[^"]+\.css`).FindString(string(page.body))
	if m == "" {
		t.Fatal("no stylesheet on the home page")
	}
	r = e.request("GET", m, "", nil)
	wantStatus(t, r, http.StatusOK)
	if len(r.Cookies()) != 0 {
		t.Errorf("a static file sets cookies: %v", r.Cookies())
	}
}

func TestWeakPasswordsAreRefused(t *testing.T) {
	e := newEnv(t)
	for _, pw := range []string{"wangfang", "WangFang", "aaaaaaaaaa", "88888888", "password", "12345678", "Password1", "woaini1314"} {
		_, err := e.svc.CreateUser(context.Background(), nil, workflow.NewUser{Username: "wangfang", Name: "王芳", Role: workflow.RoleDrafter, Password: pw})
		if workflow.ErrorCode(err) != workflow.EINVALID {
			t.Errorf("password %q: %v, want invalid", pw, err)
		}
	}
	if _, err := e.svc.CreateUser(context.Background(), nil, workflow.NewUser{Username: "wangfang", Role: workflow.RoleDrafter, Password: "晨光-会务-2026"}); err != nil {
		t.Errorf("a fair password: %v", err)
	}
}
