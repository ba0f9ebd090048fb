package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"norma/internal/htmlcheck"
)

// The new-standard form offers the regions as a select grouped by
// province, with the prefecture-level cities under each, and the ICS and
// CCS codes in datalists that typing searches.
func TestNewPageCodeFields(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	csrf := e.pageCSRF(b, "/login")
	wantStatus(t, e.postForm(b, "/login", url.Values{"_csrf": {csrf}, "username": {"drafter"}, "password": {testPassword}}), http.StatusSeeOther)
	r := e.send(b, "GET", "/standards/new", "", nil)
	wantStatus(t, r, http.StatusOK)
	doc := parseHTML(t, string(r.body))
	hubei := htmlcheck.First(doc, `select[name="region"] optgroup[label="湖北省"]`)
	if hubei == nil {
		t.Fatal("no 湖北省 group in the region select")
	}
	var codes []string
	for _, o := range htmlcheck.Select(hubei, "option") {
		codes = append(codes, htmlcheck.Attr(o, "value"))
	}
	if len(codes) != 14 || codes[0] != "42" || codes[1] != "4201" || codes[13] != "4228" {
		t.Errorf("湖北省 offers %v", codes)
	}
	if got := htmlcheck.Text(htmlcheck.First(hubei, `option[value="4201"]`)); got != "武汉市 4201" {
		t.Errorf("4201 reads %q", got)
	}
	if n := len(htmlcheck.Select(doc, `select[name="region"] optgroup`)); n != 34 {
		t.Errorf("%d province groups", n)
	}
	if n := len(htmlcheck.Select(doc, `select[name="region"] option`)); n != 1+34+333 {
		t.Errorf("%d region options", n)
	}
	for _, f := range []string{"ics", "ccs"} {
		in := htmlcheck.First(doc, `input[name="`+f+`"]`)
		if in == nil || htmlcheck.Attr(in, "data-codes") != f {
			t.Fatalf("no %s code field", f)
		}
		if list := htmlcheck.First(doc, `datalist[id="`+htmlcheck.Attr(in, "list")+`"]`); list == nil || len(htmlcheck.Select(list, "option")) < 40 {
			t.Errorf("the %s field offers no list", f)
		}
	}
	if htmlcheck.First(doc, `datalist[id="ics-codes"] option[value="13"]`) == nil {
		t.Error("the ICS list lacks field 13")
	}
	if len(r.body) > 100_000 {
		t.Errorf("the form weighs %d bytes", len(r.body))
	}

	// A code of the wrong form is refused beside its field, the input kept.
	csrf = e.pageCSRF(b, "/standards/new")
	form := url.Values{"_csrf": {csrf}, "title": {"城市道路照明设施养护规范"}, "level": {"local"}, "region": {"4201"},
		"ics": {"93.8"}, "ccs": {"P53"}, "body": {"## 1 范围\n\n本文件规定了养护要求。\n"}}
	r = e.postForm(b, "/standards/new", form)
	wantStatus(t, r, http.StatusUnprocessableEntity)
	page := string(r.body)
	if got := selectTexts(t, page, "p.field-error"); len(got) != 1 || !strings.Contains(got[0], "ICS 分类号 93.8 格式") {
		t.Errorf("the errors read %q", got)
	}
	doc = parseHTML(t, page)
	if o := htmlcheck.First(doc, `select[name="region"] option[selected]`); o == nil || htmlcheck.Attr(o, "value") != "4201" {
		t.Error("the region is not kept")
	}
	if in := htmlcheck.First(doc, `input[name="ccs"]`); htmlcheck.Attr(in, "value") != "P53" {
		t.Error("the CCS code is not kept")
	}
	form.Set("ics", "93.080")
	form.Set("ccs", "P5")
	r = e.postForm(b, "/standards/new", form)
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if got := selectTexts(t, string(r.body), "p.field-error"); len(got) != 1 || !strings.Contains(got[0], "CCS 分类号 P5 格式") {
		t.Errorf("the errors read %q", got)
	}
	list := e.request("GET", "/api/v1/standards", e.login("drafter"), nil)
	if strings.Contains(string(list.body), "城市道路照明设施养护规范") {
		t.Error("a refused form stored a standard")
	}

	// With good codes the standard opens with them.
	form.Set("ccs", "P53")
	r = e.postForm(b, "/standards/new", form)
	wantStatus(t, r, http.StatusSeeOther)
	id := strings.TrimPrefix(r.Header.Get("Location"), "/standards/")
	st := e.request("GET", "/api/v1/standards/"+id, e.login("drafter"), nil).Map(t)
	if st["region"] != "4201" || st["ics"] != "93.080" || st["ccs"] != "P53" {
		t.Errorf("the standard holds %v %v %v", st["region"], st["ics"], st["ccs"])
	}
}

// A posted region the lists lack (a county) is kept as it is.
func TestNewPageKeepsOtherRegion(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	csrf := e.pageCSRF(b, "/login")
	wantStatus(t, e.postForm(b, "/login", url.Values{"_csrf": {csrf}, "username": {"drafter"}, "password": {testPassword}}), http.StatusSeeOther)
	csrf = e.pageCSRF(b, "/standards/new")
	r := e.postForm(b, "/standards/new", url.Values{"_csrf": {csrf}, "title": {""}, "level": {"local"}, "region": {"420106"}})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	o := htmlcheck.First(parseHTML(t, string(r.body)), `select[name="region"] option[selected]`)
	if o == nil || htmlcheck.Attr(o, "value") != "420106" {
		t.Error("the county code is not kept")
	}
}

// The code search answers by code prefix and by name, and refuses what it
// cannot read.
func TestCodeSearchAPI(t *testing.T) {
	e := newEnv(t)
	var got []struct{ Code, Name string }
	r := e.request("GET", "/api/v1/codes/ccs?q=k22", "", nil)
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &got)
	if len(got) != 1 || got[0].Code != "K22" || got[0].Name != "异步电机" {
		t.Errorf("ccs k22: %+v", got)
	}
	r = e.request("GET", "/api/v1/codes/ics?q="+url.QueryEscape("环保"), "", nil)
	wantStatus(t, r, http.StatusOK)
	got = nil
	r.JSON(t, &got)
	if len(got) == 0 || got[0].Code != "13" {
		t.Errorf("ics 环保: %+v", got)
	}
	r = e.request("GET", "/api/v1/codes/ics?q=03.080", "", nil)
	got = nil
	r.JSON(t, &got)
	if len(got) != 6 || got[0].Code != "03.080" || got[5].Code != "03.080.99" {
		t.Errorf("ics 03.080: %+v", got)
	}
	r = e.request("GET", "/api/v1/codes/ccs?q=a", "", nil)
	got = nil
	r.JSON(t, &got)
	if len(got) != 20 {
		t.Errorf("ccs a: %d hits, want the bound of 20", len(got))
	}
	wantStatus(t, e.request("GET", "/api/v1/codes/xyz?q=1", "", nil), http.StatusNotFound)
	r = e.request("GET", "/api/v1/codes/ics?q="+strings.Repeat("字", 101), "", nil)
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if !strings.Contains(string(r.body), `"q"`) {
		t.Errorf("the refusal does not name q: %s", r.body)
	}
}
