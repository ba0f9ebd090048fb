package docs

import (
	"fmt"
	"strings"
)

// lone reports a level opened with a single clause: GB/T 1.1-2020 sets up
// clauses only where a level holds two or more. Term entries are exempt.
func (nb *numbering) lone(parent string, kids []int) {
	if parent == "" || len(kids) != 1 || nb.virtual[parent] || !nb.seen[parent] {
		return
	}
	if kids[0] < 0 {
		return
	}
	c := nb.d.clauses[kids[0]]
	if c.Kind == KindTerm {
		return
	}
	nb.d.add(SeverityError, "numbering.lone-subclause", c.Line,
		fmt.Sprintf("%s是%s唯一的条：同一层次有两个以上的条时才可设条，请在%s中再设一条，或取消 %s 的编号。", c.Number, clauseName(parent), clauseName(parent), c.Number),
		fmt.Sprintf("%s is the only clause of %s: a level is set up only with two or more clauses; add another one to %s or drop the number %s.", c.Number, clauseNameEN(parent), clauseNameEN(parent), c.Number))
}

// titles checks that chapters have titles and that the clauses of a level
// either all have titles or none has.
func (nb *numbering) titles(parent string, kids []int) {
	var titled, bare []Clause
	for _, k := range kids {
		if k < 0 {
			continue // implied by the clauses under it
		}
		c := nb.d.clauses[k]
		if c.Kind == KindTerm || nb.d.inTermsChapter(c.Line) {
			return
		}
		if c.Title != "" {
			titled = append(titled, c)
		} else {
			bare = append(bare, c)
		}
	}
	if parent == "" {
		for _, c := range bare {
			nb.d.add(SeverityWarning, "numbering.title", c.Line,
				fmt.Sprintf("第%s章没有标题：每一章都应有标题。", c.Number),
				fmt.Sprintf("Chapter %s has no title: every chapter needs one.", c.Number))
		}
		return
	}
	nb.mixedTitles(parent, titled, bare)
}

// mixedTitles reports the clauses of a level that differ from the rest in
// having a title; on a tie the untitled ones.
func (nb *numbering) mixedTitles(parent string, titled, bare []Clause) {
	if len(titled) == 0 || len(bare) == 0 {
		return
	}
	odd, zh, en := bare, "没有标题", "has no title"
	if len(bare) > len(titled) {
		odd, zh, en = titled, "有标题", "has a title"
	}
	for _, c := range odd {
		nb.d.add(SeverityWarning, "numbering.title", c.Line,
			fmt.Sprintf("%s %s，而%s的其他条不是这样：同一层次的条有无标题应一致。", c.Number, zh, clauseName(parent)),
			fmt.Sprintf("%s %s unlike the other clauses of %s: the clauses of a level should all have titles or none.", c.Number, en, clauseNameEN(parent)))
	}
}

// clauseName names a clause in Chinese: 第5章, 附录A, 5.2, 正文.
func clauseName(number string) string {
	switch {
	case number == "":
		return "正文"
	case isAnnexLetter(number):
		return "附录" + number
	case !strings.Contains(number, "."):
		return "第" + number + "章"
	}
	return number
}

// clauseNameEN names a clause in English: chapter 5, Annex A, 5.2, the body.
func clauseNameEN(number string) string {
	switch {
	case number == "":
		return "the body"
	case isAnnexLetter(number):
		return "Annex " + number
	case !strings.Contains(number, "."):
		return "chapter " + number
	}
	return number
}

// isAnnexLetter reports whether s is the letter of an annex.
func isAnnexLetter(s string) bool { return len(s) == 1 && s[0] >= 'A' && s[0] <= 'Z' }
