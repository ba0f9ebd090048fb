package docs

import (
	"fmt"
	"regexp"
	"strings"
)

// float is a table or a figure of the normative text: its kind ("表" or
// "图"), the line of the table or image, the line of its title (0 when it
// has none), its number as written ("1", "A.2") and the annex holding it.
type float struct {
	kind   string
	line   int
	title  int
	number string
	annex  string
	cont   bool // a continued table: 表 1（续）, 续表
}

var (
	reFloatTitle = regexp.MustCompile(`^\**[ \x{3000}]*(表|图)[ \x{3000}]*([A-Z]?\.?[0-9]+(?:[.\-][0-9]+)*)[ \x{3000}]*(?:[（(]续[)）])?[ \x{3000}]*(.*?)\**$`)
	reContTitle  = regexp.MustCompile(`^\**[ \x{3000}]*(?:续表|表[ \x{3000}]*[A-Z]?\.?[0-9.\-]+[ \x{3000}]*[（(]续[)）])`)
	reImage      = regexp.MustCompile(`^!\[[^\]]*\]\([^)]*\)\s*$`)
	reVagueTable = regexp.MustCompile(`(?:如|见|按|详见|按照|列于|参见)?下表|上表所|如表所示`)
	reVagueFig   = regexp.MustCompile(`如图所示|(?:如|见|按|详见|参见)?下图|上图所`)
)

// checkTables checks the tables and figures of the normative text (GB/T
// 1.1-2020 9.8, 9.9): each with a number and a title, numbered 1, 2 … in
// the body and A.1, A.2 … in annex A, cited by its number, never as "下表"
// or "如图所示". Engineering-construction texts number them by clause
// (表 4.2.1): there only the title is checked.
func (d *lintDoc) checkTables() {
	floats := d.floats()
	for _, f := range floats {
		d.floatTitle(f)
	}
	if d.rules != RulesEngineering {
		d.floatNumbers(floats, "表")
		d.floatNumbers(floats, "图")
		d.floatsCited(floats)
	}
	d.vagueFloatReferences()
}

// floats returns the tables and figures of the normative text in order.
func (d *lintDoc) floats() []float {
	var out []float
	inTable := false
	annex := ""
	ci := 0
	for n := d.start; n < d.end && n <= len(d.lines); n++ {
		for ci < len(d.clauses) && d.clauses[ci].Line <= n {
			if c := d.clauses[ci]; c.Kind == KindAnnex {
				annex = c.Number
			} else if c.Kind == KindClause && c.Depth == 1 {
				annex = ""
			}
			ci++
		}
		t := strings.TrimSpace(d.lines[n-1])
		if d.code[n-1] || d.inFront(n) {
			continue
		}
		switch {
		case strings.HasPrefix(t, "|"):
			if !inTable {
				out = append(out, d.floatAt("表", n, d.prevText(n), annex))
			}
			inTable = true
		case t == "":
		case reImage.MatchString(t):
			out = append(out, d.floatAt("图", n, d.nextText(n), annex))
			inTable = false
		default:
			inTable = false
		}
	}
	return out
}

// floatAt reads the title of a table (above it) or figure (below it). A
// table title may run over two lines; in an engineering-construction text a
// table right under a heading takes the heading as its title.
func (d *lintDoc) floatAt(kind string, n, title int, annex string) float {
	f := float{kind: kind, line: n, annex: annex}
	if title == 0 {
		return f
	}
	if kind == "表" && reHeading.MatchString(d.lines[title-1]) && d.rules == RulesEngineering {
		f.title = title
		return f
	}
	if kind == "表" && !reFloatTitle.MatchString(strings.TrimSpace(d.lines[title-1])) {
		if above := d.prevText(title); above > 0 && reFloatTitle.MatchString(strings.TrimSpace(d.lines[above-1])) {
			title = above
		}
	}
	t := strings.TrimSpace(d.lines[title-1])
	if reContTitle.MatchString(t) && kind == "表" {
		f.title, f.cont = title, true
		return f
	}
	if m := reFloatTitle.FindStringSubmatch(t); m != nil && m[1] == kind {
		f.title, f.number = title, m[2]
		if strings.TrimSpace(m[3]) == "" {
			f.title = -title // numbered but untitled
		}
	}
	return f
}

// prevText and nextText return the nearest non-blank line before or after
// line n within two lines, or 0.
func (d *lintDoc) prevText(n int) int {
	for k := n - 1; k >= max(1, n-2); k-- {
		if strings.TrimSpace(d.lines[k-1]) != "" {
			return k
		}
	}
	return 0
}

func (d *lintDoc) nextText(n int) int {
	for k := n + 1; k <= min(len(d.lines), n+2); k++ {
		if strings.TrimSpace(d.lines[k-1]) != "" {
			return k
		}
	}
	return 0
}

var floatNames = map[string][2]string{"表": {"表", "table"}, "图": {"图", "figure"}}

func (d *lintDoc) floatTitle(f float) {
	if f.cont || f.title > 0 {
		return
	}
	name := floatNames[f.kind]
	where := "上方"
	whereEN := "above it"
	if f.kind == "图" {
		where, whereEN = "下方", "below it"
	}
	example := f.kind + " 1 标题"
	if f.annex != "" {
		example = f.kind + " " + f.annex + ".1 标题"
	}
	d.add(SeverityWarning, "tables.title", f.line,
		fmt.Sprintf("%s没有编号和标题：应在%s%s给出编号和标题，如“%s”（GB/T 1.1—2020 9.8、9.9）。", name[0], name[0], where, example),
		fmt.Sprintf("The %s has no number and title: give them %s, as in %q (GB/T 1.1-2020, 9.8, 9.9).", name[1], whereEN, example))
}

// floatNumbers checks that the tables (or figures) are numbered 1, 2 … in
// the body and A.1, A.2 … in each annex.
func (d *lintDoc) floatNumbers(floats []float, kind string) {
	next := map[string]int{} // annex letter ("" for the body) → next number
	name := floatNames[kind]
	for _, f := range floats {
		if f.kind != kind || f.title == 0 || f.cont {
			continue
		}
		want := fmt.Sprintf("%d", next[f.annex]+1)
		if f.annex != "" {
			want = f.annex + "." + want
		}
		got := strings.ReplaceAll(f.number, "-", ".")
		switch {
		case got == want:
		case f.annex != "" && !strings.HasPrefix(got, f.annex+"."):
			d.add(SeverityError, "tables.number", abs(f.title),
				fmt.Sprintf("附录%s中的%s应编为“%s %s”：附录中的%s编号前加附录编号（GB/T 1.1—2020 9.8、9.9）。", f.annex, name[0], kind, want, name[0]),
				fmt.Sprintf("A %s in Annex %s is numbered %s %s: number it %s %s, with the annex letter (GB/T 1.1-2020, 9.8, 9.9).", name[1], f.annex, kind, f.number, kind, want))
		default:
			d.add(SeverityError, "tables.number", abs(f.title),
				fmt.Sprintf("%s编号不连续：“%s %s”应为“%s %s”，%s按出现的先后依次编号（GB/T 1.1—2020 9.8、9.9）。", name[0], kind, f.number, kind, want, name[0]),
				fmt.Sprintf("The %s numbers are out of order: %s %s should be %s %s; number them in the order they appear (GB/T 1.1-2020, 9.8, 9.9).", name[1], kind, f.number, kind, want))
		}
		next[f.annex]++
	}
}

func abs(n int) int { return max(n, -n) }

// floatsCited warns of a numbered table or figure the text never cites.
func (d *lintDoc) floatsCited(floats []float) {
	for _, f := range floats {
		if f.number == "" || f.cont {
			continue
		}
		re := regexp.MustCompile(f.kind + `[ \x{3000}]*` + regexp.QuoteMeta(f.number) + `(?:[^0-9.]|\.[^0-9]|\.?$)`)
		cited := false
		for n := d.start; n < d.end && n <= len(d.lines) && !cited; n++ {
			if n != abs(f.title) && !d.code[n-1] && !strings.HasPrefix(strings.TrimSpace(d.lines[n-1]), "|") {
				cited = re.MatchString(d.lines[n-1])
			}
		}
		if !cited {
			name := floatNames[f.kind]
			d.add(SeverityWarning, "tables.not-cited", abs(f.title),
				fmt.Sprintf("正文中没有提及“%s %s”：每个%s都应在条文中以编号引出，如“见%s %s”“应符合%s %s的规定”。", f.kind, f.number, name[0], f.kind, f.number, f.kind, f.number),
				fmt.Sprintf("The text never cites %s %s: cite every %s by its number, as in \"见%s %s\".", f.kind, f.number, name[1], f.kind, f.number))
		}
	}
}

// vagueFloatReferences warns of "下表", "如图所示" and the like: tables and
// figures are cited by number.
func (d *lintDoc) vagueFloatReferences() {
	d.eachBodyLine(func(n int, line string, _ bool) {
		if !strings.Contains(line, "下表") && !strings.Contains(line, "上表") && !strings.Contains(line, "表所示") &&
			!strings.Contains(line, "图") {
			return
		}
		s := unquoted(line)
		if m := reVagueTable.FindString(s); m != "" {
			d.add(SeverityWarning, "tables.vague-reference", n,
				fmt.Sprintf("“%s”未给出表的编号：应写作“表 1”“见表 1”等（GB/T 1.1—2020 9.8）。", m),
				fmt.Sprintf("%q does not number the table: cite it as \"表 1\" (Table 1) (GB/T 1.1-2020, 9.8).", m))
		}
		if m := reVagueFig.FindString(s); m != "" {
			d.add(SeverityWarning, "tables.vague-reference", n,
				fmt.Sprintf("“%s”未给出图的编号：应写作“图 1”“见图 1”等（GB/T 1.1—2020 9.9）。", m),
				fmt.Sprintf("%q does not number the figure: cite it as \"图 1\" (Figure 1) (GB/T 1.1-2020, 9.9).", m))
		}
	})
}
