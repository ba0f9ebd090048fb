package docs

import (
	"fmt"
	"strings"
)

// checkContent checks what the parts of a text may say: 本文件 for the text
// itself, and no provision where GB/T 1.1-2020 allows none: 前言 (8.3), 范围
// (8.5), notes and examples (9.10, 9.11), definitions (8.7) and 资料性
// annexes (9.6), nor a 资料性 annex cited as a provision.
func (d *lintDoc) checkContent() {
	d.thisStandard()
	d.provisionsInForeword()
	d.provisionsInScope()
	d.provisionsInNotes()
	d.provisionsInDefinitions()
	d.provisionsInInformativeAnnexes()
	d.informativeAnnexCited()
}

var thisStandard = modalWord{word: "本标准", notFollowedBy: "化"}

// thisStandard warns of 本标准, which GB/T 1.1-2020 writes 本文件.
func (d *lintDoc) thisStandard() {
	for n := d.body; n < d.end && n <= len(d.lines); n++ {
		if d.code[n-1] || !strings.Contains(d.lines[n-1], "本标准") || !thisStandard.in(unquoted(d.lines[n-1])) {
			continue
		}
		d.add(SeverityWarning, "wording.this-standard", n,
			"“本标准”应改为“本文件”：GB/T 1.1—2020 以“本文件”指称文件自身（如“本文件规定了……”）。",
			"Write \"本文件\" (this document) instead of \"本标准\" (this standard): GB/T 1.1-2020 refers to the text itself as 本文件.")
	}
}

// provisionIn reports the first line of from..to-1 outside code, headings,
// tables and notes that holds a provision.
func (d *lintDoc) provisionLines(from, to int, skipNotes bool, report func(n int, verb string)) {
	para, note := false, false
	for n := max(from, 1); n < to && n <= len(d.lines); n++ {
		line := d.lines[n-1]
		t := strings.TrimSpace(line)
		if t == "" || d.code[n-1] {
			para = false
			continue
		}
		if !para {
			note = isNote(t)
		}
		para = true
		if reHeading.MatchString(line) || strings.HasPrefix(t, "|") || (skipNotes && note) {
			continue
		}
		if v := provisionVerb(line); v != "" {
			report(n, v)
		}
	}
}

func (d *lintDoc) provisionsInForeword() {
	fw, ok := d.foreword()
	if !ok {
		return
	}
	d.provisionLines(d.clauses[fw].Line+1, d.spanEnd(fw), false, func(n int, v string) {
		d.add(SeverityWarning, "provision.foreword", n,
			fmt.Sprintf("前言中出现了要求（“%s”）：前言不应包含要求、推荐或允许，只陈述文件的起草依据、与其他文件的关系、提出和归口等信息（GB/T 1.1—2020 8.3）。", v),
			fmt.Sprintf("The foreword states a provision (%q): a foreword gives information only, never requirements, recommendations or permissions (GB/T 1.1-2020, 8.3).", v))
	})
}

func (d *lintDoc) provisionsInScope() {
	i, ok := d.findChapter(isScopeTitle)
	if !ok {
		return
	}
	d.provisionLines(d.clauses[i].Line+1, d.spanEnd(i), false, func(n int, v string) {
		d.add(SeverityWarning, "provision.scope", n,
			fmt.Sprintf("范围中出现了要求（“%s”）：范围只陈述文件规定了什么和适用于什么，不应包含要求（GB/T 1.1—2020 8.5）。", v),
			fmt.Sprintf("The scope states a provision (%q): the scope says what the text specifies and where it applies, never requirements (GB/T 1.1-2020, 8.5).", v))
	})
}

func (d *lintDoc) provisionsInNotes() {
	d.eachBodyLine(func(n int, line string, note bool) {
		if !note || strings.HasPrefix(strings.TrimSpace(line), "|") {
			return
		}
		if v := provisionVerb(line); v != "" {
			d.add(SeverityWarning, "provision.note", n,
				fmt.Sprintf("注或示例中出现了要求（“%s”）：注和示例是资料性的，不应包含要求，要求应写入条文（GB/T 1.1—2020 9.10、9.11）。", v),
				fmt.Sprintf("A note or example states a provision (%q): notes and examples are informative; put requirements in the clauses (GB/T 1.1-2020, 9.10, 9.11).", v))
		}
	})
}

// provisionsInDefinitions warns of provisions in the definitions of the
// terms chapter: the paragraphs after each term, notes and sources aside.
func (d *lintDoc) provisionsInDefinitions() {
	from, to, ok := d.termsSpan()
	if !ok || d.rules == RulesEngineering {
		return
	}
	for i, c := range d.clauses {
		if c.Line <= from || c.Line >= to || c.Depth < 2 {
			continue
		}
		end := min(to, d.nextClauseLine(i))
		def, _ := d.definitionLines(c.Line, end)
		for _, n := range def {
			if v := definitionProvision(d.lines[n-1]); v != "" {
				d.add(SeverityWarning, "provision.definition", n,
					fmt.Sprintf("定义中出现了要求（“%s”）：定义只说明概念，不应包含要求（GB/T 1.1—2020 8.7）；要求应写入正文条款。", v),
					fmt.Sprintf("A definition states a provision (%q): a definition describes a concept and holds no requirement (GB/T 1.1-2020, 8.7); put it in the clauses.", v))
			}
		}
	}
}

// nextClauseLine returns the line of the clause after clause i, or the end
// of the text.
func (d *lintDoc) nextClauseLine(i int) int {
	if i+1 < len(d.clauses) {
		return d.clauses[i+1].Line
	}
	return len(d.lines) + 1
}

// definitionLines returns the lines of the definition of a term entry whose
// heading is at line from (lines up to to-1): the lines after the term line
// that are not notes, examples or sources; and the term line.
func (d *lintDoc) definitionLines(from, to int) ([]int, int) {
	var def []int
	term := 0
	para, note := false, false
	for n := from + 1; n < to && n <= len(d.lines); n++ {
		t := strings.TrimSpace(d.lines[n-1])
		if t == "" || d.code[n-1] {
			para = false
			continue
		}
		if !para {
			note = isNote(t) || isTermSource(t)
		}
		para = true
		switch {
		case term == 0:
			term = n
		case !note:
			def = append(def, n)
		}
	}
	return def, term
}

// informativeAnnexes returns the 资料性 annexes of the normative text.
func (d *lintDoc) informativeAnnexes() []int {
	var out []int
	for i, c := range d.clauses {
		if c.Kind == KindAnnex && d.normative(c) && d.annexKind(c) == "资料性" {
			out = append(out, i)
		}
	}
	return out
}

func (d *lintDoc) provisionsInInformativeAnnexes() {
	for _, i := range d.informativeAnnexes() {
		c := d.clauses[i]
		d.provisionLines(c.Line+1, d.spanEnd(i), true, func(n int, v string) {
			d.add(SeverityWarning, "provision.informative-annex", n,
				fmt.Sprintf("资料性附录%s中出现了要求（“%s”）：资料性附录只提供信息，不应包含要求；需要遵守的内容应改为规范性附录或写入正文（GB/T 1.1—2020 9.6）。", c.Number, v),
				fmt.Sprintf("Informative Annex %s states a provision (%q): an informative annex gives information only; make it normative or move the provision to the body (GB/T 1.1-2020, 9.6).", c.Number, v))
		})
	}
}

// informativeAnnexCited warns of a 资料性 annex cited as a provision: in
// the same sentence as 应, 不应, 宜 or 不宜, or as "附录 B 的规定/要求".
func (d *lintDoc) informativeAnnexCited() {
	annexes := d.informativeAnnexes()
	if len(annexes) == 0 {
		return
	}
	d.eachBodyLine(func(n int, line string, note bool) {
		if note || !strings.Contains(line, "附录") || reHeading.MatchString(line) {
			return
		}
		for _, i := range annexes {
			c := d.clauses[i]
			if n >= c.Line && n < d.spanEnd(i) {
				continue
			}
			for _, s := range sentences(line) {
				if citesAnnex(s, c.Number[0]) && citesAsProvision(s) {
					d.add(SeverityWarning, "annex.informative-required", n,
						fmt.Sprintf("附录%s是资料性附录，却被作为要求引用：资料性附录只能以“参见附录%s”提及；需要遵守时应将附录%s改为规范性附录（GB/T 1.1—2020 9.6）。", c.Number, c.Number, c.Number),
						fmt.Sprintf("Annex %s is informative but is cited as a provision: mention an informative annex with \"参见附录%s\" (see Annex %s), or make it normative (GB/T 1.1-2020, 9.6).", c.Number, c.Number, c.Number))
					break
				}
			}
		}
	})
}

// sentences splits a line at 。；; and !.
func sentences(line string) []string {
	return strings.FieldsFunc(line, func(r rune) bool { return strings.ContainsRune("。；;！", r) })
}

// citesAsProvision reports whether a sentence citing an annex makes it a
// provision: 参见 and 见 only point at it.
func citesAsProvision(s string) bool {
	if strings.Contains(s, "参见附录") || strings.Contains(s, "参见 附录") {
		return false
	}
	if strings.Contains(s, "的规定") || strings.Contains(s, "的要求") {
		return true
	}
	u := unquoted(s)
	for _, w := range provisionVerbs {
		if w.word != "可" && w.word != "不必" && w.in(u) {
			return true
		}
	}
	return false
}

// definitionProvision returns the requirement (应, 不应, 必须) a definition
// line states, or "". A modal verb inside an attribute ("宜达到的目标值",
// "可按需回传……的会场") describes the concept and is not a provision.
func definitionProvision(line string) string {
	for _, s := range strings.FieldsFunc(unquoted(line), func(r rune) bool { return strings.ContainsRune("，,。；;：:", r) }) {
		for _, w := range []modalWord{provisionVerbs[0], provisionVerbs[3], {word: "必须"}} {
			if w.in(s) && !strings.Contains(s[strings.Index(s, w.word):], "的") {
				return w.word
			}
		}
	}
	return ""
}
