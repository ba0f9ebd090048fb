package server_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"norma/workflow"
)

// lifeBrowser drives one browser through pages as several people in turn.
type lifeBrowser struct {
	t     *testing.T
	ctx   context.Context
	e     *env
	shots string
	step  int
}

// shot writes a screenshot of the page to the test's folder and names it in
// the log.
func (b *lifeBrowser) shot(name string) {
	b.t.Helper()
	b.step++
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	p := filepath.Join(b.shots, fmt.Sprintf("%02d-%s", b.step, name)+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", p)
}

// shotsDir is NORMA_SCREENSHOTS when set, else the test's temp folder.
func shotsDir(t *testing.T) string {
	if d := os.Getenv("NORMA_SCREENSHOTS"); d != "" {
		return d
	}
	return t.TempDir()
}

// submit clicks a button that sends a form and waits for the next page.
func (b *lifeBrowser) submit(sel string) {
	b.t.Helper()
	if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		b.t.Fatalf("submitting %s: %v", sel, err)
	}
}

func (b *lifeBrowser) open(path string) {
	b.t.Helper()
	do(b.t, b.ctx, chromedp.Navigate(b.e.srv.URL+path))
}

func (b *lifeBrowser) loginAs(name string) {
	b.t.Helper()
	if n, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("form[action='/logout']").length`)); n > 0 {
		b.submit(`form[action="/logout"] button`)
	}
	b.open("/login")
	do(b.t, b.ctx, chromedp.SendKeys(chromedp.CSS(`input[name=username]`), name),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), testPassword))
	b.submit(`form.stack button`)
	do(b.t, b.ctx, chromedp.WaitVisible(chromedp.CSS(`.who`)))
}

func (b *lifeBrowser) text(sel string) string { b.t.Helper(); return text(b.t, b.ctx, sel) }

// dragSelect selects words of the text with the mouse: press before the
// first character, move, release after the last, as a person does.
func (b *lifeBrowser) dragSelect(anchor, words string) {
	b.t.Helper()
	js := `(function(){const el=document.getElementById(` + jsString(anchor) + `);el.scrollIntoView({block:"center"});
const w=document.createTreeWalker(el,NodeFilter.SHOW_TEXT);for(let n=w.nextNode();n;n=w.nextNode()){const i=n.data.indexOf(` + jsString(words) + `);
if(i<0)continue;const r=document.createRange();r.setStart(n,i);r.setEnd(n,i+1);const a=r.getBoundingClientRect();
r.setStart(n,i+` + jsInt(len([]rune(words))-1) + `);r.setEnd(n,i+` + jsInt(len([]rune(words))) + `);const z=r.getBoundingClientRect();
return [a.left+1,a.top+a.height/2,z.right-1,z.top+z.height/2]}return []})()`
	pts, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]float64](js))
	if err != nil || len(pts) != 4 {
		b.t.Fatalf("no %q in %s: %v", words, anchor, err)
	}
	do(b.t, b.ctx,
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, pts[0], pts[1]),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, pts[0], pts[1], chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (pts[0]+pts[2])/2, pts[3], chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, pts[2], pts[3], chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, pts[2], pts[3], chromedp.ButtonLeft, chromedp.ClickCount(1)))
}

func jsString(s string) string { return "`" + strings.ReplaceAll(s, "`", "\\`") + "`" }
func jsInt(n int) string       { return strconv.Itoa(n) }
func itoa(n int) string        { return strconv.Itoa(n) }

// A standard's whole life through the pages only; the API is used only to
// read back what a page claims.
func TestStandardLifeInBrowser(t *testing.T) {
	ctx := browseFor(t, 4*time.Minute)
	e := newEnv(t, noNoticeMinimum)
	b := &lifeBrowser{t: t, ctx: ctx, e: e, shots: shotsDir(t)}
	staffToken := e.login("staff")

	// The drafter opens a standard, checking for duplicates first.
	b.loginAs("drafter")
	do(t, ctx, chromedp.Click(chromedp.CSS(`a[href="/standards/new"]`)), chromedp.WaitVisible(chromedp.CSS(`#new-form`)))
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[name=title]`), "机关会议服务规范"),
		chromedp.SetValue(chromedp.CSS(`textarea[name=body]`), meetingText))
	b.submit(`button[name=check]`)
	b.shot("new-checked")
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`textarea[name=body]`))); !strings.Contains(v, "会务人员应经过岗位培训") {
		t.Fatalf("the text is lost after the duplicate check")
	}
	if sim := b.text("#similar"); !strings.Contains(sim, "未发现") && !strings.Contains(sim, "机关") {
		t.Errorf("the duplicate check shows %q", sim)
	}
	b.submit(`#new-form button:not([name])`)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`article.text`)))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	id := loc[strings.LastIndex(loc, "/")+1:]
	b.shot("created")

	// The drafter edits three characters; the browser sends CRLF.
	b.open("/standards/" + id + "/edit")
	edited := strings.Replace(meetingText, "会务人员应经过岗位培训", "会务人员应经过岗位培训合格者", 1)
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#body`), edited))
	b.submit(`#edit-form button[type=submit]`)
	var d struct {
		Stats struct{ Inserted, Deleted int }
	}
	e.request("GET", "/api/v1/standards/"+id+"/diff?from=1&to=2", staffToken, nil).JSON(t, &d)
	if d.Stats.Inserted != 3 || d.Stats.Deleted != 0 {
		t.Errorf("a three-character edit in the browser diffs as %+v", d.Stats)
	}

	// Staff sees submit blocked for want of an expert, assigns one, submits.
	b.loginAs("staff")
	b.open("/standards/" + id)
	if got := b.text(`form[data-action=submit]`); !strings.Contains(got, "尚未指定审查专家") {
		t.Errorf("the submit action reads %q", got)
	}
	if dis, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("form[data-action=submit] button").disabled`)); !dis {
		t.Error("submit is not disabled without an expert")
	}
	b.shot("staff-before-assign")
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`select[name=username]`), "expert1"))
	b.submit(`form[action$="/experts"] button`)
	b.submit(`form[data-action=submit] button`)
	b.shot("submitted")
	if s := b.text(".std-head"); !strings.Contains(s, "专家审查") {
		t.Fatalf("after submit the page says %q", s)
	}

	// The expert selects a passage with the mouse and comments with a suggestion.
	b.loginAs("expert1")
	b.open("/standards/" + id)
	b.dragSelect("c-4.1.1", "岗位培训合格者")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`.selection-button`)))
	b.shot("selection")
	do(t, ctx, chromedp.Click(chromedp.CSS(`.selection-button`)), chromedp.WaitVisible(chromedp.CSS(`#comment-form.popup`)),
		chromedp.SendKeys(chromedp.CSS(`#comment-form textarea[name=body]`), "表述不明确。"),
		chromedp.SendKeys(chromedp.CSS(`#comment-form textarea[name=suggestion]`), "岗位培训并考核合格者"))
	b.shot("comment-form")
	b.submit(`#comment-form button[type=submit]`)
	// A second comment through the fallback: a clause and no quote.
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#comment-form select[name=clause]`), "4.2"),
		chromedp.SendKeys(chromedp.CSS(`#comment-form textarea[name=body]`), "建议补充无障碍设施要求。"))
	b.submit(`#comment-form button[type=submit]`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`input[name=verdict][value=approve_with_changes]`)))
	b.submit(`#verdict button[type=submit]`)
	b.shot("expert-done")
	var comments []struct {
		ID       int64
		Quote    *struct{ Exact string }
		Position *struct{ Start, End int }
	}
	e.request("GET", "/api/v1/standards/"+id+"/comments?revision=2", staffToken, nil).JSON(t, &comments)
	if len(comments) != 2 || comments[0].Quote == nil || comments[0].Quote.Exact != "岗位培训合格者" || comments[0].Position == nil {
		t.Fatalf("comments after the expert = %+v", comments)
	}
	if p := comments[0].Position; string([]rune(edited)[p.Start:p.End]) != "岗位培训合格者" {
		t.Errorf("the position %+v does not hold the quote in the revision's code points", *p)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("mark.anchor").length`)); n < 1 {
		t.Error("the commented passage is not highlighted")
	}

	// The drafter applies the suggestion and disposes the other comment.
	b.loginAs("drafter")
	b.open("/standards/" + id)
	b.shot("drafter-comments")
	b.submit(`#comment-` + itoa(int(comments[0].ID)) + ` form.apply button`)
	c2 := `#comment-` + itoa(int(comments[1].ID))
	do(t, ctx, chromedp.Click(chromedp.CSS(c2+` details summary`)),
		chromedp.SetValue(chromedp.CSS(c2+` select[name=decision]`), "not_accepted"),
		chromedp.SendKeys(chromedp.CSS(c2+` textarea[name=reason]`), "已有专门标准规定。"))
	b.submit(c2 + ` form.stack button`)
	b.shot("disposed")
	var rev3 struct{ Body string }
	e.request("GET", "/api/v1/standards/"+id+"/revisions/3", staffToken, nil).JSON(t, &rev3)
	if !strings.Contains(rev3.Body, "会务人员应经过岗位培训并考核合格者") {
		t.Errorf("revision 3 after applying the suggestion: %q", rev3.Body)
	}

	// Staff approves with a notice of one day.
	b.loginAs("staff")
	b.open("/standards/" + id)
	if got := b.text(`form[data-action=issue]`); !strings.Contains(got, "只能在") {
		t.Errorf("issue in review reads %q", got)
	}
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`form[data-action=approve] input[name=notice_days]`), "1"))
	b.submit(`form[data-action=approve] button`)
	b.shot("approved")
	if st := e.request("GET", "/api/v1/standards/"+id, staffToken, nil).Map(t); st["state"] != string(workflow.StatePublicNotice) {
		t.Fatalf("after approve the standard is %v", st["state"])
	}

	// An anonymous visitor comments on the notice.
	b.submit(`form[action="/logout"] button`)
	b.open("/standards/" + id)
	do(t, ctx, chromedp.Click(chromedp.CSS(`#notice summary`)),
		chromedp.SendKeys(chromedp.CSS(`#notice input[name=name]`), "王五"),
		chromedp.SendKeys(chromedp.CSS(`#notice textarea[name=body]`), "建议明确会场温度。"))
	b.submit(`#notice form button`)
	b.shot("public-comment")

	// Staff sees issue blocked, disposes the public comment, and issues once
	// the window has ended.
	b.loginAs("staff")
	b.open("/standards/" + id)
	if got := b.text(`form[data-action=issue]`); !strings.Contains(got, "公示期至") || !strings.Contains(got, "1 条公众意见未处理") {
		t.Errorf("issue during the notice reads %q", got)
	}
	pc := `.comment-list.public li.comment`
	do(t, ctx, chromedp.Click(chromedp.CSS(pc+` details summary`)),
		chromedp.SetValue(chromedp.CSS(pc+` select[name=decision]`), "accepted"))
	b.submit(pc + ` form.stack button`)
	e.clock.Advance(48 * time.Hour)
	b.loginAs("staff") // the session of two days ago has expired
	b.open("/standards/" + id)
	if got := b.text(`form[data-action=issue]`); strings.Contains(got, "公示") {
		t.Fatalf("issue after the window and the disposition reads %q", got)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`form[data-action=issue] input[name=number]`), "DB11/T 9901—2026"),
		chromedp.SetValue(chromedp.CSS(`form[data-action=issue] input[name=impl_date]`), "2026-09-01"))
	b.shot("issue-form")
	b.submit(`form[data-action=issue] button`)
	b.shot("issued")
	st := e.request("GET", "/api/v1/standards/"+id, e.login("staff"), nil).Map(t)
	if st["state"] != string(workflow.StateIssued) || st["number"] != "DB11/T 9901—2026" {
		t.Fatalf("after issue: %v %v", st["state"], st["number"])
	}
	if tl := b.text("#timeline"); strings.Count(tl, "staff") < 3 {
		t.Errorf("the timeline reads %q", tl)
	}

	// The disposition table lists all three comments, disposed.
	b.open("/standards/" + id + "/dispositions")
	b.shot("dispositions")
	if rows := b.text("table.dispositions tbody"); strings.Contains(rows, "未处理") || !strings.Contains(rows, "未采纳") {
		t.Errorf("disposition table: %q", rows)
	}

	// Search finds it.
	e.indexed()
	b.open("/search?q=" + "机关会议服务规范")
	b.shot("search")
	if hits := b.text(".hits"); !strings.Contains(hits, "DB11/T 9901—2026") {
		t.Errorf("search shows %q", hits)
	}
}

// The comparison folds long unchanged runs and shows them again on a click.
func TestCompareFoldsInBrowser(t *testing.T) {
	ctx := browse(t)
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	text2 := strings.Replace(meetingText, "会务人员宜统一着装。", "会务人员应统一着装。", 1)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": text2, "base": 1}), 201)
	b := &lifeBrowser{t: t, ctx: ctx, e: e, shots: shotsDir(t)}
	b.loginAs("drafter")
	b.open("/standards/" + id + "/compare?from=1&to=2")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`tr.diff-fold button`)))
	b.shot("compare")
	count := `document.querySelectorAll("table.diff-side tr[hidden]").length`
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[int](count))
	if err != nil || hidden < 3 {
		t.Fatalf("%d rows folded (%v)", hidden, err)
	}
	if label := b.text(`tr.diff-fold button`); !strings.Contains(label, "行未改动的内容") {
		t.Errorf("the fold reads %q", label)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`tr.diff-fold button`)))
	left, _ := chromedp.Run(ctx, chromedp.Evaluate[int](count))
	if left >= hidden {
		t.Errorf("after a click %d of %d rows are still folded", left, hidden)
	}
}
