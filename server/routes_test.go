package server_test

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"norma/workflow"
)

// routeParams fills the parameters of every GET route: an issued standard
// everyone may read, its first revision, a proposal, a code list and a
// static file.
func (e *env) routeParams() map[string]string {
	e.t.Helper()
	id := e.standardIn(workflow.StateIssued, 1)
	r := e.request("POST", "/api/v1/proposals", e.login("drafter"), greening)
	wantStatus(e.t, r, http.StatusCreated)
	home := e.request("GET", "/", "", nil)
	css := regexp.MustCompile(`/static/([^"/]+\.css)`).FindStringSubmatch(string(home.body))
	if css == nil {
		e.t.Fatal("no stylesheet on the home page")
	}
	return map[string]string{":id": id, ":n": "1", ":pid": fmt.Sprint(r.Map(e.t)["id"]), ":list": "ics",
		":name": css[1], ":username": "drafter", "*": "no-such-thing"}
}

// getPaths returns the path of every GET route, its parameters filled.
func (e *env) getPaths() []string {
	e.t.Helper()
	params := e.routeParams()
	seen := map[string]bool{}
	for _, rt := range e.app.Routes() {
		if rt.Method != http.MethodGet {
			continue
		}
		var parts []string
		for _, seg := range strings.Split(rt.Path, "/") {
			if v, ok := params[seg]; ok {
				seg = v
			} else if strings.HasPrefix(seg, ":") {
				e.t.Fatalf("route %s: no value for %s; add one to routeParams", rt.Path, seg)
			}
			parts = append(parts, seg)
		}
		seen[strings.Join(parts, "/")] = true
	}
	var paths []string
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Every route that answers GET answers HEAD with the same status and
// headers and no body; every answer to an account, and every API answer,
// carries Cache-Control: no-store (static files and /healthz excepted). The
// routes come from the server's own table, so a new route is covered the
// day it is added.
func TestEveryRouteAnswersHeadAndStaysOutOfCaches(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	actors := map[string]string{"public": "", "a stale token": "no-such-token", "staff": e.login("staff"), "drafter": e.login("drafter")}
	paths := e.getPaths()
	if len(paths) < 40 {
		t.Fatalf("only %d GET routes found: %v", len(paths), paths)
	}
	for _, path := range paths {
		for name, token := range actors {
			get, head := e.request("GET", path, token, nil), e.request("HEAD", path, token, nil)
			if get.StatusCode >= 500 && get.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("GET %s as %s: %d %s", path, name, get.StatusCode, get.body)
			}
			if head.StatusCode != get.StatusCode || len(head.body) != 0 {
				t.Errorf("HEAD %s as %s: %d with %d bytes, want %d without a body", path, name, head.StatusCode, len(head.body), get.StatusCode)
			}
			for _, h := range []string{"Content-Type", "Cache-Control", "Location"} {
				if head.Header.Get(h) != get.Header.Get(h) {
					t.Errorf("HEAD %s as %s: %s %q, GET gives %q", path, name, h, head.Header.Get(h), get.Header.Get(h))
				}
			}
			static := strings.HasPrefix(path, "/static/") || path == "/healthz"
			if want := !static && (token != "" || strings.HasPrefix(path, "/api/")); want && get.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("GET %s as %s (%d): Cache-Control %q, want no-store", path, name, get.StatusCode, get.Header.Get("Cache-Control"))
			}
		}
	}
}
