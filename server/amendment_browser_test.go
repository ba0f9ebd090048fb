package server_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Staff open an amendment from the issued standard's page (发布修改单 in its
// relations), land on the new sheet's page, write its wording there, and
// find it listed on the standard's page.
func TestAmendmentInBrowser(t *testing.T) {
	ctx := browse(t)
	e := newEnv(t)
	parent := e.issuedClean("DB11/T 802—2020")
	loginAs(t, ctx, e.srv.URL, "staff")
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/standards/"+parent),
		chromedp.Click(chromedp.CSS(`#amend summary`)),
		chromedp.SendKeys(chromedp.CSS(`#amend input[name=note]`), "更正 4.2"))
	submit(t, ctx, `#amend form`)
	url, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil || !strings.HasPrefix(url, "/standards/s-") || strings.HasSuffix(url, parent) {
		t.Fatalf("after 发布修改单 the browser is at %q (%v)", url, err)
	}
	if h := text(t, ctx, `h1`); h != "《机关会议服务规范》第1号修改单" {
		t.Errorf("the new page's heading is %q", h)
	}
	if p := text(t, ctx, `#relations dl`); !strings.Contains(p, "DB11/T 802—2020") {
		t.Errorf("the sheet's relations read %q, without its parent", p)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#sheet summary`)),
		chromedp.SendKeys(chromedp.CSS(`#sheet textarea[name=sheet]`), "一、4.2 条改为：“会场应配备无障碍设施。”"))
	submit(t, ctx, `#sheet form`)
	if s := text(t, ctx, `#sheet p.sheet`); !strings.Contains(s, "无障碍") {
		t.Errorf("the sheet reads %q after saving", s)
	}
	screenshot(t, ctx, "amendment")
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/standards/"+parent))
	if s := text(t, ctx, `#relations ol.amendments`); !strings.Contains(s, "草案") && !strings.Contains(s, "draft") {
		t.Errorf("the standard's page lists its amendments as %q", s)
	}
}
