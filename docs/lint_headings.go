package docs

import "fmt"

// headingGroup is the headings of one level under one parent heading.
type headingGroup struct {
	numbered bool  // one of them is a numbered clause or an annex
	bare     []int // the lines of those without a number
}

// headingGroups gathers the headings of a text by parent and level.
type headingGroups struct {
	open   [][2]int // the enclosing headings: level and line, outermost first
	groups map[[2]int]*headingGroup
	order  [][2]int
}

// add files the heading at line n, of a level, under its parent heading.
func (hg *headingGroups) add(n, level int, text string) {
	for len(hg.open) > 0 && hg.open[len(hg.open)-1][0] >= level {
		hg.open = hg.open[:len(hg.open)-1]
	}
	key := [2]int{0, level}
	if len(hg.open) > 0 {
		key[0] = hg.open[len(hg.open)-1][1]
	}
	g := hg.groups[key]
	if g == nil {
		g = &headingGroup{}
		hg.groups[key] = g
		hg.order = append(hg.order, key)
	}
	l, labelled := headingLabel(text, "")
	switch {
	case !labelled:
		g.bare = append(g.bare, n)
	case l.kind != KindElement:
		g.numbered = true
	}
	hg.open = append(hg.open, [2]int{level, n})
}

// checkHeadings warns of unnumbered headings that stand beside numbered
// ones at the same level, in the normative text.
func (d *lintDoc) checkHeadings() {
	hg := &headingGroups{groups: map[[2]int]*headingGroup{}}
	for n := d.start; n < d.end; n++ {
		if level, text, ok := d.heading(n); ok {
			hg.add(n, level, text)
		}
	}
	for _, key := range hg.order {
		if g := hg.groups[key]; g.numbered {
			for _, n := range g.bare {
				d.bareHeading(n)
			}
		}
	}
}

// bareHeading reports the unnumbered heading at line n.
func (d *lintDoc) bareHeading(n int) {
	_, text, _ := d.heading(n)
	d.add(SeverityWarning, "numbering.heading", n,
		fmt.Sprintf("标题“%s”没有编号，而同一层次的其他标题有编号：请给它编号，或改为段落。", text),
		fmt.Sprintf("The heading %q has no number while the other headings of its level have one: number it or make it a paragraph.", text))
}
