package server

import (
	"context"
	"fmt"
	"norma/internal/need"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"norma/docs"
	chromiumprint "norma/print/chromium"
)

// The body's first page is read from the outline of a PDF Chromium wrote,
// through a page tree deep enough to have inner nodes.
func TestPDFOutlinePage(t *testing.T) {
	path, err := chromiumprint.Find(os.Getenv("NORMA_TEST_CHROMIUM"))
	if err != nil {
		need.Absent(t, "no Chromium on this machine: the outline test was skipped")
	}
	p := chromiumprint.New(path)
	t.Cleanup(p.Close)
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><style>@page{size:A6} h1{break-before:page}</style>`)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "<h1>第%d页</h1><p>x</p>", i)
	}
	pdf, err := p.PrintPDF(context.Background(), b.String())
	if err != nil {
		t.Fatal(err)
	}
	if n := pdfPages(pdf); n != 40 {
		t.Fatalf("%d pages, want 40", n)
	}
	for _, i := range []int{1, 2, 9, 17, 40} {
		if got := pdfOutlinePage(pdf, fmt.Sprintf("第%d页", i)); got != i {
			t.Errorf("the heading on page %d is found on page %d", i, got)
		}
	}
	if got := pdfOutlinePage(pdf, "不在"); got != 0 {
		t.Errorf("a missing heading is found on page %d, want 0", got)
	}
}

// Each numbered table gets the 续 row first in its header, inside the
// clipping box; tables without a number are left alone.
func TestContinuedTables(t *testing.T) {
	body := string(docs.Render("## 1 范围\n\n表 1 甲\n\n| a | b | c |\n| - | - | - |\n| 1 | 2 | 3 |\n\n## 附录 A（资料性）附\n\n| d |\n| - |\n| 4 |\n"))
	doc, err := html.Parse(strings.NewReader(continuedTables(body)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(n *html.Node, box bool)
	walk = func(n *html.Node, box bool) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "div" && attr["class"] == "continued":
				box = true
			case n.Data == "table":
				first := n.FirstChild
				for first != nil && first.Type != html.ElementNode {
					first = first.NextSibling
				}
				row := ""
				if first != nil && first.Data == "thead" {
					for r := first.FirstChild; r != nil; r = r.NextSibling {
						if r.Type == html.ElementNode {
							for _, a := range r.Attr {
								if a.Key == "class" && a.Val == "cont" && r.FirstChild != nil {
									c := r.FirstChild
									row = c.FirstChild.Data
									for _, a := range c.Attr {
										if a.Key == "colspan" {
											row += " colspan " + a.Val
										}
									}
								}
							}
							break
						}
					}
				}
				got = append(got, fmt.Sprintf("box %v, row %q", box, row))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, box)
		}
	}
	walk(doc, false)
	want := []string{`box true, row "表 1（续） colspan 3"`, `box true, row "表 A.1（续） colspan 1"`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tables:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if plain := "<p>x</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>"; continuedTables(plain) != plain {
		t.Error("a table without a numbered title was changed")
	}
}
