package docs

import (
	"fmt"
	"regexp"
	"strings"
)

// fixedChapter is a chapter GB/T 1.1-2020 places at a fixed number.
type fixedChapter struct {
	number, name, nameEN, rule string
	match                      func(squeezed string) bool
}

var fixedChapters = []fixedChapter{
	{"1", "范围", "Scope", "structure.scope-missing", isScopeTitle},
	{"2", "规范性引用文件", "Normative references", "structure.references-missing", isRefsTitle},
	{"3", "术语和定义", "Terms and definitions", "structure.terms-missing", isTermsTitle},
}

// isScopeTitle and isRefsTitle match the squeezed titles of chapters 1 and 2.
func isScopeTitle(t string) bool { return t == "范围" }
func isRefsTitle(t string) bool  { return t == "规范性引用文件" }

// isTermsTitle accepts 术语和定义 and the combined forms such as
// 术语、定义和缩略语.
func isTermsTitle(t string) bool {
	return strings.HasPrefix(t, "术语") && strings.Contains(t, "定义")
}

// checkElements checks that 前言 is present and comes first, and that
// 范围, 规范性引用文件 and 术语和定义 are chapters 1, 2 and 3.
func (d *lintDoc) checkElements() {
	for _, f := range fixedChapters {
		d.checkFixedChapter(f)
	}
	fw, ok := d.foreword()
	if !ok {
		d.addWhole(SeverityError, "structure.foreword-missing", d.body,
			"缺少前言：GB/T 1.1—2020 规定前言为必备要素，应在第1章之前加“前言”，并写明起草规则等内容。",
			"The foreword (前言) is missing: GB/T 1.1-2020 makes it mandatory; add it before chapter 1, naming the drafting rules.")
		return
	}
	if first := d.chapters(); len(first) > 0 && d.clauses[fw].Line > d.clauses[first[0]].Line {
		d.add(SeverityError, "structure.order", d.clauses[fw].Line,
			"前言应位于第1章之前：请把前言移到正文之前。",
			"The foreword must come before chapter 1: move it ahead of the body.")
	}
}

// checkFixedChapter checks that a fixed chapter exists under its number.
func (d *lintDoc) checkFixedChapter(f fixedChapter) {
	if i, ok := d.findChapter(f.match); ok {
		if c := d.clauses[i]; c.Number != f.number {
			d.add(SeverityError, "structure.order", c.Line,
				fmt.Sprintf("“%s”是第%s章，应为第%s章：GB/T 1.1—2020 规定范围、规范性引用文件、术语和定义依次为第1、2、3章。", f.name, c.Number, f.number),
				fmt.Sprintf("%q is chapter %s but must be chapter %s: GB/T 1.1-2020 makes scope, normative references and terms chapters 1, 2 and 3.", f.nameEN, c.Number, f.number))
		}
		return
	}
	// Shown at the chapter that stands in its place, else at chapter 1.
	line, clause := d.body, ""
	chapters := d.chapters()
	if len(chapters) > 0 {
		line = d.clauses[chapters[0]].Line
	}
	for _, i := range chapters {
		if d.clauses[i].Number == f.number {
			line, clause = d.clauses[i].Line, f.number
			break
		}
	}
	d.findings = append(d.findings, Finding{Severity: SeverityError, Rule: f.rule, Clause: clause,
		Line:      d.clampLine(line),
		Message:   fmt.Sprintf("缺少第%s章“%s”：GB/T 1.1—2020 规定其为必备要素，请以“%s %s”为标题加上此章。", f.number, f.name, f.number, f.name),
		MessageEN: fmt.Sprintf("Chapter %s %q (%s) is missing: GB/T 1.1-2020 makes it mandatory; add a chapter headed \"%s %s\".", f.number, f.nameEN, f.name, f.number, f.name)})
}

// foreword returns the index of the 前言 clause.
func (d *lintDoc) foreword() (int, bool) {
	for i, c := range d.clauses {
		if c.Kind == KindElement && strings.HasPrefix(c.Anchor, "c-foreword") {
			return i, true
		}
	}
	return 0, false
}

// draftingSentence is the sentence of 前言 that names the drafting rules.
const draftingSentence = "本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。"

var (
	draftingSqueezed = strings.TrimSuffix(squeeze(draftingSentence), "。")
	reDraftingRules  = regexp.MustCompile(`GB/T1\.1-(\d{4})`)
)

// checkForeword checks that 前言 names GB/T 1.1-2020 as its drafting rules.
func (d *lintDoc) checkForeword() {
	fw, ok := d.foreword()
	if !ok {
		return
	}
	from, to := d.clauses[fw].Line, d.spanEnd(fw)
	if strings.Contains(d.spanText(from+1, to), draftingSqueezed) {
		return
	}
	for n := from + 1; n < to; n++ {
		if m := reDraftingRules.FindStringSubmatch(squeeze(d.lines[n-1])); m != nil && !d.code[n-1] {
			d.draftingRulesLine(n, m[1])
			return
		}
	}
	d.add(SeverityError, "structure.drafting-rules", from,
		"前言未说明起草规则：应写明“"+draftingSentence+"”",
		"The foreword does not name the drafting rules: add the sentence \""+draftingSentence+"\"")
}

// draftingRulesLine reports a sentence that names GB/T 1.1 in another way.
func (d *lintDoc) draftingRulesLine(n int, year string) {
	if year != "2020" {
		d.add(SeverityWarning, "structure.drafting-rules-outdated", n,
			fmt.Sprintf("前言引用的是 GB/T 1.1—%s：应按现行的 GB/T 1.1—2020 起草，并写作“%s”", year, draftingSentence),
			fmt.Sprintf("The foreword names GB/T 1.1-%s: draft to the current GB/T 1.1-2020 and write \"%s\"", year, draftingSentence))
		return
	}
	d.add(SeverityWarning, "structure.drafting-rules-wording", n,
		"起草规则的表述与 GB/T 1.1—2020 的规定不一致：应写作“"+draftingSentence+"”",
		"The drafting-rules sentence differs from the one GB/T 1.1-2020 prescribes: write \""+draftingSentence+"\"")
}
