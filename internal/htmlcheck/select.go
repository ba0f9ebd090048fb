package htmlcheck

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// Parse parses a page or a fragment into a document tree.
func Parse(s string) (*html.Node, error) {
	return html.Parse(strings.NewReader(s))
}

// Select returns the elements under n (n included) that match selector, in
// document order. A selector is compound selectors separated by spaces, each
// one matching a descendant of the one before it; a compound selector is an
// optional tag name followed by any of #id, .class, [attr] and
// [attr=value] (value optionally quoted; use [id=…] for an id holding dots).
// It panics on a selector it cannot read: selectors are written in tests.
func Select(n *html.Node, selector string) []*html.Node {
	parts := strings.Fields(selector)
	if len(parts) == 0 {
		panic("htmlcheck: empty selector")
	}
	steps := make([]compound, len(parts))
	for i, p := range parts {
		steps[i] = parseCompound(p)
	}
	found := []*html.Node{n}
	for k, step := range steps {
		var next []*html.Node
		seen := map[*html.Node]bool{}
		for _, root := range found {
			walk(root, k > 0, func(e *html.Node) {
				if !seen[e] && step.matches(e) {
					seen[e] = true
					next = append(next, e)
				}
			})
		}
		found = next
	}
	return found
}

// First returns the first element under n that matches selector, or nil.
func First(n *html.Node, selector string) *html.Node {
	if s := Select(n, selector); len(s) > 0 {
		return s[0]
	}
	return nil
}

// Text returns the text of n and all its descendants, as a reader sees it
// (entities decoded, tags dropped).
func Text(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return b.String()
}

// Attr returns the value of n's attribute key, "" when it has none.
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Render returns the markup of n and its descendants.
func Render(n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		panic(err) // a strings.Builder does not fail
	}
	return b.String()
}

// walk calls fn for every element under root in document order, root
// itself unless below.
func walk(root *html.Node, below bool, fn func(*html.Node)) {
	if root.Type == html.ElementNode && !below {
		fn(root)
	}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		walk(c, false, fn)
	}
}

// compound is one compound selector.
type compound struct {
	tag     string
	classes []string
	attrs   [][2]string // key, value; value "\x00" matches any value
}

const anyValue = "\x00"

func parseCompound(s string) compound {
	var c compound
	i := strings.IndexAny(s, "#.[")
	if i < 0 {
		i = len(s)
	}
	c.tag, s = strings.ToLower(s[:i]), s[i:]
	if strings.IndexFunc(c.tag, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-') }) >= 0 {
		panic(fmt.Sprintf("htmlcheck: cannot read the tag name %q (only descendant selectors are supported)", c.tag))
	}
	for s != "" {
		switch s[0] {
		case '#', '.':
			end := strings.IndexAny(s[1:], "#.[") + 1
			if end == 0 {
				end = len(s)
			}
			if s[0] == '#' {
				c.attrs = append(c.attrs, [2]string{"id", s[1:end]})
			} else {
				c.classes = append(c.classes, s[1:end])
			}
			s = s[end:]
		case '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				panic(fmt.Sprintf("htmlcheck: unclosed [ in selector %q", s))
			}
			key, val, ok := strings.Cut(s[1:end], "=")
			if !ok {
				val = anyValue
			}
			c.attrs = append(c.attrs, [2]string{key, strings.Trim(val, `"'`)})
			s = s[end+1:]
		default:
			panic(fmt.Sprintf("htmlcheck: cannot read selector %q", s))
		}
	}
	return c
}

func (c compound) matches(n *html.Node) bool {
	if n.Type != html.ElementNode || c.tag != "" && n.Data != c.tag {
		return false
	}
	classes := strings.Fields(Attr(n, "class"))
	for _, cl := range c.classes {
		if !contains(classes, cl) {
			return false
		}
	}
	for _, a := range c.attrs {
		if !hasAttr(n, a[0], a[1]) {
			return false
		}
	}
	return true
}

func hasAttr(n *html.Node, key, val string) bool {
	for _, a := range n.Attr {
		if a.Key == key && (val == anyValue || a.Val == val) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
