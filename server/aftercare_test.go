package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"norma/workflow"
)

// issued imports an issued local standard into the server's library.
func (e *env) issued(number, region, issued, impl string) string {
	e.t.Helper()
	text := fmt.Sprintf("---\nnumber: %s\ntitle: 宾馆服务规范\nlevel: local\nregion: %q\nissue_date: %q\nimpl_date: %q\n---\n\n"+
		"## 1 范围\n\n本文件规定了宾馆服务。\n\n## 5 服务要求\n\n### 5.2 会中服务\n\n会务人员应引导入场。\n", number, region, issued, impl)
	_, id, err := e.svc.Import(context.Background(), workflow.ImportInput{Path: number + ".md", Text: text})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func TestFilingAndReviewAPI(t *testing.T) {
	e := newEnv(t)
	id := e.issued("DB11/T 500—2021", "11", "2021-03-01", "2021-06-01") // review due 2026-06-01
	fresh := e.issued("DB11/T 501—2026", "11", "2026-04-20", "2026-07-01")
	staff, drafter := e.login("staff"), e.login("drafter")

	r := e.request("POST", "/api/v1/standards/"+fresh+"/filing", drafter, map[string]string{"number": "x", "filed_on": "2026-04-25"})
	wantStatus(t, r, http.StatusForbidden)
	r = e.request("POST", "/api/v1/standards/"+fresh+"/filing", staff, map[string]string{"number": "京备 2026-17", "filed_on": "2026-4-25"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "filed_on" {
		t.Errorf("a bad date is blamed on %q", field)
	}
	var due []workflow.FilingStatus
	e.request("GET", "/api/v1/filings/due?within=60", staff, nil).JSON(t, &due)
	if len(due) != 2 || due[0].Standard.ID != id || !due[0].Overdue || due[1].Due != "2026-06-19" {
		t.Fatalf("filings due = %+v", due)
	}
	r = e.request("POST", "/api/v1/standards/"+fresh+"/filing", staff, map[string]string{"number": "京备 2026-17", "filed_on": "2026-04-25"})
	wantStatus(t, r, http.StatusOK)
	r = e.request("GET", "/api/v1/standards/"+fresh+"/filing", "", nil)
	wantStatus(t, r, http.StatusOK)
	if r.Map(t)["number"] != "京备 2026-17" {
		t.Errorf("the public reads the filing as %s", r.body)
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/filing", "", nil), http.StatusNotFound)

	r = e.request("GET", "/api/v1/reviews/due?within=soon", staff, nil)
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "within" {
		t.Errorf("a bad within is blamed on %q", field)
	}
	wantStatus(t, e.request("GET", "/api/v1/reviews/due", drafter, nil), http.StatusForbidden)
	var reviews []workflow.ReviewDue
	e.request("GET", "/api/v1/reviews/due?within=31", staff, nil).JSON(t, &reviews)
	if len(reviews) != 1 || reviews[0].Standard.ID != id || reviews[0].ReviewDue != "2026-06-01" {
		t.Fatalf("reviews due within 31 days = %+v", reviews)
	}
	r = e.request("POST", "/api/v1/standards/"+id+"/reviews", staff, map[string]string{"conclusion": "revise"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "reason" {
		t.Errorf("a revise without reason is blamed on %q", field)
	}
	r = e.request("POST", "/api/v1/standards/"+id+"/reviews", staff, map[string]string{"conclusion": "revise", "reason": "服务要求需更新"})
	wantStatus(t, r, http.StatusCreated)
	project, _ := r.Map(t)["project"].(string)
	p := e.request("GET", "/api/v1/standards/"+project, staff, nil).Map(t)
	if p["state"] != "draft" || fmt.Sprint(p["replaces"]) != "[DB11/T 500—2021]" {
		t.Errorf("revision project = %v", p)
	}
	var view workflow.ReviewView
	e.request("GET", "/api/v1/standards/"+id+"/reviews", staff, nil).JSON(t, &view)
	if len(view.Reviews) != 1 || view.Reviews[0].ProjectID != project || view.CycleYears != 5 {
		t.Errorf("review view = %+v", view)
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/reviews", "", nil), http.StatusForbidden)
}

func TestFeedbackAPI(t *testing.T) {
	e := newEnv(t)
	id := e.issued("DB11/T 600—2024", "11", "2024-01-01", "2024-03-01")
	in := map[string]string{"clause": "5.2", "kind": "problem", "body": "引导要求不清楚", "name": "王五",
		"organization": "某宾馆", "contact": "wang@example.cn"}
	r := e.request("POST", "/api/v1/standards/"+id+"/feedback", "", in)
	wantStatus(t, r, http.StatusCreated)
	if strings.Contains(string(r.body), "wang@example.cn") {
		t.Errorf("the receipt repeats the contact: %s", r.body)
	}
	fid := int64(r.Map(t)["id"].(float64))
	bad := map[string]string{"kind": "problem", "body": "x"}
	r = e.request("POST", "/api/v1/standards/"+id+"/feedback", "", bad)
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "name" {
		t.Errorf("feedback without a name is blamed on %q", field)
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/feedback", "", nil), http.StatusForbidden)
	page := e.request("GET", "/standards/"+id, "", nil)
	wantStatus(t, page, http.StatusOK)
	if strings.Contains(string(page.body), "wang@example.cn") || strings.Contains(string(page.body), "引导要求不清楚") {
		t.Error("the public page shows the feedback")
	}
	if find(parsePage(t, page), has("form", "action", "/standards/"+id+"/feedback")) == nil {
		t.Error("the public finds no feedback form on the issued standard's page")
	}
	staff := e.login("staff")
	var list []workflow.Feedback
	e.request("GET", "/api/v1/standards/"+id+"/feedback", staff, nil).JSON(t, &list)
	if len(list) != 1 || list[0].Contact != "wang@example.cn" {
		t.Fatalf("staff's list = %+v", list)
	}
	path := fmt.Sprintf("/api/v1/standards/%s/feedback/%d/answer", id, fid)
	wantStatus(t, e.request("PUT", path, e.login("drafter"), map[string]string{"answer": "好"}), http.StatusForbidden)
	r = e.request("PUT", path, staff, map[string]string{"answer": "已纳入复审"})
	wantStatus(t, r, http.StatusOK)
	if r.Map(t)["answered_by"] != "staff" {
		t.Errorf("answer = %s", r.body)
	}
}

// The forms on the page: the public's feedback (refused with the input kept
// and the message beside the field, then accepted with a receipt), the
// staff's answer and filing, and the staff's list of what is due.
func TestAftercareForms(t *testing.T) {
	e := newEnv(t)
	id := e.issued("DB11/T 700—2026", "11", "2026-04-01", "2026-06-01")
	b := e.browser()
	r := e.send(b, "GET", "/standards/"+id, "", nil)
	wantStatus(t, r, http.StatusOK)
	var csrf string
	for _, c := range b.Jar.Cookies(r.Request.URL) {
		if c.Name == "norma_csrf" {
			csrf = c.Value
		}
	}
	post := func(path string, v url.Values) *response {
		v.Set("_csrf", csrf)
		return e.send(b, "POST", path, "", v.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	}
	r = post("/standards/"+id+"/feedback", url.Values{"kind": {"suggestion"}, "clause": {"5.2"}, "body": {"建议增加无障碍引导"}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	form := find(parsePage(t, r), has("form", "action", "/standards/"+id+"/feedback"))
	if form == nil {
		t.Fatal("the refused page has no feedback form")
	}
	if body := find(form, has("textarea", "name", "body")); textOf(body) != "建议增加无障碍引导" {
		t.Errorf("the body shows %q", textOf(body))
	}
	// The message names the field as the page does: 姓名, not "name".
	if errp := find(form, has("p", "class", "field-error")); errp == nil || !strings.Contains(textOf(errp), "姓名") {
		t.Errorf("no message naming 姓名 beside the name field")
	}
	r = post("/standards/"+id+"/feedback", url.Values{"kind": {"suggestion"}, "clause": {"5.2"}, "body": {"建议增加无障碍引导"},
		"name": {"赵六"}, "contact": {"13900000000"}})
	wantStatus(t, r, http.StatusSeeOther)
	r = e.send(b, "GET", r.Header.Get("Location"), "", nil)
	if find(parsePage(t, r), has("p", "class", "ok")) == nil {
		t.Error("no receipt after sending feedback")
	}

	staff := e.browser()
	r = e.send(staff, "POST", "/api/v1/session", "", map[string]string{"username": "staff", "password": testPassword})
	csrf = r.Map(t)["csrf_token"].(string)
	b = staff
	r = post("/standards/"+id+"/filing", url.Values{"number": {"京备 2026-31"}, "filed_on": {"2027-01-01"}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	f := find(parsePage(t, r), has("form", "action", "/standards/"+id+"/filing"))
	if f == nil || find(f, has("p", "class", "field-error")) == nil {
		t.Fatal("a filing in the future shows no message in its form")
	}
	if in := find(f, has("input", "name", "number")); in == nil {
		t.Fatal("no number field")
	} else if v, _ := attr(in, "value"); v != "京备 2026-31" {
		t.Errorf("the number shows %q", v)
	}
	wantStatus(t, post("/standards/"+id+"/filing", url.Values{"number": {"京备 2026-31"}, "filed_on": {"2026-04-20"}}), http.StatusSeeOther)
	r = e.send(staff, "GET", "/standards/"+id, "", nil)
	doc := parsePage(t, r)
	if !strings.Contains(textOf(find(doc, has("section", "id", "aftercare"))), "京备 2026-31") {
		t.Error("the page does not show the filing")
	}
	li := find(doc, func(n *html.Node) bool { v, _ := attr(n, "id"); return strings.HasPrefix(v, "feedback-") })
	if li == nil || !strings.Contains(textOf(li), "13900000000") || find(li, has("input", "name", "answer")) == nil {
		t.Fatal("staff see no feedback with its contact and answer form")
	}
	r = e.send(staff, "GET", "/aftercare?within=400", "", nil)
	wantStatus(t, r, http.StatusOK)
	doc = parsePage(t, r)
	if !strings.Contains(textOf(find(doc, has("section", "id", "feedback-open"))), "建议增加无障碍引导") {
		t.Error("the staff's list does not show the open feedback")
	}
	if st, err := e.svc.Standard(context.Background(), e.users["staff"], id); err != nil {
		t.Fatal(err)
	} else if open := textOf(find(doc, has("section", "id", "feedback-open"))); !strings.Contains(open, st.Title) || strings.Contains(open, id) {
		t.Errorf("the open feedback should name its standard by title, not by id %s: %q", id, open)
	}
	if !strings.Contains(textOf(find(doc, has("section", "id", "filings-due"))), "暂无") {
		t.Error("the filed standard is still listed as due")
	}
}
