package diff

import (
	"html"
	"html/template"
	"io"
	"strings"

	xhtml "golang.org/x/net/html"
)

// Rendered marks what changed between two texts in their formatted form:
// oldHTML and newHTML are the two texts rendered to HTML by the same
// renderer (and sanitized by it). The text of their text nodes is compared;
// the result is newHTML with inserted text in <ins> and deleted text in
// <del>, each inside the text node it belongs to, so that the markup stays
// balanced and nothing but escaped text and ins/del elements is added to
// what the renderer made. Deleted text met between blocks is shown at the
// start of the next block's text; deleted text after the last one in a
// paragraph of its own at the end.
func Rendered(oldHTML, newHTML template.HTML) template.HTML {
	old := textOfHTML(string(oldHTML))
	toks := htmlTokens(string(newHTML))
	var newText strings.Builder
	for _, t := range toks {
		if t.text {
			newText.WriteString(t.s)
		}
	}
	m := marker{ops: Compute(old, newText.String()).Ops}
	var b strings.Builder
	for _, t := range toks {
		if !t.text {
			b.WriteString(t.s)
			continue
		}
		m.text(&b, t.s)
	}
	m.rest()
	if m.pending.Len() > 0 {
		b.WriteString(`<p class="diff-deleted"><del>` + html.EscapeString(m.pending.String()) + `</del></p>`)
	}
	return template.HTML(b.String())
}

// htmlToken is a piece of HTML: markup kept as it is, or a text node
// (unescaped).
type htmlToken struct {
	s    string
	text bool
}

// htmlTokens splits HTML into its markup and its text nodes.
func htmlTokens(s string) []htmlToken {
	var out []htmlToken
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			if z.Err() != io.EOF {
				// Not reached for a string; keep what is left as escaped text.
				out = append(out, htmlToken{s: string(z.Raw()), text: true})
			}
			return out
		case xhtml.TextToken:
			out = append(out, htmlToken{s: string(z.Text()), text: true})
		default:
			out = append(out, htmlToken{s: string(z.Raw())})
		}
	}
}

// textOfHTML joins the text nodes of HTML.
func textOfHTML(s string) string {
	var b strings.Builder
	for _, t := range htmlTokens(s) {
		if t.text {
			b.WriteString(t.s)
		}
	}
	return b.String()
}

// marker walks the operations along the text nodes of the new HTML.
type marker struct {
	ops     []Op
	k, off  int // the current op and how much of its text is used
	pending strings.Builder
}

// text writes one text node of the new HTML with its changes marked. A
// text node of white space only (between blocks) is written as it is, and
// the deletions met in it wait for the next text node that shows text.
func (m *marker) text(b *strings.Builder, s string) {
	blank := strings.TrimSpace(s) == ""
	if !blank {
		m.flush(b)
	}
	for s != "" && m.k < len(m.ops) {
		op := m.ops[m.k]
		rest := op.Text[m.off:]
		if op.Op == OpDelete {
			if blank {
				m.pending.WriteString(rest)
			} else {
				writeDeleted(b, rest)
			}
			m.k, m.off = m.k+1, 0
			continue
		}
		n := min(len(rest), len(s))
		piece := s[:n]
		switch {
		case blank:
			b.WriteString(html.EscapeString(piece))
		case op.Op == OpInsert && strings.TrimSpace(piece) != "":
			b.WriteString("<ins>" + html.EscapeString(piece) + "</ins>")
		default:
			b.WriteString(html.EscapeString(piece))
		}
		s = s[n:]
		if m.off += n; m.off == len(op.Text) {
			m.k, m.off = m.k+1, 0
		}
	}
	if s != "" { // not reached: the ops give the new text exactly
		b.WriteString(html.EscapeString(s))
	}
	// Deletions right after the text of a block belong to its end.
	if !blank {
		for m.k < len(m.ops) && m.ops[m.k].Op == OpDelete {
			writeDeleted(b, m.ops[m.k].Text[m.off:])
			m.k, m.off = m.k+1, 0
		}
	}
}

// rest keeps the deletions after the last text node.
func (m *marker) rest() {
	for ; m.k < len(m.ops); m.k, m.off = m.k+1, 0 {
		if m.ops[m.k].Op == OpDelete {
			m.pending.WriteString(m.ops[m.k].Text[m.off:])
		}
	}
	if strings.TrimSpace(m.pending.String()) == "" {
		m.pending.Reset()
	}
}

// flush writes the deletions waiting for a text node.
func (m *marker) flush(b *strings.Builder) {
	if m.pending.Len() > 0 {
		writeDeleted(b, m.pending.String())
		m.pending.Reset()
	}
}

// writeDeleted writes deleted text in <del>, unless it is only white space.
func writeDeleted(b *strings.Builder, s string) {
	if strings.TrimSpace(s) != "" {
		b.WriteString("<del>" + html.EscapeString(s) + "</del>")
	}
}
