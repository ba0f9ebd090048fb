package docs

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"norma/internal/htmlcheck"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestRenderGolden renders testdata/render/*.md and compares with the .html
// beside each; run with -update to accept a change.
func TestRenderGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/render/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := string(Render(string(src)))
			golden := strings.TrimSuffix(in, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./docs -run Golden -update)", err)
			}
			if got != string(want) {
				t.Errorf("Render(%s) differs from %s; got:\n%s", in, golden, got)
			}
		})
	}
}

func TestRenderNoActiveMarkup(t *testing.T) {
	src, err := os.ReadFile("testdata/render/xss.md")
	if err != nil {
		t.Fatal(err)
	}
	out := string(Render(string(src)))
	for _, bad := range activeMarkup(t, out) {
		t.Errorf("rendering holds active markup %s:\n%s", bad, out)
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the script is not shown as text:\n%s", out)
	}
	if !strings.Contains(out, `href="https://www.sac.gov.cn/"`) {
		t.Errorf("a plain https link was lost:\n%s", out)
	}
}

func TestRenderAnchors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"## 5.2 管理要求\n", `<h2 id="c-5.2" class="clause clause-clause">5.2 管理要求</h2>`},
		{"## 附录 A（规范性）评价指标\n", `<h2 id="c-A" class="clause clause-annex">`},
		{"### A.1 检查项目\n", `<h3 id="c-A.1"`},
		{"5.1.1 应在会议开始前确认。\n", `<p id="c-5.1.1" class="clause clause-clause">5.1.1 应在`},
		{"## 前言\n", `<h2 id="c-foreword">前言</h2>`},
		{"第十二条　本办法自发布之日起施行。\n", `<p id="c-art-12" class="clause clause-article">`},
		{"## 5 要求\n\n## 5 要求\n", `<h2 id="c-5_2"`},
		{"- 5.1.1 列表项不是条款\n", `<li>5.1.1 列表项不是条款</li>`},
	} {
		if got := string(Render(tc.in)); !strings.Contains(got, tc.want) {
			t.Errorf("Render(%q) = %s\nwant it to contain %s", tc.in, got, tc.want)
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{"# x", "<script>x</script>", "[a](javascript:x)", "---\ntitle: x\n---\n## 1 范围",
		"5.1.1 应", "## 附录 A（资料性）表", "| a |\n| - |\n| <b onclick=x> |", "x[^1]\n\n[^1]: <img src=x onerror=y>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := string(Render(s))
		if bad := activeMarkup(t, out); len(bad) > 0 {
			t.Fatalf("Render(%q) lets %v through:\n%s", s, bad, out)
		}
		_ = PlainText(s)
		_ = Clauses(s)
	})
}

func TestRenderImagesAsLinks(t *testing.T) {
	for _, tc := range []struct{ in, text, href string }{
		{"![图 1 服务流程](https://example.com/flow.png)\n", "［图片：图 1 服务流程］", "https://example.com/flow.png"},
		{"![](0)\n", "［图片：0］", "0"},
		{"见![*流程*图](a.png \"t\")。\n", "［图片：流程图］", "a.png"},
		{"![x](javascript:alert(1))\n", "［图片：x］", ""},
	} {
		out := string(Render(tc.in))
		if bad := activeMarkup(t, out); len(bad) > 0 {
			t.Errorf("Render(%q) lets %v through:\n%s", tc.in, bad, out)
		}
		doc, err := htmlcheck.Parse(out)
		if err != nil {
			t.Fatal(err)
		}
		a := htmlcheck.First(doc, "a.image-link")
		if a == nil {
			t.Errorf("Render(%q) has no image link:\n%s", tc.in, out)
			continue
		}
		if got := htmlcheck.Text(a); got != tc.text {
			t.Errorf("Render(%q): link text %q, want %q", tc.in, got, tc.text)
		}
		href := ""
		for _, at := range a.Attr {
			if at.Key == "href" {
				href = at.Val
			}
		}
		if href != tc.href {
			t.Errorf("Render(%q): href %q, want %q", tc.in, href, tc.href)
		}
	}
}
