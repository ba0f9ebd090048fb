package server_test

import (
	"net/http"
	"net/url"
	"testing"

	"norma/internal/htmlcheck"
)

// Pages are Chinese for everyone, whatever Accept-Language says; English
// only once chosen with the switch, which keeps the page and its query and
// is remembered.
func TestLanguageDefaultAndSwitch(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	page := func(path string, headers ...string) (lang, h1, switchTo string) {
		t.Helper()
		r := e.send(b, "GET", path, "", nil, headers...)
		wantStatus(t, r, http.StatusOK)
		doc := parseHTML(t, string(r.body))
		if a := htmlcheck.First(doc, "a[hreflang]"); a != nil {
			switchTo = htmlcheck.Attr(a, "href")
		}
		return htmlcheck.Attr(htmlcheck.First(doc, "html"), "lang"), htmlcheck.Text(htmlcheck.First(doc, "h1")), switchTo
	}
	for _, al := range []string{"en-US,en;q=0.9", "en", "", "de-DE", "en-GB,zh-CN;q=0.5"} {
		if lang, h1, _ := page("/standards", "Accept-Language", al); lang != "zh-CN" || h1 != "标准" {
			t.Errorf("Accept-Language %q: page in %q with h1 %q, want Chinese", al, lang, h1)
		}
	}
	_, _, sw := page("/standards?sort=title&state=issued", "Accept-Language", "en-US")
	u, err := url.Parse(sw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Path != "/standards" || q.Get("sort") != "title" || q.Get("state") != "issued" || q.Get("lang") != "en" {
		t.Fatalf("the switch on a Chinese page leads to %q", sw)
	}
	if lang, h1, back := page(sw); lang != "en" || h1 != "Standards" {
		t.Errorf("after the switch the page is in %q with h1 %q", lang, h1)
	} else if bu, _ := url.Parse(back); bu.Path != "/standards" || bu.Query().Get("lang") != "zh-CN" || bu.Query().Get("sort") != "title" {
		t.Errorf("the switch on the English page leads to %q", back)
	}
	// The choice is remembered, even when the browser asks for Chinese.
	if lang, _, _ := page("/library", "Accept-Language", "zh-CN"); lang != "en" {
		t.Errorf("the next page is in %q, want the chosen en", lang)
	}
	if lang, _, _ := page("/library?lang=zh-CN"); lang != "zh-CN" {
		t.Errorf("switching back gives %q", lang)
	}
	if lang, _, _ := page("/library", "Accept-Language", "en-US"); lang != "zh-CN" {
		t.Errorf("after switching back the next page is in %q", lang)
	}
}

// The API answers in Chinese too unless asked for English with ?lang=en:
// the scripts of a Chinese page fetch from it with the browser's en-US.
func TestAPILanguageIgnoresAcceptLanguage(t *testing.T) {
	e := newEnv(t)
	tok := e.login("drafter")
	id := e.createStandard(tok, map[string]any{"title": "机关会议服务规范", "level": "local", "region": "11"})
	for query, want := range map[string]string{"": "新建（未经立项）", "?lang=en": "opened directly, without a proposal"} {
		r := e.request("GET", "/api/v1/standards/"+id+"/history"+query, tok, nil, "Accept-Language", "en-US,en")
		wantStatus(t, r, http.StatusOK)
		var h []struct{ Note string }
		r.JSON(t, &h)
		if len(h) != 1 || h[0].Note != want {
			t.Errorf("history%s with Accept-Language en-US = %+v, want the note %q", query, h, want)
		}
	}
}
