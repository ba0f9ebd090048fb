package docs

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// activeMarkup lists every element of an HTML fragment that could run code
// or load content: script, style, iframe, object, embed, img, svg, math,
// event handler attributes, and javascript:, vbscript: or data: URLs.
func activeMarkup(tb testing.TB, fragment string) []string {
	tb.Helper()
	var bad []string
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				tb.Fatal(z.Err())
			}
			return bad
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "style", "iframe", "object", "embed", "img", "svg", "math", "form", "input", "base", "link", "meta":
			bad = append(bad, "<"+tok.Data+">")
		}
		for _, a := range tok.Attr {
			v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcdoc" ||
				strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:") {
				bad = append(bad, fmt.Sprintf("<%s %s=%q>", tok.Data, a.Key, a.Val))
			}
		}
	}
}
