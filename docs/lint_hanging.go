package docs

import (
	"fmt"
	"strings"
)

// checkHanging warns of hanging paragraphs (悬置段, GB/T 1.1-2020 7.4): text
// between the title of a chapter or clause and its first subclause, which
// cannot be cited by number. The lead-ins of chapters 2 and 3 and notes are
// allowed there.
func (d *lintDoc) checkHanging() {
	for i, c := range d.clauses {
		if !d.normative(c) || c.Kind == KindElement || c.Kind == KindArticle || !c.Heading || !d.hasChildren(i) {
			continue
		}
		if c.Depth == 1 && c.Kind == KindClause && (isRefsTitle(squeeze(c.Title)) || isTermsTitle(squeeze(c.Title))) {
			continue
		}
		child := d.clauses[i+1].Line
		para := false
		for n := c.Line + 1; n < child; n++ {
			t := strings.TrimSpace(d.lines[n-1])
			if t == "" || d.code[n-1] {
				para = false
				continue
			}
			if !para && !isNote(t) && !reAnnexKindLine.MatchString(strings.Trim(squeeze(t), "*")) && !isLabelLine(t) {
				d.add(SeverityWarning, "numbering.hanging", n,
					fmt.Sprintf("%s的标题与其第一个条之间有悬置段：这段文字无法被引用，应将其编为一个条（如“%s.1”），或移到相应的条中（GB/T 1.1—2020 7.4）。", clauseName(c.Number), c.Number),
					fmt.Sprintf("Hanging paragraph between the title of %s and its first subclause: it cannot be cited; number it as a subclause (e.g. %s.1) or move it (GB/T 1.1-2020, 7.4).", clauseNameEN(c.Number), c.Number))
				break
			}
			para = true
		}
	}
}

// isLabelLine reports a bold title line under an annex heading ("**标题**").
func isLabelLine(t string) bool {
	return strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**") && len(t) > 4
}
