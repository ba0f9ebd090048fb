package docs

import (
	"bytes"
	"html/template"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	mdOnce   sync.Once
	markdown goldmark.Markdown
	policy   *bluemonday.Policy
)

func setup() {
	markdown = goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(rawHTMLAsText{}, 100)),
		),
	)
	policy = bluemonday.UGCPolicy()
	policy.AllowAttrs("class").Matching(regexp.MustCompile(`^[a-z0-9 _-]+$`)).Globally()
	policy.AllowAttrs("id").Matching(regexp.MustCompile(`^[A-Za-z0-9:._-]+$`)).Globally()
	policy.RequireNoFollowOnLinks(true)
}

// Render turns a text (front matter allowed, and left out) into safe HTML
// (goldmark never runs with its unsafe option):
// GFM tables and footnotes, an id on every clause (see Clauses), raw HTML
// shown as text, and the result sanitized so that no script, event handler
// or javascript: link survives.
func Render(text string) template.HTML {
	mdOnce.Do(setup)
	body, skipped := StripFrontMatter(text)
	src := []byte(body)
	doc := markdown.Parser().Parse(gtext.NewReader(src))
	anchorClauses(doc, src, text, skipped)
	var buf bytes.Buffer
	if err := markdown.Renderer().Render(&buf, src, doc); err != nil {
		// Rendering to memory fails only on a bug; show the text escaped.
		return template.HTML("<pre>" + template.HTMLEscapeString(body) + "</pre>")
	}
	return template.HTML(policy.SanitizeBytes(buf.Bytes()))
}

// anchorClauses puts each clause's anchor on the heading or top-level
// paragraph on whose first line the clause starts.
func anchorClauses(doc ast.Node, src []byte, text string, skipped int) {
	byLine := map[int]Clause{}
	for _, c := range Clauses(text) {
		byLine[c.Line] = c
	}
	if len(byLine) == 0 {
		return
	}
	lineStarts := []int{0}
	for i, b := range src {
		if b == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	skippedLines := strings.Count(text[:skipped], "\n")
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindHeading && n.Kind() != ast.KindParagraph || n.Lines().Len() == 0 {
			continue
		}
		start := n.Lines().At(0).Start
		line := sort.Search(len(lineStarts), func(i int) bool { return lineStarts[i] > start })
		if c, ok := byLine[line+skippedLines]; ok {
			n.SetAttributeString("id", []byte(c.Anchor))
			if c.Kind != KindElement {
				n.SetAttributeString("class", []byte("clause clause-"+c.Kind))
			}
		}
	}
}

// rawHTMLAsText renders raw HTML found in Markdown as visible, escaped text,
// so that what a drafter typed is seen and never run.
type rawHTMLAsText struct{}

func (rawHTMLAsText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindImage, renderImage)
}

// renderImage shows a Markdown image as a link to it, labelled with its alt
// text: Norma keeps no images, so an image can only point elsewhere, and
// loading it with the page would tell that address who reads which draft.
// The reader may follow the link on purpose.
func renderImage(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	img := n.(*ast.Image)
	label := strings.TrimSpace(plainTextOf(img, src))
	dest := img.Destination
	_, _ = w.WriteString(`<a class="image-link"`)
	if len(dest) > 0 && !html.IsDangerousURL(dest) {
		_, _ = w.WriteString(` href="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(dest, true)))
		_, _ = w.WriteString(`"`)
	}
	_, _ = w.WriteString(`>`)
	if label == "" {
		label = string(dest)
	}
	_, _ = w.WriteString(template.HTMLEscapeString("［图片：" + label + "］"))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkSkipChildren, nil
}

// plainTextOf is the text of n's inline children, markup left out.
func plainTextOf(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			// its children are Text nodes, walked next
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func renderRawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		_, _ = w.WriteString(template.HTMLEscapeString(string(s.Value(src))))
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	_, _ = w.WriteString("<pre class=\"raw-html\">")
	for i := 0; i < b.Lines().Len(); i++ {
		s := b.Lines().At(i)
		_, _ = w.WriteString(template.HTMLEscapeString(string(s.Value(src))))
	}
	if b.HasClosure() {
		_, _ = w.WriteString(template.HTMLEscapeString(string(b.ClosureLine.Value(src))))
	}
	_, _ = w.WriteString("</pre>\n")
	return ast.WalkContinue, nil
}
