package docs

import (
	"fmt"
	"regexp"
	"strings"
)

// checkAnnexes checks the annexes of the normative text: each labelled
// 规范性 or 资料性, lettered A, B, C … in order, cited before it, and no
// numbered chapter after the first of them.
func (d *lintDoc) checkAnnexes() {
	var prev byte
	first := 0
	for _, c := range d.clauses {
		if !d.normative(c) {
			continue
		}
		switch {
		case c.Kind == KindAnnex:
			d.annexLabel(c)
			prev = d.annexLetter(c, prev)
			d.annexCited(c)
			if first == 0 {
				first = c.Line
			}
		case first > 0 && c.Kind == KindClause && c.Depth == 1:
			d.add(SeverityError, "annex.position", c.Line,
				fmt.Sprintf("第%s章位于附录之后：附录应放在正文各章之后。", c.Number),
				fmt.Sprintf("Chapter %s comes after an annex: annexes follow the last chapter.", c.Number))
			first = -1 // once is enough
		}
	}
}

// annexLabel checks that an annex says whether it is normative or informative.
func (d *lintDoc) annexLabel(c Clause) {
	if d.rules == RulesEngineering {
		return // 《工程建设标准编写规定》 does not label annexes
	}
	if d.annexKind(c) == "" {
		d.add(SeverityError, "annex.label", c.Line,
			fmt.Sprintf("附录%s未标明性质：标题应写作“附录%s（规范性）标题”或“附录%s（资料性）标题”。", c.Number, c.Number, c.Number),
			fmt.Sprintf("Annex %s does not say what it is: head it \"附录%s（规范性）title\" (normative) or \"附录%s（资料性）title\" (informative).", c.Number, c.Number, c.Number))
		return
	}
	if strings.Contains(d.lines[c.Line-1], "性附录") {
		d.add(SeverityWarning, "annex.label-outdated", c.Line,
			fmt.Sprintf("“%s附录”是 GB/T 1.1—2009 的写法：GB/T 1.1—2020 写作“附录%s（%s）”。", c.Annex, c.Number, c.Annex),
			fmt.Sprintf("\"%s附录\" is the GB/T 1.1-2009 form: GB/T 1.1-2020 writes \"附录%s（%s）\".", c.Annex, c.Number, c.Annex))
	}
}

// annexLetter checks that an annex takes the letter after prev, the letter
// of the annex before it, and returns the highest letter seen. Skipping I
// and O, as construction codes do, is allowed.
func (d *lintDoc) annexLetter(c Clause, prev byte) byte {
	letter := c.Number[0]
	want := byte('A')
	if prev != 0 {
		want = prev + 1
	}
	switch {
	case letter == want, (want == 'I' || want == 'O') && letter == want+1:
	case letter == prev:
		d.add(SeverityError, "annex.order", c.Line,
			fmt.Sprintf("附录%s重复：附录应按 A、B、C……依次编号。", c.Number),
			fmt.Sprintf("Annex %s appears twice: letter the annexes A, B, C … in turn.", c.Number))
	case letter < prev:
		d.add(SeverityError, "annex.order", c.Line,
			fmt.Sprintf("附录%s位于附录%c之后：附录应按 A、B、C……依次编号。", c.Number, prev),
			fmt.Sprintf("Annex %s comes after Annex %c: letter the annexes A, B, C … in turn.", c.Number, prev))
	default:
		d.add(SeverityError, "annex.order", c.Line,
			fmt.Sprintf("附录编号不连续：附录%s之前缺少附录%c。", c.Number, want),
			fmt.Sprintf("The annex letters skip %c: Annex %s should be Annex %c.", want, c.Number, want))
	}
	return max(prev, letter)
}

// annexCited warns of an annex that the text before it never cites.
func (d *lintDoc) annexCited(c Clause) {
	for n := d.start; n < c.Line; n++ {
		if d.code[n-1] || reHeading.MatchString(d.lines[n-1]) {
			continue
		}
		if citesAnnex(d.lines[n-1], c.Number[0]) {
			return
		}
	}
	d.add(SeverityWarning, "annex.not-cited", c.Line,
		fmt.Sprintf("正文中没有提及附录%s：应在正文中引出附录，如“见附录%s”“按附录%s的规定”。", c.Number, c.Number, c.Number),
		fmt.Sprintf("The body never cites Annex %s: refer to it in the text before it, as in \"见附录%s\" (see Annex %s).", c.Number, c.Number, c.Number))
}

// citesAnnex reports whether a line mentions 附录 followed by the letter:
// 附录A, 附录 A, 附录A.1.
func citesAnnex(line string, letter byte) bool {
	for rest := line; ; {
		i := strings.Index(rest, "附录")
		if i < 0 {
			return false
		}
		rest = strings.TrimLeft(rest[i+len("附录"):], " \t\u3000")
		if rest != "" && rest[0] == letter && (len(rest) == 1 || !isAlnumASCII(rune(rest[1]))) {
			return true
		}
	}
}

// annexKind returns 规范性 or 资料性 for an annex: from its heading, or from
// a line of its own right under it ("附录A" then "（规范性）").
func (d *lintDoc) annexKind(c Clause) string {
	if c.Annex != "" {
		return c.Annex
	}
	for n := c.Line + 1; n <= len(d.lines) && n <= c.Line+3; n++ {
		t := squeeze(d.lines[n-1])
		t = strings.Trim(t, "*")
		if t == "" {
			continue
		}
		if m := reAnnexKindLine.FindStringSubmatch(t); m != nil {
			return m[1]
		}
		return ""
	}
	return ""
}

var reAnnexKindLine = regexp.MustCompile(`^[（(](规范性|资料性)(?:附录)?[)）]$`)
