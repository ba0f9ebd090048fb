package docs

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	gtext "github.com/yuin/goldmark/text"
)

// numberFloats gives every table and figure of a parsed text its title line
// with its number: a title that wrote none gets it, an untitled table gets
// "表 N" above it and an untitled figure "图 N" below it, and when counting
// the untitled ones moved a number on, the text's references follow.
func numberFloats(doc ast.Node, src []byte, text string, skipped int) {
	floats := floatsOf(doc, src, text, skipped)
	if len(floats) == 0 {
		return
	}
	lineOf := lineFinder(src, strings.Count(text[:skipped], "\n"))
	titles, untitled := map[int]Float{}, map[int]Float{}
	for _, f := range floats {
		if f.Number == "" {
			continue
		}
		if f.TitleLine > 0 {
			titles[f.TitleLine] = f
		} else {
			untitled[f.Line] = f
		}
	}
	captions := map[ast.Node]bool{}
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		line := lineOf(n)
		if f, ok := titles[line]; ok && n.Kind() == ast.KindParagraph {
			n.RemoveChildren(n)
			n.AppendChild(n, ast.NewString([]byte(f.Caption())))
			setCaption(n, f)
			captions[n] = true
		} else if f, ok := untitled[line]; ok {
			p := ast.NewParagraph()
			p.AppendChild(p, ast.NewString([]byte(f.Caption())))
			setCaption(p, f)
			captions[p] = true
			if f.Kind == "图" {
				doc.InsertAfter(doc, n, p)
			} else {
				doc.InsertBefore(doc, n, p)
			}
		}
		n = next
	}
	renumberRefs(doc, src, IndexFloats(floats), captions)
}

func setCaption(p ast.Node, f Float) {
	p.SetAttributeString("id", []byte(f.Anchor()))
	class := "table-title"
	if f.Kind == "图" {
		class = "figure-title"
	}
	p.SetAttributeString("class", []byte(class))
}

// renumberRefs rewrites the references to tables and figures whose number
// moved on ("见表 2" when the table titled 表 2 became 表 3).
func renumberRefs(doc ast.Node, src []byte, ix FloatIndex, skip map[ast.Node]bool) {
	moved := false
	for _, f := range ix {
		if f.Written != "" && f.Written != f.Number {
			moved = true
		}
	}
	if !moved {
		return
	}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if skip[n] || n.Kind() == ast.KindCodeSpan || n.Kind() == ast.KindCodeBlock || n.Kind() == ast.KindFencedCodeBlock {
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	}) // the walker returns no error of its own
	var joined []*ast.Text
	for _, t := range texts {
		if len(joined) == 0 || !joinText(joined[len(joined)-1], t) {
			joined = append(joined, t)
		}
	}
	for _, t := range joined {
		renumberText(t, src, ix)
	}
}

// renumberText splits a text node around the references it holds to moved
// numbers, putting the new numbers between.
func renumberText(t *ast.Text, src []byte, ix FloatIndex) {
	seg := t.Segment
	value := string(seg.Value(src))
	parent := t.Parent()
	at := 0
	changed := false
	for _, r := range FindFloatRefs(value) {
		f, ok := ix.Cited(r)
		if !ok || f.Number == r.Number {
			continue
		}
		if r.Start > at {
			parent.InsertBefore(parent, t, ast.NewTextSegment(gtext.NewSegment(seg.Start+at, seg.Start+r.Start)))
		}
		parent.InsertBefore(parent, t, ast.NewString([]byte(f.Number)))
		at, changed = r.End, true
	}
	if changed {
		t.Segment = gtext.NewSegment(seg.Start+at, seg.Stop)
	}
}

// joinText joins t to the text node before it when they are neighbours in
// the source (the parser splits text before digits), so that a reference
// is found whole.
func joinText(prev, t *ast.Text) bool {
	if t.PreviousSibling() != prev || prev.SoftLineBreak() || prev.HardLineBreak() || prev.IsRaw() || t.IsRaw() ||
		prev.Segment.Stop != t.Segment.Start || prev.Segment.Padding != 0 || t.Segment.Padding != 0 {
		return false
	}
	prev.Segment = gtext.NewSegment(prev.Segment.Start, t.Segment.Stop)
	prev.SetSoftLineBreak(t.SoftLineBreak())
	prev.SetHardLineBreak(t.HardLineBreak())
	t.Parent().RemoveChild(t.Parent(), t)
	return true
}
