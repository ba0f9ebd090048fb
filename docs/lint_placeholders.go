package docs

import (
	"fmt"
	"strings"
)

// placeholders are the marks a drafter leaves for text still to write.
var placeholders = []struct{ mark, inNotes string }{
	{"……", "……"}, {"××", ""}, {"XXX", ""}, {"xxx", ""},
}

// checkPlaceholders reports the placeholders of a text still to be written
// (……, ××, XXX) and empty chapters as errors: the skeleton of a new text
// cannot be submitted as it is. Tables, notes and examples may show ×× as a
// pattern; 引言 and 目次 are left to the drafter.
func (d *lintDoc) checkPlaceholders() {
	para, note := false, false
	for n := d.body; n < d.end && n <= len(d.lines); n++ {
		t := strings.TrimSpace(d.lines[n-1])
		if t == "" || d.code[n-1] {
			para = false
			continue
		}
		if !para {
			note = isNote(t)
		}
		para = true
		if strings.HasPrefix(t, "|") {
			continue
		}
		for _, p := range placeholders {
			if strings.Contains(t, p.mark) && (!note || p.inNotes != "") {
				d.add(SeverityError, "placeholder.text", n,
					fmt.Sprintf("文中留有占位符“%s”：请写出实际内容后再提交。", p.mark),
					fmt.Sprintf("The text still holds the placeholder %q: write the actual content before submitting.", p.mark))
				break
			}
		}
	}
	d.emptyChapters()
}

// emptyChapters reports numbered chapters and annexes with no text and no
// subclauses.
func (d *lintDoc) emptyChapters() {
	for i, c := range d.clauses {
		if !d.normative(c) || c.Depth != 1 || (c.Kind != KindClause && c.Kind != KindAnnex) {
			continue
		}
		if d.hasChildren(i) || strings.Trim(d.spanText(c.Line+1, d.spanEnd(i)), "*") != "" {
			continue
		}
		d.add(SeverityError, "placeholder.empty-chapter", c.Line,
			fmt.Sprintf("%s没有内容：请写出这一章的条文，或删除这一章。", clauseName(c.Number)),
			fmt.Sprintf("%s is empty: write its provisions or remove it.", clauseNameEN(c.Number)))
	}
}
