package docs

import (
	"strings"
)

// The drafting rules a text is checked against.
const (
	RulesGBT11       = "gb-t-1.1"    // GB/T 1.1-2020
	RulesEngineering = "engineering" // 《工程建设标准编写规定》
)

// RuleSet returns the drafting rules of a text: the front matter's rules:
// when it names one, else engineering-construction rules for the numbers
// that national and local engineering-construction standards take (GB 50xxx,
// GB 55xxx, JGJ, CJJ, DBJ, CECS), else GB/T 1.1-2020.
func RuleSet(m Meta) string {
	switch strings.ToLower(strings.TrimSpace(m.Rules)) {
	case RulesEngineering:
		return RulesEngineering
	case RulesGBT11, "gb/t 1.1", "gbt1.1":
		return RulesGBT11
	}
	if isEngineeringNumber(m.Number) {
		return RulesEngineering
	}
	return RulesGBT11
}

// isEngineeringNumber reports the numbers of engineering-construction
// standards: GB 50xxx and GB 55xxx (mandatory or recommended), the JGJ and
// CJJ industry codes, DBJ local codes and CECS association codes.
func isEngineeringNumber(s string) bool {
	n, err := ParseNumber(s)
	if err != nil {
		return false
	}
	base, _, _ := strings.Cut(n.Prefix, "/")
	switch {
	case base == "GB" && len(n.Code) >= 5 && (strings.HasPrefix(n.Code, "50") || strings.HasPrefix(n.Code, "55")):
		return true
	case base == "JGJ" || base == "CJJ" || base == "CECS" || strings.HasPrefix(base, "DBJ"):
		return true
	}
	return false
}

// engineeringChecks are the checks of 《工程建设标准编写规定》: numbering,
// headings and annexes as in GB/T 1.1, chapter 1 总则 instead of 范围,
// 必须 and 严禁 as the strongest modal verbs, and the rules on placeholders,
// tables and informative content that hold for every text.
var engineeringChecks = []func(*lintDoc){
	(*lintDoc).checkEngineering,
	(*lintDoc).checkNumbering,
	(*lintDoc).checkHeadings,
	(*lintDoc).checkAnnexes,
	(*lintDoc).checkEngineeringWording,
	(*lintDoc).checkTables,
	(*lintDoc).checkPlaceholders,
}

// checkEngineering says which rules it applied and checks that chapter 1
// is 总则.
func (d *lintDoc) checkEngineering() {
	d.addWhole(SeverityInfo, "rules.engineering", d.body,
		"本文本按《工程建设标准编写规定》检查（工程建设标准编号或 rules: engineering）：章节为总则、术语、基本规定，条文编号如 1.0.1，可使用“必须”“严禁”。",
		"This text is checked against the rules for engineering-construction standards (《工程建设标准编写规定》, chosen by its number or rules: engineering): chapters 总则, 术语, 基本规定, clauses numbered 1.0.1, and 必须 and 严禁 as modal verbs.")
	chapters := d.chapters()
	if len(chapters) == 0 {
		return
	}
	if c := d.clauses[chapters[0]]; squeeze(c.Title) != "总则" {
		d.add(SeverityError, "structure.general-missing", c.Line,
			"工程建设标准的第1章应为“总则”：请以“1 总则”为标题，说明编制目的、适用范围和执行原则。",
			"Chapter 1 of an engineering-construction standard must be \"总则\" (general provisions): head it \"1 总则\" with the purpose, the field of application and the principles.")
	}
}
