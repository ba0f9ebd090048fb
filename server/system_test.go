package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"norma/workflow"
)

// importText imports an issued text of the level with the body under it.
func (e *env) importText(number, level, body string) string {
	e.t.Helper()
	text := fmt.Sprintf("---\nnumber: %s\ntitle: 会议服务规范\nlevel: %s\nregion: \"11\"\nissue_date: \"2024-01-01\"\nimpl_date: \"2024-03-01\"\n---\n\n%s",
		number, level, body)
	if level == "national" {
		text = strings.Replace(text, "region: \"11\"\n", "", 1)
	}
	_, id, err := e.svc.Import(context.Background(), workflow.ImportInput{Path: number + ".md", Text: text})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

const serviceBody = "## 1 范围\n\n本文件规定了机关会议服务的基本要求、会前准备、会中服务和会后工作。\n\n" +
	"## 4 基本要求\n\n会务人员应经过岗位培训并考核合格，熟悉会议流程和应急预案。\n\n" +
	"## 5 会中服务\n\n会务人员应提前三十分钟到岗，检查扩音、照明和座签，引导与会人员有序入场。\n"

func TestSystemAPI(t *testing.T) {
	e := newEnv(t)
	staff, drafter := e.login("staff"), e.login("drafter")
	tree := "nodes:\n  - code: \"2\"\n    name: 服务标准\n    children:\n      - code: \"201\"\n        name: 会议服务\n      - code: \"202\"\n        name: 接待服务\n"
	wantStatus(t, e.request("PUT", "/api/v1/system", drafter, tree, "Content-Type", "application/yaml"), http.StatusForbidden)
	r := e.request("PUT", "/api/v1/system", staff, `{"nodes":[{"code":"1","name":"a"},{"code":"1","name":"b"}]}`)
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, msg := r.Error(t); field != "code" || !strings.Contains(msg, "twice") {
		t.Errorf("duplicate code: %s %q", field, msg)
	}
	wantStatus(t, e.request("PUT", "/api/v1/system", staff, "nodes: [", "Content-Type", "application/yaml"), http.StatusBadRequest)
	wantStatus(t, e.request("PUT", "/api/v1/system", staff, tree, "Content-Type", "application/yaml"), http.StatusOK)
	r = e.request("GET", "/api/v1/system", staff, nil, "Accept", "application/yaml")
	if !strings.Contains(string(r.body), "code: \"201\"") || !strings.Contains(r.Header.Get("Content-Type"), "yaml") {
		t.Errorf("the system as YAML: %s", r.body)
	}

	local := e.importText("DB11/T 900—2024", "local", serviceBody)
	local2 := e.importText("DB11/T 901—2024", "local", strings.ReplaceAll(serviceBody, "三十分钟", "二十分钟"))
	nat := e.importText("GB/T 9000—2023", "national", serviceBody)
	for _, id := range []string{local, local2, nat} {
		wantStatus(t, e.request("PUT", "/api/v1/standards/"+id+"/system_node", staff, map[string]string{"system_node": "201"}), http.StatusOK)
	}
	r = e.request("PUT", "/api/v1/standards/"+local+"/system_node", staff, map[string]string{"system_node": "999"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "system_node" {
		t.Errorf("an unknown module is blamed on %q", field)
	}
	var rows []struct {
		Code     string
		Issued   int
		Empty    bool
		Overlaps []string
		Repeats  []string
	}
	e.request("GET", "/api/v1/system/table", staff, nil).JSON(t, &rows)
	if len(rows) != 3 || rows[1].Code != "201" || rows[1].Issued != 3 || !rows[2].Empty || rows[1].Empty {
		t.Fatalf("system table = %+v", rows)
	}
	if len(rows[1].Overlaps) != 3 || len(rows[1].Repeats) != 2 || !strings.Contains(strings.Join(rows[1].Repeats, " "), "GB/T 9000—2023") {
		t.Errorf("module 201 flags: overlaps %q, repeats %q", rows[1].Overlaps, rows[1].Repeats)
	}
	r = e.request("GET", "/api/v1/system/table?format=xlsx", staff, nil)
	wantStatus(t, r, http.StatusOK)
	x, err := excelize.OpenReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	cells, _ := x.GetRows("标准体系表")
	if len(cells) != 1+3+3 || cells[0][0] != "体系编号" || cells[3][2] == "" {
		t.Errorf("体系表 rows = %q", cells)
	}
	wantStatus(t, e.request("GET", "/api/v1/system/table", drafter, nil), http.StatusForbidden)

	// The page shows the flags and the standard's module; the editor keeps a refused tree.
	page := e.request("GET", "/standards/"+local, staff, nil)
	if a := find(parsePage(t, page), has("a", "href", "/system#node-201")); a == nil {
		t.Error("the standard page does not link its module")
	}
	b := e.browser()
	r = e.send(b, "POST", "/api/v1/session", "", map[string]string{"username": "staff", "password": testPassword})
	csrf := r.Map(t)["csrf_token"].(string)
	r = e.send(b, "GET", "/system", "", nil)
	doc := parsePage(t, r)
	if row := find(doc, has("tr", "id", "node-202")); row == nil || find(row, has("span", "class", "flag flag-empty")) == nil {
		t.Error("the empty module is not flagged")
	}
	if row := find(doc, has("tr", "id", "node-201")); row == nil || find(row, has("span", "class", "flag flag-repeats")) == nil {
		t.Error("the local text repeating the national one is not flagged")
	}
	bad := "nodes:\n  - code: \"2\"\n    name: 服务标准\n"
	r = e.send(b, "POST", "/system", "", url.Values{"_csrf": {csrf}, "nodes": {bad}}.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	wantStatus(t, r, http.StatusUnprocessableEntity)
	doc = parsePage(t, r)
	if ta := find(doc, has("textarea", "name", "nodes")); ta == nil || textOf(ta) != bad {
		t.Errorf("the editor does not keep the refused tree")
	}
	if p := find(doc, has("p", "class", "field-error")); p == nil || !strings.Contains(textOf(p), "201") {
		t.Error("no message says module 201 still holds standards")
	}
}

func TestRelations(t *testing.T) {
	e := newEnv(t)
	staff := e.login("staff")
	old := e.issued("DB11/T 800—2019", "11", "2019-01-01", "2019-04-01")
	r := e.request("POST", "/api/v1/standards/"+old+"/reviews", staff, map[string]string{"conclusion": "revise", "reason": "需修订"})
	wantStatus(t, r, http.StatusCreated)
	project := r.Map(t)["project"].(string)
	doc := parsePage(t, e.request("GET", "/standards/"+old, staff, nil))
	rel := find(doc, has("section", "id", "relations"))
	if rel == nil || find(rel, has("a", "href", "/standards/"+project)) == nil {
		t.Fatal("the old standard's page does not link its revision project")
	}
	doc = parsePage(t, e.request("GET", "/standards/"+project, staff, nil))
	if rel := find(doc, has("section", "id", "relations")); rel == nil || find(rel, has("a", "href", "/standards/"+old)) == nil {
		t.Error("the project's page does not link the standard it replaces")
	}
	// The public sees the issued standard's relations but not the draft.
	doc = parsePage(t, e.request("GET", "/standards/"+old, "", nil))
	if find(doc, has("a", "href", "/standards/"+project)) != nil {
		t.Error("the public is shown the draft revision project")
	}
}
