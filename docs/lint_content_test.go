package docs

import (
	"strings"
	"testing"
)

const (
	table1 = "表 1 接待标准分级\n\n| 级别 | 标准 |\n| --- | --- |\n| 一级 | 高 |\n"
	scope  = "本文件适用于本市各级机关的公务接待。"
)

var contentCases = []lintCase{
	{name: "本标准", rule: "wording.this-standard", severity: SeverityWarning, at: "本标准规定",
		bad:  []string{"本文件规定了机关接待", "本标准规定了机关接待"},
		good: []string{"本文件规定了机关接待", "本文件规定了机关接待（本标准化工作见《本标准的说明》）"}},
	{name: "requirement in the foreword", rule: "provision.foreword", severity: SeverityWarning, at: "各单位应",
		bad:  []string{"提出并归口。", "提出并归口。各单位应遵照执行。"},
		good: []string{"提出并归口。", "提出并归口。本文件相应地调整了适用范围。"}},
	{name: "requirement in the scope", rule: "provision.scope", severity: SeverityWarning, at: "其他机关可参照",
		bad:  []string{scope, scope + "其他机关可参照执行。"},
		good: []string{scope, scope + "本文件不适用于外事接待，也不涉及可靠性评价。"}},
	{name: "requirement in a note", rule: "provision.note", severity: SeverityWarning, at: "注：兼职",
		bad:  []string{"注：包括专职和兼职人员。", "注：兼职人员应持证上岗。"},
		good: []string{"注：包括专职和兼职人员。", "注：包括专职和兼职人员，相应的岗位见附录 A。"}},
	{name: "requirement in a definition", rule: "provision.definition", severity: SeverityWarning, at: "承担公务接待工作且应",
		bad:  []string{"承担公务接待工作的人员。", "承担公务接待工作且应持证的人员，应经过培训"},
		good: []string{"承担公务接待工作的人员。", "承担公务接待工作且宜持证上岗的人员。"}},
	{name: "requirement in an informative annex", rule: "provision.informative-annex", severity: SeverityWarning, at: "记录应",
		bad:  []string{"表 B.1 接待记录\n", "记录应在接待结束当日填写。\n\n表 B.1 接待记录\n"},
		good: []string{"表 B.1 接待记录\n", "记录一般在接待结束当日填写。\n\n注：记录应按月归档的情形见档案管理制度。\n\n表 B.1 接待记录\n"}},
	{name: "informative annex cited as a requirement", rule: "annex.informative-required", severity: SeverityWarning, at: "5.2 ",
		bad:  []string{"可按附录 B 中表 B.1 进行记录", "应按附录 B 中表 B.1 进行记录"},
		good: []string{"可按附录 B 中表 B.1 进行记录", "应做好记录（记录表参见附录 B 中表 B.1）"}},
	{name: "informative annex cited as 的规定", rule: "annex.informative-required", severity: SeverityWarning, at: "5.2 ",
		bad: []string{"可按附录 B 中表 B.1 进行记录", "记录格式见附录 B 的规定，记录见表 B.1"}},
	{name: "应当", rule: "wording.modal", severity: SeverityWarning, at: "应当",
		bad: []string{"接待人员宜统一着装。", "接待人员应当统一着装。"}},
	{name: "须", rule: "wording.modal", severity: SeverityWarning, at: "须统一",
		bad:  []string{"接待人员宜统一着装。", "接待人员须统一着装。"},
		good: []string{"接待人员宜统一着装。", "接待人员宜统一着装，所需经费和必需用品按规定配备，须知另行公布。"}},
	{name: "需", rule: "wording.modal", severity: SeverityWarning, at: "需按",
		bad:  []string{"接待人员宜统一着装。", "接待人员需按规定统一着装。"},
		good: []string{"接待人员宜统一着装。", "接待人员宜统一着装，需要时佩戴胸牌。"}},
	{name: "禁止", rule: "wording.modal", severity: SeverityWarning, at: "禁止",
		bad:  []string{"接待人员宜统一着装。", "接待人员禁止饮酒。"},
		good: []string{"接待人员宜统一着装。", "接待人员宜统一着装，接待场所宜设禁止标志。"}},
	{name: "应该", rule: "wording.modal", severity: SeverityWarning, at: "应该",
		bad: []string{"接待人员宜统一着装。", "接待人员应该统一着装。"}},
}

var tablesCases = []lintCase{
	{name: "table without a title", rule: "tables.title", severity: SeverityWarning, at: "| 日期",
		bad:  []string{"表 B.1 接待记录\n\n", ""},
		good: []string{"表 B.1 接待记录\n\n", "**表 B.1 接待记录**\n\n"}},
	{name: "table in an annex numbered as in the body", rule: "tables.number", severity: SeverityError, at: "表 1 接待记录",
		bad: []string{"表 B.1 接待记录", "表 1 接待记录", "中表 B.1", "中表 1"}},
	{name: "tables out of order", rule: "tables.number", severity: SeverityError, at: "表 3 接待",
		bad:  []string{"接待标准按附录 A 确定。\n", "接待标准按附录 A 确定，分级见表 3。\n\n" + strings.Replace(table1, "表 1", "表 3", 1)},
		good: []string{"接待标准按附录 A 确定。\n", "接待标准按附录 A 确定，分级见表 1。\n\n" + table1}},
	{name: "table never cited", rule: "tables.not-cited", severity: SeverityWarning, at: "表 1 接待",
		bad:  []string{"接待标准按附录 A 确定。\n", "接待标准按附录 A 确定。\n\n" + table1},
		good: []string{"接待标准按附录 A 确定。\n", "接待标准按附录 A 确定，分级应符合表 1 的规定。\n\n" + table1}},
	{name: "下表", rule: "tables.vague-reference", severity: SeverityWarning, at: "如下表",
		bad:  []string{"接待标准按附录 A 确定。\n", "接待标准按附录 A 确定，分级如下表所示。\n\n" + table1},
		good: []string{"接待标准按附录 A 确定。\n", "接待标准按附录 A 确定，分级见表 1。\n\n" + table1}},
	{name: "如图所示", rule: "tables.vague-reference", severity: SeverityWarning, at: "如图所示",
		bad:  []string{"4.2.2 消防设施", "4.2.3 接待场所布置如图所示。\n\n![布置](a.png)\n\n图 1 接待场所布置\n\n4.2.2 消防设施"},
		good: []string{"4.2.2 消防设施", "4.2.3 接待场所布置见图 1。\n\n![布置](a.png)\n\n图 1 接待场所布置\n\n4.2.2 消防设施"}},
	{name: "figure in an annex numbered as in the body", rule: "tables.number", severity: SeverityError, at: "图 1 餐位",
		bad:  []string{"用餐应按规定标准安排。\n", "用餐应按规定标准安排，餐位见图 1。\n\n![餐位](b.png)\n\n图 1 餐位\n"},
		good: []string{"用餐应按规定标准安排。\n", "用餐应按规定标准安排，餐位见图 A.1。\n\n![餐位](b.png)\n\n图 A.1 餐位\n"}},
	{name: "figure without a title", rule: "tables.title", severity: SeverityWarning, at: "![餐位]",
		bad: []string{"用餐应按规定标准安排。\n", "用餐应按规定标准安排。\n\n![餐位](b.png)\n"}},
}

var definitionCases = []lintCase{
	{name: "definition starting with 是指", rule: "terms.definition-form", severity: SeverityWarning, at: "是指为来访",
		bad: []string{"为来访公务人员提供的接待服务。", "是指为来访公务人员提供的接待服务。"}},
	{name: "definition starting with 指", rule: "terms.definition-form", severity: SeverityWarning, at: "指承担",
		bad:  []string{"承担公务接待工作的人员。", "指承担公务接待工作的人员。"},
		good: []string{"承担公务接待工作的人员。", "指导和承担公务接待工作的人员。"}},
	{name: "definition repeating the term", rule: "terms.definition-repeats", severity: SeverityWarning, at: "担任接待人员",
		bad:  []string{"承担公务接待工作的人员。", "担任接待人员的工作人员。"},
		good: []string{"承担公务接待工作的人员。", "承担公务接待工作的人员，不含接待人员管理部门的职员。"}},
	{name: "definition followed by sentences", rule: "terms.definition-extra", severity: SeverityWarning, at: "为来访公务人员",
		bad: []string{"为来访公务人员提供的接待服务。", "为来访公务人员提供的接待服务。接待服务由办公室组织。"}},
	{name: "running-form term entry", rule: "terms.running-form", severity: SeverityWarning, at: "3.3 茶歇",
		bad: []string{"注：包括专职和兼职人员。\n", "注：包括专职和兼职人员。\n\n3.3 茶歇：会议间隙提供的饮品和点心。\n"}},
	{name: "hanging paragraph", rule: "numbering.hanging", severity: SeverityWarning, at: "接待工作的基本要求如下",
		bad:  []string{"## 4 基本要求\n", "## 4 基本要求\n\n接待工作的基本要求如下。\n"},
		good: []string{"## 4 基本要求\n", "## 4 基本要求\n\n注：接待工作另见有关制度。\n"}},
}

var lawsCases = []lintCase{
	{name: "law cited as a requirement", rule: "references.law-as-requirement", severity: SeverityWarning, at: "《党政机关",
		bad:  []string{"4.1.2 接待人员宜统一着装。", "4.1.2 接待用餐应符合《党政机关国内公务接待管理规定》的要求。"},
		good: []string{"4.1.2 接待人员宜统一着装。", "4.1.2 接待人员宜统一着装，着装应符合 GB/T 10001.1—2012《公共信息图形符号 第1部分：通用符号》的规定。"}},
	{name: "entry only cited with 参见", rule: "references.see-only", severity: SeverityWarning, at: "GB 25201 建筑",
		bad:  []string{"应符合 GB 25201 的规定。", "宜定期检查（参见 GB 25201）。"},
		good: []string{"应符合 GB 25201 的规定。", "应符合 GB 25201 的规定（参见 GB 25201 附录 A）。"}},
	{name: "chapter 2 out of order", rule: "references.order", severity: SeverityWarning, at: "GB 25201 建筑",
		bad: []string{"GB 25201 建筑消防设施的维护管理\n\nGB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号\n",
			"GB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号\n\nGB 25201 建筑消防设施的维护管理\n"},
		good: []string{"GB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号\n",
			"GB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号\n\nGB/T 10001.2—2006 公共信息图形符号 第2部分：旅游休闲符号\n\nDB11/T 1000 公共场所标识\n\nT/CAS 1—2020 团体标准\n\nISO 7001:2023 图形符号\n",
			"GB/T 10001.1—2012 的规定。", "GB/T 10001.1—2012、GB/T 10001.2—2006、DB11/T 1000、T/CAS 1—2020 和 ISO 7001:2023 的规定。"}},
	{name: "patent notice missing from a draft", rule: "foreword.patent", severity: SeverityWarning, at: "## 前言",
		bad:  []string{patent + "\n\n", ""},
		good: []string{patent + "\n\n", "", `title: "机关接待服务规范"`, "title: \"机关接待服务规范\"\nstatus: current"}},
	{name: "proposer missing", rule: "foreword.proposer", severity: SeverityWarning, at: "## 前言",
		bad: []string{"本文件由北京市机关事务管理局提出并归口。", "本文件由北京市机关事务管理局归口。"}},
	{name: "committee missing", rule: "foreword.owner", severity: SeverityWarning, at: "## 前言",
		bad: []string{"本文件由北京市机关事务管理局提出并归口。", "本文件由北京市机关事务管理局提出。"}},
	{name: "changes of a replacing text missing", rule: "foreword.changes", severity: SeverityWarning, at: "## 前言",
		bad:  []string{"提出并归口。", "提出并归口。\n\n本文件代替DB11/T 0001—2016。"},
		good: []string{"提出并归口。", "提出并归口。\n\n本文件代替DB11/T 0001—2016，与DB11/T 0001—2016相比，除结构调整和编辑性改动外，主要技术变化如下：\n\n- 增加了接待记录（见附录 B）。"}},
	{name: "placeholder ……", rule: "placeholder.text", severity: SeverityError, at: "本文件规定了……",
		bad: []string{"本文件规定了机关接待服务的基本要求和服务流程。", "本文件规定了……"}},
	{name: "placeholder ××", rule: "placeholder.text", severity: SeverityError, at: "××局",
		bad:  []string{"北京市机关事务管理局提出", "××局提出"},
		good: []string{"注：包括专职和兼职人员。", "注：如“××局接待人员”。"}},
	{name: "placeholder XXX", rule: "placeholder.text", severity: SeverityError, at: "XXX",
		bad: []string{"接待人员宜统一着装。", "接待人员宜统一着装XXX。"}},
	{name: "empty chapter", rule: "placeholder.empty-chapter", severity: SeverityError, at: "## 6 附加",
		bad: []string{"## 附录 A", "## 6 附加要求\n\n## 附录 A"}},
}

func TestLintContentRules(t *testing.T) {
	base := readFixture(t, "lint", "base.md")
	groups := map[string][]lintCase{"content": contentCases, "tables": tablesCases,
		"definitions": definitionCases, "laws": lawsCases}
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

func TestLintSkeletonIsNotSubmittable(t *testing.T) {
	fs := Lint(Skeleton("机关接待服务规范"))
	var rules []string
	for _, f := range fs {
		if f.Severity == SeverityError {
			rules = append(rules, f.Rule)
		}
	}
	for _, want := range []string{"placeholder.text", "placeholder.empty-chapter"} {
		if !strings.Contains(strings.Join(rules, " "), want) {
			t.Errorf("the skeleton has no %s error:%s", want, describe(fs))
		}
	}
	// Filled in, the skeleton's frame passes.
	filled := strings.NewReplacer("本文件规定了……", "本文件规定了机关接待服务的要求。", "本文件适用于……", "本文件适用于机关接待。",
		"本文件由……提出。", "本文件由北京市机关事务管理局提出。", "本文件由……归口。", "本文件由北京市标准化技术委员会归口。",
		"## 4 基本要求\n\n", "## 4 基本要求\n\n4.1 接待人员应经过培训。\n\n4.2 接待人员宜统一着装。\n").Replace(Skeleton("机关接待服务规范"))
	if fs := Lint(filled); len(fs) > 0 {
		t.Errorf("the filled skeleton has findings:%s", describe(fs))
	}
}
