package docs

import (
	"strings"
	"testing"
)

func TestRuleSet(t *testing.T) {
	tests := []struct {
		meta Meta
		want string
	}{
		{Meta{Number: "GB 55001—2021"}, RulesEngineering},
		{Meta{Number: "GB 50011—2010/XG1—2016"}, RulesEngineering},
		{Meta{Number: "GB/T 50378—2019"}, RulesEngineering},
		{Meta{Number: "JGJ 3—2010"}, RulesEngineering},
		{Meta{Number: "CJJ 1—2008"}, RulesEngineering},
		{Meta{Number: "DBJ/T 15-171-2019"}, RulesEngineering},
		{Meta{Number: "CECS 102:2002"}, RulesEngineering},
		{Meta{Number: "GB/T 1.1—2020"}, RulesGBT11},
		{Meta{Number: "GB 5001—2021"}, RulesGBT11},
		{Meta{Number: "DB11/T 1000—2020"}, RulesGBT11},
		{Meta{}, RulesGBT11},
		{Meta{Number: "JGJ 3—2010", Rules: "gb-t-1.1"}, RulesGBT11},
		{Meta{Number: "DB11/T 1000—2020", Rules: "engineering"}, RulesEngineering},
	}
	for _, tc := range tests {
		if got := RuleSet(tc.meta); got != tc.want {
			t.Errorf("RuleSet(%+v) = %s, want %s", tc.meta, got, tc.want)
		}
	}
}

func TestLintEngineeringText(t *testing.T) {
	text := readFixture(t, "lint", "jgj.md")
	fs := Lint(text)
	if len(fs) != 1 || fs[0].Rule != "rules.engineering" || fs[0].Severity != SeverityInfo {
		t.Fatalf("the JGJ-style text: want only the rules.engineering note, got:%s", describe(fs))
	}
	// Chapter 1 must be 总则.
	bad := editText(t, text, "## 1 总则", "## 1 一般规定")
	if got := findingsOf(Lint(bad), "structure.general-missing"); len(got) != 1 || got[0].Severity != SeverityError {
		t.Errorf("chapter 1 not 总则: want one structure.general-missing error:%s", describe(Lint(bad)))
	}
	// Modal verbs outside both sets of rules are still reported.
	bad = editText(t, text, "3.0.1 维修施工前必须", "3.0.1 维修施工前应当")
	if got := findingsOf(Lint(bad), "wording.modal"); len(got) != 1 {
		t.Errorf("应当 in an engineering text: want one wording.modal:%s", describe(Lint(bad)))
	}
	// Placeholders are errors under these rules too.
	bad = editText(t, text, "维修材料应符合", "××材料应符合")
	if got := findingsOf(Lint(bad), "placeholder.text"); len(got) != 1 {
		t.Errorf("×× in an engineering text: want one placeholder.text:%s", describe(Lint(bad)))
	}
	// rules: gb-t-1.1 applies GB/T 1.1-2020 to the same text.
	forced := strings.Replace(text, "level: industry\n", "level: industry\nrules: gb-t-1.1\n", 1)
	got := Lint(forced)
	if len(findingsOf(got, "rules.engineering")) > 0 || len(findingsOf(got, "structure.scope-missing")) != 1 ||
		len(findingsOf(got, "wording.must")) != 1 {
		t.Errorf("rules: gb-t-1.1 did not apply GB/T 1.1-2020:%s", describe(got))
	}
	// rules: engineering applies the engineering rules to any text.
	base := strings.Replace(readFixture(t, "lint", "base.md"), "level: local\n", "level: local\nrules: engineering\n", 1)
	got = Lint(base)
	if len(findingsOf(got, "rules.engineering")) != 1 || len(findingsOf(got, "structure.general-missing")) != 1 {
		t.Errorf("rules: engineering did not apply the engineering rules:%s", describe(got))
	}
}
