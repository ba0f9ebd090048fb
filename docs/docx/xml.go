package docx

import (
	"strings"
	"unicode/utf8"
)

// esc escapes text for XML and drops what XML 1.0 cannot hold (control
// characters, invalid UTF-8).
func esc(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// run is a piece of text with one formatting.
type run struct {
	text         string
	bold, italic bool
	br           bool // a line break instead of text
	// xml, when set, is written instead of the text (a field, a bookmark);
	// text is then what it shows.
	xml string
}

func writeRuns(b *strings.Builder, runs []run) {
	for _, r := range runs {
		if r.br {
			b.WriteString(`<w:r><w:br/></w:r>`)
			continue
		}
		if r.xml != "" {
			b.WriteString(r.xml)
			continue
		}
		if r.text == "" {
			continue
		}
		b.WriteString(`<w:r>`)
		if r.bold || r.italic {
			b.WriteString(`<w:rPr>`)
			if r.bold {
				b.WriteString(`<w:b/>`)
			}
			if r.italic {
				b.WriteString(`<w:i/>`)
			}
			b.WriteString(`</w:rPr>`)
		}
		b.WriteString(`<w:t xml:space="preserve">`)
		b.WriteString(esc(r.text))
		b.WriteString(`</w:t></w:r>`)
	}
}

// para writes a paragraph of style with runs.
func para(b *strings.Builder, style string, runs ...run) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	writeRuns(b, runs)
	b.WriteString(`</w:p>`)
}

// numberedPara writes a paragraph numbered at level ilvl of numbering numID.
func numberedPara(b *strings.Builder, style string, numID, ilvl int, runs ...run) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/><w:numPr><w:ilvl w:val="`)
	b.WriteString(itoa(ilvl))
	b.WriteString(`"/><w:numId w:val="`)
	b.WriteString(itoa(numID))
	b.WriteString(`"/></w:numPr></w:pPr>`)
	writeRuns(b, runs)
	b.WriteString(`</w:p>`)
}

// field writes a complex field with its instruction and the result shown
// until Word updates it.
func field(b *strings.Builder, instr, result string) {
	b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">`)
	b.WriteString(esc(instr))
	b.WriteString(`</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">`)
	b.WriteString(esc(result))
	b.WriteString(`</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
}

func itoa(n int) string {
	if n >= 0 && n < 10 {
		return string(rune('0' + n))
	}
	var d [20]byte
	i := len(d)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		d[i] = '-'
	}
	return string(d[i:])
}
