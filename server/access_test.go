package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"norma/workflow"
)

// readableBy is who may read a standard in each state, written out from the
// design: anyone once it is public; otherwise its drafter, staff and
// admins, and the assigned expert (expert1) while it is under review.
func readableBy(actor string, state workflow.State) bool {
	switch {
	case state == workflow.StatePublicNotice || state == workflow.StateIssued || state == workflow.StateSuperseded ||
		state == workflow.StateAbolished:
		return true
	case actor == "drafter" || actor == "staff" || actor == "admin":
		return true
	}
	return actor == "expert1" && state == workflow.StateExpertReview
}

// TestAccessTable requests every route that names a standard, as every
// actor, for a standard in every state: whoever may not read it gets 404 on
// each route, reads and actions alike, and never finds it in search; whoever
// may read it gets no 404 and no server error, and finds it.
func TestAccessTable(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	actors := []string{"", "drafter", "drafter2", "expert1", "expert2", "staff", "admin"}
	tokens := map[string]string{"": ""}
	for _, a := range actors[1:] {
		tokens[a] = e.login(a)
	}
	states := []workflow.State{workflow.StateDraft, workflow.StateExpertReview, workflow.StatePublicNotice,
		workflow.StateIssued, workflow.StateWithdrawn, workflow.StateAbolished, workflow.StateSuperseded}
	ids := map[workflow.State]string{}
	for i, st := range states {
		ids[st] = e.standardIn(st, i+1)
	}
	e.indexed()
	if r := e.request("GET", "/standards/s-nosuchthing9/edit", "", nil); r.Request.URL.Path != "/login" {
		t.Errorf("editing a standard that does not exist anonymously ends at %s, want the login page", r.Request.URL)
	}
	reads := []string{"", "/revisions", "/revisions/1", "/revisions/1/lint", "/diff?from=1&to=1", "/history",
		"/comments", "/public-comments", "/dispositions", "/rounds", "/experts", "/similar"}
	pages := []string{"", "/compare?from=1&to=1", "/edit"}
	actions := []struct {
		method, path string
		body         any
	}{
		{"POST", "/revisions", map[string]any{"body": meetingText + "\n改。\n", "base": 1}},
		{"POST", "/comments", map[string]any{"body": "意见。"}},
		{"PUT", "/verdict", map[string]any{"verdict": "approve"}},
		{"POST", "/transitions", map[string]any{"action": "withdraw"}},
		{"POST", "/experts", map[string]any{"username": "expert2"}},
		{"DELETE", "/experts/expert1", nil},
	}
	for _, st := range states {
		id := ids[st]
		for _, a := range actors {
			may := readableBy(a, st)
			check := func(method, path string, r *response) {
				t.Helper()
				switch {
				case !may && r.StatusCode != http.StatusNotFound:
					t.Errorf("%s %s %s as %q: %d, want 404 (may not read a %s standard)", method, path, id, a, r.StatusCode, st)
				case may && (r.StatusCode == http.StatusNotFound || r.StatusCode >= 500):
					t.Errorf("%s %s as %q (%s): %d; body %.200s", method, path, a, st, r.StatusCode, r.body)
				}
			}
			for _, p := range reads {
				path := "/api/v1/standards/" + id + p
				check("GET", path, e.request("GET", path, tokens[a], nil))
			}
			for _, p := range pages {
				path := "/standards/" + id + p
				r := e.request("GET", path, tokens[a], nil)
				if a == "" && p == "/edit" { // sent to log in, as for a standard that does not exist
					if r.Request.URL.Path != "/login" {
						t.Errorf("GET %s anonymously ends at %s, want the login page", path, r.Request.URL)
					}
					continue
				}
				check("GET", path, r)
			}
			if !may {
				for _, x := range actions {
					path := "/api/v1/standards/" + id + x.path
					check(x.method, path, e.request(x.method, path, tokens[a], x.body))
				}
			}
			_, res := e.search(tokens[a], "q="+"机关会议服务&size=100")
			found := false
			for _, h := range res.Hits {
				found = found || h.ID == id
			}
			if found != may {
				t.Errorf("search as %q finds the %s standard: %v, want %v", a, st, found, may)
			}
			page := e.request("GET", "/search?q="+"机关会议服务&size=100", tokens[a], nil)
			if got := containsID(page.body, id); got != may {
				t.Errorf("the search page as %q shows the %s standard: %v, want %v", a, st, got, may)
			}
		}
	}
}

func containsID(body []byte, id string) bool {
	return len(id) > 0 && strings.Contains(string(body), fmt.Sprintf("/standards/%s\"", id))
}
