// Package htmlcheck is what tests use to look at HTML: Active finds markup
// that could run code in a fragment, and Select picks elements by a small
// CSS selector, so that a test asserts on elements and their text rather
// than on substrings of the markup.
package htmlcheck

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// Active lists every element of an HTML fragment that could run code or
// load content: script, style, iframe, object, embed, img, svg, math, form
// elements, event handler and style attributes, and javascript:, vbscript:
// or data: URLs.
func Active(fragment string) ([]string, error) {
	var bad []string
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return bad, z.Err()
			}
			return bad, nil
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			bad = append(bad, activeIn(z.Token())...)
		}
	}
}

func activeIn(tok html.Token) []string {
	var bad []string
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
	return bad
}
