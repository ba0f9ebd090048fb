package docs

import (
	"fmt"
	"strings"
)

// termsSpan returns the lines of the 术语和定义 chapter: [from, to).
func (d *lintDoc) termsSpan() (from, to int, ok bool) {
	return d.terms[0], d.terms[1], d.terms[1] > 0
}

// findTerms finds the lines of the 术语和定义 chapter, [from, to), or zeros.
func (d *lintDoc) findTerms() [2]int {
	i, ok := d.findChapter(isTermsTitle)
	if !ok {
		return [2]int{}
	}
	return [2]int{d.clauses[i].Line, d.spanEnd(i)}
}

// inTermsChapter reports whether line n lies inside the 术语和定义 chapter,
// after its heading.
func (d *lintDoc) inTermsChapter(n int) bool {
	from, to, ok := d.termsSpan()
	return ok && n > from && n < to
}

// isTerminologyTitle reports whether a standard is a terminology standard,
// whose term entries may fill the chapters after chapter 3.
func isTerminologyTitle(title string) bool {
	t := squeeze(title)
	return strings.HasSuffix(t, "术语") || strings.HasSuffix(t, "词汇")
}

// checkTerms checks the 术语和定义 chapter and every term entry: a number
// alone in its heading, the term in bold, then its definition.
func (d *lintDoc) checkTerms() {
	from, to, ok := d.termsSpan()
	if ok {
		d.termsChapter(from, to)
	}
	terminology := isTerminologyTitle(d.title())
	for i, c := range d.clauses {
		if !d.normative(c) {
			continue
		}
		in := ok && c.Line > from && c.Line < to
		switch {
		case c.Kind == KindTerm:
			d.termDefinition(i)
			if !in && !terminology {
				d.add(SeverityWarning, "terms.outside", c.Line,
					fmt.Sprintf("术语条目 %s（%s）不在“术语和定义”一章中：术语应在第3章界定（术语标准除外）。", c.Number, c.Title),
					fmt.Sprintf("Term entry %s (%s) lies outside chapter 3: define terms in \"术语和定义\" (only terminology standards may do otherwise).", c.Number, c.Title))
			}
		case in && c.Kind == KindClause && c.Depth >= 2:
			d.termFormat(i)
		case terminology && c.Kind == KindClause && c.Heading && c.Title == "" && c.Depth >= 2 &&
			isDigitASCII(rune(c.Number[0])) && !d.hasChildren(i):
			d.termMissing(c) // the chapters of a terminology standard hold term entries too
		}
	}
}

// termsChapter checks that the 术语和定义 chapter holds entries introduced
// by its lead-in, or says that it has none.
func (d *lintDoc) termsChapter(from, to int) {
	entries := 0
	for _, c := range d.clauses {
		if c.Line > from && c.Line < to && (c.Kind == KindTerm || c.Kind == KindClause) {
			entries++
		}
	}
	entries += d.unnumberedTerms(from, to)
	text := d.spanText(from+1, to)
	switch {
	case entries == 0 && !strings.Contains(text, "本文件没有需要界定的术语和定义") && !strings.Contains(text, "界定的术语和定义适用于本文件"):
		d.add(SeverityError, "terms.empty-sentence", from,
			"“术语和定义”一章没有术语条目：应写明“本文件没有需要界定的术语和定义。”",
			"Chapter \"术语和定义\" defines no term: say so with \"本文件没有需要界定的术语和定义。\"")
	case entries > 0 && !strings.Contains(text, "术语和定义适用于本文件"):
		d.add(SeverityWarning, "terms.lead-in", from,
			"“术语和定义”一章缺少引导语：应写明“下列术语和定义适用于本文件。”",
			"Chapter \"术语和定义\" lacks its lead-in: start it with \"下列术语和定义适用于本文件。\"")
	}
}

// unnumberedTerms reports the bold terms of the chapter that no numbered
// heading introduces, and returns how many there are.
func (d *lintDoc) unnumberedTerms(from, to int) int {
	count := 0
	prevNumbered := false
	for n := from + 1; n < to; n++ {
		t := strings.TrimSpace(d.lines[n-1])
		if t == "" || d.code[n-1] {
			continue
		}
		if m := reBoldTerm.FindStringSubmatch(t); m != nil && !prevNumbered && !isNote(t) {
			count++
			d.add(SeverityError, "terms.numbering", n,
				fmt.Sprintf("术语“%s”没有条目编号：应在其前加一行只有编号的标题（如“### 3.1”）。", strings.TrimSpace(m[1])),
				fmt.Sprintf("The term %q has no entry number: put a heading holding only its number (\"### 3.1\") before it.", strings.TrimSpace(m[1])))
		}
		_, text, heading := d.heading(n)
		prevNumbered = heading && reDotted.MatchString(strings.TrimSpace(text))
	}
	return count
}

// termFormat checks a numbered clause of the 术语和定义 chapter that is not
// a well-formed term entry.
func (d *lintDoc) termFormat(i int) {
	c := d.clauses[i]
	switch {
	case d.hasChildren(i):
		// a titled group of entries: 3.1 一般术语, then 3.1.1 …
	case c.Heading && c.Title == "":
		d.termMissing(c)
	default:
		d.add(SeverityWarning, "terms.format", c.Line,
			fmt.Sprintf("术语条目 %s 的写法不规范：编号单独成一行标题（如“### %s”），下一段以加粗的术语开头，再下一段为定义。", c.Number, c.Number),
			fmt.Sprintf("Term entry %s is not laid out as prescribed: its number alone in a heading (\"### %s\"), then the term in bold, then the definition.", c.Number, c.Number))
	}
}

// termMissing reports a term entry without its bold term.
func (d *lintDoc) termMissing(c Clause) {
	d.add(SeverityError, "terms.entry", c.Line,
		fmt.Sprintf("术语条目 %s 缺少术语：编号之后的段落应以加粗的术语开头，如“**会议服务** meeting service”。", c.Number),
		fmt.Sprintf("Term entry %s has no term: the paragraph after the number must start with the term in bold, as in \"**会议服务** meeting service\".", c.Number))
}

// hasChildren reports whether the clause after clause i is numbered under it.
func (d *lintDoc) hasChildren(i int) bool {
	if i+1 >= len(d.clauses) {
		return false
	}
	return strings.HasPrefix(d.clauses[i+1].Number, d.clauses[i].Number+".")
}

// termDefinition checks that a term entry has a definition after its term.
func (d *lintDoc) termDefinition(i int) {
	c := d.clauses[i]
	end := min(d.end, len(d.lines)+1)
	if i+1 < len(d.clauses) {
		end = min(end, d.clauses[i+1].Line)
	}
	termLine := 0
	for n := c.Line + 1; n < end; n++ {
		t := strings.TrimSpace(d.lines[n-1])
		switch {
		case t == "" || d.code[n-1]:
		case termLine == 0:
			termLine = n
		case !isNote(t) && !isTermSource(t):
			return
		}
	}
	d.add(SeverityError, "terms.definition", c.Line,
		fmt.Sprintf("术语条目 %s（%s）缺少定义：应在术语之后另起一段给出定义。", c.Number, c.Title),
		fmt.Sprintf("Term entry %s (%s) has no definition: give it in a paragraph after the term.", c.Number, c.Title))
}

// isTermSource reports a line giving the source of a term: [来源：…].
func isTermSource(t string) bool {
	t = strings.TrimLeft(t, "[［【")
	return strings.HasPrefix(t, "来源")
}
