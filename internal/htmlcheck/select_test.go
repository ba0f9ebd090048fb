package htmlcheck

import (
	"slices"
	"testing"

	"golang.org/x/net/html"
)

const page = `<!doctype html><html><head><script src="/app.js"></script></head><body>
<nav class="top"><a href="/">首页</a></nav>
<article class="text main" id="t"><h2 id="c-4.1.1">4.1.1 培训</h2>
<p>&lt;script&gt;alert(1)&lt;/script&gt; <mark>物业</mark>服务</p>
<table><tr><td class="old"><del>旧</del></td><td class="new"><ins>新</ins></td></tr></table></article>
<form><input name="body" value="x"><input name="csrf_token" type="hidden" value="t"></form>
</body></html>`

func texts(ns []*html.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, Text(n))
	}
	return out
}

func TestSelect(t *testing.T) {
	doc, err := Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		selector string
		want     []string
	}{
		{"mark", []string{"物业"}},
		{"article.text h2", []string{"4.1.1 培训"}},
		{"article.main.text p mark", []string{"物业"}},
		{"article.other p", nil},
		{"#t ins", []string{"新"}},
		{"[id=c-4.1.1]", []string{"4.1.1 培训"}},
		{`td[class="old"] del`, []string{"旧"}},
		{"td.new", []string{"新"}},
		{"nav a[href]", []string{"首页"}},
		{"article a", nil},
		{"p", []string{"<script>alert(1)</script> 物业服务"}},
		{"script", []string{""}},
	} {
		if got := texts(Select(doc, tc.selector)); !slices.Equal(got, tc.want) {
			t.Errorf("Select(%q) = %q, want %q", tc.selector, got, tc.want)
		}
	}
	if in := Select(doc, "input[type=hidden]"); len(in) != 1 || Attr(in[0], "name") != "csrf_token" || Attr(in[0], "value") != "t" {
		t.Errorf("hidden inputs = %d", len(in))
	}
	if n := First(doc, "article h2"); n == nil || Attr(n, "id") != "c-4.1.1" {
		t.Errorf("First(article h2) = %v", n)
	}
	if First(doc, "section") != nil {
		t.Error("First found a section the page lacks")
	}
	if got := Render(First(doc, "td.new")); got != `<td class="new"><ins>新</ins></td>` {
		t.Errorf("Render = %q", got)
	}
}

func TestSelectPanicsOnBadSelector(t *testing.T) {
	for _, s := range []string{"", "a[b", "p>q"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Select(%q) did not panic", s)
				}
			}()
			Select(&html.Node{}, s)
		}()
	}
}
