package server_test

import (
	"net/http"
	"strings"
	"testing"

	"norma/internal/htmlcheck"
)

// compareTwo opens a standard with meetingText, saves text2 as its second
// revision and returns its id and the drafter's token.
func compareTwo(t *testing.T, text2 string) (*env, string, string) {
	t.Helper()
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": text2, "base": 1}), http.StatusCreated)
	return e, id, drafter
}

// The rendered view shows the newer text formatted with the changes marked
// in place; a link switches between it and the source view, and the
// revision pickers keep the view.
func TestCompareRenderedView(t *testing.T) {
	text2 := strings.Replace(meetingText, "4.1.1 会务人员应经过岗位培训。", "4.1.1 会务人员应经过岗位培训并考核合格。", 1)
	text2 = strings.Replace(text2, "4.1.2 会务人员宜统一着装。\n\n", "", 1)
	text2 = strings.Replace(text2, "## 4 基本要求", "## 4 服务要求", 1)
	e, id, drafter := compareTwo(t, text2)
	base := "/standards/" + id + "/compare?from=1&to=2"

	src := e.request("GET", base, drafter, nil)
	wantStatus(t, src, http.StatusOK)
	page := string(src.body)
	if got := selectTexts(t, page, "table.diff-side"); len(got) != 1 {
		t.Errorf("the source view has %d side-by-side tables", len(got))
	}
	if got := selectTexts(t, page, "article.diff-rendered"); len(got) != 0 {
		t.Error("the source view shows the rendered view too")
	}
	doc := parseHTML(t, page)
	var link string
	for _, a := range htmlcheck.Select(doc, "nav.diff-switch a") {
		link = htmlcheck.Attr(a, "href")
	}
	if link != base+"&view=rendered" {
		t.Fatalf("the switch links %q, want the rendered view", link)
	}

	r := e.request("GET", link, drafter, nil)
	wantStatus(t, r, http.StatusOK)
	page = string(r.body)
	if got := selectTexts(t, page, "article.diff-rendered h2 ins"); strings.Join(got, "") != "服务" {
		t.Errorf("heading insertions %q", got)
	}
	if got := selectTexts(t, page, "article.diff-rendered h2 del"); strings.Join(got, "") != "基本" {
		t.Errorf("heading deletions %q", got)
	}
	if got := selectTexts(t, page, "article.diff-rendered p ins"); strings.Join(got, "") != "并考核合格" {
		t.Errorf("paragraph insertions %q", got)
	}
	if got := strings.Join(selectTexts(t, page, "article.diff-rendered del"), ""); !strings.Contains(got, "会务人员宜统一着装") {
		t.Errorf("the removed clause is not shown deleted: %q", got)
	}
	if got := selectTexts(t, page, "table.diff-side"); len(got) != 0 {
		t.Error("the rendered view shows the source view too")
	}
	if got := selectTexts(t, page, "nav.diff-switch a"); len(got) != 1 || got[0] != "源文视图" {
		t.Errorf("the rendered view links back %q", got)
	}
	doc = parseHTML(t, page)
	if in := htmlcheck.First(doc, `form.pickers input[name="view"]`); in == nil || htmlcheck.Attr(in, "value") != "rendered" {
		t.Error("the pickers forget the view")
	}
	// The clause anchors of the text stay, so the clause summary's links
	// could point into the view.
	if htmlcheck.First(doc, `article.diff-rendered p[id="c-4.1.1"]`) == nil {
		t.Errorf("clause 4.1.1 lost its anchor in the rendered view")
	}
}

// Untrusted Markdown in either revision never brings script into the
// rendered view.
func TestCompareRenderedViewEscapes(t *testing.T) {
	payload := "\n<script>alert('x')</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<iframe src=\"javascript:alert(1)\"></iframe>\n"
	e, id, drafter := compareTwo(t, meetingText+payload)
	r := e.request("GET", "/standards/"+id+"/compare?from=1&to=2&view=rendered", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	view := htmlcheck.First(parseHTML(t, string(r.body)), "article.diff-rendered")
	if view == nil {
		t.Fatal("no rendered view")
	}
	frag := htmlcheck.Render(view)
	bad, err := htmlcheck.Active(frag)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Errorf("active markup %v in the rendered view:\n%s", bad, frag)
	}
	if got := strings.Join(selectTexts(t, frag, "ins"), ""); !strings.Contains(got, "<script>alert('x')</script>") {
		t.Errorf("the inserted markup is not shown as text: %q", got)
	}
}
