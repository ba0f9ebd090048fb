package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"norma/workflow"
)

var greening = map[string]any{"title": "机关会议服务规范", "level": "local", "region": "11", "kind": "new",
	"proposer_org": "北京市机关事务管理局", "drafting_org": "北京市机关事务管理局",
	"rationale": "会务人员应经过岗位培训，会场应配备扩音、照明和应急疏散设施，各单位做法不一。",
	"scope":     "本文件规定了机关会议服务的基本要求。", "due": "2027-06-30"}

func TestProposalAPI(t *testing.T) {
	e := newEnv(t)
	staff, drafter, drafter2 := e.login("staff"), e.login("drafter"), e.login("drafter2")
	existing := e.createStandard(drafter, nil)
	e.indexed()

	r := e.request("POST", "/api/v1/proposals", drafter, greening)
	wantStatus(t, r, http.StatusCreated)
	var p struct {
		ID      int64  `json:"id"`
		Status  string `json:"status"`
		Similar []struct {
			ID    string  `json:"id"`
			Score float64 `json:"score"`
		} `json:"similar"`
	}
	r.JSON(t, &p)
	if p.Status != "pending" || len(p.Similar) == 0 || p.Similar[0].ID != existing {
		t.Fatalf("proposal %s: want pending with %s most similar", r.body, existing)
	}
	bad := map[string]any{}
	for k, v := range greening {
		bad[k] = v
	}
	bad["kind"] = "copy"
	r = e.request("POST", "/api/v1/proposals", drafter, bad)
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "kind" {
		t.Errorf("a bad kind names field %q", field)
	}
	wantStatus(t, e.request("POST", "/api/v1/proposals", "", greening), http.StatusUnauthorized)
	wantStatus(t, e.request("POST", "/api/v1/proposals", e.login("expert1"), greening), http.StatusForbidden)

	path := fmt.Sprintf("/api/v1/proposals/%d", p.ID)
	wantStatus(t, e.request("GET", path, drafter2, nil), http.StatusNotFound)
	wantStatus(t, e.request("GET", path, drafter, nil), http.StatusOK)
	var list []map[string]any
	e.request("GET", "/api/v1/proposals", drafter2, nil).JSON(t, &list)
	if len(list) != 0 {
		t.Errorf("another drafter lists %v", list)
	}
	e.request("GET", "/api/v1/proposals?status=pending", staff, nil).JSON(t, &list)
	if len(list) != 1 {
		t.Errorf("staff list pending %v", list)
	}
	wantStatus(t, e.request("GET", "/api/v1/proposals?status=maybe", staff, nil), http.StatusUnprocessableEntity)

	wantStatus(t, e.request("POST", path+"/decision", drafter, map[string]any{"decision": "approve", "plan_number": "2027-015"}), http.StatusForbidden)
	r = e.request("POST", path+"/decision", staff, map[string]any{"decision": "approve"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "plan_number" {
		t.Errorf("a missing plan number names field %q", field)
	}
	r = e.request("POST", path+"/decision", staff, map[string]any{"decision": "approve", "plan_number": "2027-015"})
	wantStatus(t, r, http.StatusOK)
	decided := r.Map(t)
	id, _ := decided["standard"].(string)
	st := e.request("GET", "/api/v1/standards/"+id, drafter, nil)
	wantStatus(t, st, http.StatusOK)
	if m := st.Map(t); m["plan_number"] != "2027-015" || m["owner"] != "drafter" || m["due"] != "2027-06-30" || m["state"] != "draft" {
		t.Errorf("standard from the proposal: %s", st.body)
	}
	wantStatus(t, e.request("POST", path+"/decision", staff, map[string]any{"decision": "reject", "reason": "重复"}), http.StatusConflict)
	wantStatus(t, e.request("POST", "/api/v1/proposals/x/decision", staff, map[string]any{"decision": "reject"}), http.StatusNotFound)
}

func TestRequireProposalAPI(t *testing.T) {
	e := newEnv(t, func(c *workflow.Config) { c.RequireProposal = true })
	r := e.request("POST", "/api/v1/standards", e.login("drafter"), map[string]any{"body": meetingText})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "NORMA_REQUIRE_PROPOSAL") {
		t.Errorf("refusal %q does not name the rule", msg)
	}
	e.createStandard(e.login("staff"), nil)
}

func TestConsultationAPI(t *testing.T) {
	e := newEnv(t, lawfulProcedure)
	staff, drafter := e.login("staff"), e.login("drafter")
	id := e.createStandard(drafter, nil)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "expert1"}), http.StatusCreated)
	r := e.move(drafter, id, map[string]any{"action": "submit"})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "consultation") {
		t.Errorf("submit without consultation: %q", msg)
	}
	r = e.move(drafter, id, map[string]any{"action": "consult", "notice_days": 10})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "notice_days" {
		t.Errorf("too short a consultation names %q", field)
	}
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "consult", "notice_days": 30}), http.StatusOK)
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id, "", nil), http.StatusOK)
	page := e.request("GET", "/standards/"+id, "", nil)
	wantStatus(t, page, http.StatusOK)
	if !strings.Contains(htmlText(t, string(page.body)), "征求意见期：2026-05-01 至 2026-05-31") || len(selectTexts(t, string(page.body), "form[action=/standards/"+id+"/public-comment]")) == 0 {
		t.Errorf("the public page of a draft out for consultation lacks its window or comment form")
	}
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter,
		map[string]any{"body": meetingText + "\n", "base": 1}), http.StatusConflict)

	c := e.publicComment(id, map[string]any{"name": "张三", "body": "建议明确培训学时。"}, "")
	wantStatus(t, c, http.StatusCreated)
	if c.Map(t)["stage"] != "consultation" {
		t.Errorf("public comment %s has no consultation stage", c.body)
	}
	cs := "/api/v1/standards/" + id + "/consultees"
	var made []map[string]any
	for _, org := range []string{"市财政局", "市市场监督管理局", "市住建委"} {
		r := e.request("POST", cs, drafter, map[string]any{"organization": org, "contact": "办公室"})
		wantStatus(t, r, http.StatusCreated)
		made = append(made, r.Map(t))
	}
	r = e.request("POST", cs, drafter, map[string]any{"organization": ""})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "organization" {
		t.Errorf("an empty organisation names %q", field)
	}
	wantStatus(t, e.request("POST", cs, e.login("drafter2"), map[string]any{"organization": "x"}), http.StatusForbidden)
	one := func(i int) string { return fmt.Sprintf("%s/%v", cs, made[i]["id"]) }
	wantStatus(t, e.request("PUT", one(0), drafter, map[string]any{"reply": "comments"}), http.StatusOK)
	wantStatus(t, e.request("PUT", one(1), staff, map[string]any{"reply": "no_comments"}), http.StatusOK)
	r = e.request("PUT", one(2), drafter, map[string]any{"reply": "maybe"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "reply" {
		t.Errorf("a bad reply names %q", field)
	}
	wantStatus(t, e.request("PUT", cs+"/99999", drafter, map[string]any{"reply": "comments"}), http.StatusNotFound)
	var got struct {
		Counts map[string]int `json:"counts"`
	}
	e.request("GET", cs, drafter, nil).JSON(t, &got)
	if want := map[string]int{"sent": 3, "replied": 2, "with_comments": 1, "no_reply": 1}; fmt.Sprint(got.Counts) != fmt.Sprint(want) {
		t.Errorf("counts %v, want %v", got.Counts, want)
	}
	csv := e.request("GET", "/api/v1/standards/"+id+"/dispositions?format=csv", drafter, nil)
	if !strings.Contains(string(csv.body), "没有回函的单位数,1") {
		t.Errorf("the disposition table does not end with the counts: %q", csv.body)
	}

	e.clock.Advance(31 * 24 * time.Hour)
	drafter = e.login("drafter") // the session expired meanwhile
	r = e.move(drafter, id, map[string]any{"action": "submit"})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "consultation comment") {
		t.Errorf("submit with an open consultation comment: %q", msg)
	}
	cm := c.Map(t)
	wantStatus(t, e.request("PUT", fmt.Sprintf("/api/v1/comments/%v/disposition", cm["id"]), drafter,
		map[string]any{"decision": "accepted"}), http.StatusOK)
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "submit", "review_mode": "letter"}), http.StatusOK)
	var revs []map[string]any
	e.request("GET", "/api/v1/standards/"+id+"/revisions", drafter, nil).JSON(t, &revs)
	if len(revs) != 1 || revs[0]["stage"] != "review" {
		t.Errorf("revisions %v", revs)
	}
}

func TestConflictOfInterestAPI(t *testing.T) {
	e := newEnv(t)
	if _, err := e.svc.CreateUser(context.Background(), nil, workflow.NewUser{Username: "insider", Role: workflow.RoleExpert,
		Password: testPassword, Organization: "北京市机关事务管理局"}); err != nil {
		t.Fatal(err)
	}
	body := strings.Replace(meetingText, "ics: 03.080.99", "ics: 03.080.99\ndrafting_org: 北京市机关事务管理局", 1)
	id := e.createStandard(e.login("drafter"), map[string]any{"body": body})
	r := e.request("POST", "/api/v1/standards/"+id+"/experts", e.login("staff"), map[string]any{"username": "insider"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, msg := r.Error(t); field != "username" || !strings.Contains(msg, "conflict of interest") {
		t.Errorf("field %q, message %q", field, msg)
	}
}

// The standard page shows each review round with its mode, conclusion and
// minutes; the minutes are Markdown and never carry script.
func TestReviewRecordOnPage(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	staff := e.login("staff")
	wantStatus(t, e.move(staff, id, map[string]any{"action": "approve", "notice_days": 30,
		"conclusion": "审查组同意通过", "minutes": "## 纪要\n\n1. 结构符合要求<script>alert(1)</script>"}), http.StatusOK)
	var rounds []map[string]any
	e.request("GET", "/api/v1/standards/"+id+"/rounds", staff, nil).JSON(t, &rounds)
	if len(rounds) != 1 || rounds[0]["conclusion"] != "审查组同意通过" || rounds[0]["mode"] != "meeting" {
		t.Fatalf("rounds %v", rounds)
	}
	page := e.request("GET", "/standards/"+id, staff, nil)
	wantStatus(t, page, http.StatusOK)
	doc, err := html.Parse(bytes.NewReader(page.body))
	if err != nil {
		t.Fatal(err)
	}
	sec := findElement(doc, func(n *html.Node) bool { return attrOf(n, "id") == "reviews" })
	if sec == nil {
		t.Fatal("no #reviews section")
	}
	txt := nodeText(sec)
	for _, want := range []string{"第 1 轮", "会议审查", "审查组同意通过", "纪要", "结构符合要求"} {
		if !strings.Contains(txt, want) {
			t.Errorf("#reviews lacks %q: %q", want, txt)
		}
	}
	if findElement(sec, func(n *html.Node) bool { return n.Data == "script" }) != nil {
		t.Error("the minutes carry a script element")
	}
	public := e.request("GET", "/standards/"+id, "", nil)
	if len(selectTexts(t, string(public.body), "#reviews")) > 0 {
		t.Error("the public sees the review record")
	}
}

func findElement(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, match); f != nil {
			return f
		}
	}
	return nil
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}
