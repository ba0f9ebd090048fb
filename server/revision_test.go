package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"norma/internal/htmlcheck"
)

func TestRevisions(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	path := "/api/v1/standards/" + id + "/revisions"
	text2 := strings.Replace(meetingText, "4.1.1 会务人员应经过岗位培训。", "4.1.1 会务人员应经过岗位培训并考核合格。", 1)
	r := e.request("POST", path, drafter, map[string]any{"body": text2, "base": 1, "message": "补充考核要求"})
	wantStatus(t, r, http.StatusCreated)
	if n := r.Map(t)["number"]; n != 2.0 {
		t.Fatalf("new revision number = %v", n)
	}
	// The staff may save too; a stale base is refused with the latest number.
	staff := e.login("staff")
	r = e.request("POST", path, staff, map[string]any{"body": text2 + "\n补充。\n", "base": 1, "message": "stale"})
	wantStatus(t, r, http.StatusConflict)
	var conflict struct {
		Error struct {
			Message string
			Details map[string]any
		}
	}
	r.JSON(t, &conflict)
	if conflict.Error.Details["latest"] != 2.0 || !strings.Contains(conflict.Error.Message, "2") {
		t.Errorf("conflict = %+v, want the latest number 2", conflict.Error)
	}
	list := e.request("GET", path, drafter, nil)
	wantStatus(t, list, http.StatusOK)
	var revs []map[string]any
	list.JSON(t, &revs)
	if len(revs) != 2 {
		t.Fatalf("after a stale save there are %d revisions, want 2", len(revs))
	}
	for _, key := range []string{"number", "author", "time", "message", "hash", "size"} {
		if _, ok := revs[1][key]; !ok {
			t.Errorf("listed revision lacks %q: %v", key, revs[1])
		}
	}
	if _, ok := revs[1]["body"]; ok {
		t.Error("the revision list carries bodies")
	}
	if revs[1]["message"] != "补充考核要求" || revs[1]["author"] != "drafter" || revs[1]["size"] != float64(len(text2)) {
		t.Errorf("revision 2 = %v", revs[1])
	}
	one := e.request("GET", path+"/2", drafter, nil)
	wantStatus(t, one, http.StatusOK)
	var view struct {
		Number  int
		Body    string
		HTML    string
		Outline []struct{ Clause, Title, Anchor string }
	}
	one.JSON(t, &view)
	if view.Number != 2 || view.Body != text2 || len(selectTexts(t, view.HTML, "[id=c-4.1.1]")) == 0 {
		t.Errorf("revision 2 view = %+v", view)
	}
	want := []string{" 前言 c-foreword", "1 范围 c-1", "2 规范性引用文件 c-2", "3 术语和定义 c-3", "4 基本要求 c-4",
		"4.1 人员 c-4.1", "4.1.1  c-4.1.1", "4.1.2  c-4.1.2", "4.2 设施 c-4.2"}
	var got []string
	for _, c := range view.Outline {
		got = append(got, fmt.Sprintf("%s %s %s", c.Clause, c.Title, c.Anchor))
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("outline = %q, want %q", got, want)
	}
	wantStatus(t, e.request("GET", path+"/3", drafter, nil), http.StatusNotFound)
	wantStatus(t, e.request("GET", path+"/x", drafter, nil), http.StatusNotFound)
}

func TestRevisionBadInput(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	path := "/api/v1/standards/" + id + "/revisions"
	for _, tc := range []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"no base", map[string]any{"body": "x"}, 422, "base"},
		{"base of wrong type", map[string]any{"body": "x", "base": "1"}, 422, "base"},
		{"future base", map[string]any{"body": "x", "base": 5}, 409, "base"},
		{"invalid UTF-8", "{\"body\": \"\xff\", \"base\": 1}", 422, "body"},
		{"broken front matter", map[string]any{"body": "---\nlevel: [\n---\n", "base": 1}, 422, "body"},
		{"front matter empties region of a local standard", map[string]any{"body": "---\nlevel: local\nregion: \"00\"\n---\n", "base": 1}, 422, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.request("POST", path, drafter, tc.body)
			wantStatus(t, r, tc.status)
			if _, field, _ := r.Error(t); field != tc.field {
				t.Errorf("field %q, want %q", field, tc.field)
			}
		})
	}
	other := e.login("drafter2")
	wantStatus(t, e.request("POST", path, other, map[string]any{"body": "x", "base": 1}), http.StatusNotFound)
	st := e.request("GET", "/api/v1/standards/"+id, drafter, nil).Map(t)
	if st["revision"] != 1.0 {
		t.Errorf("after bad input the latest revision is %v, want 1", st["revision"])
	}
}

// Raw HTML in a text reaches the page as text, never as markup.
func TestRenderingIsInert(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	body := "# 标题\n\n<script>alert(1)</script>\n\n段落 <img src=x onerror=alert(2)> 和 [链接](javascript:alert(3)) 及 <a href=\"javascript:alert(4)\">a</a>\n\n<div onclick=\"alert(5)\">x</div>\n"
	id := e.createStandard(drafter, map[string]any{"title": "测试", "level": "national", "body": body})
	for _, path := range []string{"/api/v1/standards/" + id + "/revisions/1", "/standards/" + id} {
		r := e.request("GET", path, drafter, nil)
		wantStatus(t, r, http.StatusOK)
		var html string
		if strings.HasPrefix(path, "/api/") {
			html = r.Map(t)["html"].(string)
		} else {
			article := htmlcheck.Select(parseHTML(t, string(r.body)), "article.text")
			if len(article) != 1 {
				t.Fatalf("the page has %d article.text, want 1:\n%s", len(article), r.body)
			}
			html = htmlcheck.Render(article[0])
		}
		for _, bad := range activeMarkup(t, html) {
			t.Errorf("%s: rendered text holds active markup %s", path, bad)
		}
		if !strings.Contains(htmlText(t, html), "<script>alert(1)</script>") {
			t.Errorf("%s: the script tag is not shown as text:\n%s", path, html)
		}
	}
}

// activeMarkup lists the markup of a fragment that could run code.
func activeMarkup(tb testing.TB, fragment string) []string {
	tb.Helper()
	bad, err := htmlcheck.Active(fragment)
	if err != nil {
		tb.Fatal(err)
	}
	return bad
}

// A text sent with CRLF line endings is stored with LF, so that an edit of
// three characters is a diff of three characters.
func TestRevisionLineEndings(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, map[string]any{"body": "\uFEFF" + strings.ReplaceAll(meetingText, "\n", "\r\n")})
	path := "/api/v1/standards/" + id + "/revisions"
	var one struct{ Body string }
	e.request("GET", path+"/1", drafter, nil).JSON(t, &one)
	if strings.ContainsAny(one.Body, "\r\uFEFF") || one.Body != meetingText {
		t.Fatalf("revision 1 keeps CR or BOM: %q", one.Body[:40])
	}
	edited := strings.Replace(meetingText, "岗位培训", "岗位培训合格者", 1)
	r := e.request("POST", path, drafter, map[string]any{"body": strings.ReplaceAll(edited, "\n", "\r\n"), "base": 1})
	wantStatus(t, r, http.StatusCreated)
	var d struct {
		Stats   struct{ Inserted, Deleted int }
		Clauses []map[string]any
	}
	e.request("GET", "/api/v1/standards/"+id+"/diff?from=1&to=2", drafter, nil).JSON(t, &d)
	if d.Stats.Inserted != 3 || d.Stats.Deleted != 0 {
		t.Errorf("diff of a three-character edit sent with CRLF: %+v", d.Stats)
	}
	if len(d.Clauses) != 1 {
		t.Errorf("changed clauses = %v, want one", d.Clauses)
	}
}
