package docs

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"norma/internal/corpus"
)

// lineOf returns the 1-based line of the first occurrence of s in text.
func lineOf(tb testing.TB, text, s string) int {
	tb.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		tb.Fatalf("text lacks %q", s)
	}
	return strings.Count(text[:i], "\n") + 1
}

// findingsOf returns the findings of a rule.
func findingsOf(fs []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func describe(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n  %d %s %s [%s] %s", f.Line, f.Severity, f.Rule, f.Clause, f.Message)
	}
	return b.String()
}

func TestLintBaseIsClean(t *testing.T) {
	if fs := Lint(readFixture(t, "lint", "base.md")); len(fs) > 0 {
		t.Errorf("the base fixture has findings:%s", describe(fs))
	}
}

// lintCase is a rule broken by edits of the base fixture, and kept by
// other edits (none: the base itself keeps it).
type lintCase struct {
	name     string
	rule     string
	severity string
	at       string   // the finding is on the first line of the broken text holding this
	clause   string   // the finding's clause, when not ""
	bad      []string // old, new pairs
	good     []string // old, new pairs
}

const (
	leadIn2   = "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。\n\n"
	drafting  = "本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。"
	foreword  = "## 前言\n\n" + drafting + "\n\n本文件由北京市机关事务管理局提出并归口。\n\n"
	terms3    = "下列术语和定义适用于本文件。\n\n### 3.1\n\n**公务接待** official reception\n\n为来访公务人员提供的接待服务。\n\n### 3.2\n\n**接待人员** reception staff\n\n承担公务接待工作的人员。\n\n注：包括专职和兼职人员。\n\n"
	annexBEnd = "| | | |\n"
)

var structureCases = []lintCase{
	{name: "foreword missing", rule: "structure.foreword-missing", severity: SeverityError,
		bad: []string{foreword, ""}},
	{name: "foreword after chapter 1", rule: "structure.order", severity: SeverityError, at: "## 前言",
		bad: []string{foreword, "", "## 2 规范性", foreword + "## 2 规范性"}},
	{name: "scope missing", rule: "structure.scope-missing", severity: SeverityError, at: "## 1 总则", clause: "1",
		bad: []string{"## 1 范围", "## 1 总则"}},
	{name: "references missing", rule: "structure.references-missing", severity: SeverityError, at: "## 2 引用文件",
		bad: []string{"## 2 规范性引用文件", "## 2 引用文件"}},
	{name: "terms missing", rule: "structure.terms-missing", severity: SeverityError, at: "## 3 定义",
		bad: []string{"## 3 术语和定义", "## 3 定义"}},
	{name: "scope out of place", rule: "structure.order", severity: SeverityError, at: "## 5 范围", clause: "5",
		bad: []string{"## 1 范围", "## 1 总则", "## 5 服务流程", "## 5 范围"}},
	{name: "drafting rules missing", rule: "structure.drafting-rules", severity: SeverityError, at: "## 前言",
		bad:  []string{drafting, "本文件的发布机构不承担识别专利的责任。"},
		good: []string{drafting, "本文件按照 GB/T 1.1-2020 《标准化工作导则  第1部分：标准化文件的结构和起草规则》 的规定起草。"}},
	{name: "drafting rules outdated", rule: "structure.drafting-rules-outdated", severity: SeverityWarning, at: "2009",
		bad: []string{drafting, "本标准按照GB/T 1.1—2009给出的规则起草。"}},
	{name: "drafting rules worded otherwise", rule: "structure.drafting-rules-wording", severity: SeverityWarning, at: "给出的规则",
		bad:  []string{drafting, "本文件按照GB/T 1.1—2020给出的规则起草。"},
		good: []string{drafting, "本文件按照ＧＢ／Ｔ　１．１－２０２０《标准化工作导则　第１部分：标准化文件的结构和起草规则》的规定起草。"}},
}

var numberingCases = []lintCase{
	{name: "clause gap", rule: "numbering.gap", severity: SeverityError, at: "4.1.3 ", clause: "4.1.3",
		bad: []string{"4.1.2 接待人员宜", "4.1.3 接待人员宜"}},
	{name: "chapter gap", rule: "numbering.gap", severity: SeverityError, at: "## 6 服务流程", clause: "6",
		bad: []string{"## 5 服务流程", "## 6 服务流程", "5.1 应在", "6.1 应在", "5.2 接待结束", "6.2 接待结束"}},
	{name: "first clause not 1", rule: "numbering.gap", severity: SeverityError, at: "5.2 应在",
		bad: []string{"5.1 应在", "5.2 应在", "5.2 接待结束", "5.3 接待结束"}},
	{name: "clause out of order", rule: "numbering.order", severity: SeverityError, at: "5.1 接待结束",
		bad: []string{"5.1 应在", "5.2 应在", "5.2 接待结束", "5.1 接待结束"}},
	{name: "clause repeated", rule: "numbering.order", severity: SeverityError, at: "4.1.1 接待人员宜",
		bad: []string{"4.1.2 接待人员宜", "4.1.1 接待人员宜"}},
	{name: "clause under the wrong parent", rule: "numbering.parent", severity: SeverityError, at: "4.3.1 ",
		bad: []string{"4.2.1 接待场所", "4.3.1 接待场所"}},
	{name: "clause without parent", rule: "numbering.parent", severity: SeverityError, at: "6.1 应在",
		bad: []string{"5.1 应在", "6.1 应在", "5.2 接待结束", "6.2 接待结束"}},
	{name: "too deep", rule: "numbering.depth", severity: SeverityError, at: "4.1.2.1.1.1.1",
		bad: []string{"4.1.2 接待人员宜统一着装。\n", "4.1.2 接待人员宜统一着装。\n\n4.1.2.1.1.1.1 过深的条。\n"}},
	{name: "lone subclause", rule: "numbering.lone-subclause", severity: SeverityError, at: "4.1.1 ", clause: "4.1.1",
		bad: []string{"4.1.2 接待人员宜统一着装。\n\n", ""}},
	{name: "lone annex subclause", rule: "numbering.lone-subclause", severity: SeverityError, at: "### A.1",
		bad: []string{"### A.2 用餐\n\n", ""}},
	{name: "unnumbered heading among numbered", rule: "numbering.heading", severity: SeverityWarning, at: "### 其他",
		bad:  []string{"应符合 GB 25201 的规定。\n", "应符合 GB 25201 的规定。\n\n### 其他\n\n接待车辆应定期检查。\n"},
		good: []string{annexBEnd, annexBEnd + "\n### 填写说明\n\n按实际填写。\n"}},
	{name: "untitled clause among titled", rule: "numbering.title", severity: SeverityWarning, at: "### 4.2\n", clause: "4.2",
		bad: []string{"### 4.2 设施", "### 4.2"}},
	{name: "chapter without title", rule: "numbering.title", severity: SeverityWarning, at: "## 5\n",
		bad: []string{"## 5 服务流程", "## 5"}},
}

var annexCases = []lintCase{
	{name: "annex type missing", rule: "annex.label", severity: SeverityError, at: "## 附录 A", clause: "A",
		bad: []string{"## 附录 A（规范性）", "## 附录 A "}},
	{name: "annex type unknown", rule: "annex.label", severity: SeverityError, at: "## 附录 B",
		bad: []string{"## 附录 B（资料性）", "## 附录 B（参考性）"}},
	{name: "annex type in the 2009 form", rule: "annex.label-outdated", severity: SeverityWarning, at: "## 附录 A",
		bad: []string{"## 附录 A（规范性）", "## 附录 A（规范性附录）"}},
	{name: "annex letter skipped", rule: "annex.order", severity: SeverityError, at: "## 附录 C",
		bad: []string{"## 附录 B（资料性）", "## 附录 C（资料性）", "按附录 B", "按附录 C"}},
	{name: "annex letters reversed", rule: "annex.order", severity: SeverityError, at: "## 附录 A",
		bad: []string{"## 附录 A（规范性）", "## 附录 C（规范性）", "## 附录 B（资料性）", "## 附录 A（资料性）", "按附录 A", "按附录 C",
			"### A.1", "### C.1", "### A.2", "### C.2"}},
	{name: "annex not cited", rule: "annex.not-cited", severity: SeverityWarning, at: "## 附录 A",
		bad:  []string{"接待标准按附录 A 确定", "接待标准按规定确定"},
		good: []string{"接待标准按附录 A 确定", "接待标准见附录A.1"}},
	{name: "chapter after annex", rule: "annex.position", severity: SeverityError, at: "## 6 附加要求",
		bad: []string{annexBEnd, annexBEnd + "\n## 6 附加要求\n\n6.1 应备有接待车辆。\n\n6.2 应备有急救药品。\n"}},
}

var termsCases = []lintCase{
	{name: "term missing", rule: "terms.entry", severity: SeverityError, at: "### 3.2", clause: "3.2",
		bad: []string{"**接待人员** reception staff\n\n", ""}},
	{name: "term missing in a terminology standard", rule: "terms.entry", severity: SeverityError, at: "### 6.2",
		bad: []string{`title: "机关接待服务规范"`, `title: "机关接待服务 术语"`, "## 附录 A",
			"## 6 其他\n\n### 6.1\n\n**接待用车** reception vehicle\n\n用于公务接待的车辆。\n\n### 6.2\n\n定点接待的饭店。\n\n## 附录 A"},
		good: []string{`title: "机关接待服务规范"`, `title: "机关接待服务 术语"`, "## 附录 A",
			"## 6 其他\n\n### 6.1\n\n**接待用车** reception vehicle\n\n用于公务接待的车辆。\n\n### 6.2\n\n**定点饭店** designated hotel\n\n定点接待的饭店。\n\n## 附录 A"}},
	{name: "definition missing", rule: "terms.definition", severity: SeverityError, at: "### 3.1", clause: "3.1",
		bad: []string{"为来访公务人员提供的接待服务。\n\n", ""}},
	{name: "only a note after the term", rule: "terms.definition", severity: SeverityError, at: "### 3.2",
		bad: []string{"承担公务接待工作的人员。\n\n", ""}},
	{name: "term numbers skip", rule: "terms.numbering", severity: SeverityError, at: "### 3.3",
		bad: []string{"### 3.2", "### 3.3"}},
	{name: "term without number", rule: "terms.numbering", severity: SeverityError, at: "**接待人员**",
		bad: []string{"### 3.2\n\n", ""}},
	{name: "term chapter empty", rule: "terms.empty-sentence", severity: SeverityError, at: "## 3 术语和定义",
		bad:  []string{terms3, ""},
		good: []string{terms3, "本文件没有需要界定的术语和定义。\n\n"}},
	{name: "term lead-in missing", rule: "terms.lead-in", severity: SeverityWarning, at: "## 3 术语和定义",
		bad: []string{"下列术语和定义适用于本文件。\n\n", ""}},
	{name: "term in the heading", rule: "terms.format", severity: SeverityWarning, at: "### 3.1 公务接待",
		bad: []string{"### 3.1\n\n**公务接待** official reception", "### 3.1 公务接待\n\nofficial reception"}},
	{name: "term outside chapter 3", rule: "terms.outside", severity: SeverityWarning, at: "### A.3",
		bad: []string{"用餐应按规定标准安排。\n", "用餐应按规定标准安排。\n\n### A.3\n\n**定点饭店** designated hotel\n\n经政府采购确定的饭店。\n"},
		good: []string{"用餐应按规定标准安排。\n", "用餐应按规定标准安排。\n\n### A.3\n\n**定点饭店** designated hotel\n\n经政府采购确定的饭店。\n",
			`title: "机关接待服务规范"`, `title: "机关接待服务 术语"`}},
}

var wordingCases = []lintCase{
	{name: "必须", rule: "wording.must", severity: SeverityWarning, at: "必须统一", clause: "4.1.2",
		bad: []string{"接待人员宜统一着装。", "接待人员必须统一着装。"},
		good: []string{"接待人员宜统一着装。", "接待人员宜统一着装，非必须的饰品不宜佩戴，并遵守《必须遵守的规则》和“必须”一词的规定。",
			"提出并归口。", "提出并归口，必须说明。", "注：包括专职和兼职人员。", "注：接待人员必须持证的情形见有关规定。"}},
	{name: "严禁", rule: "wording.modal", severity: SeverityWarning, at: "严禁",
		bad: []string{"接待人员宜统一着装。", "接待人员严禁饮酒。"}},
	{name: "不得", rule: "wording.modal", severity: SeverityWarning, at: "不得",
		bad:  []string{"接待人员宜统一着装。", "接待人员不得饮酒。"},
		good: []string{"接待人员宜统一着装。", "接待人员宜统一着装，未着装的该项不得分。"}},
	{name: "不准", rule: "wording.modal", severity: SeverityWarning, at: "不准",
		bad:  []string{"接待人员宜统一着装。", "接待人员不准饮酒。"},
		good: []string{"接待人员宜统一着装。", "接待人员不准许饮酒，记录不准确的应更正。"}},
	{name: "不许", rule: "wording.modal", severity: SeverityWarning, at: "不许",
		bad: []string{"接待人员宜统一着装。", "接待人员不许饮酒。"}},
	{name: "务必", rule: "wording.modal", severity: SeverityWarning, at: "务必",
		bad: []string{"接待人员宜统一着装。", "接待人员务必统一着装。"}},
	{name: "可以不", rule: "wording.modal", severity: SeverityWarning, at: "可以不",
		bad:  []string{"不必另行报告", "可以不另行报告"},
		good: []string{"不必另行报告", "着装可以不同，应用、响应、供应、反应、适应、可靠、许可和认可均不是情态动词"}},
}

var referencesCases = []lintCase{
	{name: "entry without a number", rule: "references.format", severity: SeverityError, at: "GB/T XYZ", clause: "2",
		bad:  []string{"GB 25201 建筑消防设施的维护管理", "GB/T XYZ 建筑消防设施的维护管理"},
		good: []string{"GB 25201 建筑消防设施的维护管理", "GB 25201 建筑消防设施的维护管理\n\nISO 9001:2015 质量管理体系 要求", "应符合 GB 25201 的规定。", "应符合 GB 25201 和 ISO 9001:2015 的规定。"}},
	{name: "entry that is a law", rule: "references.format", severity: SeverityError, at: "《中华人民共和国消防法》",
		bad: []string{"GB 25201 建筑消防设施的维护管理", "《中华人民共和国消防法》"}},
	{name: "entry without a title", rule: "references.title", severity: SeverityWarning, at: "GB 25201\n",
		bad: []string{"GB 25201 建筑消防设施的维护管理", "GB 25201"}},
	{name: "lead-in missing", rule: "references.lead-in", severity: SeverityWarning, at: "## 2 规范性引用文件",
		bad: []string{leadIn2, ""}},
	{name: "empty chapter without its sentence", rule: "references.empty-sentence", severity: SeverityError, at: "## 2 规范性引用文件",
		bad:  []string{leadIn2, "", "GB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号\n\n", "", "GB 25201 建筑消防设施的维护管理\n", ""},
		good: []string{leadIn2, "本文件没有规范性引用文件。\n\n", "GB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号\n\n", "", "GB 25201 建筑消防设施的维护管理\n", ""}},
	{name: "listed but not cited", rule: "references.not-cited", severity: SeverityWarning, at: "GB 25201 建筑",
		bad: []string{"消防设施的维护管理应符合 GB 25201 的规定。", "消防设施应定期维护。"}},
	{name: "cited but not listed", rule: "references.not-listed", severity: SeverityWarning, at: "GB/T 99999 的规定",
		bad:  []string{"接待人员宜统一着装。", "接待人员的着装宜符合 GB/T 99999 的规定。"},
		good: []string{"注：包括专职和兼职人员。", "注：参见 GB/T 99999。"}},
	{name: "undated entry cited with a year", rule: "references.undated-with-year", severity: SeverityWarning, at: "GB 25201—2010",
		bad: []string{"应符合 GB 25201 的规定", "应符合 GB 25201—2010 的规定"}},
	{name: "dated entry cited without a year", rule: "references.dated-without-year", severity: SeverityInfo, at: "GB/T 10001.1 的规定",
		bad: []string{"GB/T 10001.1—2012 的规定", "GB/T 10001.1 的规定"}},
	{name: "dated entry cited with another year", rule: "references.year-mismatch", severity: SeverityWarning, at: "GB/T 10001.1—2023",
		bad: []string{"GB/T 10001.1—2012 的规定", "GB/T 10001.1—2023 的规定"}},
	{name: "clause of an undated entry", rule: "references.clause-undated", severity: SeverityWarning, at: "GB 25201 中 5.2",
		bad:  []string{"应符合 GB 25201 的规定", "应符合 GB 25201 中 5.2 的规定"},
		good: []string{"符合 GB/T 10001.1—2012 的规定", "符合 GB/T 10001.1—2012 中表 1 的规定"}},
}

func TestLintRules(t *testing.T) {
	base := readFixture(t, "lint", "base.md")
	groups := map[string][]lintCase{"structure": structureCases, "numbering": numberingCases,
		"annex": annexCases, "terms": termsCases, "wording": wordingCases, "references": referencesCases}
	for group, cases := range groups {
		for _, tc := range cases {
			t.Run(group+"/"+tc.name, func(t *testing.T) {
				checkBreaks(t, tc, editText(t, base, tc.bad...))
				good := editText(t, base, tc.good...)
				if fs := findingsOf(Lint(good), tc.rule); len(fs) > 0 {
					t.Errorf("the text that keeps %s has findings:%s", tc.rule, describe(fs))
				}
			})
		}
	}
}

// checkBreaks checks that the broken text has the case's finding.
func checkBreaks(t *testing.T, tc lintCase, bad string) {
	t.Helper()
	all := Lint(bad)
	fs := findingsOf(all, tc.rule)
	if len(fs) == 0 {
		t.Fatalf("no %s finding; all findings:%s", tc.rule, describe(all))
	}
	f := fs[0]
	if tc.at != "" {
		want := lineOf(t, bad, tc.at)
		k := slices.IndexFunc(fs, func(f Finding) bool { return f.Line == want })
		if k < 0 {
			t.Fatalf("no %s at line %d:%s", tc.rule, want, describe(fs))
		}
		f = fs[k]
	}
	if f.Severity != tc.severity {
		t.Errorf("%s has severity %s, want %s", tc.rule, f.Severity, tc.severity)
	}
	if tc.clause != "" && f.Clause != tc.clause {
		t.Errorf("%s in clause %q, want %q", tc.rule, f.Clause, tc.clause)
	}
	if f.Message == "" || f.MessageEN == "" {
		t.Errorf("%s lacks a message: %+v", tc.rule, f)
	}
}

// numberingFindings returns the numbering.* findings of a text.
func numberingFindings(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if strings.HasPrefix(f.Rule, "numbering.") {
			out = append(out, f)
		}
	}
	return out
}

// clauseTree writes numbered paragraphs two to a level under prefix, down
// to numbers of the given number of parts.
func clauseTree(b *strings.Builder, prefix string, parts int) {
	for k := 1; k <= 2; k++ {
		n := fmt.Sprintf("%s.%d", prefix, k)
		fmt.Fprintf(b, "%s 本条的内容。\n\n", n)
		if strings.Count(n, ".")+1 < parts {
			clauseTree(b, n, parts)
		}
	}
}

func TestLintDepth(t *testing.T) {
	base := readFixture(t, "lint", "base.md")
	var b strings.Builder
	b.WriteString("## 6 分级要求\n\n")
	clauseTree(&b, "6", maxClauseParts)
	deepest := editText(t, base, "## 附录 A", b.String()+"## 附录 A")
	if fs := numberingFindings(Lint(deepest)); len(fs) > 0 {
		t.Errorf("clauses of %d parts have numbering findings:%s", maxClauseParts, describe(fs))
	}
	tooDeep := editText(t, deepest, "6.2.2.2.2.2 本条的内容。\n", "6.2.2.2.2.2 本条的内容。\n\n6.2.2.2.2.2.1 过深。\n\n6.2.2.2.2.2.2 过深。\n")
	fs := numberingFindings(Lint(tooDeep))
	if len(fs) != 2 || fs[0].Rule != "numbering.depth" || fs[1].Rule != "numbering.depth" ||
		fs[0].Line != lineOf(t, tooDeep, "6.2.2.2.2.2.1") {
		t.Errorf("clauses of %d parts: want two numbering.depth errors, got:%s", maxClauseParts+1, describe(fs))
	}
}

func TestLintConstructionCodeNumbering(t *testing.T) {
	base := readFixture(t, "lint", "base.md")
	good := editText(t, base, "5.1 应在", "5.0.1 应在", "5.2 接待结束", "5.0.2 接待结束")
	if fs := numberingFindings(Lint(good)); len(fs) > 0 {
		t.Errorf("5.0.1, 5.0.2 under chapter 5 have numbering findings:%s", describe(fs))
	}
	bad := editText(t, base, "5.1 应在", "5.0.1 应在", "5.2 接待结束", "5.0.3 接待结束")
	fs := numberingFindings(Lint(bad))
	if len(fs) != 1 || fs[0].Rule != "numbering.gap" || fs[0].Clause != "5.0.3" {
		t.Errorf("5.0.1, 5.0.3: want one numbering.gap, got:%s", describe(fs))
	}
}

// explanatory is a part after the normative text whose numbering restarts
// and whose wording is not that of provisions.
const explanatory = "\n## 1 总则\n\n1.0.1 本条说明了制定目的，必须严格执行。\n\n1.0.1 重复的编号。\n\n## 5 跳过的章\n\n### 5.3\n\n正文。\n"

func TestLintStopsAtExplanatoryPart(t *testing.T) {
	base := readFixture(t, "lint", "base.md")
	for _, heading := range []string{"# 起草说明", "## 四、条文说明", "## 编制说明", "## 参考文献", "## 索引", "## 一、基本情况"} {
		t.Run(heading, func(t *testing.T) {
			text := editText(t, base, annexBEnd, annexBEnd+"\n"+heading+"\n"+explanatory)
			if fs := Lint(text); len(fs) > 0 {
				t.Errorf("the part after %q has findings:%s", heading, describe(fs))
			}
		})
	}
	// An unnumbered heading inside the chapters does not end the normative text.
	text := editText(t, base, "## 5 服务流程", "## 其他\n\n正文。\n\n## 5 服务流程\n\n5.1 重复的编号。")
	if fs := findingsOf(Lint(text), "numbering.order"); len(fs) != 1 {
		t.Errorf("numbering after an unnumbered heading among the chapters is not checked:%s", describe(Lint(text)))
	}
}

func TestLintDemoTexts(t *testing.T) {
	files, err := filepath.Glob("../cmd/norma/demo/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no demo texts in ../cmd/norma/demo (%v)", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fs := Lint(string(b))
		var errs []Finding
		for _, x := range fs {
			if x.Severity == SeverityError {
				errs = append(errs, x)
			}
		}
		if len(errs) > 0 {
			t.Errorf("%s has errors:%s", filepath.Base(f), describe(errs))
		}
		t.Logf("%s: %s", filepath.Base(f), countFindings(fs))
	}
}

// countFindings summarises findings by severity and rule.
func countFindings(fs []Finding) string {
	counts := map[string]int{}
	for _, f := range fs {
		counts[f.Severity+" "+f.Rule]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s ×%d", k, counts[k]))
	}
	if len(parts) == 0 {
		return "no findings"
	}
	return strings.Join(parts, ", ")
}

// readGB55001 returns GB 55001—2021 from the shared corpus (see package
// corpus for when it is absent).
func readGB55001(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(corpus.Path(tb, "standards", "gb-55001-2021.md"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestLintGB55001(t *testing.T) {
	text := readGB55001(t)
	fs := Lint(text)
	var errs []Finding
	for _, f := range numberingFindings(fs) {
		if f.Severity == SeverityError {
			errs = append(errs, f)
		}
	}
	if len(errs) > 0 {
		t.Errorf("GB 55001—2021 has numbering errors:%s", describe(errs))
	}
	// The explanatory part (起草说明, 四、条文说明) restarts the numbering and
	// uses 必须 freely: nothing may be reported from it.
	end := lineOf(t, text, "# 起草说明")
	for _, f := range fs {
		if f.Line >= end {
			t.Errorf("finding in the explanatory part: %d %s %s", f.Line, f.Rule, f.Message)
		}
	}
	t.Logf("GB 55001—2021: %s", countFindings(fs))
}

func TestReferences(t *testing.T) {
	text := editText(t, readFixture(t, "lint", "base.md"),
		"GB 25201 建筑消防设施的维护管理\n",
		"GB 25201 建筑消防设施的维护管理\n\n- ISO 9001:2015 质量管理体系 要求\n- ＧＢ／Ｔ　２２３９ 《工业产品分类与代码》\n- GB/T 12345—202 标题\n")
	got := References(text)
	want := []Reference{
		{Number: StdNumber{Prefix: "GB/T", Code: "10001.1", Year: "2012", Level: "national", Recommended: true},
			Text: "GB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号", Title: "公共信息图形符号 第1部分：通用符号", Dated: true, Line: 26},
		{Number: StdNumber{Prefix: "GB", Code: "25201", Level: "national"},
			Text: "GB 25201 建筑消防设施的维护管理", Title: "建筑消防设施的维护管理", Line: 28},
		{Number: StdNumber{Prefix: "ISO", Code: "9001", Year: "2015", Level: "international"},
			Text: "ISO 9001:2015 质量管理体系 要求", Title: "质量管理体系 要求", Dated: true, Line: 30},
		{Number: StdNumber{Prefix: "GB/T", Code: "2239", Level: "national", Recommended: true},
			Text: "ＧＢ／Ｔ　２２３９ 《工业产品分类与代码》", Title: "工业产品分类与代码", Line: 31},
		{Text: "GB/T 12345—202 标题", Line: 32},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("References (-want +got):\n%s", diff)
	}
	fs := findingsOf(Lint(text), "references.format")
	if len(fs) != 1 || fs[0].Line != 32 {
		t.Errorf("want one references.format error at line 32:%s", describe(fs))
	}
	if refs := References("# 标准\n\n## 1 范围\n\n本文件规定了……\n"); refs != nil {
		t.Errorf("a text without chapter 2 has references %+v", refs)
	}
}

func TestLintNumberingRecovers(t *testing.T) {
	base := readFixture(t, "lint", "base.md")
	tests := []struct {
		name string
		edit []string
		want []string // rule@text of each numbering finding, in order
	}{
		{"misnumbered clause", []string{"4.2.1 接待场所", "4.2.7 接待场所"}, []string{"numbering.gap@4.2.7"}},
		{"misnumbered clause repeating the previous", []string{"4.1.2 接待人员宜", "4.1.1 接待人员宜", "### 4.2 设施", "### 4.3 设施", "4.2.1 接待", "4.3.1 接待", "4.2.2 消防", "4.3.2 消防"},
			[]string{"numbering.order@4.1.1 接待人员宜", "numbering.gap@### 4.3 设施"}},
		{"misnumbered heading with its children", []string{"### 4.2 设施", "### 4.4 设施"}, []string{"numbering.gap@### 4.4"}},
		{"missing heading", []string{"### 4.2 设施\n\n", ""}, []string{"numbering.parent@4.2.1"}},
		{"missing chapter heading", []string{"## 5 服务流程\n\n", ""}, []string{"numbering.parent@5.1 应在"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := editText(t, base, tc.edit...)
			var got []string
			for _, f := range numberingFindings(Lint(text)) {
				got = append(got, fmt.Sprintf("%s@%d", f.Rule, f.Line))
			}
			var want []string
			for _, w := range tc.want {
				rule, at, _ := strings.Cut(w, "@")
				want = append(want, fmt.Sprintf("%s@%d", rule, lineOf(t, text, at)))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("numbering findings (-want +got):\n%s\n%s", diff, describe(Lint(text)))
			}
		})
	}
}

func FuzzLint(f *testing.F) {
	f.Add(readFixture(f, "lint", "base.md"))
	if files, _ := filepath.Glob("../cmd/norma/demo/*.md"); len(files) > 0 {
		if b, err := os.ReadFile(files[0]); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{"", "\n", "---\n---\n", "## 1 范围\n\n1.1 a\n\n1.0.1 b\n\n### 1.0\n",
		"## 附录 Z（资料性）\n\n### Z.1\n\nZ.1.1 见附录Z\n", "## 3 术语和定义\n\n### 3.1\n\n**x**",
		"## 2 规范性引用文件\n\n- GB/T 1—\n- ISO 1:2000\n- ＧＢ\n", "```\n## 1 范围\n", "# 起草说明\n## 1\n",
		"## 1\n### 1.1\n#### 1.1.1.1.1.1.1.1\n", "\ufeff## 前言\n必须《严禁", "## 5 x\n\n5.99999999999999999999 y\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fs := Lint(text)
		lines := strings.Count(text, "\n") + 1
		for i, x := range fs {
			if x.Line < 1 || x.Line > lines {
				t.Errorf("finding %s at line %d of a text of %d lines", x.Rule, x.Line, lines)
			}
			if _, ok := severityRank[x.Severity]; !ok {
				t.Errorf("finding %s has severity %q", x.Rule, x.Severity)
			}
			if x.Rule == "" || x.Message == "" || x.MessageEN == "" {
				t.Errorf("finding lacks its rule or a message: %+v", x)
			}
			if i > 0 && (fs[i-1].Line > x.Line || fs[i-1].Line == x.Line && severityRank[fs[i-1].Severity] > severityRank[x.Severity]) {
				t.Errorf("findings out of order: %+v before %+v", fs[i-1], x)
			}
		}
		for _, r := range References(text) {
			if r.Line < 1 || r.Line > lines {
				t.Errorf("reference %q at line %d of a text of %d lines", r.Text, r.Line, lines)
			}
		}
	})
}

func BenchmarkLint(b *testing.B) {
	text := readGB55001(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Lint(text)
	}
}
