package docs

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClausesOfExample(t *testing.T) {
	src, err := os.ReadFile("testdata/render/meeting.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	var got []string
	for _, c := range Clauses(text) {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s", c.Number, c.Title, c.Anchor, c.Kind))
		// Start is the code point offset of the clause's line.
		line := strings.Split(text, "\n")[c.Line-1]
		if !strings.HasPrefix(string([]rune(text)[c.Start:]), line) {
			t.Errorf("clause %s: Start %d is not at line %d", c.Number, c.Start, c.Line)
		}
	}
	want := []string{"|前言|c-foreword|element", "1|范围|c-1|clause", "2|规范性引用文件|c-2|clause",
		"3|术语和定义|c-3|clause", "3.1|会议服务|c-3.1|term", "3.2|会务人员|c-3.2|term", "4|基本要求|c-4|clause",
		"4.1|人员|c-4.1|clause", "4.1.1||c-4.1.1|clause", "4.1.2||c-4.1.2|clause", "4.2|设施|c-4.2|clause",
		"4.2.1||c-4.2.1|clause", "4.2.2||c-4.2.2|clause", "5|服务流程|c-5|clause", "5.1|会前准备|c-5.1|clause",
		"5.1.1||c-5.1.1|clause", "5.1.2||c-5.1.2|clause", "5.2|会中服务|c-5.2|clause", "5.2.1||c-5.2.1|clause",
		"5.2.2||c-5.2.2|clause", "5.3|会后整理|c-5.3|clause", "6|安全与应急|c-6|clause", "6.1|消防安全|c-6.1|clause",
		"6.2|应急处置|c-6.2|clause", "7|评价与改进|c-7|clause", "A|会议服务检查表|c-A|annex", "A.1|检查项目|c-A.1|clause",
		"A.2|检查频次|c-A.2|clause"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("clauses:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cs := Clauses(text)
	if last := cs[len(cs)-1]; last.End != utf8.RuneCountInString(text) {
		t.Errorf("the last clause ends at %d, want the end of the text %d", last.End, utf8.RuneCountInString(text))
	}
}

func TestClausesOfLaw(t *testing.T) {
	src, err := os.ReadFile("testdata/render/law.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range Clauses(string(src)) {
		got = append(got, c.Number+" "+c.Anchor)
	}
	want := "第一章 c-ch-1|第一条 c-art-1|第二条 c-art-2|第二章 c-ch-2|第一节 c-ch-2-s-1|第三条 c-art-3|第三条之一 c-art-3-1|第二节 c-ch-2-s-2|第四条 c-art-4|第三章 c-ch-3|第五条 c-art-5"
	if strings.Join(got, "|") != want {
		t.Errorf("clauses = %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestClauseLabels(t *testing.T) {
	for _, tc := range []struct {
		line, number string
	}{
		{"## 1 范围", "1"}, {"### 5.2　会中服务", "5.2"}, {"## 附录A 符号", "A"}, {"## 附 录 B （规范性附录） 表", "B"},
		{"5.1.1 应……", "5.1.1"}, {"A.1.1 应登记。", "A.1.1"}, {"第十条 本条例……", "第十条"},
		{"2021年工作总结", ""}, {"1. 列表", ""}, {"365天-104天", ""}, {"5.1.1应无空格", ""}, {"## 2021 年度", "2021"},
	} {
		cs := Clauses(tc.line + "\n")
		got := ""
		if len(cs) > 0 {
			got = cs[0].Number
		}
		if got != tc.number {
			t.Errorf("Clauses(%q) number = %q, want %q", tc.line, got, tc.number)
		}
	}
}

func TestChineseNumeral(t *testing.T) {
	for in, want := range map[string]int{"一": 1, "十": 10, "十二": 12, "二十": 20, "一百零五": 105, "两百": 200, "一千二百三十四": 1234} {
		if got, ok := ParseChineseNumeral(in); !ok || got != want {
			t.Errorf("ParseChineseNumeral(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	if _, ok := ParseChineseNumeral("十a"); ok {
		t.Error("a non-numeral was read")
	}
}

func TestPlainText(t *testing.T) {
	got := PlainText("---\ntitle: x\n---\n# 标题\n\n**会议服务** meeting service\n\n| 序号 | 项目 |\n| --- | --- |\n| 1 | 会场 |\n\n- 一项\n- 两项\n")
	for _, want := range []string{"标题\n", "会议服务 meeting service\n", "序号\t项目", "1\t会场", "一项\n两项"} {
		if !strings.Contains(got, want) {
			t.Errorf("PlainText lacks %q:\n%q", want, got)
		}
	}
	if strings.ContainsAny(got, "*#|") || strings.Contains(got, "title:") {
		t.Errorf("PlainText keeps Markdown or front matter: %q", got)
	}
}
