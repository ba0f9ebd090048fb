package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestCreateStandard(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	r := e.request("POST", "/api/v1/standards", drafter, map[string]any{"title": "公务用车管理规范", "level": "local",
		"region": "31", "category": "地方标准", "ics": "03.080.99", "ccs": "A12", "body": "## 1 范围\n\n本文件规定了公务用车管理。\n"})
	wantStatus(t, r, http.StatusCreated)
	m := r.Map(t)
	if m["state"] != "draft" || m["revision"] != 1.0 || m["owner"] != "drafter" || m["region"] != "31" || m["id"] == "" {
		t.Errorf("created = %v", m)
	}
	if loc := r.Header.Get("Location"); loc != "/api/v1/standards/"+m["id"].(string) {
		t.Errorf("Location = %q", loc)
	}
	got := e.request("GET", "/api/v1/standards/"+m["id"].(string), drafter, nil)
	wantStatus(t, got, http.StatusOK)
	if g := got.Map(t); g["title"] != "公务用车管理规范" || g["ccs"] != "A12" {
		t.Errorf("read back = %v", g)
	}
}

func TestFrontMatterFillsFields(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	r := e.request("POST", "/api/v1/standards", drafter, map[string]any{"level": "national", "body": meetingText})
	wantStatus(t, r, http.StatusCreated)
	m := r.Map(t)
	// The JSON's level wins; the front matter fills title, region and ics.
	if m["title"] != "机关会议服务规范" || m["level"] != "national" || m["region"] != "11" || m["ics"] != "03.080.99" {
		t.Errorf("created = %v", m)
	}
}

func TestEmptyBodyStartsFromSkeleton(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, map[string]any{"title": "机关食堂服务规范", "level": "group"})
	r := e.request("GET", "/api/v1/standards/"+id+"/revisions/1", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	body := r.Map(t)["body"].(string)
	for _, want := range []string{"# 机关食堂服务规范", "## 前言", "## 1 范围", "## 2 规范性引用文件", "## 3 术语和定义"} {
		if !strings.Contains(body, want) {
			t.Errorf("skeleton lacks %q:\n%s", want, body)
		}
	}
}

func TestCreateStandardBadInput(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	big := strings.Repeat("本文件规定了会议服务。", 1<<18) // 7.5 MB
	for _, tc := range []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"missing title", map[string]any{"level": "national", "body": "## 1 范围\n"}, 422, "title"},
		{"blank title", map[string]any{"title": "  ", "level": "national"}, 422, "title"},
		{"control characters in the title", map[string]any{"title": "a\u0000b\nc", "level": "national"}, 422, "title"},
		{"missing level", map[string]any{"title": "标题"}, 422, "level"},
		{"unknown level", map[string]any{"title": "标题", "level": "provincial"}, 422, "level"},
		{"local without region", map[string]any{"title": "标题", "level": "local"}, 422, "region"},
		{"region not GB/T 2260", map[string]any{"title": "标题", "level": "local", "region": "99"}, 422, "region"},
		{"bad ICS", map[string]any{"title": "标题", "level": "national", "ics": "3.8"}, 422, "ics"},
		{"title of wrong type", map[string]any{"title": 12, "level": "national"}, 422, "title"},
		{"unknown field", map[string]any{"title": "标题", "level": "national", "levle": "x"}, 422, "levle"},
		{"malformed JSON", `{"title": "标题", "level": `, 400, ""},
		{"not an object", `["title"]`, 400, ""},
		{"invalid UTF-8", "{\"title\": \"标题\", \"level\": \"national\", \"body\": \"\xff\xfe\"}", 422, "body"},
		{"invalid UTF-8 in title", "{\"title\": \"\xc3\x28\", \"level\": \"national\"}", 422, "title"},
		{"malformed front matter", map[string]any{"title": "标题", "level": "national", "body": "---\ntitle: [x\n---\n# x\n"}, 422, "body"},
		{"unclosed front matter", map[string]any{"title": "标题", "level": "national", "body": "---\ntitle: x\n# x\n"}, 422, "body"},
		{"front matter level unknown", map[string]any{"title": "标题", "body": "---\nlevel: city\n---\n"}, 422, "level"},
		{"body over the limit", map[string]any{"title": "标题", "level": "national", "body": big}, 413, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.request("POST", "/api/v1/standards", drafter, tc.body)
			wantStatus(t, r, tc.status)
			code, field, msg := r.Error(t)
			if field != tc.field || code == "" || msg == "" {
				t.Errorf("error = code %q field %q message %q; want field %q", code, field, msg, tc.field)
			}
		})
	}
	list := e.request("GET", "/api/v1/standards", drafter, nil)
	if list.Header.Get("X-Total-Count") != "0" || string(list.body) != "[]\n" {
		t.Errorf("after bad input the list is %s; want nothing stored", list.body)
	}
}

// The request limit is 4 MiB: just under it is taken, just over it is 413.
func TestBodyLimit(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	under := strings.Repeat("a", 4<<20-200)
	wantStatus(t, e.request("POST", "/api/v1/standards", drafter, map[string]any{"title": "大文本", "level": "national", "body": under}), http.StatusCreated)
	r := e.request("POST", "/api/v1/standards", drafter, map[string]any{"title": "大文本", "level": "national", "body": under + strings.Repeat("a", 400)})
	wantStatus(t, r, http.StatusRequestEntityTooLarge)
	if code, field, msg := r.Error(t); code != "too_large" || field != "body" || !strings.Contains(msg, "limit") {
		t.Errorf("413 error = %s %s %q", code, field, msg)
	}
}

func TestCreateStandardRoles(t *testing.T) {
	e := newEnv(t)
	body := map[string]any{"body": meetingText}
	wantStatus(t, e.request("POST", "/api/v1/standards", "", body), http.StatusUnauthorized)
	wantStatus(t, e.request("POST", "/api/v1/standards", e.login("expert1"), body), http.StatusForbidden)
	wantStatus(t, e.request("POST", "/api/v1/standards", e.login("staff"), body), http.StatusCreated)
}

// A draft does not exist for anyone who may not read it: 404, never 403.
func TestDraftVisibility(t *testing.T) {
	e := newEnv(t)
	owner := e.login("drafter")
	id := e.createStandard(owner, nil)
	for _, tc := range []struct {
		who    string
		status int
	}{{"", 404}, {"drafter2", 404}, {"expert1", 404}, {"drafter", 200}, {"staff", 200}, {"admin", 200}} {
		token := ""
		if tc.who != "" {
			token = e.login(tc.who)
		}
		for _, path := range []string{"/api/v1/standards/" + id, "/api/v1/standards/" + id + "/revisions",
			"/api/v1/standards/" + id + "/revisions/1"} {
			r := e.request("GET", path, token, nil)
			if r.StatusCode != tc.status {
				t.Errorf("%q GET %s = %d, want %d", tc.who, path, r.StatusCode, tc.status)
			}
		}
		if tc.status == 404 {
			r := e.request("POST", "/api/v1/standards/"+id+"/revisions", token, map[string]any{"body": "x", "base": 1})
			if r.StatusCode != 404 && !(tc.who == "" && r.StatusCode == 401) {
				t.Errorf("%q POST revision = %d, want 404", tc.who, r.StatusCode)
			}
		}
		list := e.request("GET", "/api/v1/standards", token, nil)
		listed := strings.Contains(string(list.body), id)
		if listed != (tc.status == 200) {
			t.Errorf("%q lists the draft: %v", tc.who, listed)
		}
	}
	missing := e.request("GET", "/api/v1/standards/s-nonexistent", owner, nil)
	wantStatus(t, missing, http.StatusNotFound)
	if string(missing.body) == "" {
		t.Error("404 without an error body")
	}
}

func TestUnknownAPIRoute(t *testing.T) {
	e := newEnv(t)
	r := e.request("GET", "/api/v1/nothing", "", nil)
	wantStatus(t, r, http.StatusNotFound)
	if code, _, _ := r.Error(t); code != "not_found" {
		t.Errorf("code %q", code)
	}
}

// The public reads the text under notice, not the drafts before it.
func TestPublicSeesOnlyTheLatestText(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	drafter, staff := e.login("drafter"), e.login("staff")
	id := e.createStandard(drafter, nil)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter,
		map[string]any{"body": meetingText + "\n加入测试。\n", "base": 1, "message": "内部修改"}), http.StatusCreated)
	e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "expert1"})
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "submit"}), http.StatusOK)
	e.request("PUT", "/api/v1/standards/"+id+"/verdict", e.login("expert1"), map[string]any{"verdict": "approve"})
	wantStatus(t, e.move(staff, id, map[string]any{"action": "approve", "notice_days": 30}), http.StatusOK)
	for who, n := range map[string]int{"": 1, "drafter2": 1, "drafter": 2, "staff": 2} {
		token := ""
		if who != "" {
			token = e.login(who)
		}
		var revs []map[string]any
		e.request("GET", "/api/v1/standards/"+id+"/revisions", token, nil).JSON(t, &revs)
		if len(revs) != n || revs[len(revs)-1]["number"] != 2.0 {
			t.Errorf("%q lists %d revisions, want %d ending with the latest", who, len(revs), n)
		}
		status := map[int]int{1: 404, 2: 200}[n]
		if got := e.request("GET", "/api/v1/standards/"+id+"/revisions/1", token, nil).StatusCode; got != status {
			t.Errorf("%q GET revision 1: %d, want %d", who, got, status)
		}
		if got := e.request("GET", "/api/v1/standards/"+id+"/diff?from=1&to=2", token, nil).StatusCode; got != status {
			t.Errorf("%q GET diff: %d, want %d", who, got, status)
		}
	}
}
