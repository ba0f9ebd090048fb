package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"norma/workflow"
)

// browseAsShipped starts a headless Chromium as it comes, without a
// language setting: it asks for en-US.
func browseAsShipped(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, d)
	t.Cleanup(cancel3)
	return ctx
}

// wideTable is a chapter with a table of many columns, wider than a phone.
const wideTable = `
### 4.3 设施清单

表 1 会场设施配置要求

| 序号 | 设施名称 | 型号规格要求 | 配置数量要求 | 检查周期要求 | 责任部门 | 备注说明 |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | 扩音设备（含无线话筒） | 额定功率不小于二百瓦 | 每个会场不少于两套 | 每次会议开始前检查一次 | 会务保障部门 | 应准备备用电池 |
| 2 | 91110000100000000X | 91110000100000001Y | 91110000100000002Z | 911100001000000030 | 911100001000000041 | 911100001000000052 |
`

// narrowCheck is the script that measures a page at phone width: how far
// the document runs past the viewport, the tallest header link against its
// line height, and every table whose box runs off the screen without a
// scrolling box of its own.
const narrowCheck = `(() => {
  const W = 390, out = {overflow: document.scrollingElement.scrollWidth - W, tall: [], tables: [], scrolls: 0};
  for (const el of document.querySelectorAll("header.top nav a, header.top nav button, header.top .brand")) {
    const lh = parseFloat(getComputedStyle(el).lineHeight) || 27;
    const h = el.getBoundingClientRect().height;
    if (h > lh * 1.5) out.tall.push(el.textContent.trim() + " " + Math.round(h) + "px");
  }
  for (const t of document.querySelectorAll("main table")) {
    let box = t;
    while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    const r = (box || t).getBoundingClientRect();
    if (r.right > W + 1 || r.left < -1) out.tables.push((t.className || "table") + " right " + Math.round(r.right));
    if (box && box.scrollWidth > box.clientWidth) out.scrolls++;
  }
  return JSON.stringify(out);
})()`

type narrowResult struct {
	Overflow int
	Tall     []string
	Tables   []string
	Scrolls  int
}

// At 390 px the home, standard, search, editor and comparison pages fit the
// screen: nothing runs off to the side, the header's links stay on one
// line each, and wide tables scroll inside their own box. A browser that
// asks for en-US gets them in Chinese.
func TestNarrowPagesInBrowser(t *testing.T) {
	ctx := browseAsShipped(t, 120*time.Second)
	e := newEnv(t, noNoticeMinimum)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, map[string]any{"body": meetingText + wideTable})
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter,
		map[string]any{"body": strings.Replace(meetingText+wideTable, "会务人员宜统一着装。", "会务人员宜统一着装，佩戴工作证，保持仪表整洁，举止得体，接待来宾时使用规范用语。", 1), "base": 1}), 201)
	e.standardIn(workflow.StateIssued, 1)
	e.indexed()
	loginAs(t, ctx, e.srv.URL, "drafter")
	dir := os.Getenv("NORMA_SCREENSHOTS")
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	for _, p := range []struct{ name, path string }{
		{"home", "/"},
		{"standard", "/standards/" + id},
		{"search", "/search?q=" + "会议服务"},
		{"editor", "/standards/" + id + "/edit"},
		{"compare", "/standards/" + id + "/compare?from=1&to=2"},
		{"compare-rendered", "/standards/" + id + "/compare?from=1&to=2&view=rendered"},
	} {
		do(t, ctx, chromedp.Navigate(e.srv.URL+p.path), chromedp.WaitReady(chromedp.CSS("footer")))
		lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		if err != nil {
			t.Fatal(err)
		}
		if lang != "zh-CN" {
			t.Errorf("%s: a browser asking for en-US gets a page in %q", p.name, lang)
		}
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](narrowCheck))
		if err != nil {
			t.Fatal(err)
		}
		var r narrowResult
		if err := jsonUnmarshal(raw, &r); err != nil {
			t.Fatal(err)
		}
		if r.Overflow > 1 {
			t.Errorf("%s at 390 px: the document is %d px wider than the screen", p.name, r.Overflow)
		}
		if len(r.Tall) > 0 {
			t.Errorf("%s at 390 px: header items wrap: %v", p.name, r.Tall)
		}
		if len(r.Tables) > 0 {
			t.Errorf("%s at 390 px: tables run off the screen: %v", p.name, r.Tables)
		}
		if p.name == "standard" && r.Scrolls == 0 {
			t.Errorf("the standard's wide table does not scroll in its box")
		}
		if dir != "" {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "390-"+p.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// printMedia switches the page to print styles, or back with "".
func printMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// printCheck lists what is still shown in print that is not the text, and
// whether the text and its number are shown.
const printCheck = `(() => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const out = {shown: [], text: "", number: "", margins: ""};
  for (const sel of ["header.top", "header.top nav", "footer", ".skip", "main form", ".std-actions", ".outline", ".meta",
      "#actions", "#round", "#timeline", ".comments", ".notice", "#consultees", "main button", "main details", "main select"]) {
    for (const el of document.querySelectorAll(sel)) if (shown(el)) { out.shown.push(sel); break; }
  }
  const a = document.querySelector("article.text");
  if (a && shown(a)) out.text = a.innerText;
  const n = document.querySelector(".std-head .number");
  if (n && shown(n)) out.number = n.innerText;
  const m = getComputedStyle(document.querySelector("main")), s = getComputedStyle(a);
  out.margins = [m.paddingLeft, m.marginLeft, s.paddingLeft, s.borderLeftWidth].join(" ");
  return JSON.stringify(out);
})()`

// The standard page prints as the text alone: the header, navigation,
// forms, panels and actions are hidden, the text and its number shown
// without the screen's margins.
func TestStandardPrintsAsText(t *testing.T) {
	ctx := browse(t)
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateIssued, 1)
	loginAs(t, ctx, e.srv.URL, "staff")
	do(t, ctx, chromedp.Navigate(e.srv.URL+"/standards/"+id), chromedp.WaitVisible(chromedp.CSS("article.text")))
	var screen, paper struct {
		Shown                 []string
		Text, Number, Margins string
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](printCheck))
	if err != nil {
		t.Fatal(err)
	}
	if err := jsonUnmarshal(raw, &screen); err != nil {
		t.Fatal(err)
	}
	// On screen the parts are there, so that hiding them in print means something.
	for _, want := range []string{"header.top", "footer", "main form", ".std-actions", "#timeline", ".outline"} {
		if !strings.Contains(strings.Join(screen.Shown, " "), want) {
			t.Errorf("on screen %s is not shown (shown: %v)", want, screen.Shown)
		}
	}
	do(t, ctx, printMedia("print"))
	raw, err = chromedp.Run(ctx, chromedp.Evaluate[string](printCheck))
	if err != nil {
		t.Fatal(err)
	}
	if err := jsonUnmarshal(raw, &paper); err != nil {
		t.Fatal(err)
	}
	if len(paper.Shown) > 0 {
		t.Errorf("in print these still show: %v", paper.Shown)
	}
	if !strings.Contains(paper.Text, "会务人员应经过岗位培训") || !strings.Contains(paper.Text, "范围") {
		t.Errorf("in print the text reads %.200q", paper.Text)
	}
	if strings.Contains(paper.Text, "正在查看") {
		t.Errorf("in print the text keeps the screen's revision line: %.100q", paper.Text)
	}
	if !strings.Contains(paper.Number, "DB11/T") {
		t.Errorf("in print the number reads %q", paper.Number)
	}
	if paper.Margins != "0px 0px 0px 0px" {
		t.Errorf("in print main and the text keep padding, margin and border: %s", paper.Margins)
	}
	if dir := os.Getenv("NORMA_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "print-standard.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do(t, ctx, printMedia(""))
}

func jsonUnmarshal(s string, v any) error {
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("decoding %s: %w", s, err)
	}
	return nil
}
