package docs

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kinds of clause.
const (
	KindClause  = "clause"  // a numbered chapter or clause: 5, 5.2, 5.2.1, A.1
	KindAnnex   = "annex"   // 附录 A
	KindTerm    = "term"    // a numbered term entry: 3.1 followed by the bold term
	KindArticle = "article" // 第N章, 第N节, 第N条 of laws and regulations
	KindElement = "element" // an unnumbered element with a fixed place: 前言, 引言, 参考文献, 索引
)

// Clause is one numbered part of a text, found in a heading or at the start
// of a paragraph.
type Clause struct {
	Number  string `json:"clause"`          // "5.2", "A", "A.1", "第十条"; "" for elements
	Title   string `json:"title"`           // heading text after the number, the term of a term entry
	Anchor  string `json:"anchor"`          // stable HTML id: c-5.2, c-A, c-art-10, c-foreword
	Kind    string `json:"kind"`            // one of the Kind constants
	Depth   int    `json:"depth"`           // 1 for a chapter, 2 for 5.2, …
	Heading bool   `json:"heading"`         // found in a heading rather than a paragraph
	Annex   string `json:"annex,omitempty"` // 规范性 or 资料性 for an annex
	Line    int    `json:"line"`            // 1-based line of the text on which it starts
	Start   int    `json:"start"`           // code point offset of that line in the text
	End     int    `json:"end"`             // code point offset where the next clause starts
}

var (
	reDotted    = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)*)\.?(?:[ \t\x{3000}]+(.*))?$`)
	reDottedPar = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)+)[ \t\x{3000}]+(\S.*)$`)
	reAnnex     = regexp.MustCompile(`^附[ \x{3000}]*录[ \t\x{3000}]*([A-Z])(?:[ \t\x{3000}]*[（(][ \x{3000}]*(规范性|资料性)(?:附录)?[ \x{3000}]*[)）])?[ \t\x{3000}]*(.*)$`)
	reAnnexSub  = regexp.MustCompile(`^([A-Z](?:\.[0-9]+)+)\.?(?:[ \t\x{3000}]+(.*))?$`)
	reAnnexPar  = regexp.MustCompile(`^([A-Z](?:\.[0-9]+){2,})[ \t\x{3000}]+(\S.*)$`)
	reArticle   = regexp.MustCompile(`^第([〇零一二两三四五六七八九十百千]+)(章|节|条)(?:之([一二三四五六七八九十]+))?(?:[ \t\x{3000}]+(.*)|$)`)
	reHeading   = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	reFence     = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	reBoldTerm  = regexp.MustCompile(`^\*\*([^*]+)\*\*`)
)

var elements = map[string]string{
	"前言": "c-foreword", "引言": "c-introduction", "参考文献": "c-bibliography",
	"索引": "c-index", "目次": "c-contents",
}

// label is what a heading or paragraph start says of itself.
type label struct {
	number, title, anchor, kind, annex string
	depth                              int
}

// headingLabel reads the clause label of a heading's text.
func headingLabel(text string, chapter string) (label, bool) {
	text = strings.TrimSpace(strings.Trim(text, "\u3000"))
	if a, ok := elements[strings.ReplaceAll(strings.ReplaceAll(text, " ", ""), "\u3000", "")]; ok {
		return label{title: text, anchor: a, kind: KindElement, depth: 1}, true
	}
	if m := reDotted.FindStringSubmatch(text); m != nil {
		return label{number: m[1], title: strings.TrimSpace(m[2]), anchor: "c-" + m[1],
			kind: KindClause, depth: strings.Count(m[1], ".") + 1}, true
	}
	if m := reAnnex.FindStringSubmatch(text); m != nil {
		return label{number: m[1], title: strings.TrimSpace(m[3]), anchor: "c-" + m[1],
			kind: KindAnnex, annex: m[2], depth: 1}, true
	}
	if m := reAnnexSub.FindStringSubmatch(text); m != nil {
		return label{number: m[1], title: strings.TrimSpace(m[2]), anchor: "c-" + m[1],
			kind: KindClause, depth: strings.Count(m[1], ".") + 1}, true
	}
	return articleLabel(text, chapter, true)
}

// paragraphLabel reads the clause label at the start of a paragraph: a dotted
// number with at least two parts (5.1.1 …) or an article (第十条 …).
func paragraphLabel(line string, chapter string) (label, bool) {
	line = strings.TrimLeft(line, "\u3000")
	if m := reDottedPar.FindStringSubmatch(line); m != nil {
		return label{number: m[1], anchor: "c-" + m[1], kind: KindClause,
			depth: strings.Count(m[1], ".") + 1}, true
	}
	if m := reAnnexPar.FindStringSubmatch(line); m != nil {
		return label{number: m[1], anchor: "c-" + m[1], kind: KindClause,
			depth: strings.Count(m[1], ".") + 1}, true
	}
	if l, ok := articleLabel(line, chapter, false); ok && strings.Contains(l.number, "条") {
		return l, true
	}
	return label{}, false
}

func articleLabel(text, chapter string, heading bool) (label, bool) {
	m := reArticle.FindStringSubmatch(text)
	if m == nil {
		return label{}, false
	}
	n, ok := ParseChineseNumeral(m[1])
	if !ok || n == 0 {
		return label{}, false
	}
	l := label{number: "第" + m[1] + m[2], title: strings.TrimSpace(m[4]), kind: KindArticle}
	switch m[2] {
	case "章":
		l.anchor, l.depth = "c-ch-"+strconv.Itoa(n), 1
	case "节":
		l.anchor, l.depth = chapter+"-s-"+strconv.Itoa(n), 2
		if chapter == "" {
			l.anchor = "c-s-" + strconv.Itoa(n)
		}
	case "条":
		l.anchor, l.depth = "c-art-"+strconv.Itoa(n), 3
		if m[3] != "" {
			sub, _ := ParseChineseNumeral(m[3])
			l.number += "之" + m[3]
			l.anchor += "-" + strconv.Itoa(sub)
		}
		if !heading {
			l.title = ""
		}
	}
	return l, true
}

// Clauses finds every clause of a text (front matter included in the
// counting of lines and offsets, but never read as clauses). Anchors are
// unique: a number seen again gets _2, _3 ….
func Clauses(text string) []Clause {
	_, bodyStart := StripFrontMatter(text)
	var (
		out      []Clause
		seen     = map[string]int{}
		fence    string
		prevText bool // the previous line was paragraph text
		chapter  string
		line     = 1
		offset   = 0 // code points before the current line
		pos      = 0 // bytes before the current line
	)
	for pos < len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		next := len(text)
		if end >= 0 {
			next = pos + end + 1
		}
		raw := strings.TrimRight(text[pos:next], "\r\n")
		if pos >= bodyStart {
			l, ok := lineLabel(raw, &fence, &prevText, chapter)
			if ok {
				if l.kind == KindArticle && l.depth == 1 {
					chapter = l.anchor
				}
				c := Clause{Number: l.number, Title: l.title, Anchor: l.anchor, Kind: l.kind,
					Depth: l.depth, Heading: reHeading.MatchString(raw), Annex: l.annex,
					Line: line, Start: offset}
				if n := seen[c.Anchor]; n > 0 {
					seen[c.Anchor] = n + 1
					c.Anchor += "_" + strconv.Itoa(n+1)
				} else {
					seen[c.Anchor] = 1
				}
				if c.Heading && c.Title == "" && c.Kind == KindClause {
					if term := termAfter(text[next:]); term != "" {
						c.Title, c.Kind = term, KindTerm
					}
				}
				out = append(out, c)
			}
		}
		offset += utf8.RuneCountInString(text[pos:next])
		pos = next
		line++
	}
	for i := range out {
		out[i].End = offset
		if i+1 < len(out) {
			out[i].End = out[i+1].Start
		}
	}
	return out
}

// lineLabel classifies one line, keeping track of fenced code and of whether
// a paragraph is open (only the first line of a paragraph can number it).
func lineLabel(raw string, fence *string, prevText *bool, chapter string) (label, bool) {
	if *fence != "" {
		if strings.HasPrefix(strings.TrimLeft(raw, " "), *fence) {
			*fence = ""
		}
		return label{}, false
	}
	if m := reFence.FindStringSubmatch(raw); m != nil {
		*fence, *prevText = m[1][:3], false
		return label{}, false
	}
	if strings.TrimSpace(raw) == "" {
		*prevText = false
		return label{}, false
	}
	if m := reHeading.FindStringSubmatch(raw); m != nil {
		*prevText = false
		return headingLabel(m[2], chapter)
	}
	startsParagraph := !*prevText
	*prevText = true
	if !startsParagraph || strings.HasPrefix(raw, "    ") || strings.HasPrefix(raw, "\t") {
		return label{}, false
	}
	return paragraphLabel(raw, chapter)
}

// termAfter returns the bold term that opens the first paragraph of rest, or "".
func termAfter(rest string) string {
	for _, l := range strings.SplitN(rest, "\n", 4) {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if m := reBoldTerm.FindStringSubmatch(l); m != nil {
			return strings.TrimSpace(m[1])
		}
		return ""
	}
	return ""
}

// ClauseAt returns the clause whose text contains the code point offset pos,
// or nil when pos lies before the first clause.
func ClauseAt(clauses []Clause, pos int) *Clause {
	for i := len(clauses) - 1; i >= 0; i-- {
		if clauses[i].Start <= pos {
			return &clauses[i]
		}
	}
	return nil
}
