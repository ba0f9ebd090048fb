package server

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/labstack/echo/v4"

	"norma/docs"
	"norma/docs/docx"
	"norma/workflow"
)

// Printer prints a self-contained HTML page as PDF. cmd/norma gives a
// headless Chromium; without one the PDF export answers 503.
type Printer interface {
	PrintPDF(ctx context.Context, html string) ([]byte, error)
}

// noPrinter names what is missing when no printer was given.
const noPrinter = "PDF export needs a Chromium browser on the server and none was found " +
	"(install Debian's chromium and fonts-noto-cjk, or set NORMA_CHROMIUM); the Word export works without it"

// exportDoc is a revision ready to be written: its front matter completed
// from the standard's record, and its cover.
type exportDoc struct {
	docx.Document
	Stage workflow.Stage
}

// handleRevisionExport writes a revision in the GB/T 1.1 layout:
// GET /api/v1/standards/:id/revisions/:n/export?format=docx|pdf[&stage=].
func (s *Server) handleRevisionExport(c echo.Context) error {
	format := c.QueryParam("format")
	if format != "docx" && format != "pdf" {
		return workflow.FieldError("format", "format is docx or pdf, not %q", format)
	}
	var stage workflow.Stage
	if v := c.QueryParam("stage"); v != "" {
		var err error
		if stage, err = workflow.ParseStage(v); err != nil {
			return err
		}
	}
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 {
		return workflow.Errorf(workflow.ENOTFOUND, "no revision %q", c.Param("n"))
	}
	ctx, user := c.Request().Context(), currentUser(c)
	st, r, f, err := s.svc.RevisionToExport(ctx, user, c.Param("id"), n)
	if err != nil {
		return err
	}
	if stage == "" {
		stage = workflow.RevisionStage(st, r)
	}
	d := exportDocument(st, r, stage)
	if f != nil {
		d.Cover.FilingNumber = f.Number
	}
	name := exportName(d) + "." + format
	if format == "docx" {
		var buf bytes.Buffer
		if err := docx.Write(&buf, d.Document); err != nil {
			return err
		}
		attachmentAs(c, "standard.docx", name)
		return c.Blob(http.StatusOK, docxType, buf.Bytes())
	}
	if s.printer == nil {
		return workflow.Errorf(workflow.EUNAVAILABLE, noPrinter)
	}
	pdf, err := s.printPDF(ctx, printPage(d))
	if err != nil {
		return err
	}
	attachmentAs(c, "standard.pdf", name)
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// exportDocument completes the text's front matter from the standard's
// record, which is what the office last decided.
func exportDocument(st *workflow.Standard, r *workflow.Revision, stage workflow.Stage) exportDoc {
	m, _, err := docs.ParseFrontMatter(r.Body)
	if err != nil {
		m = docs.Meta{} // an unreadable front matter is text; the record still fills the cover
	}
	for _, f := range []struct {
		dst *string
		v   string
	}{{&m.Number, st.Number}, {&m.Title, st.Title},
		{&m.TitleEN, st.TitleEN}, {&m.ICS, st.ICS}, {&m.CCS, st.CCS}, {&m.IssueDate, st.IssueDate},
		{&m.ImplDate, st.ImplDate}, {&m.Region, st.Region}, {&m.DraftingOrg, st.DraftingOrg}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	if len(st.Replaces) > 0 {
		m.Replaces = st.Replaces
	}
	cover := docx.Cover{Banner: banner(st.Level, m.Region), Issuer: issuer(st.Level, m.Region, m.DraftingOrg)}
	if stage != workflow.PrintIssued {
		cover.Stage = string(stage)
	}
	return exportDoc{Document: docx.Document{Meta: m, Text: r.Body, Cover: cover, Time: r.CreatedAt}, Stage: stage}
}

func province(region string) string {
	if len(region) < 2 {
		return ""
	}
	return workflow.RegionName(region[:2], "zh-CN")
}

// banner is the level line of the cover.
func banner(level workflow.Level, region string) string {
	switch level {
	case workflow.LevelNational:
		return "中华人民共和国国家标准"
	case workflow.LevelIndustry:
		return "中华人民共和国行业标准"
	case workflow.LevelLocal:
		return province(region) + "地方标准"
	case workflow.LevelGroup:
		return "团体标准"
	}
	return ""
}

// issuer is the issuing body at the foot of the cover.
func issuer(level workflow.Level, region, org string) string {
	switch level {
	case workflow.LevelNational:
		return "国家市场监督管理总局　国家标准化管理委员会"
	case workflow.LevelLocal:
		if p := province(region); p != "" {
			return p + "市场监督管理局"
		}
	}
	return org
}

var unsafeName = regexp.MustCompile(`[\\/:*?"<>|\x00-\x1f]+`)

// exportName names the file: number, title and the stage of a draft.
func exportName(d exportDoc) string {
	name := strings.TrimSpace(d.Meta.Number + " " + d.Meta.Title)
	if d.Cover.Stage != "" {
		name += "（" + d.Cover.Stage + "）"
	}
	if name == "" {
		name = "standard"
	}
	return unsafeName.ReplaceAllString(name, "-")
}

func attachmentAs(c echo.Context, ascii, name string) {
	c.Response().Header().Set(echo.HeaderContentDisposition,
		`attachment; filename="`+ascii+`"; filename*=UTF-8''`+url.PathEscape(name))
}

// printView is what the print template shows.
type printView struct {
	Lang, Number, Title, TitleEN, ICS, CCS, Replaces string
	Banner, Stage, FilingNumber, Issuer              string
	IssueDate, ImplDate, PatentNotice, ClosingLine   string
	Draft                                            bool
	Contents                                         []contentsEntry
	Front, Body                                      template.HTML
	// OnlyFront prints the front matter alone, to count its pages;
	// BlankBeforeBody then adds the page that makes the body start on
	// an odd page.
	OnlyFront, BlankBeforeBody bool
}

// contentsEntry is one line of 目次.
type contentsEntry struct {
	Depth        int
	Anchor, Text string
}

// printPDF prints the page. Chromium does not leave a page blank for
// break-before: right, so the whole text is printed once and the body's
// first page read from the PDF's outline, where the body title is an
// entry: when that page is even, the text is printed again with a blank
// page before the body (about half the texts). When the outline does not
// say, the front matter is printed alone to count its pages.
func (s *Server) printPDF(ctx context.Context, v printView) ([]byte, error) {
	var page bytes.Buffer
	if err := s.views.Render(&page, "print", v); err != nil {
		return nil, err
	}
	pdf, err := s.printer.PrintPDF(ctx, page.String())
	if err != nil {
		return nil, err
	}
	first := pdfOutlinePage(pdf, bodyHeading(v))
	if first%2 == 1 {
		return pdf, nil
	}
	if first == 0 {
		front := v
		front.OnlyFront = true
		page.Reset()
		if err := s.views.Render(&page, "print", front); err != nil {
			return nil, err
		}
		fpdf, err := s.printer.PrintPDF(ctx, page.String())
		if err != nil {
			return nil, err
		}
		if pdfPages(fpdf)%2 == 0 {
			return pdf, nil
		}
	}
	v.BlankBeforeBody = true
	page.Reset()
	if err := s.views.Render(&page, "print", v); err != nil {
		return nil, err
	}
	return s.printer.PrintPDF(ctx, page.String())
}

// bodyHeading is the text of the heading that opens the body on the
// printed page, the title or, without one, 正文.
func bodyHeading(v printView) string {
	if t := strings.TrimSpace(v.Title); t != "" {
		return t
	}
	return "正文"
}

// rePDFPage matches a page object of the PDFs Chromium writes (which keep
// their objects uncompressed).
var rePDFPage = regexp.MustCompile(`/Type\s*/Page\b`)

func pdfPages(pdf []byte) int { return len(rePDFPage.FindAllIndex(pdf, -1)) }

var (
	rePDFRef     = regexp.MustCompile(`(\d+) 0 R`)
	rePDFKids    = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	rePDFRootPgs = regexp.MustCompile(`/Type\s*/Catalog\s*/Pages (\d+) 0 R`)
	rePDFOutline = regexp.MustCompile(`/Title <([0-9A-Fa-f]+)>\s*/Dest \[(\d+) 0 R`)
)

// pdfObject returns the text of object n up to its endobj.
func pdfObject(pdf []byte, n string) []byte {
	head := []byte("\n" + n + " 0 obj")
	i := bytes.Index(pdf, head)
	if i < 0 {
		return nil
	}
	rest := pdf[i+len(head):]
	if j := bytes.Index(rest, []byte("endobj")); j >= 0 {
		return rest[:j]
	}
	return nil
}

// pdfOutlinePage returns the number (from 1) of the page the first outline
// entry titled title points to, or 0 when the PDF does not say: it reads the
// uncompressed outline and page tree Chromium writes.
func pdfOutlinePage(pdf []byte, title string) int {
	want := utf16Hex(title)
	target := ""
	for _, m := range rePDFOutline.FindAllSubmatch(pdf, -1) {
		if strings.EqualFold(string(m[1]), want) {
			target = string(m[2])
			break
		}
	}
	root := rePDFRootPgs.FindSubmatch(pdf)
	if target == "" || root == nil {
		return 0
	}
	n, found := 0, false
	var walk func(obj string, depth int)
	walk = func(obj string, depth int) {
		if found || depth > 32 {
			return
		}
		body := pdfObject(pdf, obj)
		kids := rePDFKids.FindSubmatch(body)
		if kids == nil || !bytes.Contains(body, []byte("/Type /Pages")) {
			n++
			found = obj == target
			return
		}
		for _, k := range rePDFRef.FindAllSubmatch(kids[1], -1) {
			walk(string(k[1]), depth+1)
		}
	}
	walk(string(root[1]), 0)
	if !found {
		return 0
	}
	return n
}

// utf16Hex is s as a PDF text string in hexadecimal: FEFF and UTF-16BE.
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteString("FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}

// contents lists the elements, chapters, second-level clauses and annexes.
func contents(text string) []contentsEntry {
	var out []contentsEntry
	for _, c := range docs.Clauses(text) {
		if !c.Heading || c.Depth > 2 || c.Anchor == "c-contents" {
			continue
		}
		switch c.Kind {
		case docs.KindElement:
			out = append(out, contentsEntry{1, c.Anchor, c.Title})
		case docs.KindAnnex:
			out = append(out, contentsEntry{1, c.Anchor, docx.AnnexLabel(c)})
		case docs.KindClause:
			out = append(out, contentsEntry{c.Depth, c.Anchor, c.Number + "　" + c.Title})
		}
	}
	return out
}

// reFirstChapter finds the heading of chapter 1, where the body starts.
var reFirstChapter = regexp.MustCompile(`<h[1-6] id="c-1"`)

// printPage splits the page's rendering of the text into the front matter
// (前言, 引言) and the body at chapter 1, and fills the cover.
func printPage(d exportDoc) printView {
	m := d.Meta
	html := string(docs.Render(d.Text))
	front, body := "", html
	if loc := reFirstChapter.FindStringIndex(html); loc != nil {
		front, body = html[:loc[0]], html[loc[0]:]
	}
	body = continuedTables(body)
	v := printView{Lang: "zh-CN", Number: m.Number, Title: m.Title, TitleEN: m.TitleEN, ICS: m.ICS, CCS: m.CCS,
		Replaces: strings.Join(m.Replaces, "、"), Banner: d.Cover.Banner, Stage: d.Cover.Stage,
		FilingNumber: d.Cover.FilingNumber, Issuer: d.Cover.Issuer, IssueDate: orX(m.IssueDate), ImplDate: orX(m.ImplDate),
		PatentNotice: patentNotice(d.Cover.Stage), ClosingLine: docx.ClosingLine, Draft: docx.IsDraft(d.Cover.Stage),
		Contents: contents(d.Text), Front: template.HTML(front), Body: template.HTML(body)} // #nosec: both parts of docs.Render's sanitized HTML
	return v
}

// patentNotice is the cover's patent notice at stage, or nothing.
func patentNotice(stage string) string {
	if docx.AsksForPatents(stage) {
		return docx.PatentNotice
	}
	return ""
}

func orX(date string) string {
	if date == "" {
		return "XXXX-XX-XX"
	}
	return date
}

// exportLinks are the export buttons of the standard and comparison pages.
type exportLinks struct {
	ID           string
	Revision     int
	Stage        workflow.Stage
	Dispositions bool // the disposition table, for those who answer the comments
}

func newExportLinks(u *workflow.User, st *workflow.Standard, r *workflow.Revision) *exportLinks {
	return &exportLinks{ID: st.ID, Revision: r.Number, Stage: workflow.RevisionStage(st, r), Dispositions: workflow.CanEdit(u, st)}
}
