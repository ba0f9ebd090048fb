package diff

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"norma/internal/corpus"
	"norma/internal/revgen"
)

// checkDiff fails unless d turns old into new exactly, its ops are
// normalised (and cut between characters when the texts are valid UTF-8)
// and its stats count them.
func checkDiff(tb testing.TB, old, new string, d Diff) {
	tb.Helper()
	var gotOld, gotNew strings.Builder
	var want Stats
	valid := utf8.ValidString(old) && utf8.ValidString(new)
	for k, op := range d.Ops {
		if op.Text == "" {
			tb.Fatalf("op %d is empty", k)
		}
		if valid && !utf8.ValidString(op.Text) {
			tb.Fatalf("op %d cuts a character: %q", k, op.Text)
		}
		if k > 0 && d.Ops[k-1].Op == op.Op {
			tb.Fatalf("ops %d and %d are both %s", k-1, k, op.Op)
		}
		switch op.Op {
		case OpEqual:
			gotOld.WriteString(op.Text)
			gotNew.WriteString(op.Text)
		case OpDelete:
			gotOld.WriteString(op.Text)
			want.Deleted += utf8.RuneCountInString(op.Text)
		case OpInsert:
			gotNew.WriteString(op.Text)
			want.Inserted += utf8.RuneCountInString(op.Text)
		default:
			tb.Fatalf("op %d has kind %q", k, op.Op)
		}
	}
	if gotOld.String() != old {
		tb.Fatalf("equal+delete ops do not give the old text:\n got %q\nwant %q", gotOld.String(), old)
	}
	if gotNew.String() != new {
		tb.Fatalf("equal+insert ops do not give the new text:\n got %q\nwant %q", gotNew.String(), new)
	}
	if d.Stats != want {
		tb.Fatalf("stats %+v, ops count %+v", d.Stats, want)
	}
}

func TestComputeReconstructs(t *testing.T) {
	base := readFixture(t, "base.md")
	tests := []struct{ name, old, new string }{
		{"empty to text", "", "应当遵守本规范。"},
		{"text to empty", "应当遵守本规范。", ""},
		{"one character", "应", "宜"},
		{"word changed", "会务人员必须经过培训。", "会务人员应经过岗位培训。"},
		{"mixed scripts", "符合 GB/T 10001.1 的规定", "符合 GB/T 10001.2—2023 的规定"},
		{"lines moved", "甲\n乙\n丙\n丁\n", "丙\n丁\n甲\n乙\n"},
		{"newline at end", "第一条 总则", "第一条 总则\n"},
		{"crlf", "一\r\n二\r\n", "一\n二\n三\n"},
		{"emoji and combining", "A👍🏽é", "A👍é"},
		{"invalid utf-8", "应\xff当\xfe遵守", "应\xfe当\xff遵守\xe4\xb8"},
		{"shared lead bytes", "中与丫", "与中丫"},
		{"standard revised", base, editText(t, base, "及时响应", "及时、准确地响应", "十个工作日", "二十个工作日", "## 6 安全与应急", "## 6 安全")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDiff(t, tt.old, tt.new, Compute(tt.old, tt.new))
			checkDiff(t, tt.new, tt.old, Compute(tt.new, tt.old))
		})
	}
}

func TestComputeIdentical(t *testing.T) {
	base := readFixture(t, "base.md")
	for _, text := range []string{"", "一", base} {
		d := Compute(text, text)
		want := Diff{Ops: []Op{{Op: OpEqual, Text: text}}, Clauses: []ClauseChange{}}
		if text == "" {
			want.Ops = []Op{}
		}
		if diff := cmp.Diff(want, d); diff != "" {
			t.Errorf("Compute(%.10q, same) (-want +got):\n%s", text, diff)
		}
	}
}

func TestComputeCharacterLevel(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           []Op
	}{
		{"one character deleted", "应当遵守", "应遵守", []Op{
			{OpEqual, "应"}, {OpDelete, "当"}, {OpEqual, "遵守"}}},
		{"word replaced", "会务人员必须经过培训。", "会务人员应经过培训。", []Op{
			{OpEqual, "会务人员"}, {OpDelete, "必须"}, {OpInsert, "应"}, {OpEqual, "经过培训。"}}},
		{"sentence inserted at its boundary", "应保持秩序。应及时清理。", "应保持秩序。应提前到场。应及时清理。", []Op{
			{OpEqual, "应保持秩序。"}, {OpInsert, "应提前到场。"}, {OpEqual, "应及时清理。"}}},
		{"paragraph inserted as whole lines", "第一条 甲。\n\n第三条 丙。\n", "第一条 甲。\n\n第二条 乙。\n\n第三条 丙。\n", []Op{
			{OpEqual, "第一条 甲。\n\n"}, {OpInsert, "第二条 乙。\n\n"}, {OpEqual, "第三条 丙。\n"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compute(tt.old, tt.new)
			if diff := cmp.Diff(tt.want, d.Ops); diff != "" {
				t.Errorf("ops (-want +got):\n%s", diff)
			}
		})
	}
}

func TestComputeClauses(t *testing.T) {
	base := readFixture(t, "base.md")
	const guide = "### 5.3 会场引导\n\n应安排专人在入口处引导与会人员签到入场。\n\n"
	tests := []struct {
		name string
		new  string
		want []ClauseChange
	}{
		{"clause inserted, later ones renumbered",
			editText(t, base, "### 5.4 资料归档", "### 5.5 资料归档", "### 5.3 会后整理", guide+"### 5.4 会后整理"),
			[]ClauseChange{
				{Clause: "5.3", Title: "会场引导", Change: ChangeAdded},
				{Clause: "5.4", Title: "会后整理", Change: ChangeRenumbered, From: "5.3"},
				{Clause: "5.5", Title: "资料归档", Change: ChangeRenumbered, From: "5.4"},
			}},
		{"renumbered clause also edited stays renumbered",
			editText(t, base, "### 5.4 资料归档", "### 5.5 资料归档", "### 5.3 会后整理", guide+"### 5.4 会后整理",
				"检查并关闭设备电源", "检查并关闭全部设备电源"),
			[]ClauseChange{
				{Clause: "5.3", Title: "会场引导", Change: ChangeAdded},
				{Clause: "5.4", Title: "会后整理", Change: ChangeRenumbered, From: "5.3"},
				{Clause: "5.5", Title: "资料归档", Change: ChangeRenumbered, From: "5.4"},
			}},
		{"last clause removed",
			editText(t, base, "### 5.4 资料归档\n\n会议资料应在会议结束后十个工作日内整理归档，涉密资料按照保密规定办理。\n\n", ""),
			[]ClauseChange{{Clause: "5.4", Title: "资料归档", Change: ChangeRemoved}}},
		{"clause removed, later ones renumbered",
			editText(t, base, "### 5.2 会中服务\n\n应保持会场秩序，及时响应与会人员需求；茶歇服务不应影响会议进行。\n\n", "",
				"### 5.3 会后整理", "### 5.2 会后整理", "### 5.4 资料归档", "### 5.3 资料归档"),
			[]ClauseChange{
				{Clause: "5.2", Title: "会中服务", Change: ChangeRemoved},
				{Clause: "5.2", Title: "会后整理", Change: ChangeRenumbered, From: "5.3"},
				{Clause: "5.3", Title: "资料归档", Change: ChangeRenumbered, From: "5.4"},
			}},
		{"clause text modified",
			editText(t, base, "及时响应与会人员需求", "及时、准确地响应与会人员需求"),
			[]ClauseChange{{Clause: "5.2", Title: "会中服务", Change: ChangeModified}}},
		{"clause title modified",
			editText(t, base, "### 5.2 会中服务", "### 5.2 会议期间服务"),
			[]ClauseChange{{Clause: "5.2", Title: "会议期间服务", Change: ChangeModified}}},
		{"numbered paragraph and foreword modified",
			editText(t, base, "保持疏散通道畅通", "保持疏散通道和安全出口畅通", "提出并归口", "提出并归口。本文件代替DB11/T 0000—2016"),
			[]ClauseChange{
				{Clause: "", Title: "前言", Change: ChangeModified},
				{Clause: "6.1.1", Change: ChangeModified},
			}},
		{"short clause expanded in place",
			editText(t, base, "发生突发事件时，会务人员应立即启动应急预案并报告。",
				"发生火灾、踩踏、设备故障、极端天气或者公共卫生等突发事件时，会务人员应立即启动应急预案，"+
					"组织与会人员从最近的安全出口有序疏散，维护现场秩序，并在十五分钟内向主管部门和主办单位报告事件经过与处置情况。"),
			[]ClauseChange{{Clause: "6.1.2", Change: ChangeModified}}},
		{"clause replaced by an unrelated one",
			editText(t, base, "发生突发事件时，会务人员应立即启动应急预案并报告。", "会议经费按照预算标准据实结算。"),
			[]ClauseChange{{Clause: "6.1.2", Change: ChangeRemoved}, {Clause: "6.1.2", Change: ChangeAdded}}},
		{"front matter only", editText(t, base, `region: "11"`, `region: "31"`), []ClauseChange{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compute(base, tt.new)
			checkDiff(t, base, tt.new, d)
			if diff := cmp.Diff(tt.want, d.Clauses); diff != "" {
				t.Errorf("clause summary (-want +got):\n%s", diff)
			}
		})
	}
}

func TestComputeClausesRepeatedHeadings(t *testing.T) {
	old := "## 5 会前\n\n### 5.1 一般规定\n\n甲。\n\n## 6 会后\n\n### 6.1 一般规定\n\n乙。\n"
	new := "## 5 会中\n\n### 5.1 一般规定\n\n丙。\n\n" +
		"## 6 会前\n\n### 6.1 一般规定\n\n甲。\n\n## 7 会后\n\n### 7.1 一般规定\n\n乙。\n"
	want := []ClauseChange{
		{Clause: "5", Title: "会中", Change: ChangeAdded},
		{Clause: "5.1", Title: "一般规定", Change: ChangeAdded},
		{Clause: "6", Title: "会前", Change: ChangeRenumbered, From: "5"},
		{Clause: "6.1", Title: "一般规定", Change: ChangeRenumbered, From: "5.1"},
		{Clause: "7", Title: "会后", Change: ChangeRenumbered, From: "6"},
		{Clause: "7.1", Title: "一般规定", Change: ChangeRenumbered, From: "6.1"},
	}
	if diff := cmp.Diff(want, Compute(old, new).Clauses); diff != "" {
		t.Errorf("clause summary (-want +got):\n%s", diff)
	}
}

func TestComputeClausesTie(t *testing.T) {
	// Clause 2 was edited and appears twice in the new text, at places
	// equally far from its old one: the first of the two, in the new
	// text's order, takes it over.
	old := "## 1 甲\n\n甲的内容。\n\n## 2 乙\n\n乙条款的内容应当遵守规定并及时报告。\n\n## 3 丙\n\n丙的内容。\n"
	new := "## 7 乙\n\n乙条款的内容应当遵守规定并及时报告和记录。\n\n## 1 甲\n\n甲的内容。\n\n## 4 丁\n\n新增的丁。\n\n" +
		"## 3 丙\n\n丙的内容。\n\n## 8 乙\n\n乙条款的内容应当遵守规定并及时报告和记录。\n\n## 5 戊\n\n新增的戊。\n"
	want := []ClauseChange{
		{Clause: "7", Title: "乙", Change: ChangeRenumbered, From: "2"},
		{Clause: "4", Title: "丁", Change: ChangeAdded},
		{Clause: "8", Title: "乙", Change: ChangeAdded},
		{Clause: "5", Title: "戊", Change: ChangeAdded},
	}
	if diff := cmp.Diff(want, Compute(old, new).Clauses); diff != "" {
		t.Errorf("clause summary (-want +got):\n%s", diff)
	}
}

// allowedTags is the markup the diff HTML may contain.
var allowedTags = []string{"ins", "del", "table", "tr", "td", "div", "span", "br"}

// htmlTagsAndText returns the tags used in fragment and its text.
func htmlTagsAndText(tb testing.TB, fragment string) (tags []string, text string) {
	tb.Helper()
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				tb.Fatal(z.Err())
			}
			return tags, b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			tags = append(tags, z.Token().Data)
		case html.TextToken:
			b.WriteString(z.Token().Data)
		}
	}
}

func TestHTMLEscapes(t *testing.T) {
	old := "第一条 <script>alert(1)</script> & \"引号\"\n"
	new := "第一条 <script>alert(2)</script><img src=x onerror=alert(3)> & '引号'\n"
	d := Compute(old, new)
	for name, out := range map[string]string{"inline": string(d.InlineHTML()), "side by side": string(d.SideBySideHTML())} {
		t.Run(name, func(t *testing.T) {
			tags, text := htmlTagsAndText(t, out)
			for _, tag := range tags {
				if !slices.Contains(allowedTags, tag) {
					t.Errorf("markup <%s> in %s", tag, out)
				}
			}
			for _, want := range []string{"<script>alert(", "<img src=x onerror=alert(3)>"} {
				if !strings.Contains(text, want) {
					t.Errorf("text %q lacks %q", text, want)
				}
			}
		})
	}
}

func TestInlineHTML(t *testing.T) {
	d := Compute("应当遵守。\n\n第二段。", "应遵守。\n\n第二段。\n第三段。")
	want := `<div class="diff diff-inline">应<del>当</del>遵守。<br><br>` +
		`第二段。<ins><span class="diff-nl">↵</span><br>第三段。</ins></div>`
	if got := string(d.InlineHTML()); got != want {
		t.Errorf("InlineHTML:\n got %s\nwant %s", got, want)
	}
}

// sideCells returns the text of the old and new cells of each row of a
// side-by-side table, newline marks left out; missing lines are "-".
func sideCells(tb testing.TB, table string) (old, new []string) {
	tb.Helper()
	rows := regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(table, -1)
	cell := regexp.MustCompile(`<td class="(diff-old|diff-new|diff-empty)[^"]*">(.*?)</td>`)
	for _, row := range rows {
		cells := cell.FindAllStringSubmatch(strings.ReplaceAll(row[1], newlineMark, ""), -1)
		if len(cells) != 2 {
			tb.Fatalf("row %q has %d text cells", row[1], len(cells))
		}
		texts := make([]string, 2)
		for k, c := range cells {
			_, texts[k] = htmlTagsAndText(tb, c[2])
			if c[1] == "diff-empty" {
				texts[k] = "-"
			}
		}
		old, new = append(old, texts[0]), append(new, texts[1])
	}
	return old, new
}

func TestSideBySideHTML(t *testing.T) {
	tests := []struct {
		name, old, new   string
		wantOld, wantNew []string
	}{
		{"line changed", "甲\n乙\n丙\n", "甲\n乙二\n丙\n",
			[]string{"甲", "乙", "丙"}, []string{"甲", "乙二", "丙"}},
		{"line deleted", "甲\n乙\n丙", "甲\n丙",
			[]string{"甲", "乙", "丙"}, []string{"甲", "-", "丙"}},
		{"lines inserted", "甲\n丙\n", "甲\n乙一\n乙二\n丙\n",
			[]string{"甲", "-", "-", "丙"}, []string{"甲", "乙一", "乙二", "丙"}},
		{"block replaced", "甲\n乙\n丙\n丁\n", "甲\n子\n丑\n寅\n丁\n",
			[]string{"甲", "乙", "丙", "-", "丁"}, []string{"甲", "子", "丑", "寅", "丁"}},
		{"lines joined", "甲。\n乙。\n", "甲。乙。\n",
			[]string{"甲。", "乙。"}, []string{"-", "甲。乙。"}},
		{"line deleted before an edited one", "前言\n应当遵守。\n", "应遵守。\n",
			[]string{"前言", "应当遵守。"}, []string{"-", "应遵守。"}},
		{"blank lines stay in line", "甲\n\n乙\n\n丙", "甲\n\n乙一\n乙二\n\n丙",
			[]string{"甲", "", "乙", "-", "", "丙"}, []string{"甲", "", "乙一", "乙二", "", "丙"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotOld, gotNew := sideCells(t, string(Compute(tt.old, tt.new).SideBySideHTML()))
			if diff := cmp.Diff(tt.wantOld, gotOld); diff != "" {
				t.Errorf("old column (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantNew, gotNew); diff != "" {
				t.Errorf("new column (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzCompute(f *testing.F) {
	f.Add("应当遵守本规范。", "应遵守本规范。")
	f.Add("## 5 要求\n\n### 5.1 一般规定\n\n5.1.1 应……\n", "## 5 要求\n\n### 5.1 总则\n\n5.1.1 宜……\n5.1.2 可……\n")
	f.Add("第一条 <b>甲</b>\n第二条 乙", "第一条 乙\n第二条 <b>甲</b>")
	f.Add("中与丫\xff", "与中\xfe丫")
	f.Add("", "\n")
	f.Fuzz(func(t *testing.T, old, new string) {
		d := Compute(old, new)
		checkDiff(t, old, new, d)
		_ = d.InlineHTML()
		_ = d.SideBySideHTML()
	})
}

// revisionGroup is one folder of the revision corpus: the successive
// revisions of one text, oldest first.
type revisionGroup struct {
	name  string
	texts []string
}

// corpusRevisions reads every folder of the revision corpus, in order
// (see package corpus for when it is absent).
func corpusRevisions(tb testing.TB) []revisionGroup {
	tb.Helper()
	root := corpus.Path(tb, "revisions")
	dirs, err := os.ReadDir(root)
	if err != nil {
		tb.Fatal(err)
	}
	var out []revisionGroup
	for _, dir := range dirs {
		g := revisionGroup{name: dir.Name()}
		names, _ := filepath.Glob(filepath.Join(root, dir.Name(), "*.md"))
		slices.SortFunc(names, compareNatural)
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				tb.Fatal(err)
			}
			g.texts = append(g.texts, string(b))
		}
		out = append(out, g)
	}
	return out
}

var naturalDigits = regexp.MustCompile(`[0-9]+`)

// compareNatural orders names as people do: r2 before r10.
func compareNatural(a, b string) int {
	key := func(s string) string {
		return naturalDigits.ReplaceAllStringFunc(s, func(d string) string { return strings.Repeat("0", max(0, 12-len(d))) + d })
	}
	return strings.Compare(key(a), key(b))
}

func TestComputeCorpus(t *testing.T) {
	for _, g := range corpusRevisions(t) {
		for k := 1; k < len(g.texts); k++ {
			t.Run(fmt.Sprintf("%s/%d-%d", g.name, k, k+1), func(t *testing.T) {
				old, new := g.texts[k-1], g.texts[k]
				checkDiff(t, old, new, Compute(old, new))
				checkDiff(t, new, old, Compute(new, old))
			})
		}
	}
}

// generatedRevision returns the generated text and revision of the
// benchmarks, shared with bench/diffbench: a deterministic Chinese text of
// about size bytes and a revision of it with about 5 % of its characters
// changed at scattered places (changed counts them).
func generatedRevision(size int, seed uint64) (old, new string, changed int) {
	return revgen.Revision(size, seed)
}

func TestComputeGenerated200KB(t *testing.T) {
	// This checks quality, not speed: a busy machine must not cut it short.
	defer func(d time.Duration) { timeout = d }(timeout)
	timeout = time.Hour
	old, new, changed := generatedRevision(200_000, 1)
	d := Compute(old, new)
	checkDiff(t, old, new, d)
	// A diff that gave up would delete and insert nearly everything.
	if got := d.Stats.Inserted + d.Stats.Deleted; got > 2*changed {
		t.Errorf("%d code points marked changed for about %d changed", got, changed)
	}
}

func BenchmarkDiff200KB(b *testing.B) {
	old, new, _ := generatedRevision(200_000, 1)
	b.SetBytes(int64(len(old) + len(new)))
	for b.Loop() {
		Compute(old, new)
	}
}

func BenchmarkDiffCorpus(b *testing.B) {
	var pairs [][2]string
	for _, g := range corpusRevisions(b) {
		for k := 1; k < len(g.texts); k++ {
			pairs = append(pairs, [2]string{g.texts[k-1], g.texts[k]})
		}
	}
	for b.Loop() {
		for _, p := range pairs {
			Compute(p[0], p[1])
		}
	}
	b.ReportMetric(float64(len(pairs)), "pairs")
}
