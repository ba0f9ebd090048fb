package server_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestLogin(t *testing.T) {
	e := newEnv(t)
	r := e.request("POST", "/api/v1/session", "", map[string]string{"username": "drafter", "password": testPassword})
	wantStatus(t, r, http.StatusOK)
	var out struct {
		Token string
		User  struct{ Username, Role string }
	}
	r.JSON(t, &out)
	if len(out.Token) < 22 || out.User.Username != "drafter" || out.User.Role != "drafter" {
		t.Errorf("login answer = %+v, want a token of at least 128 bits and the user", out)
	}
	if strings.Contains(string(r.body), "password") {
		t.Errorf("login answer mentions the password hash: %s", r.body)
	}
	var ck *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == "norma_session" {
			ck = c
		}
	}
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Value != out.Token {
		t.Errorf("session cookie = %+v, want HttpOnly SameSite=Lax carrying the token", ck)
	}
	me := e.request("GET", "/api/v1/session", out.Token, nil)
	wantStatus(t, me, http.StatusOK)
	if !strings.Contains(string(me.body), `"username":"drafter"`) {
		t.Errorf("GET session = %s", me.body)
	}
}

func TestBadLoginSaysNotWhichPart(t *testing.T) {
	e := newEnv(t)
	wrongPass := e.request("POST", "/api/v1/session", "", map[string]string{"username": "drafter", "password": "wrong-password"})
	wrongName := e.request("POST", "/api/v1/session", "", map[string]string{"username": "nobody", "password": testPassword})
	wantStatus(t, wrongPass, http.StatusUnauthorized)
	wantStatus(t, wrongName, http.StatusUnauthorized)
	if string(wrongPass.body) != string(wrongName.body) {
		t.Errorf("a wrong password answers %s but a wrong name %s; they must not differ", wrongPass.body, wrongName.body)
	}
	missing := e.request("POST", "/api/v1/session", "", map[string]string{"username": "drafter"})
	wantStatus(t, missing, http.StatusUnprocessableEntity)
	if _, field, _ := missing.Error(t); field != "password" {
		t.Errorf("missing password names field %q", field)
	}
}

func TestLoginRateLimit(t *testing.T) {
	e := newEnv(t)
	for i := range 5 {
		r := e.request("POST", "/api/v1/session", "", map[string]string{"username": "staff", "password": "wrong-password"})
		wantStatus(t, r, http.StatusUnauthorized)
		_ = i
	}
	r := e.request("POST", "/api/v1/session", "", map[string]string{"username": "staff", "password": testPassword})
	wantStatus(t, r, http.StatusTooManyRequests)
	if r.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	// A colleague at the same address is not locked out by those typos…
	wantStatus(t, e.request("POST", "/api/v1/session", "", map[string]string{"username": "drafter", "password": testPassword}), http.StatusOK)
	// After the window the right password works again.
	e.clock.Advance(16 * time.Minute)
	r = e.request("POST", "/api/v1/session", "", map[string]string{"username": "staff", "password": testPassword})
	wantStatus(t, r, http.StatusOK)
}

func TestLoginThrottleCountsTheCanonicalName(t *testing.T) {
	e := newEnv(t)
	for _, name := range []string{"staff", "Staff", "STAFF", "sTaff", "staFF"} {
		wantStatus(t, e.request("POST", "/api/v1/session", "", map[string]string{"username": name, "password": "wrong-password"}), http.StatusUnauthorized)
	}
	for _, name := range []string{"staff", "Staff", "STAFF", "StAfF"} {
		r := e.request("POST", "/api/v1/session", "", map[string]string{"username": name, "password": testPassword})
		wantStatus(t, r, http.StatusTooManyRequests)
	}
}

func TestLoginSlowsDownAnAddress(t *testing.T) {
	e := newEnv(t)
	// An address that keeps failing for many names is slowed down…
	for i := range 30 {
		e.request("POST", "/api/v1/session", "", map[string]string{"username": fmt.Sprint("guess", i), "password": "wrong-password"})
	}
	r := e.request("POST", "/api/v1/session", "", map[string]string{"username": "drafter", "password": testPassword})
	wantStatus(t, r, http.StatusTooManyRequests)
	wait, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || wait < 1 || wait > 60 {
		t.Fatalf("Retry-After %q, want 1 to 60 seconds", r.Header.Get("Retry-After"))
	}
	// …but an office behind it still signs in once the short delay has passed,
	e.clock.Advance(time.Duration(wait) * time.Second)
	wantStatus(t, e.request("POST", "/api/v1/session", "", map[string]string{"username": "drafter", "password": testPassword}), http.StatusOK)
	// while each further failure doubles the delay, up to a minute.
	var last int
	for i := range 10 {
		r := e.request("POST", "/api/v1/session", "", map[string]string{"username": fmt.Sprint("more", i), "password": "wrong-password"})
		if r.StatusCode == http.StatusTooManyRequests {
			last, _ = strconv.Atoi(r.Header.Get("Retry-After"))
			e.clock.Advance(time.Duration(last) * time.Second)
		}
	}
	if last < 30 || last > 61 {
		t.Errorf("after many more failures the delay is %ds, want about a minute", last)
	}
}

func TestTokenExpiry(t *testing.T) {
	e := newEnv(t)
	token := e.login("drafter")
	wantStatus(t, e.request("GET", "/api/v1/session", token, nil), http.StatusOK)
	e.clock.Advance(12*time.Hour + time.Second)
	r := e.request("GET", "/api/v1/standards", token, nil)
	wantStatus(t, r, http.StatusUnauthorized)
	if code, _, _ := r.Error(t); code != "unauthorized" {
		t.Errorf("expired token: code %q", code)
	}
}

func TestLogout(t *testing.T) {
	e := newEnv(t)
	token := e.login("drafter")
	wantStatus(t, e.request("DELETE", "/api/v1/session", token, nil), http.StatusNoContent)
	wantStatus(t, e.request("GET", "/api/v1/session", token, nil), http.StatusUnauthorized)
}

func TestBadBearer(t *testing.T) {
	e := newEnv(t)
	r := e.request("GET", "/api/v1/standards", "not-a-token", nil)
	wantStatus(t, r, http.StatusUnauthorized)
	if r.Header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
}

func TestCSRF(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	r := e.send(b, "POST", "/api/v1/session", "", map[string]string{"username": "drafter", "password": testPassword})
	wantStatus(t, r, http.StatusOK)
	csrf := r.Map(t)["csrf_token"].(string)
	if csrf == "" {
		t.Fatal("login gave no csrf_token")
	}
	body := map[string]any{"body": meetingText}
	// The cookie alone does not do: a cross-site form could send it.
	r = e.send(b, "POST", "/api/v1/standards", "", body)
	wantStatus(t, r, http.StatusForbidden)
	r = e.send(b, "POST", "/api/v1/standards", "", body, "X-CSRF-Token", "forged")
	wantStatus(t, r, http.StatusForbidden)
	r = e.send(b, "POST", "/api/v1/standards", "", body, "X-CSRF-Token", csrf)
	wantStatus(t, r, http.StatusCreated)
	// A bearer request carries no ambient credential and needs no token.
	wantStatus(t, e.request("POST", "/api/v1/standards", e.login("drafter"), body), http.StatusCreated)
}

func TestHealth(t *testing.T) {
	e := newEnv(t)
	r := e.request("GET", "/healthz", "", nil)
	wantStatus(t, r, http.StatusOK)
	if string(r.body) != `{"status":"ok"}`+"\n" {
		t.Errorf("healthz = %q", r.body)
	}
	e.db.Close()
	wantStatus(t, e.request("GET", "/healthz", "", nil), http.StatusServiceUnavailable)
}

// Every answer carries a request id and the secure headers; large answers
// are compressed when the client accepts it.
func TestMiddleware(t *testing.T) {
	e := newEnv(t)
	r := e.request("GET", "/healthz", "", nil)
	for _, h := range []string{"X-Request-Id", "X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy"} {
		if r.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "object-src 'none'") {
		t.Errorf("CSP = %q", csp)
	}
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/standards/"+id+"/revisions/1", nil)
	req.Header.Set("Authorization", "Bearer "+drafter)
	req.Header.Set("Accept-Encoding", "gzip")
	tr := &http.Transport{DisableCompression: true}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("a %s answer is not compressed: %v", resp.Header.Get("Content-Length"), resp.Header)
	}
}
