package docs

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"
)

// PlainText returns the words of a text without Markdown syntax or front
// matter, one block to a line: what search indexes and snippets quote.
func PlainText(text string) string {
	mdOnce.Do(setup)
	body, _ := StripFrontMatter(text)
	src := []byte(body)
	doc := markdown.Parser().Parse(gtext.NewReader(src))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				b.Write(n.Segment.Value(src))
				if n.HardLineBreak() || n.SoftLineBreak() {
					b.WriteByte('\n')
				}
			}
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.Write(n.URL(src))
			}
		case *ast.RawHTML:
			if entering {
				for i := 0; i < n.Segments.Len(); i++ {
					seg := n.Segments.At(i)
					b.Write(seg.Value(src))
				}
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			if entering {
				for i := 0; i < n.Lines().Len(); i++ {
					seg := n.Lines().At(i)
					b.Write(seg.Value(src))
				}
				endBlock(&b)
			}
			return ast.WalkSkipChildren, nil
		case *east.TableCell:
			if !entering {
				b.WriteByte('\t')
			}
		default:
			if !entering && n.Type() == ast.TypeBlock && n.Kind() != ast.KindDocument {
				endBlock(&b)
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

func endBlock(b *strings.Builder) {
	s := b.String()
	if s != "" && !strings.HasSuffix(s, "\n") {
		b.WriteByte('\n')
	}
}
