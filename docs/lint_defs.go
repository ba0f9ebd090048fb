package docs

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	reRunningTerm = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)+)[ \t\x{3000}]*([^ \t\x{3000}：:]{1,24})[ \t\x{3000}]*[：:]`)
)

// checkDefinitions checks the term entries of the terms chapter (GB/T
// 1.1-2020 8.7): the term on its own line under the entry number, and a
// definition that does not start with 是指 or 指, does not repeat the term and
// is one statement, without sentences after it.
func (d *lintDoc) checkDefinitions() {
	from, to, ok := d.termsSpan()
	if !ok {
		return
	}
	for n := from + 1; n < to && n <= len(d.lines); n++ {
		if d.code[n-1] || reHeading.MatchString(d.lines[n-1]) {
			continue
		}
		if m := reRunningTerm.FindStringSubmatch(strings.TrimSpace(d.lines[n-1])); m != nil {
			d.add(SeverityWarning, "terms.running-form", n,
				fmt.Sprintf("术语条目“%s %s：……”写成了连排形式：应将条目编号 %s 单独一行，术语（及英文对应词）另起一行，定义再另起一段（GB/T 1.1—2020 8.7）。", m[1], m[2], m[1]),
				fmt.Sprintf("The term entry \"%s %s: …\" runs on in one line: put the entry number %s on its own line, the term on the next and the definition in a paragraph after it (GB/T 1.1-2020, 8.7).", m[1], m[2], m[1]))
		}
	}
	for i, c := range d.clauses {
		if c.Line <= from || c.Line >= to || c.Depth < 2 {
			continue
		}
		def, termLine := d.definitionLines(c.Line, min(to, d.nextClauseLine(i)))
		if termLine == 0 || len(def) == 0 {
			continue
		}
		d.definition(termOf(d.lines[termLine-1]), def)
	}
}

// termOf returns the term of a term line: the bold part, else the text up
// to the first Latin letter.
func termOf(line string) string {
	t := strings.TrimSpace(line)
	if m := reBoldTerm.FindStringSubmatch(t); m != nil {
		return strings.TrimSpace(m[1])
	}
	if i := strings.IndexFunc(t, func(r rune) bool { return r < 0x80 && r != ' ' }); i > 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

// definition checks the form of one definition (its lines def).
func (d *lintDoc) definition(term string, def []int) {
	n := def[0]
	first := strings.TrimSpace(d.lines[n-1])
	switch {
	case strings.HasPrefix(first, "是指") || strings.HasPrefix(first, "指") && !strings.ContainsRune("导定挥标南示令出明向数纹针", []rune(first + " ")[1]):
		d.add(SeverityWarning, "terms.definition-form", n,
			"定义不应以“是指”或“指”开头：定义应能直接替换文中的术语，如“为来访公务人员提供的接待服务”（GB/T 1.1—2020 8.7）。",
			"A definition must not start with \"是指\" or \"指\" (means): it must be able to replace the term in a sentence (GB/T 1.1-2020, 8.7).")
	case term != "" && len([]rune(term)) >= 2 && repeatsTerm(unquoted(first), term):
		d.add(SeverityWarning, "terms.definition-repeats", n,
			fmt.Sprintf("定义中重复了术语“%s”：定义应以其他概念说明术语，不应包含被定义的术语本身（GB/T 1.1—2020 8.7）。", term),
			fmt.Sprintf("The definition repeats the term %q: define it by other concepts, without the term itself (GB/T 1.1-2020, 8.7).", term))
	}
	var b strings.Builder
	for _, k := range def {
		b.WriteString(strings.TrimSpace(d.lines[k-1]))
	}
	text := b.String()
	if i := strings.Index(text, "。"); i >= 0 && strings.TrimSpace(text[i+len("。"):]) != "" {
		d.add(SeverityWarning, "terms.definition-extra", n,
			"定义之后还有其他句子：定义只用一个句子说明概念，补充信息写成“注”，要求写入正文条款（GB/T 1.1—2020 8.7）。",
			"The definition goes on after its sentence: a definition is one statement; give further information as a note and requirements in the clauses (GB/T 1.1-2020, 8.7).")
	}
}

// repeatsTerm reports whether a definition uses the term as a word of its
// own: not as the start of a longer word ("物业服务企业" for 物业服务).
func repeatsTerm(def, term string) bool {
	for off := 0; ; {
		i := strings.Index(def[off:], term)
		if i < 0 {
			return false
		}
		off += i + len(term)
		next, _ := utf8.DecodeRuneInString(def[off:])
		if !unicode.Is(unicode.Han, next) || strings.ContainsRune("的和及与或是在", next) {
			return true
		}
	}
}
