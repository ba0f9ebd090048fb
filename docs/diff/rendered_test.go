package diff_test

import (
	"strings"
	"testing"

	"norma/docs"
	"norma/docs/diff"
	"norma/internal/htmlcheck"
)

// rendered marks the changes from old to new in their rendered form.
func rendered(t *testing.T, old, new string) string {
	t.Helper()
	return string(diff.Rendered(docs.Render(old), docs.Render(new)))
}

func texts(t *testing.T, fragment, selector string) []string {
	t.Helper()
	doc, err := htmlcheck.Parse(fragment)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range htmlcheck.Select(doc, selector) {
		out = append(out, htmlcheck.Text(n))
	}
	return out
}

// The changed words are marked inside the formatted text: the heading stays
// a heading, the table a table, the list a list.
func TestRenderedMarksChangesInFormattedText(t *testing.T) {
	old := "## 4 要求\n\n会务人员应经过岗位培训。\n\n| 项目 | 要求 |\n| --- | --- |\n| 座位 | 50 个 |\n\n- 第一项\n- 第二项\n"
	new := "## 4 基本要求\n\n会务人员应经过岗位培训并考核合格。\n\n| 项目 | 要求 |\n| --- | --- |\n| 座位 | 80 个 |\n\n- 第一项\n"
	out := rendered(t, old, new)
	if got := texts(t, out, "h2 ins"); len(got) != 1 || got[0] != "基本" {
		t.Errorf("heading insertions %q in\n%s", got, out)
	}
	if got := texts(t, out, "p ins"); len(got) != 1 || got[0] != "并考核合格" {
		t.Errorf("paragraph insertions %q in\n%s", got, out)
	}
	if got, want := texts(t, out, "td del"), []string{"5"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("table deletions %q in\n%s", got, out)
	}
	if got := texts(t, out, "td ins"); len(got) != 1 || got[0] != "8" {
		t.Errorf("table insertions %q in\n%s", got, out)
	}
	if got := strings.Join(texts(t, out, "del"), ""); !strings.Contains(got, "第二项") {
		t.Errorf("the deleted list item is not shown deleted: %q in\n%s", got, out)
	}
	if len(texts(t, out, "table")) != 1 || len(texts(t, out, "li")) != 1 || len(texts(t, out, "h2")) != 1 {
		t.Errorf("the formatting is lost:\n%s", out)
	}
}

// Equal texts come back as rendered, with nothing marked.
func TestRenderedUnchanged(t *testing.T) {
	text := "# 标题\n\n正文 *强调* 与 `代码`。\n"
	out := rendered(t, text, text)
	if out != string(docs.Render(text)) {
		t.Errorf("an unchanged text is not rendered as it is:\n%s\n%s", out, docs.Render(text))
	}
}

// Untrusted Markdown, inserted or deleted, never brings active markup into
// the rendered comparison: deleted and inserted text is escaped, and the
// markup comes only from the sanitized renderer.
func TestRenderedNeverInjectsScript(t *testing.T) {
	payloads := []string{
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[点我](javascript:alert(1))",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<svg onload=alert(1)>",
		"`</code><script>alert(1)</script>`",
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
		"![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"<style>body{display:none}</style>",
	}
	base := "## 1 范围\n\n本文件规定了会议服务的要求。\n"
	for _, p := range payloads {
		for _, pair := range [][2]string{{base, base + "\n" + p + "\n"}, {base + "\n" + p + "\n", base}, {base + p, base + "改" + p + "动"}} {
			out := rendered(t, pair[0], pair[1])
			bad, err := htmlcheck.Active(out)
			if err != nil {
				t.Fatal(err)
			}
			// The renderer's own output may hold an image without a source;
			// the comparison adds nothing to it.
			own, _ := htmlcheck.Active(string(docs.Render(pair[1])))
			if strings.Join(bad, " ") != strings.Join(own, " ") {
				t.Errorf("payload %q: active markup %v (the renderer's: %v) in\n%s", p, bad, own, out)
			}
			for _, s := range bad {
				if s != "<img>" {
					t.Errorf("payload %q: %s in\n%s", p, s, out)
				}
			}
		}
	}
}
