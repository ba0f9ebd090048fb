package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"norma/workflow"
)

// find returns the first element under n for which match holds.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func has(tag, key, val string) func(*html.Node) bool {
	return func(n *html.Node) bool { v, ok := attr(n, key); return n.Data == tag && ok && v == val }
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func parsePage(t *testing.T, r *response) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(string(r.body)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// The actions come from the workflow's table: what the role may do, with
// every unmet condition, in the API and on the page in Chinese.
func TestActionOptions(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	var opts []workflow.ActionOption
	e.request("GET", "/api/v1/standards/"+id+"/actions", e.login("staff"), nil).JSON(t, &opts)
	got := map[workflow.Action]workflow.ActionOption{}
	for _, o := range opts {
		got[o.Action] = o
	}
	if len(opts) != len(workflow.Actions) {
		t.Fatalf("staff gets %d actions, want all %d: %+v", len(opts), len(workflow.Actions), opts)
	}
	if u := got[workflow.ActionSubmit].Unmet; len(u) != 1 || u[0].Key != "guard.no_expert" {
		t.Errorf("submit without expert: unmet %+v", u)
	}
	if u := got[workflow.ActionAbolish].Unmet; len(u) != 1 || u[0].Key != "guard.state" {
		t.Errorf("abolish a draft: unmet %+v", u)
	}
	if !got[workflow.ActionWithdraw].Ready() {
		t.Errorf("withdraw of a draft is not ready: %+v", got[workflow.ActionWithdraw])
	}
	if p := got[workflow.ActionReturn].Params; len(p) != 1 || p[0].Name != "note" || !p[0].Required {
		t.Errorf("return's params = %+v", p)
	}
	e.request("GET", "/api/v1/standards/"+id+"/actions", drafter, nil).JSON(t, &opts)
	if len(opts) != 3 || opts[0].Action != workflow.ActionConsult || opts[1].Action != workflow.ActionSubmit ||
		opts[2].Action != workflow.ActionWithdraw {
		t.Errorf("the drafter's actions = %+v", opts)
	}

	r := e.request("GET", "/standards/"+id, e.login("staff"), nil)
	wantStatus(t, r, http.StatusOK)
	form := find(parsePage(t, r), has("form", "data-action", "submit"))
	if form == nil {
		t.Fatal("the page has no submit form")
	}
	if s := textOf(form); !strings.Contains(s, "尚未指定审查专家") {
		t.Errorf("the submit form reads %q", s)
	}
	if btn := find(form, func(n *html.Node) bool { return n.Data == "button" }); btn == nil {
		t.Error("no button")
	} else if _, off := attr(btn, "disabled"); !off {
		t.Error("submit without an expert is not disabled")
	}
}

// A refused form comes again with the input kept and the message beside its
// field; a taken action redirects to the page.
func TestWorkbenchFormErrors(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	b := e.browser()
	r := e.send(b, "POST", "/api/v1/session", "", map[string]string{"username": "staff", "password": testPassword})
	csrf := r.Map(t)["csrf_token"].(string)
	post := func(path string, v url.Values) *response {
		v.Set("_csrf", csrf)
		return e.send(b, "POST", path, "", v.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	}
	r = post("/standards/"+id+"/transitions", url.Values{"action": {"approve"}, "notice_days": {"400"}, "note": {"会议纪要见附件"}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	form := find(parsePage(t, r), has("form", "data-action", "approve"))
	if form == nil {
		t.Fatal("the refused page has no approve form")
	}
	days := find(form, has("input", "name", "notice_days"))
	if v, _ := attr(days, "value"); v != "400" {
		t.Errorf("notice_days shows %q, want the 400 sent", v)
	}
	if note := find(form, has("textarea", "name", "note")); textOf(note) != "会议纪要见附件" {
		t.Errorf("the note shows %q", textOf(note))
	}
	errp := find(form, has("p", "class", "field-error"))
	if errp == nil || !strings.Contains(textOf(errp), "365") || errp.PrevSibling == nil {
		t.Fatalf("no message beside notice_days: %v", errp)
	}
	r = post("/standards/"+id+"/transitions", url.Values{"action": {"return"}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if f := find(parsePage(t, r), has("form", "data-action", "return")); f == nil || find(f, has("p", "class", "field-error")) == nil {
		t.Error("a return without a reason shows no message in its form")
	}
	r = post("/standards/"+id+"/transitions", url.Values{"action": {"approve"}, "notice_days": {"10"}})
	wantStatus(t, r, http.StatusSeeOther)
	if loc := r.Header.Get("Location"); loc != "/standards/"+id+"#actions" {
		t.Errorf("after approve the page goes to %q", loc)
	}
	st := e.request("GET", "/api/v1/standards/"+id, e.login("staff"), nil).Map(t)
	if st["state"] != string(workflow.StatePublicNotice) {
		t.Errorf("after the approve form the standard is %v", st["state"])
	}
}

// The comparison page offers every revision the visitor may read in two
// pickers and links each changed clause to its place in both texts; the
// public, who reads only the latest text, is offered no comparison.
func TestComparePickers(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StatePublicNotice, 1)
	e.clock.Advance(48 * time.Hour) // the window closes; the drafter may save again
	drafter := e.login("drafter")
	text2 := strings.Replace(meetingText, "4.1.1 会务人员应经过岗位培训。", "4.1.1 会务人员应经过岗位培训并考核合格。", 1)
	text2 = strings.Replace(text2, "ics: 03.080.99", "ics: 03.080.01", 1)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": text2, "base": 1}), http.StatusCreated)
	r := e.request("GET", "/standards/"+id+"/compare?from=1&to=2", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	doc := parsePage(t, r)
	for _, name := range []string{"from", "to"} {
		sel := find(doc, has("select", "name", name))
		if sel == nil || find(sel, has("option", "value", "2")) == nil || find(sel, has("option", "value", "1")) == nil {
			t.Errorf("no %s picker with revisions 1 and 2", name)
		}
	}
	if find(doc, has("a", "href", "/standards/"+id+"?rev=1#c-4.1.1")) == nil || find(doc, has("a", "href", "/standards/"+id+"?rev=2#c-4.1.1")) == nil {
		t.Errorf("clause 4.1.1 is not linked in both texts:\n%s", r.body)
	}
	fields := find(doc, has("section", "class", "panel fields"))
	if fields == nil || !strings.Contains(textOf(fields), "ics03.080.9903.080.01") {
		t.Errorf("the front matter is not compared as fields: %v", fields)
	}
	pub := e.request("GET", "/standards/"+id, "", nil)
	if a := find(parsePage(t, pub), func(n *html.Node) bool {
		v, _ := attr(n, "href")
		return n.Data == "a" && strings.Contains(v, "/compare")
	}); a != nil {
		t.Error("the public is offered a comparison it cannot open")
	}
}
