package server_test

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"norma/internal/htmlcheck"
)

// accessibility returns what a page lacks for people who use a screen
// reader or the keyboard: one h1, the language, the landmarks, a skip link
// first, a name for every control, link, button and image, unique ids and
// table headers.
func accessibility(doc *html.Node, lang string) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, "a11y: "+fmt.Sprintf(format, args...)) }
	if n := len(htmlcheck.Select(doc, "h1")); n != 1 {
		add("%d h1 elements, want 1", n)
	}
	if root := htmlcheck.First(doc, "html"); root == nil || htmlcheck.Attr(root, "lang") != lang {
		add("html lang is not %q", lang)
	}
	for _, l := range []string{"header", "nav", "main", "footer"} {
		if htmlcheck.First(doc, l) == nil {
			add("no <%s> landmark", l)
		}
	}
	if n := len(htmlcheck.Select(doc, "main")); n > 1 {
		add("%d <main> elements", n)
	}
	if f := firstFocusable(doc); f == nil || f.Data != "a" || htmlcheck.Attr(f, "href") != "#main" {
		add("the first focusable element is not the skip link to #main")
	} else if m := htmlcheck.First(doc, `main[id="main"]`); m == nil {
		add("the skip link leads to no <main id=main>")
	}
	ids := map[string]int{}
	labelFor := map[string]bool{}
	walkElements(doc, func(n *html.Node) {
		if id := htmlcheck.Attr(n, "id"); id != "" {
			ids[id]++
		}
		if n.Data == "label" && htmlcheck.Attr(n, "for") != "" {
			labelFor[htmlcheck.Attr(n, "for")] = true
		}
	})
	for id, n := range ids {
		if n > 1 {
			add("id %q used %d times", id, n)
		}
	}
	walkElements(doc, func(n *html.Node) {
		switch n.Data {
		case "input", "select", "textarea":
			typ := htmlcheck.Attr(n, "type")
			if n.Data == "input" && slices.Contains([]string{"hidden", "submit", "button", "reset", "image"}, typ) {
				if typ != "hidden" && accessibleName(n) == "" && htmlcheck.Attr(n, "value") == "" {
					add("an unnamed %s button", typ)
				}
				return
			}
			if !labelled(n, labelFor, ids) {
				add("<%s name=%q> has no label", n.Data, htmlcheck.Attr(n, "name"))
			}
		case "button", "a":
			if n.Data == "a" && htmlcheck.Attr(n, "href") == "" {
				return
			}
			if accessibleName(n) == "" {
				add("a <%s> without an accessible name: %s", n.Data, htmlcheck.Render(n))
			}
		case "img":
			if !hasAttr(n, "alt") {
				add("an image without alt: %s", htmlcheck.Render(n))
			}
		case "table":
			if r := htmlcheck.Attr(n, "role"); r != "presentation" && r != "none" && htmlcheck.First(n, "th") == nil {
				add("a table without th headers (class %q)", htmlcheck.Attr(n, "class"))
			}
		}
	})
	return out
}

func walkElements(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkElements(c, fn)
	}
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// firstFocusable is the first element the Tab key reaches.
func firstFocusable(doc *html.Node) *html.Node {
	var found *html.Node
	walkElements(doc, func(n *html.Node) {
		if found != nil || htmlcheck.Attr(n, "tabindex") == "-1" {
			return
		}
		switch {
		case n.Data == "a" && hasAttr(n, "href"),
			n.Data == "button", n.Data == "select", n.Data == "textarea", n.Data == "summary",
			n.Data == "input" && htmlcheck.Attr(n, "type") != "hidden",
			hasAttr(n, "tabindex"):
			found = n
		}
	})
	return found
}

// accessibleName is the name a screen reader announces: aria-label, the
// text, the images' alternative text, or the title.
func accessibleName(n *html.Node) string {
	if v := strings.TrimSpace(htmlcheck.Attr(n, "aria-label")); v != "" {
		return v
	}
	if v := strings.TrimSpace(htmlcheck.Text(n)); v != "" {
		return v
	}
	for _, img := range htmlcheck.Select(n, "img") {
		if v := strings.TrimSpace(htmlcheck.Attr(img, "alt")); v != "" {
			return v
		}
	}
	return strings.TrimSpace(htmlcheck.Attr(n, "title"))
}

// labelled says whether a form control has a label: aria-label,
// aria-labelledby naming present ids, a label for its id, or a label
// around it.
func labelled(n *html.Node, labelFor map[string]bool, ids map[string]int) bool {
	if strings.TrimSpace(htmlcheck.Attr(n, "aria-label")) != "" {
		return true
	}
	if by := strings.Fields(htmlcheck.Attr(n, "aria-labelledby")); len(by) > 0 {
		ok := true
		for _, id := range by {
			ok = ok && ids[id] > 0
		}
		if ok {
			return true
		}
	}
	if id := htmlcheck.Attr(n, "id"); id != "" && labelFor[id] {
		return true
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "label" {
			return true
		}
	}
	return false
}
