package docs

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"
)

// Float is a table or a figure of a text with the number it carries
// (GB/T 1.1-2020 9.8, 9.9): 1, 2 … in the body and A.1, A.2 … in annex A,
// in the order they appear, whether or not the text wrote the number.
type Float struct {
	Kind      string // 表 or 图
	Line      int    // 1-based line of the table's first row or of the image
	TitleLine int    // 1-based line of the title paragraph, 0 when there is none
	Title     string // the title without its number
	Written   string // the number the title wrote, "" when none
	// Number is the number the table or figure carries: the one GB/T 1.1
	// gives it, or, in a text that numbers its own way (by clause, as
	// engineering codes do: 表 4.2.1), the one written ("" when none).
	Number string
	Annex  string // the annex letter, "" in the body
	// Seq is set when Number follows the GB/T 1.1 sequence, so that a
	// writer may let its own numbering count (Word's SEQ field).
	Seq bool
}

// Label is "表 1", "图 A.2": the kind and the number.
func (f Float) Label() string { return f.Kind + " " + f.Number }

// Caption is the title line: "表 1 会议议程", or the label alone.
func (f Float) Caption() string {
	if f.Title == "" {
		return f.Label()
	}
	return f.Label() + " " + f.Title
}

// Anchor is the HTML id of the title: table-1, figure-A.2.
func (f Float) Anchor() string {
	if f.Kind == "图" {
		return "figure-" + f.Number
	}
	return "table-" + f.Number
}

var (
	reFloatCaption = regexp.MustCompile(`^\**[ \x{3000}]*(表|图)(?:[ \x{3000}]*([A-Z]?\.?[0-9]+(?:[.\-][0-9]+)*)(?:[ \x{3000}]+|$)|[ \x{3000}]+)(.*?)\**$`)
	reContCaption  = regexp.MustCompile(`^\**[ \x{3000}]*(?:续表|表[ \x{3000}]*[A-Z]?\.?[0-9.\-]+[ \x{3000}]*[（(]续[)）])`)
	reBoldLine     = regexp.MustCompile(`^\*\*([^*]+)\*\*$`)
	reImageLine    = regexp.MustCompile(`^!\[([^\]]*)\]\([^)]*\)$`)
	reSimpleBody   = regexp.MustCompile(`^[0-9]+$`)
	reSimpleAnnex  = regexp.MustCompile(`^([A-Z])\.([0-9]+)$`)
)

// Floats returns the tables and figures of the text in order, each with its
// number. Tables and figures in the front matter (前言, 引言) and continued
// tables (续表) are left out: they take no number.
func Floats(text string) []Float {
	mdOnce.Do(setup)
	body, skipped := StripFrontMatter(text)
	src := []byte(body)
	doc := markdown.Parser().Parse(gtext.NewReader(src))
	return floatsOf(doc, src, text, skipped)
}

// floatTitle is a title paragraph read: kind, written number, title.
type floatTitle struct {
	kind, number, title string
	cont                bool
}

// readTitle reads a paragraph as the title of a table or figure of kind.
// A title is one line that does not end a sentence: "表 1 会议议程",
// "表 会议议程" (the number left to count) or, above a table, a line in
// bold alone.
func readTitle(raw, kind string) (floatTitle, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.Contains(raw, "\n") || strings.HasSuffix(raw, "。") || strings.HasSuffix(raw, "：") {
		return floatTitle{}, false
	}
	if kind == "表" && reContCaption.MatchString(raw) {
		return floatTitle{kind: kind, cont: true}, true
	}
	if m := reFloatCaption.FindStringSubmatch(raw); m != nil {
		if m[1] != kind {
			return floatTitle{}, false
		}
		return floatTitle{kind: kind, number: m[2], title: strings.TrimSpace(strings.Trim(m[3], "*"))}, true
	}
	if m := reBoldLine.FindStringSubmatch(raw); m != nil && kind == "表" {
		return floatTitle{kind: kind, title: strings.TrimSpace(m[1])}, true
	}
	return floatTitle{}, false
}

// floatsOf finds the tables and figures among the top-level blocks of a
// parsed text and numbers them.
func floatsOf(doc ast.Node, src []byte, text string, skipped int) []Float {
	clauses := Clauses(text)
	lineOf := lineFinder(src, strings.Count(text[:skipped], "\n"))
	clauseLines := map[int]bool{}
	firstChapter := 0
	for _, c := range clauses {
		clauseLines[c.Line] = true
		if firstChapter == 0 && c.Kind == KindClause && c.Depth == 1 {
			firstChapter = c.Line
		}
	}
	var out []Float
	ci, annex := 0, ""
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		line := lineOf(n)
		if line == 0 {
			continue
		}
		for ci < len(clauses) && clauses[ci].Line <= line {
			if c := clauses[ci]; c.Kind == KindAnnex {
				annex = c.Number
			} else if c.Kind == KindClause && c.Depth == 1 && !strings.ContainsAny(c.Number[:min(1, len(c.Number))], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				annex = ""
			}
			ci++
		}
		if line < firstChapter {
			continue
		}
		f := Float{Line: line, Annex: annex}
		var title ast.Node
		switch {
		case n.Kind() == east.KindTable:
			f.Kind, title = "表", n.PreviousSibling()
		case n.Kind() == ast.KindParagraph && reImageLine.Match(rawText(n, src)):
			f.Kind, title = "图", n.NextSibling()
			f.Title = string(reImageLine.FindSubmatch(rawText(n, src))[1])
		default:
			continue
		}
		if title != nil && title.Kind() == ast.KindParagraph && !clauseLines[lineOf(title)] {
			if t, ok := readTitle(string(rawText(title, src)), f.Kind); ok {
				if t.cont {
					continue
				}
				f.TitleLine, f.Written, f.Title = lineOf(title), t.number, t.title
			}
		}
		out = append(out, f)
	}
	number(out, "表")
	number(out, "图")
	return out
}

// number gives the floats of kind their numbers. When each written number
// is the float's place in the GB/T 1.1 sequence, or its place among the
// numbered ones (the text left the unnumbered ones out, and counting them
// moves the later ones on), every float takes its place in the sequence; a
// text numbering its own way (by clause, with gaps) keeps its numbers.
func number(floats []Float, kind string) {
	next := map[string]int{}
	rank := map[string]int{} // the titles with a number so far
	own := false
	for i := range floats {
		f := &floats[i]
		if f.Kind != kind {
			continue
		}
		next[f.Annex]++
		f.Number = strconv.Itoa(next[f.Annex])
		if f.Annex != "" {
			f.Number = f.Annex + "." + f.Number
		}
		if f.Written == "" {
			continue
		}
		n := 0
		if f.Annex == "" && reSimpleBody.MatchString(f.Written) {
			n, _ = strconv.Atoi(f.Written)
		} else if m := reSimpleAnnex.FindStringSubmatch(f.Written); m != nil && m[1] == f.Annex {
			n, _ = strconv.Atoi(m[2])
		}
		rank[f.Annex]++
		if n != next[f.Annex] && n != rank[f.Annex] { // not simple, or out of both sequences
			own = true
		}
	}
	for i := range floats {
		if f := &floats[i]; f.Kind == kind {
			f.Seq = !own
			if own {
				f.Number = f.Written
			}
		}
	}
}

// lineFinder returns the 1-based line (in the whole text) on which a block
// starts, or 0 for a block without lines.
func lineFinder(src []byte, skippedLines int) func(ast.Node) int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(n ast.Node) int {
		for n != nil && n.Type() == ast.TypeBlock && n.Lines().Len() == 0 {
			n = n.FirstChild() // a table: its first cell
		}
		if n == nil || n.Type() != ast.TypeBlock {
			return 0
		}
		start := n.Lines().At(0).Start
		return sort.Search(len(starts), func(i int) bool { return starts[i] > start }) + skippedLines
	}
}

// rawText is the Markdown source of a block, its lines joined.
func rawText(n ast.Node, src []byte) []byte {
	lines := n.Lines()
	var b []byte
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	return []byte(strings.TrimSpace(string(b)))
}

// FloatRef is a reference to a table or figure in a sentence: "见表 2"
// gives Kind 表 and Number 2, with the byte offsets of the number.
type FloatRef struct {
	Kind, Number string
	Start, End   int
}

var reFloatRef = regexp.MustCompile(`(表|图)[ \x{3000}]*([A-Z]\.[0-9]+|[0-9]+)`)

// FindFloatRefs finds the references to this text's tables and figures in
// s. A number followed by more digits or a dot (表 4.2.1), or a reference
// after another document's number or name in Latin letters and digits
// ("GB/T 2887—2011 表 2"), is not one.
func FindFloatRefs(s string) []FloatRef {
	var out []FloatRef
	for _, m := range reFloatRef.FindAllStringSubmatchIndex(s, -1) {
		if rest := s[m[1]:]; rest != "" && (rest[0] == '.' || rest[0] == '-' || rest[0] >= '0' && rest[0] <= '9') {
			continue
		}
		before := strings.TrimRight(s[:m[0]], " \u3000")
		if before != "" {
			if c := before[len(before)-1]; c < 0x80 && (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
				continue
			}
		}
		out = append(out, FloatRef{Kind: s[m[2]:m[3]], Number: s[m[4]:m[5]], Start: m[4], End: m[5]})
	}
	return out
}

// FloatIndex finds the table or figure a reference cites: by the number
// its title wrote, or, when the numbers follow the GB/T 1.1 sequence, by
// the number it carries.
type FloatIndex map[string]Float

// IndexFloats indexes the floats for the references of the text.
func IndexFloats(floats []Float) FloatIndex {
	ix := FloatIndex{}
	for _, f := range floats {
		if f.Written != "" {
			ix[f.Kind+f.Written] = f
		}
	}
	for _, f := range floats {
		if f.Seq && f.Written == f.Number {
			ix[f.Kind+f.Number] = f
		} else if _, taken := ix[f.Kind+f.Number]; f.Seq && f.Written == "" && !taken {
			ix[f.Kind+f.Number] = f // a number no title wrote
		}
	}
	return ix
}

// Cited returns the float a reference cites.
func (ix FloatIndex) Cited(r FloatRef) (Float, bool) {
	f, ok := ix[r.Kind+r.Number]
	return f, ok
}
