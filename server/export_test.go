package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"norma/internal/need"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/net/html"

	"norma/docs/docx"

	chromiumprint "norma/print/chromium"
	"norma/server"
	"norma/workflow"
)

func exampleText(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("../docs/docx/testdata/standard.md")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// docxPart reads one part of a .docx answer.
func docxPart(tb testing.TB, body []byte, name string) string {
	tb.Helper()
	z, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		tb.Fatalf("not a zip: %v", err)
	}
	f, err := z.Open(name)
	if err != nil {
		tb.Fatalf("no part %s: %v", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestRevisionExportDOCX(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, map[string]any{"body": exampleText(t), "level": "local", "region": "11"})
	path := "/api/v1/standards/" + id + "/revisions/1/export"

	r := e.request("GET", path+"?format=docx", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.Contains(ct, "wordprocessingml") {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''") || !strings.Contains(cd, ".docx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	doc := docxPart(t, r.body, "word/document.xml")
	for _, want := range []string{"北京市地方标准", "机关会议服务规范", "（征求意见稿）", "北京市市场监督管理局", "ICS 03.080.99"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the draft's document lacks %q", want)
		}
	}

	r = e.request("GET", path+"?format=docx&stage=送审稿", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	if doc := docxPart(t, r.body, "word/document.xml"); !strings.Contains(doc, "（送审稿）") || strings.Contains(doc, "征求意见稿") {
		t.Error("stage=送审稿 does not print 送审稿 alone on the cover")
	}
	r = e.request("GET", path+"?format=docx&stage=issued", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	if doc := docxPart(t, r.body, "word/document.xml"); strings.Contains(doc, "专利连同支持性文件") {
		t.Error("the issued text carries the drafts' patent notice")
	}

	for _, c := range []struct{ query, field string }{{"?format=odt", "format"}, {"", "format"}, {"?format=docx&stage=草稿", "stage"}} {
		r := e.request("GET", path+c.query, drafter, nil)
		wantStatus(t, r, http.StatusUnprocessableEntity)
		if _, field, _ := r.Error(t); field != c.field {
			t.Errorf("%s: field %q, want %q", c.query, field, c.field)
		}
	}
	// A draft is the drafter's: the public does not know of it.
	wantStatus(t, e.request("GET", path+"?format=docx", "", nil), http.StatusNotFound)
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/revisions/9/export?format=docx", drafter, nil), http.StatusNotFound)
}

// The cover prints the stage of a draft, and the patent notice on the
// drafts GB/T 1.1 asks it of: those sent out for comment and for review.
func TestRevisionExportStageAndPatentNotice(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, map[string]any{"body": exampleText(t), "level": "local", "region": "11"})
	for _, tc := range []struct {
		stage, printed string
		notice         bool
	}{{"consultation", "（征求意见稿）", true}, {"送审稿", "（送审稿）", true}, {"approval", "（报批稿）", false}, {"发布稿", "", false}} {
		r := e.request("GET", "/api/v1/standards/"+id+"/revisions/1/export?format=docx&stage="+url.QueryEscape(tc.stage), drafter, nil)
		wantStatus(t, r, http.StatusOK)
		stage, notice := coverParagraph(t, r.body, "CoverStage"), coverParagraph(t, r.body, "CoverNotice")
		if stage != tc.printed {
			t.Errorf("%s: the cover's stage reads %q, want %q", tc.stage, stage, tc.printed)
		}
		if (notice == docx.PatentNotice) != tc.notice || (notice != "" && notice != docx.PatentNotice) {
			t.Errorf("%s: the cover's patent notice reads %q, want it: %v", tc.stage, notice, tc.notice)
		}
	}
}

// coverParagraph returns the text of the first paragraph of the style in
// a .docx answer's document, or "".
func coverParagraph(tb testing.TB, body []byte, style string) string {
	tb.Helper()
	doc := docxPart(tb, body, "word/document.xml")
	i := strings.Index(doc, `<w:pStyle w:val="`+style+`"/>`)
	if i < 0 {
		return ""
	}
	end := strings.Index(doc[i:], "</w:p>")
	var text strings.Builder
	for _, m := range reDocxText.FindAllStringSubmatch(doc[i:i+end], -1) {
		text.WriteString(html.UnescapeString(m[1]))
	}
	return text.String()
}

var reDocxText = regexp.MustCompile(`<w:t[^>]*>([^<]*)</w:t>`)

// squeeze drops the white space pdftotext puts between the characters of
// a line.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

func TestRevisionExportCarriesTheFilingNumber(t *testing.T) {
	e := newEnv(t)
	id := e.issued("DB11/T 501—2026", "11", "2026-04-20", "2026-07-01")
	path := "/api/v1/standards/" + id + "/revisions/1/export?format=docx"
	if doc := docxPart(t, e.request("GET", path, "", nil).body, "word/document.xml"); strings.Contains(doc, "备案号") {
		t.Error("a standard not yet filed prints a 备案号")
	}
	r := e.request("POST", "/api/v1/standards/"+id+"/filing", e.login("staff"), map[string]string{"number": "京备 2026-17", "filed_on": "2026-04-25"})
	wantStatus(t, r, http.StatusOK)
	r = e.request("GET", path, "", nil)
	wantStatus(t, r, http.StatusOK)
	if doc := docxPart(t, r.body, "word/document.xml"); !strings.Contains(doc, "备案号：京备 2026-17") {
		t.Error("the cover of a filed standard lacks its 备案号")
	}
}

func TestRevisionExportPDFWithoutBrowser(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, map[string]any{"body": exampleText(t)})
	r := e.request("GET", "/api/v1/standards/"+id+"/revisions/1/export?format=pdf", drafter, nil)
	wantStatus(t, r, http.StatusServiceUnavailable)
	if code, _, msg := r.Error(t); code != "unavailable" || !strings.Contains(msg, "Chromium") {
		t.Errorf("503 says %s %q, want it to name Chromium", code, msg)
	}
	// The Word export never needs the browser.
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/revisions/1/export?format=docx", drafter, nil), http.StatusOK)
}

// pdfPages returns the text of each page of a PDF (poppler's pdftotext).
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		need.Absent(t, "no pdftotext (Debian's poppler-utils): the PDF page checks were skipped")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// countingPrinter counts the prints the export asks of the real printer.
type countingPrinter struct {
	*chromiumprint.Printer
	prints atomic.Int32
}

func (c *countingPrinter) PrintPDF(ctx context.Context, html string) ([]byte, error) {
	c.prints.Add(1)
	return c.Printer.PrintPDF(ctx, html)
}

func TestRevisionExportPDF(t *testing.T) {
	path, err := chromiumprint.Find(os.Getenv("NORMA_TEST_CHROMIUM"))
	if err != nil {
		need.Absent(t, "no Chromium on this machine (install Debian's chromium or set NORMA_TEST_CHROMIUM): the PDF export test was skipped")
	}
	p := &countingPrinter{Printer: chromiumprint.New(path)}
	t.Cleanup(p.Close)
	e := newEnvDeps(t, func(d *server.Deps) { d.Printer = p })
	drafter := e.login("drafter")
	text := exampleText(t)
	// Without its 前言 the front matter is the one page of 目次, and the
	// body needs a blank page before it to start on an odd page.
	i, j := strings.Index(text, "## 前言"), strings.Index(text, "## 1 范围")
	noForeword := text[:i] + text[j:]
	for _, tc := range []struct {
		name, text string
		prints     int32
		blank      bool
	}{{"foreword", text, 1, false}, {"no foreword", noForeword, 2, true}} {
		t.Run(tc.name, func(t *testing.T) {
			id := e.createStandard(drafter, map[string]any{"body": tc.text, "level": "local", "region": "11"})
			p.prints.Store(0)
			r := e.request("GET", "/api/v1/standards/"+id+"/revisions/1/export?format=pdf", drafter, nil)
			wantStatus(t, r, http.StatusOK)
			if n := p.prints.Load(); n != tc.prints {
				t.Errorf("%d prints, want %d", n, tc.prints)
			}
			checkExportPDF(t, r.body, tc.blank, tc.name)
		})
	}
}

// checkExportPDF checks the pages of the example text's PDF: the cover,
// the contents numbered I, the body on an odd page numbered 1 (after a
// blank page when blank), the annex and the foreword.
func checkExportPDF(t *testing.T, pdf []byte, blank bool, name string) {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.40q", pdf)
	}
	if out := os.Getenv("NORMA_EXPORT_OUT"); out != "" {
		_ = os.WriteFile(filepath.Join(out, "export-"+strings.ReplaceAll(name, " ", "-")+".pdf"), pdf, 0o600) // for looking at, when asked
	}
	pages := pdfPages(t, pdf)
	if len(pages) < 4 {
		t.Fatalf("%d pages, want cover, contents and body", len(pages))
	}
	cover := pages[0]
	for _, want := range []string{"北京市地方标准", "机关会议服务规范", "征求意见稿", "DB11/T 0000—2026"} {
		if !strings.Contains(cover, want) {
			t.Errorf("page 1 is not the cover: it lacks %q", want)
		}
	}
	if !strings.Contains(squeeze(cover), docx.PatentNotice) {
		t.Error("the cover of the 征求意见稿 lacks the patent notice")
	}
	if strings.Count(cover, "DB11/T 0000—2026") != 1 {
		t.Error("the cover carries a header with the number")
	}
	if strings.TrimSpace(pages[1]) != "" {
		t.Errorf("page 2, the back of the cover, is not blank: %.80q", pages[1])
	}
	if !strings.Contains(pages[2], "目") || !regexp.MustCompile(`(?m)^\s*I\s*$`).MatchString(pages[2]) {
		t.Errorf("page 3 is not the contents numbered I: %.200q", pages[2])
	}
	body := -1
	for i, pg := range pages {
		if strings.Contains(pg, "1 范围") && strings.Contains(pg, "本文件规定了") {
			body = i + 1
			break
		}
	}
	if body < 0 || body%2 == 0 {
		t.Fatalf("the body starts on page %d, want an odd page", body)
	}
	if got := strings.TrimSpace(pages[body-2]) == ""; got != blank {
		t.Errorf("the page before the body is blank: %v, want %v (%.80q)", got, blank, pages[body-2])
	}
	if !regexp.MustCompile(`(?m)^\s*1\s*$`).MatchString(pages[body-1]) {
		t.Error("the body's first page is not numbered 1")
	}
	if !strings.Contains(pages[body-1], "DB11/T 0000—2026") {
		t.Error("the body's first page has no header with the number")
	}
	if !strings.Contains(strings.Join(pages[body-1:], ""), "附录 A") {
		t.Error("the annex is missing")
	}
	if blank == strings.Contains(strings.Join(pages, ""), "前言") {
		t.Errorf("the foreword is printed: %v, want %v", !blank, !blank)
	}
}

// The 报批稿 prints its stage on the cover, without the patent notice.
func TestRevisionExportPDFApprovalCover(t *testing.T) {
	path, err := chromiumprint.Find(os.Getenv("NORMA_TEST_CHROMIUM"))
	if err != nil {
		need.Absent(t, "no Chromium on this machine (install Debian's chromium or set NORMA_TEST_CHROMIUM): the PDF export test was skipped")
	}
	p := chromiumprint.New(path)
	t.Cleanup(p.Close)
	e := newEnvDeps(t, func(d *server.Deps) { d.Printer = p })
	drafter := e.login("drafter")
	id := e.createStandard(drafter, map[string]any{"body": exampleText(t), "level": "local", "region": "11"})
	r := e.request("GET", "/api/v1/standards/"+id+"/revisions/1/export?format=pdf&stage=报批稿", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	cover := squeeze(pdfPages(t, r.body)[0])
	if !strings.Contains(cover, "（报批稿）") || strings.Contains(cover, "征求意见稿") {
		t.Errorf("the cover does not print 报批稿 alone: %.300q", cover)
	}
	if strings.Contains(cover, "相关专利") {
		t.Error("the cover of the 报批稿 carries the patent notice")
	}
}

// A table that runs onto the next page carries "表 N（续）" there, above its
// repeated header, and not on its first page.
func TestRevisionExportPDFContinuedTable(t *testing.T) {
	path, err := chromiumprint.Find(os.Getenv("NORMA_TEST_CHROMIUM"))
	if err != nil {
		need.Absent(t, "no Chromium on this machine (install Debian's chromium or set NORMA_TEST_CHROMIUM): the PDF export test was skipped")
	}
	p := chromiumprint.New(path)
	t.Cleanup(p.Close)
	e := newEnvDeps(t, func(d *server.Deps) { d.Printer = p })
	drafter := e.login("drafter")
	var b strings.Builder
	b.WriteString("---\ntitle: 长表规范\nlevel: local\nregion: \"11\"\n---\n\n# 长表规范\n\n## 1 范围\n\n本文件规定了检查项目，见表 1 和表 2。\n\n表 1 检查项目\n\n| 序号 | 项目 | 要求 |\n| --- | --- | --- |\n")
	for i := 1; i <= 90; i++ {
		fmt.Fprintf(&b, "| %d | 项目%d | 要求%d |\n", i, i, i)
	}
	b.WriteString("\n| 序号 | 结果 |\n| --- | --- |\n| 1 | 合格 |\n")
	id := e.createStandard(drafter, map[string]any{"body": b.String()})
	r := e.request("GET", "/api/v1/standards/"+id+"/revisions/1/export?format=pdf", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	if out := os.Getenv("NORMA_EXPORT_OUT"); out != "" {
		_ = os.WriteFile(filepath.Join(out, "export-continued.pdf"), r.body, 0o600) // for looking at, when asked
	}
	pages := pdfPages(t, r.body)
	first, last := -1, -1
	for i, pg := range pages {
		pg = squeeze(pg)
		if strings.Contains(pg, "表1检查项目") {
			first = i
		}
		if strings.Contains(pg, "项目90") {
			last = i
		}
	}
	if first < 0 || last <= first {
		t.Fatalf("the table starts on page %d and ends on page %d: it should run over pages", first+1, last+1)
	}
	if strings.Contains(squeeze(pages[first]), "（续）") {
		t.Errorf("the table's first page says （续）: %.300q", pages[first])
	}
	for i := first + 1; i <= last; i++ {
		pg := squeeze(pages[i])
		if !strings.Contains(pg, "表1（续）") || strings.Index(pg, "表1（续）") > strings.Index(pg, "序号项目要求") {
			t.Errorf("page %d, which the table runs onto, does not say 表 1（续） above the header: %.300q", i+1, pages[i])
		}
	}
	// The short table 2, untitled in the text, is numbered and never continued.
	all := squeeze(strings.Join(pages, ""))
	if !strings.Contains(all, "表2序号结果") || strings.Contains(all, "表2（续）") {
		t.Errorf("table 2 is not titled 表 2 alone")
	}
}

func TestDispositionTableDOCX(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	id := e.standardIn(workflow.StateExpertReview, 1)
	expert, drafter := e.login("expert1"), e.login("drafter")
	var c1 commentView
	e.comment(expert, id, map[string]any{"quote": map[string]any{"exact": quoted}, "body": "学时<应>明确 & 细化。"}).JSON(t, &c1)
	e.request("PUT", fmt.Sprintf("/api/v1/comments/%d/disposition", c1.ID), drafter, map[string]any{"decision": "not_accepted", "reason": "由各单位规定"})
	r := e.request("GET", "/api/v1/standards/"+id+"/dispositions?format=docx", drafter, nil)
	wantStatus(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.Contains(ct, "wordprocessingml") {
		t.Errorf("Content-Type %q", ct)
	}
	doc := docxPart(t, r.body, "word/document.xml")
	if strings.Count(doc, "<w:tr>") != 2 || strings.Count(doc, "<w:tblHeader/>") != 1 {
		t.Errorf("want a repeating header row and one comment row: %d rows", strings.Count(doc, "<w:tr>"))
	}
	for _, want := range []string{"意见汇总处理表", "章条编号", "4.1.1", "学时&lt;应&gt;明确 &amp; 细化。", "不采纳", "由各单位规定", `w:orient="landscape"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("the table lacks %q", want)
		}
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/dispositions?format=docx", "", nil), http.StatusNotFound)
}

// links returns the href of every a inside elements of class within the page.
func links(t *testing.T, page []byte, class string) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
					in = true
				}
				if in && n.Data == "a" && a.Key == "href" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return out
}

func TestExportButtons(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": meetingText + "\n再加一段。\n", "base": 1})
	base := "/api/v1/standards/" + id
	want := []string{base + "/revisions/2/export?format=docx", base + "/revisions/2/export?format=pdf", base + "/dispositions?format=docx"}
	for _, page := range []string{"/standards/" + id, "/standards/" + id + "/compare?from=1&to=2"} {
		r := e.request("GET", page, drafter, nil)
		wantStatus(t, r, http.StatusOK)
		got := links(t, r.body, "export-links")
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: export links %q, want %q", page, got, want)
		}
		if !strings.Contains(string(r.body), "征求意见稿") {
			t.Errorf("%s: the export does not name the stage", page)
		}
		// Each link answers.
		for _, l := range got {
			if !strings.Contains(l, "pdf") {
				wantStatus(t, e.request("GET", l, drafter, nil), http.StatusOK)
			}
		}
	}
}
