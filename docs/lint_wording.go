package docs

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// modalWord is a wording GB/T 1.1-2020 (附录 C) does not use for a provision,
// with the form to use instead.
type modalWord struct {
	word, use, rule string
	kind, kindEN    string // the kind of provision the right form expresses
	notFollowedBy   string // runes that, right after word, make it another word
	notPrecededBy   string // runes that, right before word, make it another word
	followedBy      string // when set, only these runes right after word make it a modal verb
	engineering     bool   // a legitimate modal verb of engineering-construction standards
	mandatory       bool   // a legitimate modal verb of mandatory standards (GB, DB11/ …)
}

var modalWords = []modalWord{
	{word: "必须", use: "应", rule: "wording.must", kind: "要求", kindEN: "a requirement", notPrecededBy: "非", engineering: true},
	{word: "严禁", use: "不应", rule: "wording.modal", kind: "禁止", kindEN: "a prohibition", engineering: true},
	{word: "不得", use: "不应", rule: "wording.modal", kind: "禁止", kindEN: "a prohibition", notFollowedBy: "不已分了", engineering: true, mandatory: true},
	{word: "应当", use: "应", rule: "wording.modal", kind: "要求", kindEN: "a requirement"},
	{word: "应该", use: "应", rule: "wording.modal", kind: "要求", kindEN: "a requirement"},
	{word: "须", use: "应", rule: "wording.modal", kind: "要求", kindEN: "a requirement", notPrecededBy: "必无毋", notFollowedBy: "知"},
	{word: "需", use: "应", rule: "wording.modal", kind: "要求", kindEN: "a requirement", notPrecededBy: "必所急无按",
		followedBy: "按经满符进由提具配设及定采做"},
	{word: "禁止", use: "不应", rule: "wording.modal", kind: "禁止", kindEN: "a prohibition", notFollowedBy: "标类"},
	{word: "不许", use: "不应", rule: "wording.modal", kind: "禁止", kindEN: "a prohibition", notFollowedBy: "可"},
	{word: "不准", use: "不应", rule: "wording.modal", kind: "禁止", kindEN: "a prohibition", notFollowedBy: "许确"},
	{word: "务必", use: "应", rule: "wording.modal", kind: "要求", kindEN: "a requirement"},
	{word: "可以不", use: "不必", rule: "wording.modal", kind: "允许不做", kindEN: "a permission not to", notFollowedBy: "同"},
}

// checkWording warns of modal verbs that GB/T 1.1-2020 does not use in
// provisions, in the normative text outside notes, examples, quotations
// (《…》, “…”) and code.
func (d *lintDoc) checkWording() { d.wording(false) }

// checkEngineeringWording is checkWording for engineering-construction
// standards, whose strongest modal verbs are 必须, 严禁 and 不得.
func (d *lintDoc) checkEngineeringWording() { d.wording(true) }

func (d *lintDoc) wording(engineering bool) {
	d.eachBodyLine(func(n int, line string, note bool) {
		if note || !hasModalWord(line) {
			return
		}
		s := unquoted(line)
		for _, w := range modalWords {
			if engineering && w.engineering || w.mandatory && d.mandatory() {
				continue
			}
			if w.in(s) {
				zh, en := "", ""
				if w.mandatory {
					zh, en = "；强制性文件中可用“不得”", "; mandatory texts may use \"不得\""
				}
				d.add(SeverityWarning, w.rule, n,
					fmt.Sprintf("“%s”不是标准条款的用语：表示%s用“%s”%s（GB/T 1.1—2020 附录 C）。", w.word, w.kind, w.use, zh),
					fmt.Sprintf("%q is not a modal verb of standards: express %s with %q%s (GB/T 1.1-2020, Annex C).", w.word, w.kindEN, w.use, en))
			}
		}
	})
}

// hasModalWord reports whether a line may hold one of the modal words: the
// cheap test that spares most lines the closer look.
func hasModalWord(line string) bool {
	for _, w := range modalWords {
		if strings.Contains(line, w.word) {
			return true
		}
	}
	return false
}

// in reports whether s holds the word, not as part of another word.
func (w modalWord) in(s string) bool {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], w.word)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(w.word)
		after, _ := utf8.DecodeRuneInString(s[off:])
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		if !strings.ContainsRune(w.notFollowedBy, after) && !strings.ContainsRune(w.notPrecededBy, before) &&
			(w.followedBy == "" || strings.ContainsRune(w.followedBy, after)) {
			return true
		}
	}
	return false
}

// quotePairs are the marks whose content is quoted, not the text's own
// provision: titles of documents, quotations and inline code.
var quotePairs = map[rune]rune{'《': '》', '“': '”', '「': '」', '`': '`'}

// unquoted returns a line without the quoted passages in it; an unclosed
// quotation runs to the end of the line.
func unquoted(line string) string {
	var b strings.Builder
	var closing rune
	for _, r := range line {
		switch {
		case closing != 0:
			if r == closing {
				closing = 0
			}
		case quotePairs[r] != 0:
			closing = quotePairs[r]
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mandatory reports whether the text is a mandatory standard: its number
// has no /T or /Z.
func (d *lintDoc) mandatory() bool {
	n, err := ParseNumber(d.meta.Number)
	return err == nil && !n.Recommended && !strings.HasSuffix(n.Prefix, "/Z") && n.Level != "group" && n.Level != "enterprise"
}
