package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"norma/workflow"
)

type finding struct {
	Severity, Rule, Clause, Message string
	Line                            int
	MessageEN                       string `json:"message_en"`
}

func (e *env) lint(token, body string) []finding {
	e.t.Helper()
	r := e.request("POST", "/api/v1/lint", token, map[string]any{"body": body})
	wantStatus(e.t, r, http.StatusOK)
	var f []finding
	r.JSON(e.t, &f)
	return f
}

func rules(fs []finding, severity string) map[string]finding {
	out := map[string]finding{}
	for _, f := range fs {
		if severity == "" || f.Severity == severity {
			out[f.Rule] = f
		}
	}
	return out
}

func TestLintEndpoint(t *testing.T) {
	e := newEnv(t)
	if errs := rules(e.lint("", meetingText), "error"); len(errs) > 0 {
		t.Errorf("the clean text has errors: %v", errs)
	}
	broken := strings.Replace(meetingText, "### 4.2 设施", "### 4.4 设施", 1)
	broken = strings.Replace(broken, "4.1.2 会务人员宜统一着装。", "4.1.2 会务人员必须统一着装。", 1)
	fs := e.lint("", broken)
	var gap, must *finding
	for i, f := range fs {
		if f.Severity == "error" && f.Clause == "4.4" {
			gap = &fs[i]
		}
		if strings.Contains(f.Message, "必须") {
			must = &fs[i]
		}
	}
	lines := strings.Split(broken, "\n")
	if gap == nil || !strings.Contains(lines[gap.Line-1], "4.4") || gap.MessageEN == "" {
		t.Errorf("no numbering error at 4.4: %+v", fs)
	}
	if must == nil || must.Severity == "error" || !strings.Contains(lines[must.Line-1], "必须") {
		t.Errorf("no wording warning on 必须: %+v", fs)
	}
	wantStatus(t, e.request("POST", "/api/v1/lint", "", "{\"body\": \"\xff\"}"), http.StatusUnprocessableEntity)
}

func TestLintReferencesAgainstLibrary(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	for _, lib := range []string{
		"---\nnumber: \"GB/T 10001.1—2012\"\ntitle: 公共信息图形符号 第1部分：通用符号\nlevel: national\nstatus: superseded\n---\n正文\n",
		"---\nnumber: \"GB/T 10001.1—2023\"\ntitle: 公共信息图形符号 第1部分：通用符号\nlevel: national\nstatus: current\n---\n正文\n",
		"---\nnumber: \"GB 25201—2010\"\ntitle: 建筑消防设施的维护管理\nlevel: national\nstatus: current\n---\n正文\n",
		"---\nnumber: \"GB/T 2894—1996\"\ntitle: 安全标志\nlevel: national\nstatus: abolished\n---\n正文\n",
	} {
		if _, _, err := e.svc.Import(ctx, workflow.ImportInput{Path: "lib.md", Text: lib}); err != nil {
			t.Fatal(err)
		}
	}
	refs := "本文件没有规范性引用文件。"
	text := strings.Replace(meetingText, refs, "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。\n\n"+
		"GB 25201 建筑消防设施的维护管理\n\nGB/T 2894—1996 安全标志\n\nGB/T 10001.1—2012 公共信息图形符号 第1部分：通用符号\n\nGB/T 99999 不存在的标准\n", 1)
	text = strings.Replace(text, "会场应配备扩音、照明和应急疏散设施。", "会场应配备扩音、照明和应急疏散设施，标志应符合GB/T 10001.1—2012和GB/T 2894—1996的规定，消防设施的维护管理应符合GB 25201的规定，GB/T 99999。", 1)
	got := rules(e.lint("", text), "")
	if f, ok := got["references.superseded"]; !ok || f.Severity != "warning" || !strings.Contains(f.Message, "GB/T 10001.1—2023") {
		t.Errorf("superseded reference: %+v", got)
	}
	if f, ok := got["references.abolished"]; !ok || f.Severity != "error" || !strings.Contains(f.Message, "GB/T 2894") {
		t.Errorf("abolished reference: %+v", got)
	}
	if f, ok := got["references.unknown"]; !ok || f.Severity != "warning" || !strings.Contains(f.Message, "99999") {
		t.Errorf("unknown reference: %+v", got)
	}
	for _, f := range e.lint("", text) {
		if strings.Contains(f.Message, "GB 25201") && strings.HasPrefix(f.Rule, "references.") {
			t.Errorf("a current reference was flagged: %+v", f)
		}
	}
	// submit refuses the text while the abolished reference stands.
	drafter, staff := e.login("drafter"), e.login("staff")
	id := e.createStandard(drafter, map[string]any{"body": text})
	e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "expert1"})
	r := e.move(drafter, id, map[string]any{"action": "submit"})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "references.abolished") {
		t.Errorf("submit message %q", msg)
	}
	rl := e.request("GET", "/api/v1/standards/"+id+"/revisions/1/lint", drafter, nil)
	wantStatus(t, rl, http.StatusOK)
	if rl.Header.Get("X-Lint-Errors") == "0" || !strings.Contains(string(rl.body), "references.abolished") {
		t.Errorf("revision lint = %s", rl.body)
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/revisions/1/lint", e.login("drafter2"), nil), http.StatusNotFound)
}
