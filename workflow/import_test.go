package workflow_test

import (
	"encoding/json"
	"strings"
	"testing"

	"norma/workflow"
)

func TestImport(t *testing.T) {
	e := newEnv(t)
	text := "---\nnumber: \"GB/T 1.1-2020\"\ntitle: 标准化工作导则\nlevel: national\nissue_date: 2020-03-31\n---\n正文\n"
	for _, tc := range []struct {
		name, text string
		want       workflow.ImportOutcome
	}{
		{"new", text, workflow.Imported},
		{"again", text, workflow.Unchanged},
		{"changed", text + "第二版\n", workflow.Updated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, id, err := e.svc.Import(ctx, workflow.ImportInput{Path: "gb/1.1.md", Text: tc.text})
			if err != nil || out != tc.want || id != "GB-T-1.1-2020" {
				t.Errorf("Import = %s, %q, %v; want %s", out, id, err, tc.want)
			}
		})
	}
	st, err := e.svc.Standard(ctx, nil, "GB-T-1.1-2020")
	if err != nil {
		t.Fatal(err)
	}
	if st.Number != "GB/T 1.1—2020" || st.State != workflow.StateIssued || st.Status != workflow.StatusCurrent ||
		st.Latest != 2 || st.Source != "gb/1.1.md" || st.IssueDate != "2020-03-31" {
		t.Errorf("imported standard = %+v", st)
	}
	// The title may come from the first heading; the path gives the id.
	out, id, err := e.svc.Import(ctx, workflow.ImportInput{Path: "laws/会议条例.md",
		Text: "---\nlevel: local\nregion: \"31\"\nstatus: abolished\n---\n# 上海市会议条例\n\n正文\n"})
	if err != nil || out != workflow.Imported {
		t.Fatal(out, err)
	}
	if st, _ := e.svc.Standard(ctx, nil, id); st.Title != "上海市会议条例" || st.Status != workflow.StatusAbolished {
		t.Errorf("standard %s = %+v", id, st)
	}
	// A text drafted in Norma is never overwritten by an import.
	draft := e.create()
	_, _, err = e.svc.Import(ctx, workflow.ImportInput{Path: "x.md",
		Text: "---\nid: " + draft.ID + "\ntitle: 覆盖\nlevel: group\n---\n正文"})
	wantCode(t, err, workflow.ECONFLICT, "")
}

func TestLibraryEntryRefuses(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct{ name, text, field string }{
		{"not UTF-8", "\xff", "text"},
		{"too large", strings.Repeat("a", workflow.MaxBodyBytes+1), "text"},
		{"broken front matter", "---\ntitle: [\n---\n", "front matter"},
		{"no title", "---\nlevel: national\n---\n正文", "title"},
		{"unknown status", "---\ntitle: t\nlevel: national\nstatus: draft\n---\n", "status"},
		{"bad date", "---\ntitle: t\nlevel: national\nimpl_date: 2020/1/1\n---\n", "impl_date"},
		{"unreadable number", "---\ntitle: t\nlevel: national\nnumber: 第一号\n---\n", "number"},
		{"number of another level", "---\ntitle: t\nlevel: national\nnumber: DB11/T 1—2020\n---\n", "number"},
		{"bad id", "---\nid: 标准一\ntitle: t\nlevel: national\n---\n", "id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := e.svc.Import(ctx, workflow.ImportInput{Path: "a.md", Text: tc.text})
			wantCode(t, err, workflow.EINVALID, tc.field)
		})
	}
	if list, _, _ := e.svc.Standards(ctx, e.staff, workflow.StandardFilter{}); len(list) != 0 {
		t.Errorf("refused imports stored %d standards", len(list))
	}
}

func TestLintAgainstTheLibrary(t *testing.T) {
	e := newEnv(t)
	for _, lib := range []string{
		"---\nnumber: \"GB/T 10001.1—2012\"\ntitle: 公共信息图形符号\nlevel: national\nstatus: superseded\n---\n正文\n",
		"---\nnumber: \"GB/T 10001.1—2023\"\ntitle: 公共信息图形符号\nlevel: national\nstatus: current\n---\n正文\n",
		"---\nnumber: \"GB 25201—2010\"\ntitle: 建筑消防设施的维护管理\nlevel: national\n---\n正文\n",
		"---\nnumber: \"GB/T 2894—1996\"\ntitle: 安全标志\nlevel: national\nstatus: abolished\n---\n正文\n",
		"---\nnumber: \"GB/T 3000—1990\"\ntitle: 旧标志\nlevel: national\nstatus: superseded\n---\n正文\n",
	} {
		if _, _, err := e.svc.Import(ctx, workflow.ImportInput{Path: "lib.md", Text: lib}); err != nil {
			t.Fatal(err)
		}
	}
	text := strings.Replace(meetingText, "本文件没有规范性引用文件。", "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。\n\n"+
		"GB/T 10001.1—2012 公共信息图形符号\n\nGB 25201 建筑消防设施的维护管理\n\nGB/T 2894—1996 安全标志\n\nGB/T 3000—1990 旧标志\n\nGB/T 99999 不存在的标准\n", 1)
	text = strings.Replace(text, "会场应配备扩音、照明和应急疏散设施。", "会场应配备扩音、照明和应急疏散设施，标志应符合GB/T 10001.1—2012、GB/T 3000—1990和GB/T 2894—1996的规定，消防设施的维护管理应符合GB 25201的规定，GB/T 99999。", 1)
	findings, err := e.svc.Lint(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, f := range findings {
		if strings.HasPrefix(f.Rule, "references.") {
			got[f.Rule] = append(got[f.Rule], f.Severity+" "+f.MessageEN)
		}
	}
	for _, tc := range []struct{ rule, severity, mentions string }{
		{workflow.RuleRefSuperseded, "warning", "superseded by GB/T 10001.1—2023"},
		{workflow.RuleRefSuperseded, "warning", "GB/T 3000—1990 is superseded by （库中无现行版本"},
		{workflow.RuleRefAbolished, "error", "GB/T 2894—1996"},
		{workflow.RuleRefUnknown, "warning", "GB/T 99999"},
	} {
		found := false
		for _, f := range got[tc.rule] {
			found = found || strings.HasPrefix(f, tc.severity) && strings.Contains(f, tc.mentions)
		}
		if !found {
			t.Errorf("no %s %s naming %q in %q", tc.severity, tc.rule, tc.mentions, got)
		}
	}
	if b, _ := json.Marshal(got); strings.Contains(string(b), "GB 25201") {
		t.Errorf("a current reference was flagged: %s", b)
	}
	_, err = e.svc.Lint(ctx, "\xff")
	wantCode(t, err, workflow.EINVALID, "body")
	_, err = e.svc.Lint(ctx, strings.Repeat("a", workflow.MaxBodyBytes+1))
	wantCode(t, err, workflow.ETOOLARGE, "body")
}

func TestQuoteInputAcceptsTextOrObject(t *testing.T) {
	for _, tc := range []struct{ json, exact, prefix string }{
		{`"岗位培训"`, "岗位培训", ""},
		{`{"exact": "岗位培训", "prefix": "应经过"}`, "岗位培训", "应经过"},
	} {
		var q workflow.QuoteInput
		if err := json.Unmarshal([]byte(tc.json), &q); err != nil || q.Exact != tc.exact || q.Prefix != tc.prefix {
			t.Errorf("%s → %+v, %v", tc.json, q, err)
		}
	}
	var q workflow.QuoteInput
	if err := json.Unmarshal([]byte(`[1]`), &q); err == nil {
		t.Error("an array was taken for a quote")
	}
}
