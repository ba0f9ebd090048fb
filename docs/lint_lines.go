package docs

import "strings"

// inFront reports whether line n belongs to 前言, 引言 or 目次.
func (d *lintDoc) inFront(n int) bool {
	for _, s := range d.front {
		if n >= s[0] && n < s[1] {
			return true
		}
	}
	return false
}

// heading returns the level and text of line n when it is a heading.
func (d *lintDoc) heading(n int) (int, string, bool) {
	if n < 1 || n > len(d.lines) || d.code[n-1] {
		return 0, "", false
	}
	m := reHeading.FindStringSubmatch(d.lines[n-1])
	if m == nil {
		return 0, "", false
	}
	return len(m[1]), m[2], true
}

// spanEnd returns the line after the text of clause i: the line of the next
// clause at its depth or above, or the end of the normative text.
func (d *lintDoc) spanEnd(i int) int {
	c := d.clauses[i]
	end := len(d.lines) + 1
	if c.Line < d.end {
		end = d.end
	}
	for _, n := range d.clauses[i+1:] {
		if n.Line >= end {
			break
		}
		if n.Depth <= c.Depth {
			return n.Line
		}
	}
	return end
}

// normative reports whether clause c lies in the normative text.
func (d *lintDoc) normative(c Clause) bool { return c.Line >= d.start && c.Line < d.end }

// findChapter returns the index of the first numbered chapter of the
// normative text whose title satisfies match.
func (d *lintDoc) findChapter(match func(title string) bool) (int, bool) {
	for i, c := range d.clauses {
		if c.Kind == KindClause && c.Depth == 1 && d.normative(c) && match(squeeze(c.Title)) {
			return i, true
		}
	}
	return 0, false
}

// chapters returns the indexes of the numbered chapters of the normative text.
func (d *lintDoc) chapters() []int {
	var out []int
	for i, c := range d.clauses {
		if c.Kind == KindClause && c.Depth == 1 && d.normative(c) {
			out = append(out, i)
		}
	}
	return out
}

// spanText returns lines from..to-1 squeezed into one string, code left out.
func (d *lintDoc) spanText(from, to int) string {
	var b strings.Builder
	for n := max(from, 1); n < to && n <= len(d.lines); n++ {
		if !d.code[n-1] {
			b.WriteString(squeeze(d.lines[n-1]))
		}
	}
	return b.String()
}

// title returns the title of the standard: the front matter's, or else the
// first unnumbered heading before the normative text.
func (d *lintDoc) title() string {
	if d.meta.Title != "" {
		return d.meta.Title
	}
	for n := d.body; n < d.start && n <= len(d.lines); n++ {
		if _, text, ok := d.heading(n); ok {
			if _, labelled := headingLabel(text, ""); !labelled {
				return strings.TrimSpace(text)
			}
		}
	}
	return ""
}

// squeeze folds full-width forms and dashes the way standard numbers are
// folded and drops every blank, so that sentences compare however spaced.
func squeeze(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r = foldNumberRune(r); r != ' ' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isNote reports whether a paragraph opening with t is a note or an example,
// which are informative: 注：, 注1：, 注 2:, 示例, 示例1：.
func isNote(t string) bool {
	t = strings.TrimLeft(t, "> \t\u3000*")
	for _, p := range []string{"注", "示例"} {
		if rest, ok := strings.CutPrefix(t, p); ok {
			rest = strings.TrimLeft(squeeze(rest), "0123456789")
			if rest == "" || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "*") {
				return true
			}
		}
	}
	return false
}

// eachBodyLine calls fn for every line of the normative text outside code,
// 前言, 引言 and 目次, telling whether the line belongs to a note or an example.
func (d *lintDoc) eachBodyLine(fn func(n int, line string, note bool)) {
	para, note := false, false
	for n := d.start; n < d.end; n++ {
		line := d.lines[n-1]
		t := strings.TrimSpace(line)
		if t == "" || d.code[n-1] {
			para = false
			continue
		}
		if !para {
			note = isNote(t)
		}
		para = !reHeading.MatchString(line)
		if !d.inFront(n) {
			fn(n, line, note)
		}
	}
}
