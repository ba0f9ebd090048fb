package docx

import (
	"strings"

	"norma/docs"
)

// The page: A4, margins after GB/T 1.1 (mirrored: the wide margin inside).
const pageSetup = `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1134" w:bottom="1134" w:left="1418" w:header="851" w:footer="992" w:gutter="0"/>`

// The sections of the document.
const (
	sectCover = iota
	sectFront
	sectBody
)

// sectPr closes a section: the cover has no header or footer; the front
// matter counts its pages in roman numerals; the body starts on an odd page
// at 1. Odd and even pages carry their own header and footer.
func sectPr(kind int) string {
	var b strings.Builder
	b.WriteString(`<w:sectPr>`)
	if kind == sectCover {
		b.WriteString(`<w:headerReference w:type="default" r:id="rIdHeaderNone"/><w:headerReference w:type="even" r:id="rIdHeaderNone"/>` +
			`<w:footerReference w:type="default" r:id="rIdFooterNone"/><w:footerReference w:type="even" r:id="rIdFooterNone"/>`)
	} else {
		b.WriteString(`<w:headerReference w:type="default" r:id="rIdHeaderOdd"/><w:headerReference w:type="even" r:id="rIdHeaderEven"/>` +
			`<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>` +
			`<w:type w:val="oddPage"/>`)
	}
	b.WriteString(pageSetup)
	switch kind {
	case sectFront:
		b.WriteString(`<w:pgNumType w:fmt="upperRoman" w:start="1"/>`)
	case sectBody:
		b.WriteString(`<w:pgNumType w:fmt="decimal" w:start="1"/>`)
	}
	b.WriteString(`<w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>`)
	return b.String()
}

// sectionBreak ends a section inside the body with an empty paragraph.
func sectionBreak(b *strings.Builder, kind int) {
	b.WriteString(`<w:p><w:pPr>` + sectPr(kind) + `</w:pPr></w:p>`)
}

// IsDraft reports whether stage names a draft, whose cover prints its stage
// under the title.
func IsDraft(stage string) bool {
	return stage != "" && stage != "发布稿"
}

// AsksForPatents reports whether the cover of a text at stage carries the
// patent notice: GB/T 1.1 asks it of the drafts sent out for comment and for
// review, 征求意见稿 and 送审稿, not of the 报批稿 or the issued text.
func AsksForPatents(stage string) bool {
	return stage == "征求意见稿" || stage == "送审稿"
}

// PatentNotice is the sentence the cover of a draft sent out for comment or
// review carries.
const PatentNotice = "在提交反馈意见时，请将您知道的相关专利连同支持性文件一并附上。"

// ClosingLine ends the text of a standard (GB/T 1.1-2020, 8.8).
const ClosingLine = "_________________________"

// writeCover writes the cover page.
func writeCover(b *strings.Builder, d Document) {
	m, c := d.Meta, d.Cover
	if m.ICS != "" {
		para(b, "CoverCode", run{text: "ICS " + m.ICS})
	}
	if m.CCS != "" {
		para(b, "CoverCode", run{text: "CCS " + m.CCS})
	}
	if c.Banner != "" {
		para(b, "CoverBanner", run{text: c.Banner})
	}
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverNumber"/></w:pPr>`)
	field(b, ` DOCPROPERTY StdNumber \* MERGEFORMAT `, m.Number)
	b.WriteString(`</w:p>`)
	if len(m.Replaces) > 0 {
		para(b, "CoverReplaces", run{text: "代替 " + strings.Join(m.Replaces, "、")})
	}
	if c.FilingNumber != "" {
		para(b, "CoverReplaces", run{text: "备案号：" + c.FilingNumber})
	}
	para(b, "CoverTitle", run{text: m.Title})
	if m.TitleEN != "" {
		para(b, "CoverTitleEN", run{text: m.TitleEN})
	}
	if IsDraft(c.Stage) {
		para(b, "CoverStage", run{text: "（" + c.Stage + "）"})
	}
	if AsksForPatents(c.Stage) {
		para(b, "CoverNotice", run{text: PatentNotice})
	}
	para(b, "CoverDates", run{text: dateOr(m.IssueDate) + " 发布\t" + dateOr(m.ImplDate) + " 实施"})
	if c.Issuer != "" {
		para(b, "CoverIssuer", run{text: c.Issuer + "　发布"})
	}
}

func dateOr(d string) string {
	if d == "" {
		return "XXXX-XX-XX"
	}
	return d
}

// AnnexLabel is an annex's line in the contents: 附录 A（资料性）title, or
// 附录 A title when the text does not say which kind it is.
func AnnexLabel(c docs.Clause) string {
	if c.Annex == "" {
		return "附录 " + c.Number + "　" + c.Title
	}
	return "附录 " + c.Number + "（" + c.Annex + "）" + c.Title
}
