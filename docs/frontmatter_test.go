package docs

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     Meta
		body     string
		errLine  int
	}{
		{"none", "# 标题\n", Meta{}, "# 标题\n", 0},
		{"corpus form", "---\nid: t-000a5e4362e6\nnumber: \"GB 55001—2021\"\ntitle: \"工程结构通用规范\"\nlevel: national\nstatus: current\nissue_date: 2021-04-09\n---\n正文\n",
			Meta{ID: "t-000a5e4362e6", Number: "GB 55001—2021", Title: "工程结构通用规范", Level: "national", Status: "current", IssueDate: "2021-04-09"}, "正文\n", 0},
		{"unquoted region and list", "---\nregion: 31\nreplaces:\n  - DB31/T 1—2010\n  - DB31/T 2—2011\n---\n",
			Meta{Region: "31", Replaces: StringList{"DB31/T 1—2010", "DB31/T 2—2011"}}, "", 0},
		{"replaces as one string", "---\nreplaces: GB/T 1—2000\n---\n", Meta{Replaces: StringList{"GB/T 1—2000"}}, "", 0},
		{"BOM and CRLF", "\ufeff---\r\ntitle: 标题\r\n---\r\n正文", Meta{Title: "标题"}, "正文", 0},
		{"empty block", "---\n---\n正文", Meta{}, "正文", 0},
		{"syntax error", "---\ntitle: [x\n---\n", Meta{}, "", 2},
		{"map where a string goes", "---\ntitle:\n  a: b\n---\n", Meta{}, "", -1},
		{"unclosed", "---\ntitle: x\n正文\n", Meta{}, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, body, err := ParseFrontMatter(tc.in)
			if tc.errLine != 0 {
				fe, ok := err.(*FrontMatterError)
				if !ok {
					t.Fatalf("error = %v, want a FrontMatterError", err)
				}
				if tc.errLine > 0 && fe.Line != tc.errLine {
					t.Errorf("error line = %d, want %d (%v)", fe.Line, tc.errLine, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, m); diff != "" {
				t.Errorf("meta (-want +got):\n%s", diff)
			}
			if body != tc.body {
				t.Errorf("body = %q, want %q", body, tc.body)
			}
		})
	}
}

func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\nbody", "---\n", "---\nreplaces: [a, b]\n---\n", "---\n: :\n---",
		"\ufeff---\r\nid: 1\r\n...\r\n", "---\ntitle: &a [*a]\n---\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, body, err := ParseFrontMatter(s)
		if err != nil {
			return
		}
		if !strings.HasSuffix(s, body) {
			t.Fatalf("body %q is not the tail of the text %q", body, s)
		}
		_ = m
		stripped, n := StripFrontMatter(s)
		if stripped != body || s[n:] != body {
			t.Fatalf("StripFrontMatter = %q (%d), ParseFrontMatter body %q", stripped, n, body)
		}
	})
}
