package docx

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"

	"norma/docs"
)

var (
	mdOnce sync.Once
	md     goldmark.Markdown
)

var (
	reNote       = regexp.MustCompile(`^注[0-9０-９]*[ \x{3000}]*[：:]`)
	reExample    = regexp.MustCompile(`^示例[0-9０-９]*[ \x{3000}]*[：:]?`)
	reTableTitle = regexp.MustCompile(`^(续)?表[ \x{3000}]*(?:[A-Z]\.)?[0-9]+`)
	reClosing    = regexp.MustCompile(`^[_＿]{4,}$`)
)

// tocEntry is one line of the table of contents shown until Word updates it.
type tocEntry struct {
	level int
	text  string
}

// writer turns the Markdown of a text into the paragraphs of the front
// matter and of the body.
type writer struct {
	src         []byte
	byLine      map[int]docs.Clause
	lineStarts  []int
	skipLines   int
	front, body strings.Builder
	toc         []tocEntry
	inBody      bool
	// typed[1] and typed[2] are set when the text's chapter and clause
	// numbers, or its annex numbers, are not the sequence Word's numbering
	// would give (gaps, repeats): the typed numbers are kept then.
	typed     [3]bool
	title     string // the first unnumbered level-1 heading, if any
	afterTerm bool
	fl        floats
}

func renderDocument(d Document) string {
	mdOnce.Do(func() { md = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote)) })
	text, skipped := docs.StripFrontMatter(d.Text)
	w := &writer{src: []byte(text), byLine: map[int]docs.Clause{}, lineStarts: []int{0},
		skipLines: strings.Count(d.Text[:skipped], "\n")}
	hasChapter := false
	for _, c := range docs.Clauses(d.Text) {
		w.byLine[c.Line] = c
		if c.Heading && c.Kind == docs.KindClause && c.Depth == 1 {
			hasChapter = true
		}
	}
	w.inBody = !hasChapter
	w.typed = typedNumbering(d.Text)
	w.fl = newFloats(d.Text)
	for i, c := range w.src {
		if c == '\n' {
			w.lineStarts = append(w.lineStarts, i+1)
		}
	}
	doc := md.Parser().Parse(gtext.NewReader(w.src))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		w.block(n)
	}
	title := d.Meta.Title
	if title == "" {
		title = w.title
	}
	var b strings.Builder
	b.Grow(len(text) * 3)
	b.WriteString(xmlDecl + `<w:document ` + nsW + `><w:body>`)
	writeCover(&b, d)
	sectionBreak(&b, sectCover)
	writeContents(&b, w.toc)
	b.WriteString(w.front.String())
	sectionBreak(&b, sectFront)
	para(&b, "BodyTitle", run{text: title})
	b.WriteString(w.body.String())
	para(&b, "ClosingLine", run{text: ClosingLine})
	b.WriteString(sectPr(sectBody))
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// writeContents writes 目次 and the TOC field, its result filled with the
// headings so that the page reads right before the field is updated.
func writeContents(b *strings.Builder, toc []tocEntry) {
	para(b, "ContentsHeading", run{text: "目　　次"})
	if len(toc) == 0 {
		toc = []tocEntry{{1, " "}}
	}
	for i, e := range toc {
		style := "TOC1"
		if e.level > 1 {
			style = "TOC2"
		}
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
		if i == 0 {
			b.WriteString(`<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
		}
		writeRuns(b, []run{{text: e.text}})
		if i == len(toc)-1 {
			b.WriteString(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		}
		b.WriteString(`</w:p>`)
	}
}

// out is where the current block goes.
func (w *writer) out() *strings.Builder {
	if w.inBody {
		return &w.body
	}
	return &w.front
}

// clauseAt returns the clause starting on the first line of n, if any.
func (w *writer) clauseAt(n ast.Node) (docs.Clause, bool) {
	if n.Lines().Len() == 0 {
		return docs.Clause{}, false
	}
	start := n.Lines().At(0).Start
	line := sort.Search(len(w.lineStarts), func(i int) bool { return w.lineStarts[i] > start })
	c, ok := w.byLine[line+w.skipLines]
	return c, ok
}

func (w *writer) block(n ast.Node) {
	afterTerm := w.afterTerm
	w.afterTerm = false
	switch n := n.(type) {
	case *ast.Heading:
		w.heading(n)
	case *ast.Paragraph:
		w.paragraph(n, afterTerm)
		if f, ok := w.fl.untitled[w.lineOf(n)]; ok && f.Kind == "图" {
			w.caption(f)
		}
	case *ast.TextBlock:
		para(w.out(), "BodyText", w.inlines(n)...)
	case *ast.List:
		w.list(n, 0)
	case *ast.Blockquote:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			para(w.out(), "Code", run{text: strings.TrimRight(string(seg.Value(w.src)), "\r\n")})
		}
	case *east.Table:
		if f, ok := w.fl.untitled[w.lineOf(n)]; ok {
			w.caption(f)
		}
		w.table(n)
	case *east.FootnoteList:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			for p := c.FirstChild(); p != nil; p = p.NextSibling() {
				para(w.out(), "Note", w.inlines(p)...)
			}
		}
	}
}

func (w *writer) heading(h *ast.Heading) {
	c, ok := w.clauseAt(h)
	plain := strings.TrimSpace(runsText(w.inlines(h)))
	if !ok {
		if h.Level == 1 && w.title == "" {
			w.title = plain
			return
		}
		para(w.out(), "PlainHeading", run{text: plain})
		return
	}
	switch c.Kind {
	case docs.KindElement:
		if c.Anchor == "c-contents" {
			return // the contents are generated
		}
		para(w.out(), "ElementHeading", run{text: plain})
		w.toc = append(w.toc, tocEntry{1, plain})
	case docs.KindAnnex:
		w.inBody = true
		runs := []run{{br: true}}
		if c.Annex != "" {
			runs = append(runs, run{text: "（" + c.Annex + "）"}, run{br: true})
		}
		runs = append(runs, run{text: c.Title})
		if w.typed[2] {
			runs = append([]run{{text: "附录 " + c.Number}}, runs...)
		}
		numberedPara(w.out(), "AnnexHeading", w.numID(c), 0, runs...)
		w.toc = append(w.toc, tocEntry{1, AnnexLabel(c)})
	case docs.KindClause, docs.KindTerm:
		if c.Depth == 1 && !isAnnexNumber(c.Number) {
			w.inBody = true
		}
		var runs []run
		if c.Kind == docs.KindClause {
			runs = []run{{text: c.Title}}
		}
		w.afterTerm = c.Kind == docs.KindTerm
		if w.numID(c) == 0 {
			runs = append([]run{{text: c.Number + "　"}}, runs...)
		}
		numberedPara(w.out(), headingStyle(c), w.numID(c), min(c.Depth, 9)-1, runs...)
		if c.Depth <= 2 {
			w.toc = append(w.toc, tocEntry{c.Depth, c.Number + "　" + c.Title})
		}
	default:
		para(w.out(), "PlainHeading", run{text: plain})
	}
}

func isAnnexNumber(n string) bool { return n != "" && n[0] >= 'A' && n[0] <= 'Z' }

func numberingOf(c docs.Clause) int {
	if isAnnexNumber(c.Number) {
		return 2
	}
	return 1
}

// numID is the numbering of the clause: 1 for chapters and clauses, 2 for
// annexes, 0 (none, the number typed) when the text's numbers are not
// Word's sequence.
func (w *writer) numID(c docs.Clause) int {
	n := numberingOf(c)
	if w.typed[n] {
		return 0
	}
	return n
}

// typedNumbering tells, for the chapters and clauses and for the annexes,
// whether the text's numbers differ from what Word's numbering would give.
func typedNumbering(text string) (typed [3]bool) {
	var main, annex [9]int
	for _, c := range docs.Clauses(text) {
		if c.Kind != docs.KindClause && c.Kind != docs.KindTerm && c.Kind != docs.KindAnnex || c.Depth < 1 {
			continue
		}
		d := min(c.Depth, 9)
		list, counters := 1, &main
		if isAnnexNumber(c.Number) {
			list, counters = 2, &annex
		}
		counters[d-1]++
		for i := d; i < 9; i++ {
			counters[i] = 0
		}
		parts := make([]string, d)
		for i := 0; i < d; i++ {
			parts[i] = itoa(counters[i])
		}
		if list == 2 {
			parts[0] = string(rune('A' + counters[0] - 1))
		}
		if strings.Join(parts, ".") != c.Number {
			typed[list] = true
		}
	}
	return typed
}

func headingStyle(c docs.Clause) string {
	prefix := "Heading"
	if isAnnexNumber(c.Number) {
		prefix = "AnnexHeading"
	}
	if c.Depth > 5 {
		return "ClauseText"
	}
	if prefix == "AnnexHeading" && c.Depth == 1 {
		return "AnnexHeading"
	}
	return prefix + itoa(c.Depth)
}

func (w *writer) paragraph(p *ast.Paragraph, afterTerm bool) {
	if f, ok := w.fl.titles[w.lineOf(p)]; ok {
		w.caption(f)
		return
	}
	runs := w.inlines(p)
	plain := strings.TrimSpace(runsText(runs))
	if c, ok := w.clauseAt(p); ok && !c.Heading && c.Kind == docs.KindClause {
		if w.numID(c) != 0 {
			runs = trimNumber(runs, c.Number)
		}
		numberedPara(w.out(), "ClauseText", w.numID(c), min(c.Depth, 9)-1, runs...)
		return
	}
	style := "BodyText"
	switch {
	case reClosing.MatchString(plain):
		return // the closing line is written at the end
	case afterTerm && p.FirstChild() != nil && p.FirstChild().Kind() == ast.KindEmphasis:
		style = "Term"
		for i := range runs {
			runs[i].bold = false
		}
	case reNote.MatchString(plain):
		style = "Note"
	case reExample.MatchString(plain):
		style = "Example"
	case reTableTitle.MatchString(plain) && p.NextSibling() != nil && p.NextSibling().Kind() == east.KindTable:
		style = "TableTitle"
	}
	para(w.out(), style, runs...)
}

// trimNumber drops the clause number that opens a paragraph: Word's
// numbering writes it.
func trimNumber(runs []run, number string) []run {
	text := runsText(runs)
	rest := strings.TrimLeft(text, " \t\u3000")
	if !strings.HasPrefix(rest, number) {
		return runs
	}
	rest = strings.TrimPrefix(rest[len(number):], ".")
	cut := len(text) - len(strings.TrimLeft(rest, " \t\u3000"))
	for i := range runs {
		if cut == 0 {
			break
		}
		n := min(cut, len(runs[i].text))
		runs[i].text = runs[i].text[n:]
		cut -= n
	}
	return runs
}

func (w *writer) list(l *ast.List, depth int) {
	i := l.Start
	if i == 0 {
		i = 1
	}
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		mark := "——"
		if depth > 0 {
			mark = "·"
		}
		if l.IsOrdered() {
			mark = letter(i) + ") "
			if depth > 0 {
				mark = itoa(i) + ") "
			}
		}
		i++
		first := true
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if sub, ok := c.(*ast.List); ok {
				w.list(sub, depth+1)
				continue
			}
			runs := w.inlines(c)
			if first {
				runs = append([]run{{text: mark}}, runs...)
				first = false
			}
			para(w.out(), "ListDash", runs...)
		}
	}
}

func letter(i int) string {
	if i >= 1 && i <= 26 {
		return string(rune('a' + i - 1))
	}
	return itoa(i)
}

// table writes a GFM table; the header row repeats on every page.
func (w *writer) table(t *east.Table) {
	b := w.out()
	cols := 0
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		cols = max(cols, r.ChildCount())
	}
	if cols == 0 {
		return
	}
	width := 9354 / cols
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for i := 0; i < cols; i++ {
		b.WriteString(`<w:gridCol w:w="` + itoa(width) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		header := r.Kind() == east.KindTableHeader
		b.WriteString(`<w:tr>`)
		if header {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		n := 0
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			w.cell(b, w.inlines(c), width, header)
			n++
		}
		for ; n < cols; n++ {
			w.cell(b, nil, width, header)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

func (w *writer) cell(b *strings.Builder, runs []run, width int, header bool) {
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(width) + `" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`)
	if header {
		b.WriteString(`<w:jc w:val="center"/>`)
	}
	b.WriteString(`</w:pPr>`)
	writeRuns(b, runs)
	b.WriteString(`</w:p></w:tc>`)
}

// inlines flattens the inline content of n into runs.
func (w *writer) inlines(n ast.Node) []run {
	var out []run
	w.inline(n, false, false, &out)
	return w.refs(out)
}

func (w *writer) inline(n ast.Node, bold, italic bool, out *[]run) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			*out = append(*out, run{text: string(c.Segment.Value(w.src)), bold: bold, italic: italic})
			if c.HardLineBreak() {
				*out = append(*out, run{br: true})
			} else if c.SoftLineBreak() && endsLatin(c.Segment.Value(w.src)) {
				*out = append(*out, run{text: " "})
			}
		case *ast.String:
			*out = append(*out, run{text: string(c.Value), bold: bold, italic: italic})
		case *ast.Emphasis:
			w.inline(c, bold || c.Level >= 2, italic || c.Level == 1, out)
		case *ast.AutoLink:
			*out = append(*out, run{text: string(c.Label(w.src)), bold: bold, italic: italic})
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				*out = append(*out, run{text: string(seg.Value(w.src))})
			}
		case *east.FootnoteLink:
			*out = append(*out, run{text: "[" + itoa(c.Index) + "]"})
		default:
			w.inline(c, bold, italic, out)
		}
	}
}

func endsLatin(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	c := b[len(b)-1]
	return c < 0x80 && c != ' '
}

func runsText(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.text)
	}
	return b.String()
}
