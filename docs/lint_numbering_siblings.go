package docs

import (
	"fmt"
	"strconv"
	"strings"
)

// sibling checks that a clause follows its previous sibling by one and
// returns the number the clauses under it are to start with: its own, or
// the one it should have had when the next sibling shows it misnumbered.
func (nb *numbering) sibling(i int, parent, last string) string {
	c := nb.d.clauses[i]
	v, err := strconv.Atoi(last)
	if err != nil || v == 0 {
		return c.Number
	}
	prev := nb.last[parent]
	if v != prev+1 && (nb.nextSibling(i, parent) == prev+2 || nb.childOf(i, siblingNumber(parent, prev+1))) {
		return nb.misnumbered(c, parent, v, prev)
	}
	switch {
	case v > prev+1 && prev == 0:
		want := siblingNumber(parent, 1)
		nb.report(c, "numbering.gap",
			fmt.Sprintf("%s 是%s的第一个条，编号应为 %s。", c.Number, clauseName(parent), want),
			fmt.Sprintf("%s is the first clause of %s: number it %s.", c.Number, clauseNameEN(parent), want))
	case v > prev+1:
		want := siblingNumber(parent, prev+1)
		nb.report(c, "numbering.gap",
			fmt.Sprintf("编号不连续：%s 之后是 %s，缺少 %s。", siblingNumber(parent, prev), c.Number, want),
			fmt.Sprintf("The numbering skips %s: %s follows %s.", want, c.Number, siblingNumber(parent, prev)))
	case v == prev:
		nb.report(c, "numbering.order",
			fmt.Sprintf("编号 %s 重复：同一层次的编号应依次递增。", c.Number),
			fmt.Sprintf("%s is numbered twice: number the clauses of a level one after another.", c.Number))
	case v < prev:
		nb.report(c, "numbering.order",
			fmt.Sprintf("%s 出现在 %s 之后：同一层次的编号应依次递增。", c.Number, siblingNumber(parent, prev)),
			fmt.Sprintf("%s comes after %s: number the clauses of a level in increasing order.", c.Number, siblingNumber(parent, prev)))
	}
	nb.last[parent] = max(prev, v)
	return c.Number
}

// misnumbered reports a clause that should be prev+1, as the sibling or
// the children after it show; the numbering goes on as if it were.
func (nb *numbering) misnumbered(c Clause, parent string, v, prev int) string {
	want := siblingNumber(parent, prev+1)
	rule := "numbering.gap"
	if v <= prev {
		rule = "numbering.order"
	}
	nb.report(c, rule,
		fmt.Sprintf("%s 的编号有误：按前后的编号，应为 %s。", c.Number, want),
		fmt.Sprintf("%s is misnumbered: the numbers around it make it %s.", c.Number, want))
	nb.last[parent] = prev + 1
	return want
}

// childOf reports whether the clause after clause i is numbered as a child
// of want: the clause is misnumbered but its children are not.
func (nb *numbering) childOf(i int, want string) bool {
	if i+1 >= len(nb.d.clauses) {
		return false
	}
	next := nb.d.clauses[i+1]
	return nb.d.normative(next) && next.Kind != KindAnnex && strings.HasPrefix(next.Number, want+".") &&
		!strings.Contains(next.Number[len(want)+1:], ".")
}

// nextSibling returns the last part of the number of the next clause under
// the same parent as clause i, or -1 when the parent ends first.
func (nb *numbering) nextSibling(i int, parent string) int {
	depth := strings.Count(nb.d.clauses[i].Number, ".") + 1
	for _, c := range nb.d.clauses[i+1:] {
		if !nb.d.normative(c) || c.Kind == KindAnnex {
			return -1
		}
		if c.Kind != KindClause && c.Kind != KindTerm {
			continue
		}
		parts := strings.Split(c.Number, ".")
		switch {
		case len(parts) < depth:
			return -1
		case len(parts) == depth && strings.Join(parts[:depth-1], ".") == parent:
			v, err := strconv.Atoi(parts[depth-1])
			if err != nil {
				return -1
			}
			return v
		case len(parts) == depth:
			return -1
		}
	}
	return -1
}

// report records a numbering error; term entries report under terms.numbering.
func (nb *numbering) report(c Clause, rule, zh, en string) {
	if c.Kind == KindTerm {
		rule = "terms.numbering"
	}
	nb.d.add(SeverityError, rule, c.Line, zh, en)
}

// siblingNumber returns the k-th number under parent.
func siblingNumber(parent string, k int) string {
	if parent == "" {
		return strconv.Itoa(k)
	}
	return parent + "." + strconv.Itoa(k)
}
