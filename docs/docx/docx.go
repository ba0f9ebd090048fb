// Package docx writes a standard's text as a Word document (Office Open XML)
// in the GB/T 1.1-2020 layout: a cover, a front matter section with roman page
// numbers holding the table of contents field, the foreword and introduction,
// and a body that starts on an odd page at page 1. Chapters, clauses and
// annexes are numbered by Word's multilevel numbering bound to the heading
// styles, so that the numbers follow when the document is edited in Word.
//
// The package parts (styles, numbering, settings) are our own, embedded; the
// archive is written with archive/zip.
package docx

import (
	"embed"
	"fmt"
	"io"
	"strings"
	"time"

	"norma/docs"
)

//go:embed parts/*.xml
var parts embed.FS

// Cover is what the cover page says beyond the text's front matter.
type Cover struct {
	// Banner is the level line, such as 中华人民共和国国家标准 or 北京市地方标准.
	Banner string
	// Stage is the draft stage printed under the title (征求意见稿, 送审稿,
	// 报批稿); empty for the issued text.
	Stage string
	// FilingNumber is the 备案号 of a filed local or industry standard.
	FilingNumber string
	// Issuer is the issuing body, printed with 发布 at the foot of the cover.
	Issuer string
}

// Document is one text to write: its front matter (which the caller may have
// completed from the standard's record), the Markdown and the cover.
type Document struct {
	Meta  docs.Meta
	Text  string // Markdown, front matter allowed (and skipped)
	Cover Cover
	// Time stamps the package's core properties; zero means now.
	Time time.Time
}

// Write writes d as a .docx package to w.
func Write(w io.Writer, d Document) error {
	return writePackage(w, d, renderDocument(d))
}

const nsW = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

const xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// headerPart carries the standard's number, on the right of odd pages and
// the left of even ones, as GB/T 1.1 places it.
func headerPart(number, align string) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<w:hdr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="` + align + `"/></w:pPr>`)
	field(&b, ` DOCPROPERTY StdNumber \* MERGEFORMAT `, number)
	b.WriteString(`</w:p></w:hdr>`)
	return b.String()
}

func footerPart(align string) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<w:ftr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="` + align + `"/></w:pPr>`)
	field(&b, ` PAGE `, "1")
	b.WriteString(`</w:p></w:ftr>`)
	return b.String()
}

func emptyPart(tag string) string {
	return xmlDecl + `<w:` + tag + ` ` + nsW + `><w:p/></w:` + tag + `>`
}

func corePart(d Document) string {
	t := d.Time
	if t.IsZero() {
		t = time.Now()
	}
	return xmlDecl + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.Meta.Title) + `</dc:title><dc:subject>` + esc(d.Meta.Number) + `</dc:subject><dc:language>zh-CN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + t.UTC().Format(time.RFC3339) + `</dcterms:created></cp:coreProperties>`
}

// customPart holds the cover's values as document properties, which the
// DOCPROPERTY fields of the cover and headers show.
func customPart(d Document) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	for i, p := range coverProps(d) {
		fmt.Fprintf(&b, `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="%d" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>`,
			i+2, p[0], esc(p[1]))
	}
	b.WriteString(`</Properties>`)
	return b.String()
}

func coverProps(d Document) [][2]string {
	return [][2]string{{"StdNumber", d.Meta.Number}, {"StdTitle", d.Meta.Title}, {"StdTitleEN", d.Meta.TitleEN},
		{"StdStage", d.Cover.Stage}, {"StdICS", d.Meta.ICS}, {"StdCCS", d.Meta.CCS},
		{"StdFilingNumber", d.Cover.FilingNumber}, {"StdIssueDate", d.Meta.IssueDate}, {"StdImplDate", d.Meta.ImplDate}}
}
