package main

import (
	"context"
	"strings"
	"testing"

	"norma/workflow"
)

// testDemoAmendment checks the demo's amendment sheet: issued as XG1 of
// 公共机构能耗定额 with its sheet, and the standard's current text amended.
func testDemoAmendment(t *testing.T, a *app) {
	t.Helper()
	ctx := context.Background()
	list, _, err := a.db.FindStandards(ctx, workflow.StandardFilter{AllReaders: true})
	if err != nil {
		t.Fatal(err)
	}
	var parent, sheet *workflow.Standard
	for _, st := range list {
		switch {
		case st.IsAmendment():
			sheet = st
		case strings.HasPrefix(st.Number, demoAmendParent):
			parent = st
		}
	}
	if parent == nil || sheet == nil {
		t.Fatalf("the demo lacks the amended standard (%v) or its sheet (%v)", parent, sheet)
	}
	if sheet.State != workflow.StateIssued || sheet.Parent != parent.ID || sheet.Number != parent.Number+"/XG1—"+sheet.IssueDate[:4] ||
		sheet.Sheet != demoSheet {
		t.Errorf("the demo sheet = %s %q parent %s, sheet %q", sheet.State, sheet.Number, sheet.Parent, sheet.Sheet)
	}
	r, err := a.db.FindRevision(ctx, parent.ID, parent.Latest)
	if err != nil || r.Stage != workflow.StageIssued || !strings.Contains(r.Body, demoAmendNew) {
		t.Errorf("the amended standard's current text: stage %q, amended %v, %v", r.Stage, strings.Contains(r.Body, demoAmendNew), err)
	}
}
