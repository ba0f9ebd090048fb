package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The editor previews the text as the page renders it, the toolbar inserts
// the next clause number at the cursor, and saving says which revision it
// made; a frozen text opens read-only with the reason.
func TestEditorPreviewAndToolbarInBrowser(t *testing.T) {
	ctx := browseFor(t, 90*time.Second)
	e := newEnv(t, noNoticeMinimum)
	id := e.createStandard(e.login("drafter"), nil)
	frozen := e.noticeOpenFor(30)
	loginAs(t, ctx, e.srv.URL, "drafter")
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/standards/"+id+"/edit"), chromedp.WaitVisible(chromedp.CSS(`#preview`)))
	if h := text(t, ctx, `#preview [id="c-4.2"]`); !strings.Contains(h, "设施") {
		t.Errorf("the preview shows clause 4.2 as %q", h)
	}
	// Cursor after "4.1.2 会务人员宜统一着装。": the toolbar's clause is 4.1.3.
	js := `(function(b){var i=b.value.indexOf("宜统一着装。")+"宜统一着装。".length;b.focus();b.setSelectionRange(i,i);return i})(document.getElementById("body"))`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](js)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`.toolbar [data-insert=clause]`)))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('#preview').textContent.includes("4.1.3")`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("body").value.slice(0, 2000) + "||" + document.getElementById("preview").textContent.slice(0, 300)`))
		t.Fatalf("the preview never showed the inserted clause 4.1.3: %v\n%s", err, v)
	}
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("body").value`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, "宜统一着装。\n\n4.1.3 条文。\n\n### 4.2") {
		t.Errorf("the toolbar inserted:\n%s", body)
	}
	screenshot(t, ctx, "editor")
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`#edit-form`))); err != nil {
		t.Fatal(err)
	}
	if msg := text(t, ctx, `main p.ok`); !strings.Contains(msg, "已保存为第 2 版") {
		t.Errorf("after saving the page says %q", msg)
	}

	loginAs(t, ctx, e.srv.URL, "staff")
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/standards/"+frozen+"/edit"), chromedp.WaitVisible(chromedp.CSS(`#readonly-reason`)))
	if why := text(t, ctx, `#readonly-reason`); !strings.Contains(why, "只读") || !strings.Contains(why, "公示期间文本不可修改") {
		t.Errorf("the frozen text's editor says %q", why)
	}
	ro, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("body").readOnly && !document.querySelector("#edit-form button[type=submit]")`))
	if err != nil || !ro {
		t.Errorf("the frozen text's editor is not read-only (%v)", err)
	}
}
