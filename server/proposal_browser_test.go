package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"norma/workflow"
)

// loginAs logs the browser in as name.
func loginAs(t *testing.T, ctx context.Context, base, name string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), name),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), testPassword))
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`main form.stack`))); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`.who`)))
}

func submit(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(sel))); err != nil {
		t.Fatal(err)
	}
}

// A drafter proposes a standard from the header's link, sees the similar
// standards, and staff put it on the plan; the draft then carries the plan
// number and its consultation record is kept from its page.
func TestProposalInBrowser(t *testing.T) {
	ctx := browse(t)
	e := newEnv(t, noNoticeMinimum)
	e.standardIn(workflow.StateIssued, 1) // the library holds a similar text
	e.indexed()
	loginAs(t, ctx, e.srv.URL, "drafter")
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`header a[href="/proposals"]`))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`main a[href="/proposals/new"]`))); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[name=title]`), "机关会议服务规范"),
		chromedp.SendKeys(chromedp.CSS(`input[name=region]`), "99"),
		chromedp.SendKeys(chromedp.CSS(`input[name=proposer_org]`), "北京市机关事务管理局"),
		chromedp.SendKeys(chromedp.CSS(`input[name=drafting_org]`), "北京市机关事务管理局"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=rationale]`), "会务人员应经过岗位培训，会场应配备扩音、照明和应急疏散设施。"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=scope]`), "本文件规定了机关会议服务的基本要求。"))
	submit(t, ctx, `main form.stack`)
	// Refused: the message stands beside the region, the input is kept.
	if msg := text(t, ctx, `label:has(input[name=region]) + .field-error`); !strings.Contains(msg, "99") {
		t.Errorf("the region's error reads %q", msg)
	}
	kept, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`textarea[name=scope]`)))
	if !strings.Contains(kept, "基本要求") {
		t.Errorf("the scope was not kept: %q", kept)
	}
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`input[name=region]`), "11"))
	submit(t, ctx, `main form.stack`)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#similar`)))
	screenshot(t, ctx, "proposal")
	if hits := text(t, ctx, `#similar`); !strings.Contains(hits, "机关会议服务规范") || !strings.Contains(hits, "相似度") {
		t.Errorf("similar standards: %q", hits)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#decision").length`)); n != 0 {
		t.Error("the drafter is offered the decision form")
	}

	do(t, ctx, chromedp.Navigate(e.srv.URL+"/proposals"))
	loginAs(t, ctx, e.srv.URL, "staff")
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/proposals?status=pending"))
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`table.proposals a`))); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, `#decision form`) // approve without a plan number
	if msg := text(t, ctx, `#decision .field-error`); !strings.Contains(msg, "plan number") {
		t.Errorf("the plan number's error reads %q", msg)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[name=plan_number]`), "2027-015"))
	submit(t, ctx, `#decision form`)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`article.text`)))
	if meta := text(t, ctx, `aside.meta`); !strings.Contains(meta, "2027-015") || !strings.Contains(meta, "drafter") {
		t.Errorf("the new draft's facts: %q", meta)
	}

	// The consultation record on the standard page.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#consultees summary`)),
		chromedp.SendKeys(chromedp.CSS(`#consultees input[name=organization]`), "市财政局"))
	submit(t, ctx, `#consultees form.stack`)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#consultees table`)),
		chromedp.SetValue(chromedp.CSS(`#consultees select[name=reply]`), workflow.ReplyComments))
	submit(t, ctx, `#consultees td form`)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#consultees .counts`)))
	screenshot(t, ctx, "consultees")
	if counts := text(t, ctx, `#consultees .counts`); !strings.Contains(counts, "发送征求意见稿的单位数 1 个；收到回函的单位数 1 个；收到回函并有建议或意见的单位数 1 个；没有回函的单位数 0 个") {
		t.Errorf("counts: %q", counts)
	}
}
