package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"norma/internal/need"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"norma/docs"
	"norma/docs/docx"
)

func example(tb testing.TB) docx.Document {
	tb.Helper()
	b, err := os.ReadFile("testdata/standard.md")
	if err != nil {
		tb.Fatal(err)
	}
	m, _, err := docs.ParseFrontMatter(string(b))
	if err != nil {
		tb.Fatal(err)
	}
	return docx.Document{Meta: m, Text: string(b), Time: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
		Cover: docx.Cover{Banner: "北京市地方标准", Stage: "征求意见稿", Issuer: "北京市市场监督管理局", FilingNumber: "12345-2026"}}
}

// unpack writes d and returns its parts by name, each checked to be
// well-formed XML.
func unpack(tb testing.TB, d docx.Document) map[string]string {
	tb.Helper()
	var buf bytes.Buffer
	if err := docx.Write(&buf, d); err != nil {
		tb.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		tb.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := dec.Token(); err != nil {
				if !errors.Is(err, io.EOF) {
					tb.Errorf("%s is not well-formed XML: %v", f.Name, err)
				}
				break
			}
		}
		parts[f.Name] = string(b)
	}
	return parts
}

// paragraphs returns each w:p of a part as its style, numbering and text.
type paragraph struct{ style, numID, ilvl, text string }

func paragraphs(tb testing.TB, part string) []paragraph {
	tb.Helper()
	dec := xml.NewDecoder(strings.NewReader(part))
	var out []paragraph
	var cur *paragraph
	inText := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			attr := func() string {
				for _, a := range t.Attr {
					if a.Name.Local == "val" {
						return a.Value
					}
				}
				return ""
			}
			switch t.Name.Local {
			case "p":
				out = append(out, paragraph{})
				cur = &out[len(out)-1]
			case "pStyle":
				cur.style = attr()
			case "numId":
				cur.numID = attr()
			case "ilvl":
				cur.ilvl = attr()
			case "t":
				inText = true
			case "br":
				if cur != nil {
					cur.text += "\n"
				}
			}
		case xml.EndElement:
			if t.Name.Local == "t" {
				inText = false
			}
		case xml.CharData:
			if inText && cur != nil {
				cur.text += string(t)
			}
		}
	}
	return out
}

func find(ps []paragraph, match func(paragraph) bool) *paragraph {
	for i := range ps {
		if match(ps[i]) {
			return &ps[i]
		}
	}
	return nil
}

func TestWriteCover(t *testing.T) {
	parts := unpack(t, example(t))
	ps := paragraphs(t, parts["word/document.xml"])
	for _, c := range []struct{ style, text string }{
		{"CoverCode", "ICS 03.080.99"}, {"CoverCode", "CCS A12"}, {"CoverBanner", "北京市地方标准"},
		{"CoverNumber", "DB11/T 0000—2026"}, {"CoverReplaces", "备案号：12345-2026"},
		{"CoverTitle", "机关会议服务规范"}, {"CoverTitleEN", "Specification for meeting services in government agencies"},
		{"CoverStage", "（征求意见稿）"}, {"CoverNotice", docx.PatentNotice},
		{"CoverDates", "XXXX-XX-XX 发布\tXXXX-XX-XX 实施"}, {"CoverIssuer", "北京市市场监督管理局　发布"},
	} {
		if p := find(ps, func(p paragraph) bool { return p.style == c.style && p.text == c.text }); p == nil {
			t.Errorf("no %s paragraph %q", c.style, c.text)
		}
	}
	if !strings.Contains(parts["docProps/custom.xml"], `name="StdNumber"><vt:lpwstr>DB11/T 0000—2026<`) {
		t.Error("the number is not a document property")
	}
	if !strings.Contains(parts["word/document.xml"], "DOCPROPERTY StdNumber") {
		t.Error("the cover's number is not a DOCPROPERTY field")
	}
	approval := example(t)
	approval.Cover.Stage = "报批稿"
	ps = paragraphs(t, unpack(t, approval)["word/document.xml"])
	if find(ps, func(p paragraph) bool { return p.style == "CoverStage" && p.text == "（报批稿）" }) == nil {
		t.Error("the 报批稿 does not print its stage")
	}
	if find(ps, func(p paragraph) bool { return p.style == "CoverNotice" }) != nil {
		t.Error("the 报批稿 carries the patent notice, which GB/T 1.1 asks only of 征求意见稿 and 送审稿")
	}
	issued := example(t)
	issued.Cover.Stage = ""
	if doc := unpack(t, issued)["word/document.xml"]; strings.Contains(doc, "CoverStage") || strings.Contains(doc, docx.PatentNotice) {
		t.Error("the issued text carries a stage or the patent notice")
	}
}

func TestWriteNumberingBoundToHeadings(t *testing.T) {
	parts := unpack(t, example(t))
	styles, numbering := parts["word/styles.xml"], parts["word/numbering.xml"]
	for lvl := 0; lvl < 5; lvl++ {
		id := "Heading" + string(rune('1'+lvl))
		style := regexp.MustCompile(`<w:style [^>]*w:styleId="` + id + `">.*?</w:style>`).FindString(styles)
		if !strings.Contains(style, `<w:numPr><w:ilvl w:val="`+string(rune('0'+lvl))+`"/><w:numId w:val="1"/></w:numPr>`) {
			t.Errorf("style %s is not bound to level %d of numbering 1: %s", id, lvl, style)
		}
		if !strings.Contains(style, `<w:outlineLvl w:val="`+string(rune('0'+lvl))+`"/>`) {
			t.Errorf("style %s has no outline level %d", id, lvl)
		}
		if !regexp.MustCompile(`<w:lvl w:ilvl="` + string(rune('0'+lvl)) + `"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="` + id + `"/>`).MatchString(numbering) {
			t.Errorf("numbering level %d does not link back to %s", lvl, id)
		}
	}
	if !strings.Contains(numbering, `<w:numFmt w:val="upperLetter"/><w:pStyle w:val="AnnexHeading"/><w:suff w:val="nothing"/><w:lvlText w:val="附录 %1"/>`) {
		t.Error("annexes are not numbered 附录 A, B …")
	}
	if !strings.Contains(numbering, `<w:pStyle w:val="AnnexHeading2"/><w:suff w:val="space"/><w:lvlText w:val="%1.%2"/>`) {
		t.Error("annex clauses are not numbered A.1")
	}
}

func TestWriteBody(t *testing.T) {
	parts := unpack(t, example(t))
	doc := parts["word/document.xml"]
	ps := paragraphs(t, doc)
	checks := []struct {
		name  string
		match func(paragraph) bool
	}{
		{"chapter 1 at level 0 without its typed number", func(p paragraph) bool {
			return p.style == "Heading1" && p.numID == "1" && p.ilvl == "0" && p.text == "范围"
		}},
		{"clause 5.2 at level 1", func(p paragraph) bool { return p.style == "Heading2" && p.ilvl == "1" && p.text == "会中服务" }},
		{"term 3.1 numbered, empty", func(p paragraph) bool { return p.style == "Heading2" && p.ilvl == "1" && p.text == "" }},
		{"the term line", func(p paragraph) bool { return p.style == "Term" && p.text == "会议服务 meeting service" }},
		{"untitled clause 4.1.1 numbered at level 2", func(p paragraph) bool {
			return p.style == "ClauseText" && p.numID == "1" && p.ilvl == "2" && strings.HasPrefix(p.text, "会务人员应经过岗位培训")
		}},
		{"annex A with its kind and title", func(p paragraph) bool {
			return p.style == "AnnexHeading" && p.numID == "2" && p.ilvl == "0" && p.text == "\n（资料性）\n会议服务检查表"
		}},
		{"annex clause A.1", func(p paragraph) bool {
			return p.style == "AnnexHeading2" && p.numID == "2" && p.ilvl == "1" && p.text == "检查项目"
		}},
		{"table title", func(p paragraph) bool { return p.style == "TableTitle" && p.text == "表 A.1 会议服务检查项目" }},
		{"foreword heading", func(p paragraph) bool { return p.style == "ElementHeading" && p.text == "前言" }},
		{"contents", func(p paragraph) bool { return p.style == "ContentsHeading" }},
		{"body title", func(p paragraph) bool { return p.style == "BodyTitle" && p.text == "机关会议服务规范" }},
		{"closing line", func(p paragraph) bool { return p.style == "ClosingLine" && p.text == docx.ClosingLine }},
	}
	for _, c := range checks {
		if find(ps, c.match) == nil {
			t.Errorf("no paragraph: %s", c.name)
		}
	}
	if strings.Contains(doc, ">1 范围<") || strings.Contains(doc, ">4.1.1 ") {
		t.Error("typed clause numbers survive beside Word's numbering")
	}
	if !strings.Contains(doc, `<w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText>`) {
		t.Error("no TOC field")
	}
	if strings.Count(doc, "<w:tblHeader/>") != 1 || !strings.Contains(doc, "<w:tbl>") {
		t.Error("the table has no repeating header row")
	}
	// Sections: the cover, the front matter in roman numerals from I, the
	// body from 1 on an odd page; odd and even headers and footers.
	sects := regexp.MustCompile(`<w:sectPr>.*?</w:sectPr>`).FindAllString(doc, -1)
	if len(sects) != 3 {
		t.Fatalf("%d sections, want 3", len(sects))
	}
	if strings.Contains(sects[0], "rIdHeaderOdd") || strings.Contains(sects[0], "pgNumType") {
		t.Error("the cover has a header or a page number")
	}
	if !strings.Contains(sects[1], `<w:pgNumType w:fmt="upperRoman" w:start="1"/>`) || !strings.Contains(sects[1], `<w:type w:val="oddPage"/>`) {
		t.Error("the front matter is not numbered I, II …")
	}
	if !strings.Contains(sects[2], `<w:type w:val="oddPage"/>`) || !strings.Contains(sects[2], `<w:pgNumType w:fmt="decimal" w:start="1"/>`) ||
		!strings.Contains(sects[2], `w:type="even" r:id="rIdHeaderEven"`) {
		t.Error("the body does not start at 1 on an odd page with even headers")
	}
	if !strings.Contains(parts["word/header1.xml"], "DB11/T 0000—2026") || !strings.Contains(parts["word/header1.xml"], `<w:jc w:val="right"/>`) ||
		!strings.Contains(parts["word/header2.xml"], `<w:jc w:val="left"/>`) {
		t.Error("the headers do not carry the number, right on odd pages and left on even ones")
	}
	if !strings.Contains(parts["word/footer1.xml"], " PAGE ") {
		t.Error("the footer has no page number")
	}
	settings := parts["word/settings.xml"]
	for _, want := range []string{`<w:updateFields w:val="true"/>`, `<w:evenAndOddHeaders/>`, `<w:mirrorMargins/>`} {
		if !strings.Contains(settings, want) {
			t.Errorf("settings lack %s", want)
		}
	}
}

func TestWriteEscapes(t *testing.T) {
	d := example(t)
	d.Meta.Title = "A & B <C> \x00\x1b"
	d.Text += "\n## 8 <script>alert(1)</script> & \x07\n\n8.1 a < b & \"c\"\n"
	parts := unpack(t, d)
	if strings.Contains(parts["word/document.xml"], "<script>") {
		t.Error("markup in the text reached the XML")
	}
}

// TestLibreOffice opens the document with LibreOffice, prints it to PDF and
// reads the pages back.
func TestLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		need.Absent(t, "no LibreOffice (Debian's libreoffice-writer-nogui): the conversion test was skipped")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		need.Absent(t, "no pdftotext (Debian's poppler-utils): the conversion test was skipped")
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := docx.Write(&buf, example(t)); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "standard.docx")
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	// Keep the blank pages LibreOffice inserts to start sections on odd pages.
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", `pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}`, "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "standard.pdf")
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	if len(pages) < 6 || len(pages) > 9 {
		t.Errorf("%d pages, want 6 to 9 (cover, its back, contents, foreword, body, annex)", len(pages))
	}
	if !strings.Contains(pages[0], "北京市地方标准") || !strings.Contains(pages[0], "机关会议服务规范") || strings.Count(pages[0], "DB11/T 0000—2026") != 1 {
		t.Errorf("page 1 is not the cover: %.300q", pages[0])
	}
	body := -1
	for i, p := range pages {
		if strings.Contains(p, "本文件规定了机关会议服务") {
			body = i + 1
			break
		}
	}
	if body < 0 || body%2 == 0 {
		t.Fatalf("the body starts on page %d, want an odd page", body)
	}
	all := strings.Join(pages, "\n")
	// Word's numbering, as LibreOffice lays it out, gives the numbers back.
	for _, want := range []string{"目", "前言", "1 范围", "4.1.1 会务人员应经过岗位培训", "5.2 会中服务", "附录 A", "（资料性）",
		"A.1 检查项目", "表 A.1 会议服务检查项目", "安全应急", docx.ClosingLine} {
		if !strings.Contains(regexp.MustCompile(`[ \t]+`).ReplaceAllString(all, " "), want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if !regexp.MustCompile(`(?m)^\s*I\s*$`).MatchString(strings.Join(pages[1:body-1], "\n")) {
		t.Error("the front matter has no roman page number I")
	}
	if !regexp.MustCompile(`(?m)^\s*1\s*$`).MatchString(pages[body-1]) {
		t.Error("the body's first page is not numbered 1")
	}
	if png := os.Getenv("NORMA_EXPORT_OUT"); png != "" {
		_ = exec.Command("pdftoppm", "-r", "50", "-png", pdf, filepath.Join(png, "docx")).Run() // for looking at, when asked
	}
}

// A text whose numbers are not Word's sequence keeps its typed numbers, so
// that Word does not renumber what the text says.
func TestWriteKeepsTypedNumbersOutOfSequence(t *testing.T) {
	text := "# 规范\n\n## 1 范围\n\n本文件规定了……\n\n## 3 要求\n\n3.2 应……\n\n## 附录 B（资料性）表格\n\n### B.1 项目\n\n内容。\n"
	ps := paragraphs(t, unpack(t, docx.Document{Text: text})["word/document.xml"])
	for _, c := range []struct{ style, numID, text string }{
		{"Heading1", "0", "1　范围"}, {"Heading1", "0", "3　要求"}, {"ClauseText", "0", "3.2 应……"},
		{"AnnexHeading", "0", "附录 B\n（资料性）\n表格"}, {"AnnexHeading2", "0", "B.1　项目"},
	} {
		if find(ps, func(p paragraph) bool { return p.style == c.style && p.numID == c.numID && p.text == c.text }) == nil {
			t.Errorf("no %s paragraph %q without Word numbering", c.style, c.text)
		}
	}
	// In sequence, the same text is numbered by Word.
	text = strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(text, "## 3 要求", "## 2 要求"), "3.2 应", "2.1 应"), "B", "A")
	ps = paragraphs(t, unpack(t, docx.Document{Text: text})["word/document.xml"])
	if find(ps, func(p paragraph) bool { return p.style == "Heading1" && p.numID == "1" && p.text == "要求" }) == nil ||
		find(ps, func(p paragraph) bool { return p.style == "AnnexHeading2" && p.numID == "2" && p.text == "项目" }) == nil {
		t.Error("numbers in sequence are not left to Word")
	}
}

func TestAnnexLabel(t *testing.T) {
	for _, c := range []struct {
		clause docs.Clause
		want   string
	}{
		{docs.Clause{Number: "A", Annex: "资料性", Title: "检查表"}, "附录 A（资料性）检查表"},
		{docs.Clause{Number: "A", Title: "符号"}, "附录 A　符号"},
	} {
		if got := docx.AnnexLabel(c.clause); got != c.want {
			t.Errorf("AnnexLabel = %q, want %q", got, c.want)
		}
	}
}
