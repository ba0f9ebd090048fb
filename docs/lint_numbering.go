package docs

import (
	"fmt"
	"strconv"
	"strings"
)

// maxClauseParts is the deepest number GB/T 1.1-2020 allows: a chapter and
// five levels of subclauses below it, 5.1.1.1.1.1.
const maxClauseParts = 6

// numbering walks the numbered clauses of the normative text in order.
type numbering struct {
	d       *lintDoc
	path    []string         // the open chapter or annex and clauses, outermost first
	last    map[string]int   // the highest number seen under each parent
	kids    map[string][]int // the clauses under each parent, as indexes of d.clauses; -1 for an implied one
	seen    map[string]bool  // the numbers of the clauses seen so far
	implied map[string]bool  // missing parents implied by the clauses under them
	virtual map[string]bool  // the x.0 levels of construction codes (1.0.1 under chapter 1)
}

// checkNumbering checks that chapters and clauses are numbered without gaps,
// repeats or disorder, under their parent, not too deep, that a level holds
// at least two clauses and that sibling clauses agree on having titles.
func (d *lintDoc) checkNumbering() {
	nb := &numbering{d: d, last: map[string]int{}, kids: map[string][]int{},
		seen: map[string]bool{}, implied: map[string]bool{}, virtual: map[string]bool{}}
	for i, c := range d.clauses {
		if !d.normative(c) {
			continue
		}
		switch c.Kind {
		case KindAnnex:
			nb.path = []string{c.Number}
			nb.seen[c.Number] = true
		case KindClause, KindTerm:
			if !strings.HasPrefix(c.Number, "0.") { // a decimal opening a paragraph: 0.5 m …
				nb.clause(i)
			}
		}
	}
	for parent, kids := range nb.kids {
		nb.lone(parent, kids)
		nb.titles(parent, kids)
	}
}

// clause checks one numbered clause against those before it.
func (nb *numbering) clause(i int) {
	c := nb.d.clauses[i]
	parts := strings.Split(c.Number, ".")
	n := len(parts)
	if n > maxClauseParts {
		nb.d.add(SeverityError, "numbering.depth", c.Line,
			fmt.Sprintf("%s 层次过深：条最多分到第五层次（如 5.1.1.1.1.1），请合并层次或改用列项。", c.Number),
			fmt.Sprintf("%s is too deep: clauses go down to the fifth level at most (5.1.1.1.1.1); merge levels or use a list.", c.Number))
	}
	parent := strings.Join(parts[:n-1], ".")
	if !nb.underParent(parts) {
		nb.misplaced(c, parts)
		if !nb.runUnder(i, parent) {
			nb.sibling(i, parent, parts[n-1])
			return // a slip of the pen: the clauses after it stay where they were
		}
		nb.path = prefixes(parts) // a run of clauses under a missing parent
		nb.imply(parts)
	}
	number := nb.sibling(i, parent, parts[n-1])
	nb.path = append(nb.path[:n-1], number)
	nb.kids[parent] = append(nb.kids[parent], i)
	nb.seen[number] = true
}

// runUnder reports whether the numbered clause after clause i stands under
// the same parent as clause i, or under clause i itself.
func (nb *numbering) runUnder(i int, parent string) bool {
	for _, c := range nb.d.clauses[i+1:] {
		switch {
		case !nb.d.normative(c) || c.Kind == KindAnnex:
			return false
		case c.Kind == KindClause || c.Kind == KindTerm:
			return strings.HasPrefix(c.Number, nb.d.clauses[i].Number+".") ||
				strings.HasPrefix(c.Number, parent+".") && !strings.Contains(c.Number[len(parent)+1:], ".")
		}
	}
	return false
}

// underParent reports whether the clause numbered parts stands under its
// parent: the open clause one level up.
func (nb *numbering) underParent(parts []string) bool {
	n := len(parts)
	if n == 1 {
		return true
	}
	parent := strings.Join(parts[:n-1], ".")
	if len(nb.path) >= n-1 && nb.path[n-2] == parent {
		return true
	}
	// Construction codes number the clauses of a chapter without sections
	// 1.0.1, 1.0.2 …: the 0 level is implied by its first clause.
	if n >= 3 && parts[n-2] == "0" && len(nb.path) >= n-2 && nb.path[n-3] == strings.Join(parts[:n-2], ".") {
		nb.path = append(nb.path[:n-2], parent)
		nb.virtual[parent] = true
		return true
	}
	return false
}

// imply counts the missing parents of a clause as clauses of their own
// parents, so that the clauses around them are not reported for them too.
func (nb *numbering) imply(parts []string) {
	for k := 1; k < len(parts); k++ {
		number := strings.Join(parts[:k], ".")
		if nb.seen[number] || nb.implied[number] {
			continue
		}
		nb.implied[number] = true
		parent := strings.Join(parts[:k-1], ".")
		nb.kids[parent] = append(nb.kids[parent], -1)
		if v, err := strconv.Atoi(parts[k-1]); err == nil {
			nb.last[parent] = max(nb.last[parent], v)
		}
	}
}

// prefixes returns the numbers of the parents of a clause: 5, 5.3 for 5.3.1.
func prefixes(parts []string) []string {
	out := make([]string, 0, len(parts))
	for k := 1; k < len(parts); k++ {
		out = append(out, strings.Join(parts[:k], "."))
	}
	return out
}

// misplaced reports a clause whose number does not start with the number of
// the clause it stands in.
func (nb *numbering) misplaced(c Clause, parts []string) {
	n := len(parts)
	parent := strings.Join(parts[:n-1], ".")
	if len(nb.path) == 0 {
		nb.report(c, "numbering.parent",
			fmt.Sprintf("%s 之前没有%s：请补上%s，或改正编号。", c.Number, clauseName(parent), clauseName(parent)),
			fmt.Sprintf("%s has no %s above it: add %s or correct the number.", c.Number, clauseNameEN(parent), clauseNameEN(parent)))
		return
	}
	holder := nb.path[min(n-2, len(nb.path)-1)]
	nb.report(c, "numbering.parent",
		fmt.Sprintf("%s 位于%s之下，编号与所在的条不符：应以 %s 为前缀，或移到%s之下。", c.Number, clauseName(holder), holder, clauseName(parent)),
		fmt.Sprintf("%s stands under %s: number it with the prefix %s, or move it under %s.", c.Number, clauseNameEN(holder), holder, clauseNameEN(parent)))
}
