package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"norma/search"
	"norma/workflow"
)

// issuedClean imports meetingText, which passes the structure check, as an
// issued local standard numbered number.
func (e *env) issuedClean(number string) string {
	e.t.Helper()
	text := strings.Replace(meetingText, "---\n", "---\nnumber: "+number+"\nissue_date: \"2020-03-01\"\nimpl_date: \"2020-06-01\"\n", 1)
	_, id, err := e.svc.Import(context.Background(), workflow.ImportInput{Path: number + ".md", Text: text})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// amendedText is a text with clause 4.2 reworded.
func amendedText(t *testing.T, body string) string {
	t.Helper()
	out := strings.Replace(body, "会场应配备扩音、照明和应急疏散设施。", "会场应配备扩音、照明、无障碍和应急疏散设施。", 1)
	if out == body {
		t.Fatal("the text to amend lacks clause 4.2")
	}
	return out
}

func TestAmendmentAPI(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	parent := e.issuedClean("DB11/T 800—2020")
	staff, drafter, expert := e.login("staff"), e.login("drafter"), e.login("expert1")
	path := "/api/v1/standards/" + parent + "/amendments"

	wantStatus(t, e.request("POST", path, "", map[string]string{}), http.StatusUnauthorized)
	wantStatus(t, e.request("POST", path, drafter, map[string]string{}), http.StatusForbidden)
	wantStatus(t, e.request("POST", "/api/v1/standards/s-none/amendments", staff, map[string]string{}), http.StatusNotFound)
	r := e.request("POST", path, staff, map[string]string{"sheet": strings.Repeat("改", 20001)})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "sheet" {
		t.Errorf("a long sheet is blamed on %q", field)
	}
	r = e.request("POST", path, staff, map[string]string{"note": "更正 5.2 的服务要求"})
	wantStatus(t, r, http.StatusCreated)
	a := r.Map(t)
	id, _ := a["id"].(string)
	if a["kind"] != "amendment" || a["parent"] != parent || a["state"] != "draft" || a["title"] != "《机关会议服务规范》第1号修改单" {
		t.Fatalf("amendment = %v", a)
	}
	wantStatus(t, e.request("POST", path, staff, map[string]string{}), http.StatusConflict)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/amendments", staff, map[string]string{}), http.StatusConflict)
	if p := e.request("GET", "/api/v1/standards/"+parent, staff, nil).Map(t); p["kind"] != "standard" {
		t.Errorf("the parent's kind = %v", p["kind"])
	}

	// Edit, review by letter with one expert, notice, issue without a number.
	first := e.request("GET", "/api/v1/standards/"+id+"/revisions/1", staff, nil).Map(t)
	body := amendedText(t, first["body"].(string))
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", staff, map[string]any{"body": body, "base": 1}), http.StatusCreated)
	var sheet struct {
		Sheet   string `json:"sheet"`
		Drafted bool   `json:"drafted"`
	}
	e.request("GET", "/api/v1/standards/"+id+"/sheet", staff, nil).JSON(t, &sheet)
	if !sheet.Drafted || !strings.Contains(sheet.Sheet, "4.2 条改为") || !strings.Contains(sheet.Sheet, "无障碍") {
		t.Errorf("drafted sheet = %+v", sheet)
	}
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "expert1"}), http.StatusCreated)
	wantStatus(t, e.move(staff, id, map[string]any{"action": "submit"}), http.StatusOK)
	wantStatus(t, e.request("PUT", "/api/v1/standards/"+id+"/verdict", expert, map[string]any{"verdict": "approve"}), http.StatusOK)
	wantStatus(t, e.move(staff, id, map[string]any{"action": "approve", "notice_days": 0}), http.StatusOK)
	r = e.move(staff, id, map[string]any{"action": "issue", "number": "DB11/T 800—2020/XG3—2026", "issue_date": "2026-05-01", "impl_date": "2026-06-01"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, msg := r.Error(t); field != "number" || !strings.Contains(msg, "DB11/T 800—2020/XG1—2026") {
		t.Errorf("a wrong sheet number: field %q, message %q", field, msg)
	}
	r = e.move(staff, id, map[string]any{"action": "issue", "issue_date": "2026-05-01", "impl_date": "2026-06-01"})
	wantStatus(t, r, http.StatusOK)
	if got := r.Map(t); got["number"] != "DB11/T 800—2020/XG1—2026" || got["sheet"] == "" {
		t.Errorf("issued amendment = %v", got)
	}

	p := e.request("GET", "/api/v1/standards/"+parent, "", nil).Map(t)
	if p["revision"] != float64(2) || p["state"] != "issued" {
		t.Fatalf("the amended standard = %v", p)
	}
	rev := e.request("GET", "/api/v1/standards/"+parent+"/revisions/2", "", nil).Map(t)
	if rev["body"] != body || rev["stage"] != "issued" {
		t.Errorf("the amended text: stage %v, amended %v", rev["stage"], rev["body"] == body)
	}
	var hist []workflow.HistoryEntry
	e.request("GET", "/api/v1/standards/"+parent+"/history", staff, nil).JSON(t, &hist)
	if last := hist[len(hist)-1]; last.Action != "amend" || !strings.Contains(last.Note, "按修改单 DB11/T 800—2020/XG1—2026 修改") {
		t.Errorf("last history entry = %+v", last)
	}
	var rel workflow.Relations
	e.request("GET", "/api/v1/standards/"+parent+"/relations", "", nil).JSON(t, &rel)
	if len(rel.Amendments) != 1 || rel.Amendments[0].ID != id || rel.Amendments[0].Sheet == "" {
		t.Errorf("the parent's relations = %+v", rel)
	}
	e.request("GET", "/api/v1/standards/"+id+"/relations", "", nil).JSON(t, &rel)
	if rel.Parent == nil || rel.Parent.ID != parent {
		t.Errorf("the amendment's relations = %+v", rel)
	}

	// Search finds the amended standard and the sheet by the sheet's number.
	e.indexed()
	for _, q := range []string{"DB11/T 800—2020/XG1—2026", "DB11/T 800-2020 第1号修改单"} {
		var res search.Result
		e.request("GET", "/api/v1/search?q="+url.QueryEscape(q), "", nil).JSON(t, &res)
		if len(res.Hits) < 2 || !(res.Hits[0].ID == parent || res.Hits[1].ID == parent) || !(res.Hits[0].ID == id || res.Hits[1].ID == id) {
			t.Errorf("search %q: %+v; want the standard and its sheet first", q, res.Hits)
		}
	}
}

// The form 发布修改单 on the standard's page, refused with the input kept
// and the message beside the field, then accepted; the sheet's own form.
func TestAmendmentForms(t *testing.T) {
	e := newEnv(t)
	parent := e.issuedClean("DB11/T 801—2020")
	if doc := parsePage(t, e.request("GET", "/standards/"+parent, "", nil)); find(doc, has("form", "action", "/standards/"+parent+"/amendments")) != nil {
		t.Error("the public is offered the amendment form")
	}
	b := e.browser()
	r := e.send(b, "POST", "/api/v1/session", "", map[string]string{"username": "staff", "password": testPassword})
	csrf := r.Map(t)["csrf_token"].(string)
	post := func(path string, v url.Values) *response {
		v.Set("_csrf", csrf)
		return e.send(b, "POST", path, "", v.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	}
	doc := parsePage(t, e.send(b, "GET", "/standards/"+parent, "", nil))
	form := find(doc, has("form", "action", "/standards/"+parent+"/amendments"))
	if form == nil || find(form, has("textarea", "name", "sheet")) == nil || find(form, has("input", "name", "note")) == nil {
		t.Fatal("staff see no form 发布修改单 with the fields sheet and note")
	}
	long := strings.Repeat("改", 20001)
	r = post("/standards/"+parent+"/amendments", url.Values{"sheet": {long}, "note": {"更正"}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	form = find(parsePage(t, r), has("form", "action", "/standards/"+parent+"/amendments"))
	if form == nil {
		t.Fatal("the refused page has no amendment form")
	}
	if ta := find(form, has("textarea", "name", "sheet")); textOf(ta) != long {
		t.Errorf("the sheet was not kept (%d characters)", len([]rune(textOf(ta))))
	}
	if in := find(form, has("input", "name", "note")); in == nil {
		t.Error("no note field")
	} else if v, _ := attr(in, "value"); v != "更正" {
		t.Errorf("the note shows %q", v)
	}
	if p := find(form, has("p", "class", "field-error")); p == nil || !strings.Contains(textOf(p), "20000") {
		t.Errorf("no message beside the sheet field: %v", p)
	}
	r = post("/standards/"+parent+"/amendments", url.Values{"sheet": {""}, "note": {"更正 5.2"}})
	wantStatus(t, r, http.StatusSeeOther)
	loc := r.Header.Get("Location")
	id := strings.TrimPrefix(loc, "/standards/")
	if !strings.HasPrefix(id, "s-") {
		t.Fatalf("redirected to %q", loc)
	}
	doc = parsePage(t, e.send(b, "GET", loc, "", nil))
	rel := find(doc, has("section", "id", "relations"))
	if !strings.Contains(textOf(rel), "DB11/T 801—2020") || find(rel, has("a", "href", "/standards/"+parent)) == nil {
		t.Error("the amendment's page does not link its parent")
	}
	sheetForm := find(doc, has("form", "action", "/standards/"+id+"/sheet"))
	if sheetForm == nil {
		t.Fatal("the amendment's page has no sheet form")
	}
	wantStatus(t, post("/standards/"+id+"/sheet", url.Values{"sheet": {"一、5.2 条改为：“会务人员应引导入场并核对参会证件。”"}}), http.StatusSeeOther)
	doc = parsePage(t, e.send(b, "GET", loc, "", nil))
	if !strings.Contains(textOf(find(doc, has("div", "id", "sheet"))), "核对参会证件") {
		t.Error("the amendment's page does not show its sheet")
	}
	doc = parsePage(t, e.send(b, "GET", "/standards/"+parent, "", nil))
	if find(find(doc, has("section", "id", "relations")), has("a", "href", "/standards/"+id)) == nil {
		t.Error("the parent's page does not list its amendment")
	}
	// The relations come after the text or beside it, never above it.
	if aside := find(doc, has("aside", "class", "meta")); aside == nil || find(aside, has("section", "id", "relations")) == nil {
		t.Error("the relations are not in the side column")
	}
}
