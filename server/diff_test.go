package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	text2 := strings.Replace(meetingText, "4.1.1 会务人员应经过岗位培训。", "4.1.1 会务人员应经过岗位培训并考核合格。", 1)
	text2 = strings.Replace(text2, "4.1.2 会务人员宜统一着装。", "4.1.2 会务人员宜统一着装。\n\n4.1.3 会务人员应佩戴<script>标识</script>。", 1)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": text2, "base": 1}), http.StatusCreated)
	r := e.request("GET", "/api/v1/standards/"+id+"/diff?from=1&to=2", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	var d struct {
		From, To int
		Stats    struct{ Inserted, Deleted int }
		Ops      []struct{ Op, Text string }
		Clauses  []struct{ Clause, Title, Change string }
	}
	r.JSON(t, &d)
	var old, neu strings.Builder
	for _, op := range d.Ops {
		if op.Op != "insert" {
			old.WriteString(op.Text)
		}
		if op.Op != "delete" {
			neu.WriteString(op.Text)
		}
	}
	if old.String() != meetingText || neu.String() != text2 {
		t.Errorf("the ops do not rebuild the texts")
	}
	if d.From != 1 || d.To != 2 || d.Stats.Inserted == 0 || d.Stats.Deleted != 0 {
		t.Errorf("diff = from %d to %d, stats %+v", d.From, d.To, d.Stats)
	}
	changes := map[string]string{}
	for _, c := range d.Clauses {
		changes[c.Clause] = c.Change
	}
	if changes["4.1.1"] != "modified" || changes["4.1.3"] != "added" || len(changes) != 2 {
		t.Errorf("clause summary = %+v", d.Clauses)
	}
	same := e.request("GET", "/api/v1/standards/"+id+"/diff?from=2&to=2", drafter, nil)
	if body := string(same.body); strings.Contains(body, `"insert"`) || strings.Contains(body, `"delete"`) {
		t.Errorf("identical revisions differ: %s", body)
	}
	h := e.request("GET", "/api/v1/standards/"+id+"/diff?from=1&to=2&format=html", drafter, nil)
	wantStatus(t, h, http.StatusOK)
	inserted := selectTexts(t, string(h.body), "ins")
	if !strings.HasPrefix(h.Header.Get("Content-Type"), "text/html") || len(inserted) == 0 ||
		!strings.Contains(strings.Join(inserted, ""), "<script>标识</script>") || len(inlineScripts(t, string(h.body))) > 0 {
		t.Errorf("HTML diff (inserted %q):\n%s", inserted, h.body)
	}
	for q, field := range map[string]string{"from=x&to=2": "from", "to=2": "from", "from=1": "to", "from=1&to=2&format=pdf": "format"} {
		r := e.request("GET", "/api/v1/standards/"+id+"/diff?"+q, drafter, nil)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if _, f, _ := r.Error(t); f != field {
			t.Errorf("%s: field %q, want %q", q, f, field)
		}
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/diff?from=1&to=9", drafter, nil), http.StatusNotFound)
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/diff?from=1&to=2", e.login("drafter2"), nil), http.StatusNotFound)
}
