package docs

import (
	"regexp"
	"strings"
)

// lintDoc is a text made ready for the checks: its lines, its clauses and
// the extent of its normative part.
type lintDoc struct {
	lines    []string // lines[i] is line i+1, without its line ending
	body     int      // first line after the front matter
	meta     Meta
	clauses  []Clause
	code     []bool   // code[i]: line i+1 is fenced code or a fence
	front    [][2]int // the lines of 前言, 引言 and 目次: [first, end)
	terms    [2]int   // the lines of the 术语和定义 chapter: [first, end), or zeros
	level    int      // the heading level of the chapters
	start    int      // first line of the normative text
	end      int      // first line after the normative text
	rules    string   // RulesGBT11 or RulesEngineering
	findings []Finding
}

// newLintDoc reads a text for the checks.
func newLintDoc(text string) *lintDoc {
	d := &lintDoc{lines: strings.Split(text, "\n")}
	for i, l := range d.lines {
		d.lines[i] = strings.TrimSuffix(l, "\r")
	}
	_, bodyStart := StripFrontMatter(text)
	d.body = strings.Count(text[:bodyStart], "\n") + 1
	d.meta, _, _ = ParseFrontMatter(text)
	d.clauses = Clauses(text)
	d.rules = RuleSet(d.meta)
	d.code = codeLines(d.lines, d.body)
	d.start, d.end = len(d.lines)+1, len(d.lines)+1
	d.start = d.normativeStart()
	d.level = d.chapterLevel()
	d.end = d.normativeEnd()
	d.front = d.frontSpans()
	d.terms = d.findTerms()
	return d
}

// codeLines marks the lines of fenced code blocks, fences included, the way
// Clauses skips them.
func codeLines(lines []string, from int) []bool {
	code := make([]bool, len(lines))
	fence := ""
	for i := from - 1; i < len(lines); i++ {
		if fence != "" {
			code[i] = true
			if strings.HasPrefix(strings.TrimLeft(lines[i], " "), fence) {
				fence = ""
			}
			continue
		}
		if m := reFence.FindStringSubmatch(lines[i]); m != nil {
			code[i], fence = true, m[1][:3]
		}
	}
	return code
}

// isFrontElement reports whether a clause is 前言, 引言 or 目次: elements
// that come before the normative text.
func isFrontElement(c Clause) bool {
	if c.Kind != KindElement {
		return false
	}
	for _, a := range []string{"c-foreword", "c-introduction", "c-contents"} {
		if c.Anchor == a || strings.HasPrefix(c.Anchor, a+"_") {
			return true
		}
	}
	return false
}

// normativeStart returns the line of the first numbered clause outside
// 前言, 引言 and 目次 (引言 may number its own subclauses 0.1, 0.2 …).
func (d *lintDoc) normativeStart() int {
	front := false
	for _, c := range d.clauses {
		switch {
		case c.Kind == KindElement:
			front = isFrontElement(c)
		case c.Kind == KindArticle, front && c.Depth > 1:
		default:
			return c.Line
		}
	}
	return len(d.lines) + 1
}

// chapterLevel returns the heading level of the first numbered chapter.
func (d *lintDoc) chapterLevel() int {
	for _, c := range d.clauses {
		if c.Line >= d.start && c.Depth == 1 && c.Heading && c.Kind != KindElement {
			if m := reHeading.FindStringSubmatch(d.lines[c.Line-1]); m != nil {
				return len(m[1])
			}
		}
	}
	return 1
}

var (
	reExplanatory = regexp.MustCompile(`起草说明|条文说明|编制说明`)
	reCnEnum      = regexp.MustCompile(`^[一二三四五六七八九十]+[、.]`)
)

// normativeEnd returns the line at which the normative text ends: a heading
// of the explanatory part (起草说明, 条文说明, 编制说明), 参考文献 or 索引, or
// an unnumbered heading at chapter level after the annexes or enumerated
// the Chinese way ("四、条文说明").
func (d *lintDoc) normativeEnd() int {
	annexes := false
	for n := d.start; n <= len(d.lines); n++ {
		level, text, ok := d.heading(n)
		if !ok {
			continue
		}
		l, labelled := headingLabel(text, "")
		if d.endsNormative(level, text, l, labelled, annexes) {
			return n
		}
		annexes = annexes || (labelled && l.kind == KindAnnex)
	}
	return len(d.lines) + 1
}

// endsNormative reports whether a heading ends the normative text.
func (d *lintDoc) endsNormative(level int, text string, l label, labelled, annexes bool) bool {
	switch {
	case labelled && l.kind == KindElement:
		return strings.HasPrefix(l.anchor, "c-bibliography") || strings.HasPrefix(l.anchor, "c-index")
	case labelled:
		return false
	case reExplanatory.MatchString(text):
		return true
	}
	return level <= d.level && (annexes || reCnEnum.MatchString(squeeze(text)))
}

// frontSpans returns the lines of 前言, 引言 and 目次.
func (d *lintDoc) frontSpans() [][2]int {
	var out [][2]int
	for i, c := range d.clauses {
		if isFrontElement(c) {
			out = append(out, [2]int{c.Line, d.spanEnd(i)})
		}
	}
	return out
}
