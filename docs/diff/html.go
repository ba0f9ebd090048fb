package diff

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// newlineMark stands for a newline that was inserted or deleted, which a
// bare line break would not show.
const newlineMark = `<span class="diff-nl">↵</span>`

// InlineHTML renders the diff as one column: shared text as it is, deleted
// text in <del>, inserted text in <ins>, every newline as a <br> (and no
// newline character, so that it reads the same with white-space: pre-wrap
// or without). All text is escaped.
func (d Diff) InlineHTML() template.HTML {
	var b strings.Builder
	b.WriteString(`<div class="diff diff-inline">`)
	for _, op := range d.Ops {
		switch op.Op {
		case OpDelete:
			writeMarkedHTML(&b, "del", op.Text)
		case OpInsert:
			writeMarkedHTML(&b, "ins", op.Text)
		default:
			writeLinesHTML(&b, op.Text, "")
		}
	}
	b.WriteString(`</div>`)
	return template.HTML(b.String())
}

// writeMarkedHTML writes text inside <tag>…</tag>.
func writeMarkedHTML(b *strings.Builder, tag, text string) {
	b.WriteString("<" + tag + ">")
	writeLinesHTML(b, text, newlineMark)
	b.WriteString("</" + tag + ">")
}

// writeLinesHTML writes text escaped, each newline as mark and a <br>.
func writeLinesHTML(b *strings.Builder, text, mark string) {
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString(mark + "<br>")
		}
		b.WriteString(html.EscapeString(line))
	}
}

// SideBySideHTML renders the diff as a table of two columns, the old text
// with <del> on the left and the new text with <ins> on the right, lines
// aligned: each unchanged line in one row with itself, the lines of a
// changed block side by side. All text is escaped.
func (d Diff) SideBySideHTML() template.HTML {
	s := &sideBySide{}
	s.out.WriteString(`<table class="diff diff-side">` + "\n")
	for _, op := range d.Ops {
		s.add(op)
	}
	s.end()
	s.out.WriteString("</table>")
	return template.HTML(s.out.String())
}

// sideLine is one rendered line of one side.
type sideLine struct {
	html    string
	number  int
	changed bool // holds deleted or inserted text
	shared  bool // holds text both sides have
}

// sideBySide collects the lines of both sides until a newline that both
// texts share lines them up again.
type sideBySide struct {
	out              strings.Builder
	oldCur, newCur   strings.Builder
	oldChg, newChg   bool // the current lines hold deleted, inserted text
	oldEq, newEq     bool // the current lines hold equal text
	oldQ, newQ       []sideLine
	oldLine, newLine int
}

// add takes one operation, line by line.
func (s *sideBySide) add(op Op) {
	lines := strings.Split(op.Text, "\n")
	for i, piece := range lines {
		text := html.EscapeString(piece)
		ends := i < len(lines)-1 // a newline follows this piece
		switch {
		case op.Op == OpDelete && (text != "" || ends):
			s.oldCur.WriteString("<del>" + text + markIf(ends) + "</del>")
			s.oldChg = true
		case op.Op == OpInsert && (text != "" || ends):
			s.newCur.WriteString("<ins>" + text + markIf(ends) + "</ins>")
			s.newChg = true
		case op.Op == OpEqual && text != "":
			s.oldCur.WriteString(text)
			s.newCur.WriteString(text)
			s.oldEq, s.newEq = true, true
		}
		if ends {
			s.newline(op.Op)
		}
	}
}

// markIf returns the newline mark when a deleted or inserted newline follows.
func markIf(newline bool) string {
	if newline {
		return newlineMark
	}
	return ""
}

// newline ends the current line of the side(s) that op belongs to; a shared
// newline also writes the rows collected so far.
func (s *sideBySide) newline(op string) {
	switch op {
	case OpDelete:
		s.endOld()
	case OpInsert:
		s.endNew()
	default:
		s.endOld()
		s.endNew()
		s.flush()
	}
}

func (s *sideBySide) endOld() {
	s.oldLine++
	s.oldQ = append(s.oldQ, sideLine{s.oldCur.String(), s.oldLine, s.oldChg, s.oldEq})
	s.oldCur.Reset()
	s.oldChg, s.oldEq = false, false
}

func (s *sideBySide) endNew() {
	s.newLine++
	s.newQ = append(s.newQ, sideLine{s.newCur.String(), s.newLine, s.newChg, s.newEq})
	s.newCur.Reset()
	s.newChg, s.newEq = false, false
}

// end writes the last lines, those after the last newline.
func (s *sideBySide) end() {
	if s.oldCur.Len() > 0 {
		s.endOld()
	}
	if s.newCur.Len() > 0 {
		s.endNew()
	}
	s.flush()
}

// flush writes the collected lines as rows, the changed lines of both sides
// side by side. When the last lines of both sides share text they are the
// same line and get a row of their own after the others.
func (s *sideBySide) flush() {
	o, n := s.oldQ, s.newQ
	var last [2]*sideLine
	if len(o) > 0 && len(n) > 0 && o[len(o)-1].shared && n[len(n)-1].shared ||
		len(o) > 0 && len(n) > 0 && o[len(o)-1].html == "" && n[len(n)-1].html == "" {
		last = [2]*sideLine{&o[len(o)-1], &n[len(n)-1]}
		o, n = o[:len(o)-1], n[:len(n)-1]
	}
	for k := 0; k < max(len(o), len(n)); k++ {
		s.row(sideLineAt(o, k), sideLineAt(n, k))
	}
	if last[0] != nil {
		s.row(last[0], last[1])
	}
	s.oldQ, s.newQ = s.oldQ[:0], s.newQ[:0]
}

// sideLineAt returns the k-th line, or nil past the end.
func sideLineAt(lines []sideLine, k int) *sideLine {
	if k < len(lines) {
		return &lines[k]
	}
	return nil
}

// row writes one table row; a missing line is an empty cell.
func (s *sideBySide) row(o, n *sideLine) {
	s.out.WriteString("<tr>")
	s.cell(o, "diff-old")
	s.cell(n, "diff-new")
	s.out.WriteString("</tr>\n")
}

// cell writes a line number and a line of text.
func (s *sideBySide) cell(l *sideLine, class string) {
	if l == nil {
		s.out.WriteString(`<td class="diff-ln"></td><td class="diff-empty"></td>`)
		return
	}
	if l.changed {
		class += " diff-changed"
	}
	s.out.WriteString(`<td class="diff-ln">` + strconv.Itoa(l.number) + `</td><td class="` + class + `">` + l.html + "</td>")
}
