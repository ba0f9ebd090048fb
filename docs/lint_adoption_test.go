package docs

import "testing"

// Adoptions, term sources and the annex label on its own line are accepted
// without findings.
func TestLintAdoptionsAndSources(t *testing.T) {
	base := readFixture(t, "lint", "base.md")
	tests := []struct {
		name string
		edit []string
	}{
		{"identical adoption in chapter 2 and the body", []string{
			"GB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号\n",
			"GB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号\n\nGB/T 19001—2016/ISO 9001:2015 质量管理体系 要求\n",
			"4.1.2 接待人员宜统一着装。", "4.1.2 接待人员宜统一着装，接待管理宜符合 GB/T 19001—2016/ISO 9001:2015 的规定。"}},
		{"source of a term", []string{"为来访公务人员提供的接待服务。\n",
			"为来访公务人员提供的接待服务。\n\n[来源：GB/T 20000.1—2014，3.1，有修改]\n"}},
		{"annex label on its own line", []string{"## 附录 A（规范性）接待标准\n", "## 附录A\n\n（规范性）\n\n**接待标准**\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if fs := Lint(editText(t, base, tc.edit...)); len(fs) > 0 {
				t.Errorf("findings:%s", describe(fs))
			}
		})
	}
}
