package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"norma/workflow"
)

// Each role opens its work list; the public its notices and issues; the
// library shows a law as a law; at 390 px nothing runs off the page.
func TestHomesInBrowser(t *testing.T) {
	ctx := browseFor(t, 120e9)
	e := newEnv(t, noNoticeMinimum)
	e.standardIn(workflow.StateDraft, 1)
	e.standardIn(workflow.StateExpertReview, 2)
	e.standardIn(workflow.StatePublicNotice, 3)
	e.standardIn(workflow.StateIssued, 4)
	if _, _, err := e.svc.Import(context.Background(), workflow.ImportInput{Path: "law.md", Text: lawText}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/"))
	screenshot(t, ctx, "work-public")
	if h := text(t, ctx, `section[aria-labelledby="w-public.issued"] h2`); !strings.Contains(h, "最近发布的标准") {
		t.Errorf("the public home's section reads %q", h)
	}
	for _, tc := range []struct {
		who, section, heading string
		counted               bool
	}{
		{"drafter", "drafter.drafts", "我的草案", true},
		// The expert has given the verdict: the round is followed, not counted.
		{"expert1", "expert.given", "已给出结论", false},
		{"staff", "staff.notice_ended", "公示已结束，待发布", true},
	} {
		loginAs(t, ctx, e.srv.URL, tc.who)
		screenshot(t, ctx, "work-"+tc.who)
		if h := text(t, ctx, "main h1"); h != "工作台" {
			t.Errorf("%s: home h1 %q", tc.who, h)
		}
		if h := text(t, ctx, `section[aria-labelledby="w-`+tc.section+`"] h2`); !strings.Contains(h, tc.heading) {
			t.Errorf("%s: section reads %q", tc.who, h)
		}
		badges, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('header .badge') || {}).textContent || ''`))
		if err != nil || tc.counted != (badges != "" && badges != "0") {
			t.Errorf("%s: header count %q (%v), counted %v", tc.who, badges, err, tc.counted)
		}
		if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`form[action="/logout"]`))); err != nil {
			t.Fatal(err)
		}
	}

	do(t, ctx, chromedp.Navigate(e.srv.URL+"/library"))
	screenshot(t, ctx, "library")
	if row := text(t, ctx, `table.list tbody tr`); !strings.Contains(row, "法律") || strings.Contains(row, "未编号") || !strings.Contains(row, "2017-11-04") {
		t.Errorf("the library's law row reads %q", row)
	}
	// The language switch keeps the page and its query.
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/standards?sort=title&state=issued"))
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`a[hreflang=en]`))); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/standards?") || !strings.Contains(loc, "sort=title") || !strings.Contains(loc, "state=issued") {
		t.Errorf("after the language switch the page is %s", loc)
	}
	if h := text(t, ctx, "main h1"); h != "Standards" {
		t.Errorf("in English the list's heading is %q", h)
	}

	// 390 px: the header wraps by words, tables scroll in their box.
	loginAs(t, ctx, e.srv.URL, "staff")
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(e.srv.URL+"/?lang=zh-CN"))
	screenshot(t, ctx, "work-staff-390")
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if wide > 390 {
		t.Errorf("at 390 px the page is %d px wide", wide)
	}
	tall, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.max(...[...document.querySelectorAll("header.top nav a")].map(a => a.getBoundingClientRect().height))`))
	if err != nil {
		t.Fatal(err)
	}
	if tall > 40 {
		t.Errorf("at 390 px a header link is %.0f px tall: it wraps letter by letter", tall)
	}
}
