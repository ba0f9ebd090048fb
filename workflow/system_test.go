package workflow_test

import (
	"testing"

	"norma/workflow"
)

func TestSystemValidation(t *testing.T) {
	for _, tc := range []struct {
		name, body   string
		yaml         bool
		code, field  string
		words        string
		wantTopNodes int
	}{
		{name: "nested json", body: `{"nodes":[{"code":"1","name":"通用基础","children":[{"code":"101","name":"术语"}]},{"code":"2","name":"服务"}]}`, wantTopNodes: 2},
		{name: "yaml", yaml: true, body: "nodes:\n  - code: \"1\"\n    name: 通用基础\n    children:\n      - {code: \"101\", name: 术语}\n", wantTopNodes: 1},
		{name: "flat with parents", body: `{"nodes":[{"code":"2","name":"服务"},{"code":"201","name":"会议","parent":"2"},{"code":"20101","name":"会务","parent":"201"}]}`, wantTopNodes: 1},
		{name: "duplicate code", body: `{"nodes":[{"code":"1","name":"a","children":[{"code":"1","name":"b"}]}]}`, code: workflow.EINVALID, field: "code", words: "twice"},
		{name: "cycle", body: `{"nodes":[{"code":"a","name":"a","parent":"b"},{"code":"b","name":"b","parent":"a"}]}`, code: workflow.EINVALID, field: "parent", words: "ancestor"},
		{name: "unknown parent", body: `{"nodes":[{"code":"a","name":"a","parent":"zz"}]}`, code: workflow.EINVALID, field: "parent", words: "zz"},
		{name: "no name", body: `{"nodes":[{"code":"a"}]}`, code: workflow.EINVALID, field: "name", words: "required"},
		{name: "bad code", body: `{"nodes":[{"code":"a b","name":"x"}]}`, code: workflow.EINVALID, field: "code", words: "a b"},
		{name: "broken yaml", yaml: true, body: "nodes: [", code: workflow.EMALFORMED, field: "nodes", words: "cannot be read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sys, err := workflow.ParseSystem([]byte(tc.body), tc.yaml)
			if tc.code != "" {
				wantErr(t, err, tc.code, tc.field, tc.words)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(sys.Nodes) != tc.wantTopNodes {
				t.Errorf("%d top modules, want %d", len(sys.Nodes), tc.wantTopNodes)
			}
		})
	}
	sys, _ := workflow.ParseSystem([]byte(`{"nodes":[{"code":"2","name":"服务"},{"code":"201","name":"会议","parent":"2"},{"code":"20101","name":"会务","parent":"201"}]}`), false)
	if n := sys.Find("20101"); n == nil || n.Parent != "" {
		t.Errorf("the flat list did not nest: %+v", n)
	}
}

func TestSystemPlacement(t *testing.T) {
	o := newOffice(t)
	staff := o.users["staff"]
	sys, _ := workflow.ParseSystem([]byte(`{"nodes":[{"code":"2","name":"服务","children":[{"code":"201","name":"会议服务"}]}]}`), false)
	wantErr(t, o.svc.PutSystem(ctx, o.users["drafter"], sys), workflow.EFORBIDDEN, "", "staff")
	if err := o.svc.PutSystem(ctx, staff, sys); err != nil {
		t.Fatal(err)
	}
	st := o.draft()
	wantErr(t, o.svc.Place(ctx, staff, workflow.Placement{Kind: "standard", Ref: st.ID, Node: "9"}), workflow.EINVALID, "system_node", "9")
	wantErr(t, o.svc.Place(ctx, o.users["drafter2"], workflow.Placement{Kind: "standard", Ref: st.ID, Node: "201"}), workflow.ENOTFOUND, "", "")
	if err := o.svc.Place(ctx, o.users["drafter"], workflow.Placement{Kind: "standard", Ref: st.ID, Node: "201"}); err != nil {
		t.Fatal(err)
	}
	smaller, _ := workflow.ParseSystem([]byte(`{"nodes":[{"code":"2","name":"服务"}]}`), false)
	wantErr(t, o.svc.PutSystem(ctx, staff, smaller), workflow.EINVALID, "nodes", "201")
	placed, _ := o.svc.Placements(ctx)
	if len(placed) != 1 || placed[0].Node != "201" {
		t.Errorf("placements = %+v", placed)
	}
}
