package docs

import (
	"fmt"
	"regexp"
	"strings"
)

// citation is a standard number cited in the normative text.
type citation struct {
	number StdNumber
	line   int
	note   bool // in a note or an example
	clause bool // naming a particular clause, table, figure or annex of it
}

var reClauseAfter = regexp.MustCompile(`^[ \t\x{3000}]*(?:的|中的|中|第)?[ \t\x{3000}]*(?:第?[ \t\x{3000}]*[0-9]+(?:\.[0-9]+)*[ \t\x{3000}]*(?:章|条|款)?(?:[^0-9年]|$)|表[ \t\x{3000}]*[A-Z0-9]|图[ \t\x{3000}]*[A-Z0-9]|附录[ \t\x{3000}]*[A-Z])`)

// citations returns the standard numbers cited in the normative text
// outside chapter 2 itself (lines from..to-1), leaving out the text's own number.
func (d *lintDoc) citations(from, to int) []citation {
	own := ""
	if n, err := ParseNumber(d.meta.Number); err == nil {
		own = n.Undated()
	}
	var out []citation
	d.eachBodyLine(func(n int, line string, note bool) {
		if n >= from && n < to || isTermSource(strings.TrimSpace(line)) {
			return // chapter 2 itself, or the source of a term: [来源：…]
		}
		for _, m := range FindNumbers(line) {
			if m.Number.Undated() != own {
				out = append(out, citation{number: m.Number, line: n, note: note,
					clause: reClauseAfter.MatchString(line[m.End:])})
			}
		}
	})
	return out
}

// refCitations checks the citations of the body against the entries of
// chapter 2: each entry cited, each cited standard listed, and dated and
// undated references cited as listed.
func (d *lintDoc) refCitations(entries []refEntry) {
	i, _ := d.findChapter(isRefsTitle)
	from, to := d.clauses[i].Line, d.spanEnd(i)
	cites := d.citations(from, to)
	listed := map[string]refEntry{}
	for _, e := range entries {
		if e.Number.Prefix != "" {
			listed[e.Number.Undated()] = e
		}
	}
	done := map[string]bool{} // rule and number already reported
	cited := map[string]bool{}
	bib := d.bibliography()
	for _, c := range cites {
		key := c.number.Undated()
		cited[key] = true
		e, ok := listed[key]
		switch {
		case !ok && !c.note && !bib[key]:
			d.once(done, "references.not-listed", key, func() { d.notListed(c) })
		case ok:
			d.citedAs(e, c, done)
		}
	}
	for _, e := range entries {
		if e.Number.Prefix != "" && !cited[e.Number.Undated()] && !d.mentions(e.Number, from, to) {
			d.notCited(e)
		}
	}
}

// once runs report the first time a rule meets a number.
func (d *lintDoc) once(done map[string]bool, rule, key string, report func()) {
	if !done[rule+" "+key] {
		done[rule+" "+key] = true
		report()
	}
}

// citedAs checks that a citation gives the year the way chapter 2 lists it.
func (d *lintDoc) citedAs(e refEntry, c citation, done map[string]bool) {
	key, year := e.Number.Undated(), c.number.Year
	switch {
	case e.Dated && year == "":
		d.once(done, "references.dated-without-year", key, func() {
			d.add(SeverityInfo, "references.dated-without-year", c.line,
				fmt.Sprintf("%s 在第2章中注了日期（%s），此处引用未注年号：注日期引用应在文中给出年号，如“%s”。", key, e.Number, e.Number),
				fmt.Sprintf("%s is a dated reference in chapter 2 (%s) but is cited here without its year: cite it as %s.", key, e.Number, e.Number))
		})
	case e.Dated && year != e.Number.Year:
		d.once(done, "references.year-mismatch", key, func() {
			d.add(SeverityWarning, "references.year-mismatch", c.line,
				fmt.Sprintf("此处引用 %s，而第2章列的是 %s：两处年号应一致。", c.number, e.Number),
				fmt.Sprintf("%s is cited here but chapter 2 lists %s: make the years agree.", c.number, e.Number))
		})
	case !e.Dated && year != "":
		d.once(done, "references.undated-with-year", key, func() {
			d.add(SeverityWarning, "references.undated-with-year", c.line,
				fmt.Sprintf("%s 在第2章中未注日期，此处却注了年号（%s）：只适用该版本时在第2章中注日期，否则文中也不注年号。", key, c.number),
				fmt.Sprintf("%s is undated in chapter 2 but cited here with a year (%s): if only that edition applies, date it in chapter 2; otherwise cite it without the year.", key, c.number))
		})
	case !e.Dated && c.clause:
		d.once(done, "references.clause-undated", key, func() {
			d.add(SeverityWarning, "references.clause-undated", c.line,
				fmt.Sprintf("此处引用了 %s 的具体章条、图表或附录，而它是不注日期引用：引用具体内容时应注日期（在第2章和文中给出年号）。", key),
				fmt.Sprintf("This cites a particular clause, table, figure or annex of %s, an undated reference: cite particular content of a dated reference only (give the year in chapter 2 and here).", key))
		})
	}
}

// notListed reports a standard the body cites that chapter 2 does not list.
func (d *lintDoc) notListed(c citation) {
	key := c.number.Undated()
	d.add(SeverityWarning, "references.not-listed", c.line,
		fmt.Sprintf("正文规范性引用了 %s，但第2章“规范性引用文件”没有列出：请将其列入第2章（资料性引用列入参考文献）。", key),
		fmt.Sprintf("The body cites %s but chapter 2 does not list it: list it there (informative references go to the bibliography).", key))
}

// notCited reports an entry of chapter 2 that the body never cites.
func (d *lintDoc) notCited(e refEntry) {
	key := e.Number.Undated()
	d.add(SeverityWarning, "references.not-cited", e.Line,
		fmt.Sprintf("第2章列出了 %s，但正文没有引用它：只列入文中规范性引用的文件，请删除或在正文中引用。", key),
		fmt.Sprintf("Chapter 2 lists %s but the body never cites it: list only documents the text cites normatively; remove it or cite it.", key))
}

// mentions reports whether the normative text outside lines from..to-1
// names an international number, which FindNumbers does not read.
func (d *lintDoc) mentions(n StdNumber, from, to int) bool {
	if n.Level != "international" {
		return false
	}
	want, found := squeeze(n.Undated()), false
	d.eachBodyLine(func(k int, line string, _ bool) {
		found = found || (k < from || k >= to) && strings.Contains(squeeze(line), want)
	})
	return found
}

// bibliography returns the numbers listed in 参考文献.
func (d *lintDoc) bibliography() map[string]bool {
	out := map[string]bool{}
	for i, c := range d.clauses {
		if c.Kind != KindElement || !strings.HasPrefix(c.Anchor, "c-bibliography") {
			continue
		}
		for n, end := c.Line, d.spanEnd(i); n < end; n++ {
			for _, m := range FindNumbers(d.lines[n-1]) {
				out[m.Number.Undated()] = true
			}
		}
	}
	return out
}
