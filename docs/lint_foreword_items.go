package docs

import (
	"strings"
)

// checkForewordItems checks the statements GB/T 1.1-2020 8.3 asks of 前言
// besides the drafting rules: the patent notice on a draft, who proposed
// the text and which committee it belongs to (提出, 归口), and when the text
// replaces another, the list of its main technical changes.
func (d *lintDoc) checkForewordItems() {
	fw, ok := d.foreword()
	if !ok {
		return
	}
	line := d.clauses[fw].Line
	text := d.spanText(line+1, d.spanEnd(fw))
	if d.isDraft() && !strings.Contains(text, "可能涉及专利") {
		d.add(SeverityWarning, "foreword.patent", line,
			"前言缺少专利说明：征求意见稿、送审稿和报批稿应写明“请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。”（GB/T 1.1—2020 8.3）",
			"The foreword lacks the patent notice drafts carry: \"请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。\" (GB/T 1.1-2020, 8.3)")
	}
	if !strings.Contains(text, "提出") {
		d.add(SeverityWarning, "foreword.proposer", line,
			"前言未说明文件由谁提出：应写明“本文件由……提出。”（GB/T 1.1—2020 8.3）",
			"The foreword does not say who proposed the text: add \"本文件由……提出。\" (GB/T 1.1-2020, 8.3)")
	}
	if !strings.Contains(text, "归口") {
		d.add(SeverityWarning, "foreword.owner", line,
			"前言未说明文件的归口单位：应写明“本文件由……归口。”（GB/T 1.1—2020 8.3）",
			"The foreword does not name the committee or body responsible for the text: add \"本文件由……归口。\" (GB/T 1.1-2020, 8.3)")
	}
	if (len(d.meta.Replaces) > 0 || strings.Contains(text, "代替")) && !strings.Contains(text, "主要技术变化") {
		d.add(SeverityWarning, "foreword.changes", line,
			"本文件代替了其他文件，前言应列出主要技术变化：“本文件与……相比，除结构调整和编辑性改动外，主要技术变化如下：”并逐项列出（GB/T 1.1—2020 8.3）。",
			"The text replaces another: the foreword must list the main technical changes, \"本文件与……相比，除结构调整和编辑性改动外，主要技术变化如下：\" followed by the list (GB/T 1.1-2020, 8.3).")
	}
}

// isDraft reports whether the text is still a draft: its front matter gives
// no status of a published text.
func (d *lintDoc) isDraft() bool {
	switch d.meta.Status {
	case "current", "superseded", "abolished":
		return false
	}
	return true
}
