package docs_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"norma/docs"
)

// floatText has a table in the foreword (not numbered), a titled table, an
// untitled one, a table whose title wrote no number, a continued table, a
// figure without a title and, in annex A, a table titled in bold alone. The
// author numbered the titled tables without counting the untitled one.
const floatText = `---
title: 会议服务规范
---
# 会议服务规范

## 前言

| 版本 | 日期 |
| --- | --- |
| 1 | 2026 |

## 1 范围

会场布置见表 1，设备见表 2，另见 GB/T 2887—2011 表 2 和图 1。

表 1 会场布置

| 项目 | 要求 |
| --- | --- |
| 桌签 | 齐全 |

| 设备 | 数量 |
| --- | --- |
| 话筒 | 2 |

表 2 设备清单

| 设备 | 型号 |
| --- | --- |
| 投影 | X1 |

续表

| 设备 | 型号 |
| --- | --- |
| 音响 | Y2 |

表 座次安排

| 座次 | 人员 |
| --- | --- |
| 1 | 主持 |

![会场平面](plan.png)

## 附录 A（资料性）检查表

### A.1 检查项目

检查项目见表 A.1。

**检查项目**

| 序号 | 项目 |
| --- | --- |
| 1 | 会场 |
`

func TestFloats(t *testing.T) {
	type got struct {
		Kind, Number, Written, Title, Annex string
		Seq, Titled                         bool
	}
	var list []got
	for _, f := range docs.Floats(floatText) {
		list = append(list, got{f.Kind, f.Number, f.Written, f.Title, f.Annex, f.Seq, f.TitleLine > 0})
	}
	want := []got{
		{"表", "1", "1", "会场布置", "", true, true},
		{"表", "2", "", "", "", true, false},
		{"表", "3", "2", "设备清单", "", true, true},
		{"表", "4", "", "座次安排", "", true, true},
		{"图", "1", "", "会场平面", "", true, false},
		{"表", "A.1", "", "检查项目", "A", true, true},
	}
	if diff := cmp.Diff(want, list); diff != "" {
		t.Errorf("Floats (-want +got):\n%s", diff)
	}
}

func TestFloatsKeepAnOwnNumbering(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"by clause", "## 4 荷载\n\n表 4.2.1 荷载\n\n| a |\n| - |\n| 1 |\n\n| b |\n| - |\n| 2 |\n\n表 4.2.3 系数\n\n| c |\n| - |\n| 3 |\n", []string{"4.2.1", "", "4.2.3"}},
		{"gap", "## 1 范围\n\n表 1 甲\n\n| a |\n| - |\n| 1 |\n\n表 5 乙\n\n| c |\n| - |\n| 3 |\n", []string{"1", "5"}},
		{"in sequence", "## 1 范围\n\n| a |\n| - |\n| 1 |\n\n表 2 乙\n\n| c |\n| - |\n| 3 |\n", []string{"1", "2"}},
	} {
		var got []string
		seq := true
		for _, f := range docs.Floats(tc.text) {
			got = append(got, f.Number)
			seq = seq && f.Seq
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: numbers (-want +got):\n%s", tc.name, diff)
		}
		if seq != (tc.name == "in sequence") {
			t.Errorf("%s: Seq %v", tc.name, seq)
		}
	}
}

func TestFindFloatRefs(t *testing.T) {
	var got []string
	for _, r := range docs.FindFloatRefs("见表 1、表2 和 GB/T 2887—2011 表 3，按表 4.2.1，图A.1，ISO 9001 图 2，表 5-1") {
		got = append(got, r.Kind+r.Number)
	}
	if diff := cmp.Diff([]string{"表1", "表2", "图A.1"}, got); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
}

// The rendered page numbers every table and figure and its references follow.
func TestRenderNumbersTablesAndFigures(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(string(docs.Render(floatText))))
	if err != nil {
		t.Fatal(err)
	}
	var titles [][2]string // id, text
	var paras []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "p" {
			id, class := "", ""
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					id = a.Val
				case "class":
					class = a.Val
				}
			}
			if class == "table-title" || class == "figure-title" {
				titles = append(titles, [2]string{id, text(n)})
				// a table's title comes right before it, a figure's after it
				sib := n.NextSibling
				if class == "figure-title" {
					sib = n.PrevSibling
				}
				for sib != nil && sib.Type != html.ElementNode {
					if class == "figure-title" {
						sib = sib.PrevSibling
					} else {
						sib = sib.NextSibling
					}
				}
				if want := map[string]string{"table-title": "table", "figure-title": "p"}[class]; sib == nil || sib.Data != want {
					t.Errorf("%s is not beside its %s", id, want)
				}
			}
			paras = append(paras, text(n))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	want := [][2]string{{"table-1", "表 1 会场布置"}, {"table-2", "表 2"}, {"table-3", "表 3 设备清单"},
		{"table-4", "表 4 座次安排"}, {"figure-1", "图 1 会场平面"}, {"table-A.1", "表 A.1 检查项目"}}
	if diff := cmp.Diff(want, titles); diff != "" {
		t.Errorf("titles (-want +got):\n%s", diff)
	}
	// 表 2 of the text became 表 3: its reference follows; another
	// standard's 表 2 does not.
	if !containsString(paras, "会场布置见表 1，设备见表 3，另见 GB/T 2887—2011 表 2 和图 1。") {
		t.Errorf("the references were not renumbered: %q", paras)
	}
	if !containsString(paras, "续表") {
		t.Error("the continued table's title was lost")
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}
