package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"norma/workflow"
)

// libraryDue is a library standard implemented five years ago: its review
// falls due within the staff's work list's 90 days.
const libraryDue = `---
number: DB11/T 1806—2021
title: 机关会议室管理规范
level: local
region: "11"
status: current
issue_date: 2021-03-01
impl_date: 2021-06-01
---

## 1 范围

本文件规定了机关会议室的管理要求。

## 4 管理要求

### 4.1 预约

会议室应实行预约管理。
`

// clickTo follows a link and waits for the page it opens.
func clickTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("following %s: %v", sel, err)
	}
}

// openForm opens the details that holds a form, by its summary's words.
func openForm(t *testing.T, ctx context.Context, summary string) {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		for (const s of document.querySelectorAll('details > summary')) {
			if (s.textContent.includes(`+"`"+summary+"`"+`)) { s.click(); return true; }
		}
		return false;
	})()`))
	if err != nil || !ok {
		t.Fatalf("no form %q on the page (%v)", summary, err)
	}
}

// Staff record a filing, conclude reviews each way, answer a visitor's
// feedback and keep the standard system, each from the page where the
// work list or the header leads them.
func TestAftercareInBrowser(t *testing.T) {
	ctx := browseFor(t, 300*time.Second)
	e := newEnv(t, noNoticeMinimum)
	issued := e.standardIn(workflow.StateIssued, 1) // DB11/T 9001—2026, issued 2026-05-01
	other := e.standardIn(workflow.StateIssued, 2)
	_, lib, err := e.svc.Import(context.Background(), workflow.ImportInput{Path: "huiyishi.md", Text: libraryDue})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(40 * 24 * time.Hour) // 2026-06-10: the filings fall due within 30 days
	base := e.srv.URL

	// A visitor sends feedback on the issued standard.
	do(t, ctx, chromedp.Navigate(base+"/standards/"+issued))
	openForm(t, ctx, "反馈实施中的问题或建议")
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#feedback select[name=kind]`), "suggestion"),
		chromedp.SetValue(chromedp.CSS(`#feedback select[name=clause]`), "4.1.1"),
		chromedp.SendKeys(chromedp.CSS(`#feedback textarea[name=body]`), "培训内容宜写明学时。"),
		chromedp.SendKeys(chromedp.CSS(`#feedback input[name=name]`), "李四"),
		chromedp.SendKeys(chromedp.CSS(`#feedback input[name=contact]`), "lisi@example.cn"))
	submit(t, ctx, `form[action="/standards/`+issued+`/feedback"]`)
	if s := text(t, ctx, `#feedback`); !strings.Contains(s, "反馈已收到") || strings.Contains(s, "lisi@example.cn") {
		t.Errorf("after sending feedback the visitor sees:\n%s", s)
	}

	loginAs(t, ctx, base, "staff")
	screenshot(t, ctx, "aftercare-work-staff")
	home := text(t, ctx, "main")
	for _, want := range []string{"待备案", "90 天内到期的复审", "待答复的实施信息反馈", "DB11/T 1806—2021"} {
		if !strings.Contains(home, want) {
			t.Errorf("staff's work list lacks %q:\n%s", want, home)
		}
	}

	// The filing, from the work list: a wrong date first, then the right one.
	clickTo(t, ctx, `section[aria-labelledby="w-staff.filings"] a[href="/standards/`+issued+`#aftercare"]`)
	openForm(t, ctx, "登记备案")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`form[action$="/filing"] input[name=number]`), "备11-2026-0007"),
		chromedp.SetValue(chromedp.CSS(`form[action$="/filing"] input[name=filed_on]`), "2026-04-01"))
	submit(t, ctx, `form[action$="/filing"]`)
	if s := text(t, ctx, `#aftercare`); !strings.Contains(s, "2026-05-01") {
		t.Errorf("a filing dated before the issue is not refused beside its field:\n%s", s)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`form[action$="/filing"] input[name=number]`))); v != "备11-2026-0007" {
		t.Errorf("the refused form lost the number: %q", v)
	}
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`form[action$="/filing"] input[name=filed_on]`), "2026-06-01"))
	submit(t, ctx, `form[action$="/filing"]`)
	if s := text(t, ctx, `#aftercare dl`); !strings.Contains(s, "备11-2026-0007") || !strings.Contains(s, "2026-06-01") {
		t.Errorf("the recorded filing reads:\n%s", s)
	}

	// The feedback, from the work list: staff answer it.
	do(t, ctx, chromedp.Navigate(base+"/"))
	clickTo(t, ctx, `section[aria-labelledby="w-staff.feedback"] a[href="/standards/`+issued+`#feedback"]`)
	if s := text(t, ctx, `#feedback`); !strings.Contains(s, "lisi@example.cn") || !strings.Contains(s, "培训内容宜写明学时") {
		t.Errorf("staff do not see the feedback with its contact:\n%s", s)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`.feedback-list form input[name=answer]`), "将在复审时研究。"))
	submit(t, ctx, `.feedback-list form`)
	if s := text(t, ctx, `.feedback-list`); !strings.Contains(s, "将在复审时研究。") {
		t.Errorf("the answer is not shown:\n%s", s)
	}

	// The reviews, from the work list: continue, then revise without and
	// with a reason.
	do(t, ctx, chromedp.Navigate(base+"/"))
	if s := text(t, ctx, "main"); strings.Contains(s, "待答复的实施信息反馈") {
		t.Errorf("answered feedback stays in the work list:\n%s", s)
	}
	clickTo(t, ctx, `section[aria-labelledby="w-staff.reviews"] a[href="/standards/`+lib+`#aftercare"]`)
	openForm(t, ctx, "记录复审结论")
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`form[action$="/reviews"] select[name=conclusion]`), "continue"))
	submit(t, ctx, `form[action$="/reviews"]`)
	if s := text(t, ctx, `#aftercare`); !strings.Contains(s, "2031-06-01") || !strings.Contains(s, "继续有效") {
		t.Errorf("after 继续有效 the review record reads:\n%s", s)
	}
	openForm(t, ctx, "记录复审结论")
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`form[action$="/reviews"] select[name=conclusion]`), "revise"))
	submit(t, ctx, `form[action$="/reviews"]`)
	if s := text(t, ctx, `#aftercare`); !strings.Contains(s, "理由") {
		t.Errorf("修订 without a reason is not refused beside the reason:\n%s", s)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`form[action$="/reviews"] textarea[name=reason]`), "预约管理要求需更新。"))
	submit(t, ctx, `form[action$="/reviews"]`)
	screenshot(t, ctx, "aftercare-revised")
	// 修订 leads to the revision project: a draft of the same title, which
	// replaces the reviewed standard and links back to it.
	if s := text(t, ctx, ".std-head"); !strings.Contains(s, "机关会议室管理规范") || !strings.Contains(s, "草案") {
		t.Errorf("修订 did not lead to the revision project; the page's head reads %q", s)
	}
	clickTo(t, ctx, `#relations a[href="/standards/`+lib+`"]`)
	if s := text(t, ctx, "#relations"); !strings.Contains(s, "草案") {
		t.Errorf("the reviewed standard does not link its revision project:\n%s", s)
	}

	// 废止 from the /aftercare list in the header.
	clickTo(t, ctx, `header a[href="/aftercare"]`)
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`input[name=within]`), "2000"))
	submit(t, ctx, `form[action="/aftercare"]`)
	clickTo(t, ctx, `#reviews-due a[href="/standards/`+other+`#aftercare"]`)
	openForm(t, ctx, "记录复审结论")
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`form[action$="/reviews"] select[name=conclusion]`), "abolish"),
		chromedp.SendKeys(chromedp.CSS(`form[action$="/reviews"] textarea[name=reason]`), "已被国家标准覆盖。"))
	submit(t, ctx, `form[action$="/reviews"]`)
	if s := text(t, ctx, ".std-head"); !strings.Contains(s, "已废止") {
		t.Errorf("after 废止 the standard's head reads %q", s)
	}

	// The standard system, from the header: a tree, then a standard placed.
	clickTo(t, ctx, `header a[href="/system"]`)
	openForm(t, ctx, "编辑")
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#system-editor textarea[name=nodes]`),
		"nodes:\n  - code: \"100\"\n    name: 通用基础\n  - code: \"200\"\n    name: 服务\n    children:\n      - code: \"201\"\n        name: 会议服务\n"))
	submit(t, ctx, `#system-editor form`)
	screenshot(t, ctx, "aftercare-system")
	if s := text(t, ctx, "table.system-table"); !strings.Contains(s, "会议服务") || !strings.Contains(s, "201") {
		t.Fatalf("the saved system reads:\n%s", s)
	}
	do(t, ctx, chromedp.Navigate(base+"/standards/"+issued))
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#relations select[name=system_node]`), "201"))
	submit(t, ctx, `#relations form`)
	if s := text(t, ctx, "#system-node"); !strings.Contains(s, "201") {
		t.Errorf("the placed standard's module reads %q", s)
	}
	clickTo(t, ctx, `#system-node a`)
	if s := text(t, ctx, `#node-201`); !strings.Contains(s, "机关会议服务规范") {
		t.Errorf("module 201 on the system page reads %q", s)
	}
}
