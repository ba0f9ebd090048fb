package docx

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"

	"norma/docs"
)

// Table is a document holding one table, such as the disposition table
// (意见汇总处理表), on landscape pages.
type Table struct {
	Title    string
	Subtitle string // the standard the table is about
	Header   []string
	Rows     [][]string
	// Widths are the relative widths of the columns; nil shares the width.
	Widths []int
}

// landscape is A4 turned, with the margins of the text's pages.
const landscape = `<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1134" w:left="1418" w:header="851" w:footer="992" w:gutter="0"/>`

// WriteTable writes t as a .docx package; the header row repeats on every page.
func WriteTable(w io.Writer, t Table) error {
	var b strings.Builder
	b.WriteString(xmlDecl + `<w:document ` + nsW + `><w:body>`)
	para(&b, "ContentsHeading", run{text: t.Title})
	if t.Subtitle != "" {
		para(&b, "TableTitle", run{text: t.Subtitle})
	}
	cols := len(t.Header)
	widths := columnWidths(cols, t.Widths, 14002)
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/></w:tblPr><w:tblGrid>`)
	for _, wd := range widths {
		b.WriteString(`<w:gridCol w:w="` + itoa(wd) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header bool) {
		b.WriteString(`<w:tr>`)
		if header {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for i := 0; i < cols; i++ {
			var text string
			if i < len(cells) {
				text = cells[i]
			}
			var runs []run
			for j, line := range strings.Split(text, "\n") {
				if j > 0 {
					runs = append(runs, run{br: true})
				}
				runs = append(runs, run{text: line})
			}
			(&writer{}).cell(&b, runs, widths[i], header)
		}
		b.WriteString(`</w:tr>`)
	}
	row(t.Header, true)
	for _, r := range t.Rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl><w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>` + landscape + `<w:pgNumType w:start="1"/></w:sectPr></w:body></w:document>`)
	return writePackage(w, Document{Meta: docs.Meta{Title: t.Title}}, b.String())
}

func columnWidths(cols int, rel []int, total int) []int {
	out := make([]int, cols)
	sum := 0
	for i := range out {
		out[i] = 1
		if i < len(rel) && rel[i] > 0 {
			out[i] = rel[i]
		}
		sum += out[i]
	}
	for i := range out {
		out[i] = out[i] * total / sum
	}
	return out
}

// writePackage zips the parts around the main document part.
func writePackage(w io.Writer, d Document, document string) error {
	z := zip.NewWriter(w)
	files := []struct{ name, src, text string }{
		{name: "[Content_Types].xml", src: "content_types.xml"},
		{name: "_rels/.rels", src: "rels.xml"},
		{name: "word/_rels/document.xml.rels", src: "document_rels.xml"},
		{name: "word/styles.xml", src: "styles.xml"},
		{name: "word/numbering.xml", src: "numbering.xml"},
		{name: "word/settings.xml", src: "settings.xml"},
		{name: "word/document.xml", text: document},
		{name: "word/header1.xml", text: headerPart(d.Meta.Number, "right")},
		{name: "word/header2.xml", text: headerPart(d.Meta.Number, "left")},
		{name: "word/header3.xml", text: emptyPart("hdr")},
		{name: "word/footer1.xml", text: footerPart("right")},
		{name: "word/footer2.xml", text: footerPart("left")},
		{name: "word/footer3.xml", text: emptyPart("ftr")},
		{name: "docProps/core.xml", text: corePart(d)},
		{name: "docProps/custom.xml", text: customPart(d)},
	}
	for _, f := range files {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", f.name, err)
		}
		text := f.text
		if f.src != "" {
			b, err := parts.ReadFile("parts/" + f.src)
			if err != nil {
				return fmt.Errorf("docx: %s: %w", f.name, err)
			}
			text = string(b)
		}
		if _, err := io.WriteString(fw, text); err != nil {
			return fmt.Errorf("docx: %s: %w", f.name, err)
		}
	}
	return z.Close()
}
