package docs

import "strings"

// Skeleton returns the GB/T 1.1-2020 frame of a new text with the given
// title: 前言, the three fixed chapters and a first technical chapter.
func Skeleton(title string) string {
	var b strings.Builder
	b.WriteString("# " + title + "\n\n")
	b.WriteString("## 前言\n\n本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。\n\n" +
		"请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。\n\n" +
		"本文件由……提出。\n\n本文件由……归口。\n\n")
	b.WriteString("## 1 范围\n\n本文件规定了……\n\n本文件适用于……\n\n")
	b.WriteString("## 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n")
	b.WriteString("## 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n")
	b.WriteString("## 4 基本要求\n\n")
	return b.String()
}
