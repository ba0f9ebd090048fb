package docs

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	reLawTitle   = regexp.MustCompile(`《([^》]{2,60}(?:法|条例|规定|办法|细则|决定|规则|通知|意见|意见稿|决议))》`)
	reRequiredBy = regexp.MustCompile(`(?:应|宜|须|必须)(?:当)?(?:符合|遵守|执行|满足|按照?|依照|遵循|参照)`)
)

// checkLaws checks how laws and the entries of chapter 2 are cited (GB/T
// 1.1-2020 8.6): a law is the legal basis named in 前言 or 引言, not a
// document cited as a requirement; an entry the body only points at with
// 参见 belongs in 参考文献; and the entries are ordered GB, GB/T, GB/Z,
// industry, local, group, then ISO, IEC and others, each by number.
func (d *lintDoc) checkLaws() {
	d.lawsAsRequirements()
	i, ok := d.findChapter(isRefsTitle)
	if !ok {
		return
	}
	entries := d.refEntries(i)
	d.seeOnlyEntries(i, entries)
	d.entryOrder(entries)
}

func (d *lintDoc) lawsAsRequirements() {
	d.eachBodyLine(func(n int, line string, note bool) {
		if note || !strings.Contains(line, "《") {
			return
		}
		for _, s := range sentences(line) {
			m := reLawTitle.FindStringSubmatchIndex(s)
			if m == nil || !reRequiredBy.MatchString(s[:m[0]]) || precededByNumber(s[:m[0]]) {
				continue
			}
			title := s[m[2]:m[3]]
			d.add(SeverityWarning, "references.law-as-requirement", n,
				fmt.Sprintf("《%s》是法律法规或政策文件，不应作为规范性引用的要求（如“应符合《%s》的规定”）：法律法规是文件的依据，在前言或引言中说明；条文中直接写出技术要求（GB/T 1.1—2020 8.6）。", title, title),
				fmt.Sprintf("《%s》 is a law, regulation or policy document and must not be cited as a requirement: name it as legal basis in the foreword or introduction and state the technical requirement itself (GB/T 1.1-2020, 8.6).", title))
			return
		}
	})
}

// precededByNumber reports whether a title follows a standard number, as in
// "GB/T 2239《工业产品分类与代码》".
func precededByNumber(s string) bool {
	ms := FindNumbers(s)
	return len(ms) > 0 && strings.TrimSpace(s[ms[len(ms)-1].End:]) == ""
}

// seeOnlyEntries warns of entries of chapter 2 that the body cites only
// after 参见, an informative reference.
func (d *lintDoc) seeOnlyEntries(i int, entries []refEntry) {
	from, to := d.clauses[i].Line, d.spanEnd(i)
	see, other := map[string]int{}, map[string]bool{}
	d.eachBodyLine(func(n int, line string, _ bool) {
		if n >= from && n < to {
			return
		}
		for _, m := range FindNumbers(line) {
			key := m.Number.Undated()
			before := []rune(strings.TrimRight(line[:m.Start], " \t\u3000"))
			if strings.HasSuffix(string(before[max(0, len(before)-2):]), "参见") {
				if see[key] == 0 {
					see[key] = n
				}
			} else {
				other[key] = true
			}
		}
	})
	for _, e := range entries {
		key := e.Number.Undated()
		if e.Number.Prefix != "" && see[key] > 0 && !other[key] {
			d.add(SeverityWarning, "references.see-only", e.Line,
				fmt.Sprintf("%s 在正文中只以“参见”提及，是资料性引用：应将其从第2章移到参考文献（GB/T 1.1—2020 8.6、8.10）。", key),
				fmt.Sprintf("%s is only mentioned with \"参见\" (see), an informative reference: move it from chapter 2 to the bibliography (GB/T 1.1-2020, 8.6, 8.10).", key))
		}
	}
}

// entryRank orders the kinds of documents of chapter 2.
func entryRank(n StdNumber) int {
	base, mark, _ := strings.Cut(n.Prefix, "/")
	switch {
	case n.Level == "national" && base == "GB":
		return map[string]int{"": 0, "T": 1, "Z": 2}[mark]
	case n.Level == "national":
		return 3
	case n.Level == "industry":
		return 4
	case n.Level == "local":
		return 5
	case n.Level == "group":
		return 6
	case n.Level == "international" && strings.HasPrefix(n.Prefix, "ISO"):
		return 7
	case n.Level == "international" && strings.HasPrefix(n.Prefix, "IEC"):
		return 8
	}
	return 9
}

// compareEntries orders two entries of chapter 2.
func compareEntries(a, b StdNumber) int {
	if c := cmp.Compare(entryRank(a), entryRank(b)); c != 0 {
		return c
	}
	if a.Level == "industry" && a.Prefix != b.Prefix {
		return 0 // industries in any order among themselves
	}
	pa, pb := strings.Split(a.Code, "."), strings.Split(b.Code, ".")
	for k := 0; k < min(len(pa), len(pb)); k++ {
		x, _ := strconv.Atoi(pa[k])
		y, _ := strconv.Atoi(pb[k])
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}

func (d *lintDoc) entryOrder(entries []refEntry) {
	var prev *refEntry
	for k := range entries {
		e := &entries[k]
		if e.Number.Prefix == "" {
			continue
		}
		if prev != nil && compareEntries(prev.Number, e.Number) > 0 {
			d.add(SeverityWarning, "references.order", e.Line,
				fmt.Sprintf("%s 应排在 %s 之前：第2章按 GB、GB/T、GB/Z、行业标准、地方标准、团体标准、ISO、IEC、其他的顺序列出，同类按编号由小到大（GB/T 1.1—2020 8.6）。", e.Number.Undated(), prev.Number.Undated()),
				fmt.Sprintf("%s must come before %s: chapter 2 lists GB, GB/T, GB/Z, industry, local, group standards, then ISO, IEC and others, each by number (GB/T 1.1-2020, 8.6).", e.Number.Undated(), prev.Number.Undated()))
			return
		}
		prev = e
	}
}
