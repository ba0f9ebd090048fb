package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"norma/workflow"
)

// noticeOpenFor brings a standard to a public notice of days days.
func (e *env) noticeOpenFor(days int) string {
	e.t.Helper()
	id := e.standardIn(workflow.StateExpertReview, 1)
	if _, err := e.svc.Transition(context.Background(), e.users["staff"], id,
		workflow.TransitionInput{Action: workflow.ActionApprove, NoticeDays: &days}); err != nil {
		e.t.Fatal(err)
	}
	return id
}

// The public comment form keeps what was typed when it is refused, says why
// in Chinese beside the field, marks what is required and what is published;
// after the window it says the notice has ended.
func TestPublicFormKeepsInput(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.noticeOpenFor(30)
	b := e.browser()
	page := e.send(b, "GET", "/standards/"+id, "", nil)
	wantStatus(t, page, http.StatusOK)
	doc := parsePage(t, page)
	form := find(doc, has("form", "action", "/standards/"+id+"/public-comment"))
	if form == nil {
		t.Fatal("no public comment form")
	}
	csrf, _ := attr(find(form, has("input", "name", "_csrf")), "value")
	// The public reads no login and no link it could not follow.
	if strings.Contains(textOf(doc), "drafter") || find(doc, has("a", "href", "?rev=1")) != nil {
		t.Error("the public page names a login or links an earlier revision")
	}
	if !strings.Contains(textOf(form), "联系方式不公开") || find(form, has("abbr", "class", "req")) == nil {
		t.Errorf("the form does not say what is published or mark what is required: %q", textOf(form))
	}
	v := url.Values{"_csrf": {csrf}, "name": {"王晓明"}, "organization": {"某市物业协会"}, "contact": {"13800000000"},
		"clause": {"4.1"}, "body": {"   "}}
	r := e.send(b, "POST", "/standards/"+id+"/public-comment", "", v.Encode(),
		"Content-Type", "application/x-www-form-urlencoded")
	wantStatus(t, r, http.StatusUnprocessableEntity)
	form = find(parsePage(t, r), has("form", "action", "/standards/"+id+"/public-comment"))
	for name, want := range map[string]string{"name": "王晓明", "organization": "某市物业协会", "contact": "13800000000"} {
		if got, _ := attr(find(form, has("input", "name", name)), "value"); got != want {
			t.Errorf("after the error %s shows %q, want %q", name, got, want)
		}
	}
	if opt := find(form, has("option", "value", "4.1")); opt == nil {
		t.Error("clause 4.1 is not offered")
	} else if _, sel := attr(opt, "selected"); !sel {
		t.Error("the chosen clause is not kept")
	}
	body := find(form, has("textarea", "name", "body"))
	msg := find(form, has("span", "id", "e-public-body"))
	if msg == nil || !strings.Contains(textOf(msg), "请填写意见内容") {
		t.Fatalf("no Chinese message beside the body: %v", msg)
	}
	if d, _ := attr(body, "aria-describedby"); d != "e-public-body" {
		t.Errorf("the body field is not tied to its message: %q", d)
	}
	if strings.Contains(string(r.body), "body is required") {
		t.Error("the English message reached the page")
	}

	// After the window: the page says so and takes no comment.
	e.clock.Advance(31 * 24 * time.Hour)
	page = e.send(b, "GET", "/standards/"+id, "", nil)
	doc = parsePage(t, page)
	if find(doc, has("form", "action", "/standards/"+id+"/public-comment")) != nil {
		t.Error("the form is offered after the notice ended")
	}
	closed := find(doc, func(n *html.Node) bool { v, _ := attr(n, "class"); return n.Data == "section" && v == "notice closed" })
	if closed == nil || !strings.Contains(textOf(closed), "公示已结束") {
		t.Errorf("the page does not say the notice ended")
	}
	v.Set("body", "建议增加考核要求。")
	r = e.send(b, "POST", "/standards/"+id+"/public-comment", "", v.Encode(),
		"Content-Type", "application/x-www-form-urlencoded")
	wantStatus(t, r, http.StatusConflict)
	if !strings.Contains(string(r.body), "意见征集期已结束") {
		t.Error("a late comment is not told in Chinese that the period ended")
	}
}
