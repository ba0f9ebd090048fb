package docs

import (
	"fmt"
	"regexp"
	"strings"
)

// Reference is one entry of chapter 2 规范性引用文件.
type Reference struct {
	Number StdNumber `json:"number"` // zero when the entry does not start with a standard number; Level "international" for ISO, IEC …
	Text   string    `json:"text"`   // the entry as written, without its list marker
	Title  string    `json:"title"`  // the title after the number
	Dated  bool      `json:"dated"`  // the entry gives the year: only that edition applies
	Line   int       `json:"line"`   // 1-based line of the entry
}

// References returns the entries of chapter 2 规范性引用文件, the paragraphs
// or list items after its lead-in, for the caller to check each number
// against the library. An entry whose number cannot be read has a zero
// Number (Lint reports it); international numbers (ISO, IEC …) have Level
// "international" and are not in any Chinese library.
func References(text string) []Reference {
	d := newLintDoc(text)
	i, ok := d.findChapter(isRefsTitle)
	if !ok {
		return nil
	}
	var out []Reference
	for _, e := range d.refEntries(i) {
		out = append(out, e.Reference)
	}
	return out
}

// refEntry is a reference with the reason its number could not be read.
type refEntry struct {
	Reference
	err string
}

// lineText is a paragraph or list item and the line it starts on.
type lineText struct {
	line int
	text string
}

// refEntries returns the entries of the chapter at clause i.
func (d *lintDoc) refEntries(i int) []refEntry {
	var out []refEntry
	for _, it := range d.items(d.clauses[i].Line+1, d.spanEnd(i)) {
		if isRefLeadIn(it.text) || isNote(it.text) {
			continue
		}
		out = append(out, parseReference(it))
	}
	return out
}

// isRefLeadIn reports the sentences of chapter 2 that are not entries: the
// lead-in and "本文件没有规范性引用文件。".
func isRefLeadIn(s string) bool {
	s = squeeze(s)
	return strings.Contains(s, "规范性引用") || strings.Contains(s, "下列文件")
}

var reListMarker = regexp.MustCompile(`^(?:[-*+][ \t]+|[0-9]{1,3}[.)）][ \t\x{3000}]*|[a-z][)）][ \t\x{3000}]*|[（(][0-9a-z]{1,3}[)）][ \t\x{3000}]*)`)

// items splits lines from..to-1 into paragraphs and list items. A line that
// starts with a list marker or a capital letter starts a new item.
func (d *lintDoc) items(from, to int) []lineText {
	var out []lineText
	open := false
	for n := from; n < to && n <= len(d.lines); n++ {
		raw := d.lines[n-1]
		t := strings.TrimSpace(raw)
		switch {
		case t == "" || d.code[n-1] || reHeading.MatchString(raw) || strings.HasPrefix(t, "|"):
			open = false
		case open && !startsItem(t):
			out[len(out)-1].text += t
		default:
			out = append(out, lineText{n, strings.TrimSpace(reListMarker.ReplaceAllString(t, ""))})
			open = true
		}
	}
	return out
}

// startsItem reports whether a line starts a new entry: a list marker or
// the capital letter of a standard number.
func startsItem(t string) bool {
	if reListMarker.MatchString(t) {
		return true
	}
	for _, r := range t {
		return isUpperASCII(foldNumberRune(r))
	}
	return false
}

var reIntlNumber = regexp.MustCompile(`^((?:ISO|IEC|ITU|IEEE|ASTM|ANSI|EN|DIN|JIS|BS|NF|API|SAE|UL|CIE|CISPR|OIML)(?:[/-][A-Z]+)*)[ \t]*([0-9][0-9.\-]*)(?:[ \t]*[:：][ \t]*([0-9]{4}))?`)

// reAdoption matches a Chinese number followed by the international
// document it adopts: "GB/T 19001—2016/ISO 9001:2015".
var reAdoption = regexp.MustCompile(`^(\S[^/]*(?:/[TZ])?[^/]*?[0-9]{2,4})[ \t]*/[ \t]*(?:ISO|IEC|ITU|EN|IEEE)(?:/[A-Z]+)*[ \t]*[0-9][0-9.\-]*(?:[ \t]*[:：][ \t]*[0-9]{4})?`)

// parseReference reads the number and title of an entry.
func parseReference(it lineText) refEntry {
	e := refEntry{Reference: Reference{Text: it.text, Line: it.line}}
	if m := reIntlNumber.FindStringSubmatch(it.text); m != nil {
		e.Number = StdNumber{Prefix: m[1], Code: m[2], Year: m[3], Level: "international"}
		e.Dated, e.Title = m[3] != "", refTitle(it.text[len(m[0]):])
		return e
	}
	text := it.text
	if m := reAdoption.FindStringSubmatchIndex(text); m != nil {
		text = text[:m[3]] + text[m[1]:] // GB/T 19001—2016/ISO 9001:2015: the Chinese number
	}
	n, rest, err := leadingNumber(text)
	if err != "" {
		e.err = err
		return e
	}
	e.Number, e.Dated, e.Title = n, n.Year != "", refTitle(rest)
	return e
}

// leadingNumber reads the standard number at the start of s and returns it
// with the text after it, or the reason there is none.
func leadingNumber(s string) (StdNumber, string, string) {
	end := numberRunEnd(s)
	if strings.TrimSpace(s[:end]) == "" {
		return StdNumber{}, "", "the entry does not start with a standard number"
	}
	var first error
	// Shorten at blanks: a title may start with Latin letters.
	for cut := end; cut > 0; cut = strings.LastIndexAny(strings.TrimRight(s[:cut], " \t\u3000"), " \t\u3000") {
		n, err := ParseNumber(s[:cut])
		if err == nil {
			return n, s[cut:], ""
		}
		if first == nil {
			first = err
		}
	}
	if ne, ok := first.(*NumberError); ok {
		return StdNumber{}, "", ne.Reason
	}
	return StdNumber{}, "", first.Error()
}

// maxNumberRunes bounds the run read as a number: the longest standard
// numbers ("T/ABCDEFGHIJKL 123456.1234—2026") are about 32 characters.
const maxNumberRunes = 40

// numberRunEnd returns the byte offset at which the run of characters that
// may make up a standard number ends.
func numberRunEnd(s string) int {
	runes := 0
	for i, r := range s {
		r = foldNumberRune(r)
		if runes == maxNumberRunes || !isAlnumASCII(r) && !strings.ContainsRune("/.- ", r) {
			return i
		}
		runes++
	}
	return len(s)
}

// refTitle returns the title in the text after a number: 《》 and
// separators taken off.
func refTitle(s string) string {
	s = strings.TrimSpace(strings.Trim(s, " \t\u3000,，、:：;；。"))
	s = strings.TrimSuffix(strings.TrimPrefix(s, "《"), "》")
	return strings.TrimSpace(s)
}

// checkReferences checks chapter 2 规范性引用文件 and how the body cites
// what it lists.
func (d *lintDoc) checkReferences() {
	i, ok := d.findChapter(isRefsTitle)
	if !ok {
		return
	}
	entries := d.refEntries(i)
	d.refChapter(i, entries)
	for _, e := range entries {
		d.refEntry(e)
	}
	d.refCitations(entries)
}

// refChapter checks the lead-in of chapter 2, or its sentence saying it
// lists nothing.
func (d *lintDoc) refChapter(i int, entries []refEntry) {
	c := d.clauses[i]
	text := d.spanText(c.Line+1, d.spanEnd(i))
	switch {
	case len(entries) == 0 && !strings.Contains(text, "本文件没有规范性引用文件"):
		d.add(SeverityError, "references.empty-sentence", c.Line,
			"“规范性引用文件”一章没有引用文件：应写明“本文件没有规范性引用文件。”",
			"Chapter \"规范性引用文件\" lists no document: say so with \"本文件没有规范性引用文件。\"")
	case len(entries) > 0 && !strings.Contains(text, "通过文中的规范性引用而构成本文件必不可少的条款"):
		d.add(SeverityWarning, "references.lead-in", c.Line,
			"“规范性引用文件”一章缺少 GB/T 1.1—2020 规定的引导语：“下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。”",
			"Chapter \"规范性引用文件\" lacks the lead-in GB/T 1.1-2020 prescribes (\"下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。…\").")
	}
}

// refEntry checks that an entry is a standard number with its title.
func (d *lintDoc) refEntry(e refEntry) {
	switch {
	case e.err != "" && isLawEntry(e.Text):
		d.add(SeverityError, "references.format", e.Line,
			fmt.Sprintf("“%s”是法律法规或政策文件，不应列入规范性引用文件：法律法规是文件的依据，在前言或引言中说明；第2章只列标准等规范性文件（GB/T 1.1—2020 8.6）。", e.Text),
			fmt.Sprintf("%q is a law, regulation or policy document and does not belong in chapter 2: name it as legal basis in the foreword or introduction; chapter 2 lists standards (GB/T 1.1-2020, 8.6).", e.Text))
	case e.err != "":
		d.add(SeverityError, "references.format", e.Line,
			fmt.Sprintf("引用文件“%s”不是以有效的标准编号开头：应写作“编号 名称”，如“GB/T 10001.1 公共信息图形符号 第1部分：通用符号”。", e.Text),
			fmt.Sprintf("The entry %q does not start with a valid standard number (%s): write \"number title\", as in \"GB/T 10001.1 公共信息图形符号 第1部分：通用符号\".", e.Text, e.err))
	case e.Title == "":
		d.add(SeverityWarning, "references.title", e.Line,
			fmt.Sprintf("引用文件 %s 缺少名称：编号之后应给出文件名称。", e.Number),
			fmt.Sprintf("The entry %s has no title: give the document's title after its number.", e.Number))
	}
}

// isLawEntry reports an entry of chapter 2 that names a law, a regulation
// or a policy document instead of a standard.
func isLawEntry(t string) bool {
	return reLawTitle.MatchString(t) || reLawName.MatchString(strings.TrimSpace(t))
}

var reLawName = regexp.MustCompile(`^[^A-Za-z0-9]*(?:中华人民共和国)?\S*(?:法|条例|规定|办法|细则)$`)
