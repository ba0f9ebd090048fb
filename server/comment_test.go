package server_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"norma/workflow"
)

type commentView struct {
	ID         int64
	Kind       string
	Revision   int
	Clause     string
	Body       string
	Suggestion string
	Author     string
	Contact    string
	Quote      *struct{ Exact, Prefix, Suffix string }
	Position   *struct{ Start, End int }
	Anchor     *struct {
		Status   string
		Exact    string
		Clause   string
		Position *struct{ Start, End int }
	}
	Disposition *struct {
		Decision, Reason, By string
		Revision             int
	}
	Replies []struct{ Body, Author string }
}

func (e *env) comment(token, id string, in map[string]any) *response {
	e.t.Helper()
	return e.request("POST", "/api/v1/standards/"+id+"/comments", token, in)
}

const quoted = "会务人员应经过岗位培训"

func TestExpertComments(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	expert := e.login("expert1")
	r := e.comment(expert, id, map[string]any{"revision": 1, "quote": map[string]any{"exact": quoted}, "body": "建议明确培训学时。"})
	wantStatus(t, r, http.StatusCreated)
	var c commentView
	r.JSON(t, &c)
	if c.Kind != "expert" || c.Clause != "4.1.1" || c.Quote == nil || c.Quote.Prefix == "" || c.Position == nil ||
		string([]rune(meetingText)[c.Position.Start:c.Position.End]) != quoted {
		t.Fatalf("comment = %+v", c)
	}
	for _, tc := range []struct {
		name  string
		in    map[string]any
		field string
	}{
		{"quote not in the text", map[string]any{"revision": 1, "quote": map[string]any{"exact": "不存在的文字"}, "body": "x"}, "quote"},
		{"quote not at the position", map[string]any{"revision": 1, "quote": map[string]any{"exact": quoted}, "position": map[string]any{"start": 3, "end": 14}, "body": "x"}, "quote"},
		{"no body", map[string]any{"revision": 1, "body": "  "}, "body"},
		{"body too long", map[string]any{"revision": 1, "body": strings.Repeat("长", 10001)}, "body"},
		{"unknown clause", map[string]any{"revision": 1, "clause": "9.9", "body": "x"}, "clause"},
		{"unknown revision", map[string]any{"revision": 9, "body": "x"}, "revision"},
		{"suggestion without a quote", map[string]any{"revision": 1, "body": "x", "suggestion": "y"}, "suggestion"},
		{"unknown field in the quote", map[string]any{"revision": 1, "quote": map[string]any{"exact": quoted, "selector": "x"}, "body": "x"}, "quote"},
		{"quote in another clause", map[string]any{"revision": 1, "clause": "4.2", "quote": map[string]any{"exact": quoted}, "body": "x"}, "clause"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.comment(expert, id, tc.in)
			wantStatus(t, r, http.StatusUnprocessableEntity)
			if _, f, _ := r.Error(t); f != tc.field {
				t.Errorf("field %q, want %q", f, tc.field)
			}
		})
	}
	ok := map[string]any{"revision": 1, "clause": "1", "body": "范围过窄。"}
	for who, status := range map[string]int{"": 404, "drafter2": 404, "expert2": 404, "drafter": 403, "staff": 201} {
		token := ""
		if who != "" {
			token = e.login(who)
		}
		if got := e.comment(token, id, ok).StatusCode; got != status {
			t.Errorf("%q comments: %d, want %d", who, got, status)
		}
	}
	var list []commentView
	e.request("GET", "/api/v1/standards/"+id+"/comments", e.login("drafter"), nil).JSON(t, &list)
	if len(list) != 2 || list[1].Kind != "staff" || list[1].Clause != "1" {
		t.Errorf("comments = %+v", list)
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/comments", e.login("drafter2"), nil), http.StatusNotFound)
}

func TestCommentsFollowRevisions(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	expert, drafter := e.login("expert1"), e.login("drafter")
	r := e.comment(expert, id, map[string]any{"revision": 1, "quote": map[string]any{"exact": quoted}, "body": "学时？"})
	wantStatus(t, r, http.StatusCreated)
	var c commentView
	r.JSON(t, &c)
	text2 := strings.Replace(meetingText, "## 4 基本要求", "## 4 基本要求\n\n本章规定会务人员的基本要求。", 1)
	text3 := strings.Replace(text2, "4.1.1 会务人员应经过岗位培训。", "4.1.1 会务工作由专人负责。", 1)
	for i, body := range []string{text2, text3} {
		wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": body, "base": i + 1}), http.StatusCreated)
	}
	shift := len([]rune("\n\n本章规定会务人员的基本要求。"))
	for _, tc := range []struct {
		rev    int
		status string
		start  int
		exact  string
	}{{1, "current", c.Position.Start, quoted}, {2, "current", c.Position.Start + shift, quoted}, {3, "outdated", 0, quoted}} {
		var list []commentView
		e.request("GET", fmt.Sprintf("/api/v1/standards/%s/comments?revision=%d", id, tc.rev), drafter, nil).JSON(t, &list)
		if len(list) != 1 || list[0].Anchor == nil {
			t.Fatalf("revision %d: comments %+v", tc.rev, list)
		}
		a := list[0].Anchor
		if a.Status != tc.status || a.Exact != tc.exact || tc.status == "current" && (a.Position == nil || a.Position.Start != tc.start) {
			t.Errorf("revision %d: anchor %+v, want %s at %d", tc.rev, a, tc.status, tc.start)
		}
	}
}

func TestRepliesAndDispositions(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	expert, drafter, staff := e.login("expert1"), e.login("drafter"), e.login("staff")
	var c commentView
	e.comment(expert, id, map[string]any{"quote": map[string]any{"exact": quoted}, "body": "学时？"}).JSON(t, &c)
	path := fmt.Sprintf("/api/v1/comments/%d", c.ID)
	for who, status := range map[string]int{"drafter": 201, "expert1": 201, "staff": 201, "drafter2": 404, "": 404, "expert2": 404} {
		token := ""
		if who != "" {
			token = e.login(who)
		}
		if got := e.request("POST", path+"/replies", token, map[string]any{"body": "回复：" + who}).StatusCode; got != status {
			t.Errorf("%q replies: %d, want %d", who, got, status)
		}
	}
	wantStatus(t, e.request("POST", path+"/replies", drafter, map[string]any{"body": ""}), http.StatusUnprocessableEntity)
	// approve waits for every review comment's disposition.
	r := e.move(staff, id, map[string]any{"action": "approve", "notice_days": 0})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "no disposition") {
		t.Errorf("approve message %q", msg)
	}
	r = e.request("PUT", path+"/disposition", drafter, map[string]any{"decision": "not_accepted"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, f, _ := r.Error(t); f != "reason" {
		t.Errorf("field %q", f)
	}
	wantStatus(t, e.request("PUT", path+"/disposition", drafter, map[string]any{"decision": "maybe", "reason": "x"}), http.StatusUnprocessableEntity)
	wantStatus(t, e.request("PUT", path+"/disposition", expert, map[string]any{"decision": "accepted"}), http.StatusForbidden)
	r = e.request("PUT", path+"/disposition", drafter, map[string]any{"decision": "partially_accepted", "reason": "学时由各单位规定"})
	wantStatus(t, r, http.StatusOK)
	var got commentView
	r.JSON(t, &got)
	if got.Disposition == nil || got.Disposition.Decision != "partially_accepted" || got.Disposition.By != "drafter" || len(got.Replies) != 3 {
		t.Errorf("disposed comment = %+v", got)
	}
	wantStatus(t, e.move(staff, id, map[string]any{"action": "approve", "notice_days": 0}), http.StatusOK)
}

func TestApplySuggestion(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	expert, drafter := e.login("expert1"), e.login("drafter")
	var c commentView
	e.comment(expert, id, map[string]any{"quote": map[string]any{"exact": "岗位培训"}, "body": "培训应考核。",
		"suggestion": "岗位培训并考核合格"}).JSON(t, &c)
	path := fmt.Sprintf("/api/v1/comments/%d/apply", c.ID)
	wantStatus(t, e.request("POST", path, drafter, map[string]any{"base": 2}), http.StatusConflict)
	wantStatus(t, e.request("POST", path, expert, map[string]any{"base": 1}), http.StatusForbidden)
	r := e.request("POST", path, drafter, map[string]any{"base": 1})
	wantStatus(t, r, http.StatusCreated)
	if n := r.Map(t)["number"]; n != 2.0 {
		t.Fatalf("applied as revision %v", n)
	}
	rev := e.request("GET", "/api/v1/standards/"+id+"/revisions/2", drafter, nil).Map(t)
	if want := strings.Replace(meetingText, "岗位培训", "岗位培训并考核合格", 1); rev["body"] != want {
		t.Errorf("revision 2 = %q", rev["body"])
	}
	var list []commentView
	e.request("GET", "/api/v1/standards/"+id+"/comments", drafter, nil).JSON(t, &list)
	if d := list[0].Disposition; d == nil || d.Decision != "accepted" || d.Revision != 2 {
		t.Errorf("disposition after apply = %+v", d)
	}
	// In the applied revision the comment stands on the words it wrote.
	if a := list[0].Anchor; a == nil || a.Status != "current" || a.Exact != "岗位培训并考核合格" {
		t.Errorf("anchor after apply = %+v", a)
	}
	// Applying again would write the suggestion twice: refused.
	r = e.request("POST", path, drafter, map[string]any{"base": 2})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "accepted already") {
		t.Errorf("second apply: %q", msg)
	}
	// The quoted passage is gone from the new text: applying again is refused.
	body3 := strings.Replace(rev["body"].(string), "4.1.1 会务人员应经过岗位培训并考核合格。", "4.1.1 会务工作由专人负责。", 1)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": body3, "base": 2}), http.StatusCreated)
	r = e.request("POST", path, drafter, map[string]any{"base": 3})
	wantStatus(t, r, http.StatusConflict)
}

func (e *env) publicComment(id string, in map[string]any, ip string) *response {
	e.t.Helper()
	return e.request("POST", "/api/v1/standards/"+id+"/public-comments", "", in)
}

func TestPublicComments(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	staff := e.login("staff")
	id := e.standardIn(workflow.StateExpertReview, 1)
	ok := map[string]any{"name": "张三", "organization": "某区机关事务中心", "contact": "zhang@example.cn", "quote": quoted, "body": "建议增加培训频次。"}
	r0 := e.publicComment(id, ok, "")
	wantStatus(t, r0, http.StatusConflict) // not yet under notice
	if _, _, msg := r0.Error(t); !strings.Contains(msg, "not been put out for public notice") {
		t.Errorf("before the notice: %q", msg)
	}
	wantStatus(t, e.move(staff, id, map[string]any{"action": "approve", "notice_days": 30}), http.StatusOK)
	r := e.publicComment(id, ok, "")
	wantStatus(t, r, http.StatusCreated)
	if strings.Contains(string(r.body), "zhang@example.cn") {
		t.Errorf("the answer shows the contact: %s", r.body)
	}
	for _, tc := range []struct {
		name  string
		set   map[string]any
		field string
	}{{"no name", map[string]any{"name": ""}, "name"}, {"long body", map[string]any{"body": strings.Repeat("长", 5001)}, "body"},
		{"quote not in text", map[string]any{"quote": "没有这段话"}, "quote"}, {"unknown clause", map[string]any{"clause": "8.8"}, "clause"}} {
		in := map[string]any{}
		for k, v := range ok {
			in[k] = v
		}
		for k, v := range tc.set {
			in[k] = v
		}
		r := e.publicComment(id, in, "")
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if _, f, _ := r.Error(t); f != tc.field {
			t.Errorf("%s: field %q", tc.name, f)
		}
	}
	list := e.request("GET", "/api/v1/standards/"+id+"/public-comments", "", nil)
	wantStatus(t, list, http.StatusOK)
	if strings.Contains(string(list.body), "zhang@example.cn") || !strings.Contains(string(list.body), "建议增加培训频次") {
		t.Errorf("public list = %s", list.body)
	}
	// Staff and the drafter see the contact, to answer; an expert does not.
	for who, sees := range map[string]bool{"staff": true, "drafter": true, "expert1": false} {
		l := e.request("GET", "/api/v1/standards/"+id+"/public-comments", e.login(who), nil)
		if got := strings.Contains(string(l.body), "zhang@example.cn"); got != sees {
			t.Errorf("%s sees the contact: %v", who, got)
		}
	}
	// A burst from one address is refused.
	var last int
	for range 6 {
		last = e.publicComment(id, ok, "").StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("the 7th comment from one address answered %d, want 429", last)
	}
	// After the window: closed, and the issue waits for the dispositions.
	e.clock.Advance(31 * 24 * time.Hour)
	staff = e.login("staff")
	r = e.publicComment(id, ok, "")
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "closed on") {
		t.Errorf("closed window message %q", msg)
	}
	issue := map[string]any{"action": "issue", "number": "DB11/T 777—2026", "issue_date": "2026-07-01", "impl_date": "2026-09-01"}
	r = e.move(staff, id, issue)
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "public comment") {
		t.Errorf("issue message %q", msg)
	}
	var all []commentView
	e.request("GET", "/api/v1/standards/"+id+"/comments", staff, nil).JSON(t, &all)
	for _, c := range all {
		if c.Kind == "public" && c.Contact != "zhang@example.cn" {
			t.Errorf("staff do not see the contact: %+v", c)
		}
		wantStatus(t, e.request("PUT", fmt.Sprintf("/api/v1/comments/%d/disposition", c.ID), staff,
			map[string]any{"decision": "accepted"}), http.StatusOK)
	}
	wantStatus(t, e.move(staff, id, issue), http.StatusOK)
	wantStatus(t, e.request("PUT", fmt.Sprintf("/api/v1/comments/%d/disposition", all[0].ID), staff,
		map[string]any{"decision": "not_accepted", "reason": "x"}), http.StatusConflict)
}

func TestDispositionTable(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	expert, drafter := e.login("expert1"), e.login("drafter")
	var c1, c2 commentView
	e.comment(expert, id, map[string]any{"quote": map[string]any{"exact": quoted}, "body": "学时，\"培训\"应明确。"}).JSON(t, &c1)
	e.comment(expert, id, map[string]any{"clause": "1", "body": "=HYPERLINK(\"http://evil.example\",\"x\")"}).JSON(t, &c2)
	e.request("PUT", fmt.Sprintf("/api/v1/comments/%d/disposition", c1.ID), drafter, map[string]any{"decision": "not_accepted", "reason": "由各单位规定"})
	path := "/api/v1/standards/" + id + "/dispositions"
	var rows []map[string]any
	js := e.request("GET", path, drafter, nil)
	wantStatus(t, js, http.StatusOK)
	js.JSON(t, &rows)
	if len(rows) != 2 || rows[0]["clause"] != "4.1.1" || rows[0]["label"] != "不采纳" || rows[0]["reason"] != "由各单位规定" || rows[1]["label"] != "未处理" {
		t.Errorf("rows = %v", rows)
	}
	csv := e.request("GET", path+"?format=csv", drafter, nil)
	wantStatus(t, csv, http.StatusOK)
	if !bytes.HasPrefix(csv.body, []byte("\ufeff序号,章条编号,意见内容,提出单位/人,处理意见,理由\n")) ||
		!strings.Contains(string(csv.body), `"学时，""培训""应明确。"`) ||
		!strings.Contains(string(csv.body), `'=HYPERLINK`) || strings.Contains(string(csv.body), `,=HYPERLINK`) {
		t.Errorf("CSV = %q", csv.body)
	}
	x := e.request("GET", path+"?format=xlsx", drafter, nil)
	wantStatus(t, x, http.StatusOK)
	f, err := excelize.OpenReader(bytes.NewReader(x.body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	got, _ := f.GetRows(sheet)
	if len(got) != 3 || got[0][0] != "序号" || got[0][4] != "处理意见" || got[1][1] != "4.1.1" || got[1][4] != "不采纳" || !strings.HasPrefix(got[2][2], "=HYPERLINK") {
		t.Errorf("XLSX rows = %q", got)
	}
	if formula, _ := f.GetCellFormula(sheet, "C3"); formula != "" {
		t.Errorf("a comment became the formula %q", formula)
	}
	if w, _ := f.GetColWidth(sheet, "C"); w < 30 {
		t.Errorf("comment column width %v", w)
	}
	if st, _ := f.GetCellStyle(sheet, "C2"); st == 0 {
		t.Error("body cells have no (wrapping) style")
	}
	wantStatus(t, e.request("GET", path+"?format=pdf", drafter, nil), http.StatusUnprocessableEntity)
	wantStatus(t, e.request("GET", path, "", nil), http.StatusNotFound)
}
