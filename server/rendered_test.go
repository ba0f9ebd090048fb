package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// Each revision's page shows its own text, however often and in whatever
// order the revisions are asked for: the rendering is kept per text.
func TestRevisionPagesKeepTheirOwnRendering(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	text2 := strings.Replace(meetingText, "### 4.2 设施", "### 4.2 场地与设施", 1)
	r := e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": text2, "base": 1})
	wantStatus(t, r, http.StatusCreated)
	for range 2 {
		for n, want := range map[string]string{"1": "设施", "2": "场地与设施"} {
			page := e.request("GET", "/standards/"+id+"?rev="+n, drafter, nil)
			wantStatus(t, page, http.StatusOK)
			if !strings.Contains(string(page.body), `class="clause clause-clause">4.2 `+want+"<") {
				t.Errorf("revision %s page lacks heading %q", n, want)
			}
			if n == "1" && strings.Contains(string(page.body), "场地与设施") {
				t.Error("revision 1 page shows revision 2's heading")
			}
			var view struct{ HTML string }
			e.request("GET", "/api/v1/standards/"+id+"/revisions/"+n, drafter, nil).JSON(t, &view)
			if strings.Contains(view.HTML, "场地与设施") != (n == "2") {
				t.Errorf("revision %s JSON html: %q", n, view.HTML)
			}
		}
	}
}
