package server_test

import (
	"context"
	"norma/internal/need"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"norma/workflow"
)

// chromium returns the browser to drive, or skips the test saying why.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("NORMA_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	need.Absent(t, "no Chromium on this machine (install Debian's chromium or set NORMA_TEST_CHROMIUM): the browser tests were skipped")
	return ""
}

// browse starts a headless Chromium and returns a context for chromedp.
func browse(t *testing.T) context.Context {
	t.Helper()
	return browseFor(t, 60*time.Second)
}

// browseFor is browse for a walk that takes up to d.
func browseFor(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "zh-CN"), chromedp.Flag("accept-lang", "zh-CN,zh"), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, d)
	t.Cleanup(cancel3)
	return ctx
}

// screenshot saves the page under NORMA_SCREENSHOTS, when set, to look at.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("NORMA_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// text returns the text of the first element matching a CSS selector.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func TestPagesInBrowser(t *testing.T) {
	ctx := browse(t)
	e := newEnv(t, noNoticeMinimum)
	issued := e.standardIn(workflow.StateIssued, 1)
	e.createStandard(e.login("drafter"), map[string]any{"title": "草案中的机关食堂服务规范", "level": "group"})

	do(t, ctx, chromedp.Navigate(e.srv.URL+"/"))
	screenshot(t, ctx, "home-public")
	if home := text(t, ctx, "main"); !strings.Contains(home, "机关会议服务规范") || strings.Contains(home, "草案中的") || !strings.Contains(home, "已发布") {
		t.Errorf("the public home page shows:\n%s", home)
	}

	do(t, ctx, chromedp.Click(chromedp.CSS(`a[href="/standards/`+issued+`"]`)), chromedp.WaitVisible(chromedp.CSS(`article.text`)))
	screenshot(t, ctx, "standard")
	title, _ := chromedp.Run(ctx, chromedp.Title())
	if clause := text(t, ctx, `[id="c-4.1.1"]`); !strings.Contains(clause, "会务人员应经过岗位培训") || !strings.Contains(title, "机关会议服务规范") {
		t.Errorf("clause 4.1.1 reads %q, title %q", clause, title)
	}
	if link := text(t, ctx, `nav.outline a[href="#c-4"]`); !strings.Contains(link, "基本要求") {
		t.Errorf("the outline links chapter 4 as %q", link)
	}

	do(t, ctx, chromedp.Navigate(e.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "drafter"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), testPassword))
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`form.stack`))); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`.who`)))
	screenshot(t, ctx, "home-drafter")
	if who, home := text(t, ctx, ".who"), text(t, ctx, "main"); !strings.Contains(who, "drafter") || !strings.Contains(home, "草案中的机关食堂服务规范") {
		t.Errorf("after login: %q; home:\n%s", who, home)
	}

	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`a[hreflang=en]`))); err != nil {
		t.Fatal(err)
	}
	if h := text(t, ctx, "main h1"); h != "My work" {
		t.Errorf("in English the work list's heading is %q", h)
	}
}

// The editor checks the text while the drafter types and points each finding
// at its line.
func TestEditorFindingsInBrowser(t *testing.T) {
	ctx := browse(t)
	e := newEnv(t)
	id := e.createStandard(e.login("drafter"), nil)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "drafter"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), testPassword))
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`form.stack`))); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/standards/"+id+"/edit"), chromedp.WaitVisible(chromedp.CSS(`#finding-list`)))
	if n := text(t, ctx, "#lint-counts"); !strings.Contains(n, "错误 0") {
		t.Errorf("the clean text shows %q", n)
	}
	broken := strings.Replace(meetingText, "### 4.2 设施", "### 4.4 设施", 1)
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#body`), broken))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("body").dispatchEvent(new Event("input")), true`)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#finding-list .sev-error`)))
	screenshot(t, ctx, "editor")
	line, err := chromedp.Run(ctx, chromedp.Evaluate[int](`parseInt(document.querySelector("#finding-list .sev-error").dataset.line, 10)`))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Split(broken, "\n")[line-1]; !strings.Contains(got, "4.4") {
		t.Errorf("the error points at line %d: %q", line, got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#finding-list .sev-error a.goto-line`)))
	selected, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function(b){return b.value.substring(b.selectionStart, b.selectionEnd)})(document.getElementById("body"))`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(selected, "4.4 设施") {
		t.Errorf("clicking the finding selects %q", selected)
	}
	// Saving from the editor makes revision 2.
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[name=message]`), "编号待改"))
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`#edit-form`))); err != nil {
		t.Fatal(err)
	}
	st := e.request("GET", "/api/v1/standards/"+id, e.login("drafter"), nil).Map(t)
	if st["revision"] != 2.0 {
		t.Errorf("after saving from the editor the standard is at revision %v", st["revision"])
	}
}

// The public comments on a text under notice from its page.
func TestPublicCommentInBrowser(t *testing.T) {
	ctx := browse(t)
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	wantStatus(t, e.move(e.login("staff"), id, map[string]any{"action": "approve", "notice_days": 30}), 200)
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/standards/"+id), chromedp.WaitVisible(chromedp.CSS(`#notice`)))
	if box := text(t, ctx, "#notice"); !strings.Contains(box, "公示期：2026-05-01 至 2026-05-31") || !strings.Contains(box, "距截止还有 30 天") {
		t.Errorf("notice box: %q", box)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#notice summary`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=name]`), "李四"),
		chromedp.SendKeys(chromedp.CSS(`input[name=contact]`), "li@example.cn"),
		chromedp.SetValue(chromedp.CSS(`select[name=clause]`), "4.1.1"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=body]`), "建议明确培训学时。"))
	if _, err := chromedp.RunResponse(ctx, chromedp.Submit(chromedp.CSS(`#notice form`))); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#notice .ok`)))
	screenshot(t, ctx, "notice")
	box := text(t, ctx, "#notice")
	if !strings.Contains(box, "已收到您的意见") || !strings.Contains(box, "建议明确培训学时") || strings.Contains(box, "li@example.cn") {
		t.Errorf("after the comment: %q", box)
	}
	var list []commentView
	e.request("GET", "/api/v1/standards/"+id+"/public-comments", e.login("staff"), nil).JSON(t, &list)
	if len(list) != 1 || list[0].Clause != "4.1.1" || list[0].Contact != "li@example.cn" {
		t.Errorf("stored comment = %+v", list)
	}
}
