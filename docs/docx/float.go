package docx

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"

	"norma/docs"
)

// floats are the tables and figures of the text, by the line of their
// title and, for those without one, by the line of the table or image.
type floats struct {
	titles, untitled map[int]docs.Float
	index            docs.FloatIndex
	marks            int // bookmarks written, for their ids
}

func newFloats(text string) floats {
	list := docs.Floats(text)
	fl := floats{titles: map[int]docs.Float{}, untitled: map[int]docs.Float{}, index: docs.IndexFloats(list)}
	for _, f := range list {
		switch {
		case f.Number == "":
		case f.TitleLine > 0:
			fl.titles[f.TitleLine] = f
		default:
			fl.untitled[f.Line] = f
		}
	}
	return fl
}

// lineOf returns the 1-based line of the text on which block n starts (a
// table: its first cell), or 0.
func (w *writer) lineOf(n ast.Node) int {
	for n != nil && n.Type() == ast.TypeBlock && n.Lines().Len() == 0 {
		n = n.FirstChild()
	}
	if n == nil || n.Type() != ast.TypeBlock {
		return 0
	}
	start := n.Lines().At(0).Start
	return sort.Search(len(w.lineStarts), func(i int) bool { return w.lineStarts[i] > start }) + w.skipLines
}

// caption writes the title line of a table or figure. A number in the
// GB/T 1.1 sequence is Word's: a SEQ field (one sequence for the body, 表
// or 图, and one for each annex, 表A …), inside a bookmark that the
// references to it name, so that inserting a table in Word and updating
// the fields (F9) renumbers the titles and the references alike.
func (w *writer) caption(f docs.Float) {
	style := "TableTitle"
	if f.Kind == "图" {
		style = "FigureTitle"
	}
	if !f.Seq {
		para(w.out(), style, run{text: f.Caption()})
		return
	}
	w.fl.marks++
	id := itoa(w.fl.marks)
	var b strings.Builder
	b.WriteString(`<w:bookmarkStart w:id="` + id + `" w:name="` + bookmark(f) + `"/>`)
	if f.Annex != "" {
		writeRuns(&b, []run{{text: f.Annex + "."}})
	}
	field(&b, ` SEQ `+f.Kind+f.Annex+` \* ARABIC `, f.Number[strings.LastIndex(f.Number, ".")+1:])
	b.WriteString(`<w:bookmarkEnd w:id="` + id + `"/>`)
	runs := []run{{text: f.Kind + " "}, {xml: b.String(), text: f.Number}}
	if f.Title != "" {
		runs = append(runs, run{text: " " + f.Title})
	}
	para(w.out(), style, runs...)
}

// bookmark names the number of a table or figure: _RefTable1, _RefFigureA_2.
func bookmark(f docs.Float) string {
	name := "_RefTable"
	if f.Kind == "图" {
		name = "_RefFigure"
	}
	return name + strings.ReplaceAll(f.Number, ".", "_")
}

// refs turns the references to numbered tables and figures ("见表 2") into
// REF fields showing the bookmarked number, so that they follow when Word
// renumbers.
func (w *writer) refs(runs []run) []run {
	var out []run
	for _, r := range joinRuns(runs) {
		if r.br || r.xml != "" || !strings.ContainsAny(r.text, "表图") {
			out = append(out, r)
			continue
		}
		at := 0
		for _, ref := range docs.FindFloatRefs(r.text) {
			f, ok := w.fl.index.Cited(ref)
			if !ok || !f.Seq {
				continue
			}
			before := r
			before.text = r.text[at:ref.Start]
			var b strings.Builder
			field(&b, ` REF `+bookmark(f)+` \h `, f.Number)
			out = append(out, before, run{xml: b.String(), text: f.Number})
			at = ref.End
		}
		r.text = r.text[at:]
		out = append(out, r)
	}
	return out
}

// joinRuns joins neighbouring runs of the same formatting (the Markdown
// parser splits text before digits), so that a reference is found whole.
func joinRuns(runs []run) []run {
	var out []run
	for _, r := range runs {
		if n := len(out); n > 0 && !r.br && r.xml == "" && !out[n-1].br && out[n-1].xml == "" &&
			out[n-1].bold == r.bold && out[n-1].italic == r.italic {
			out[n-1].text += r.text
			continue
		}
		out = append(out, r)
	}
	return out
}
