package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"norma/workflow"
)

func testSystem(t *testing.T, s Store) {
	empty, err := s.FindSystem(ctx)
	if err != nil || len(empty.Nodes) != 0 || empty.UpdatedAt != nil {
		t.Fatalf("FindSystem before any = %+v, %v", empty, err)
	}
	sys := &workflow.System{Nodes: []*workflow.SystemNode{
		{Code: "1", Name: "通用基础标准", Children: []*workflow.SystemNode{{Code: "101", Name: "术语"}}},
		{Code: "2", Name: "服务标准", Description: "会议、接待"},
	}, UpdatedBy: "staff", UpdatedAt: &t0}
	for range 2 { // the second put replaces the first
		if err := s.PutSystem(ctx, sys); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.FindSystem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sys, got); diff != "" {
		t.Errorf("system round trip (-want +got):\n%s", diff)
	}
	for _, p := range []workflow.Placement{{Kind: "standard", Ref: "s-a", Node: "101"}, {Kind: "proposal", Ref: "7", Node: "2"},
		{Kind: "standard", Ref: "s-b", Node: "2"}, {Kind: "standard", Ref: "s-a", Node: "2"}, {Kind: "standard", Ref: "s-b", Node: ""}} {
		if err := s.PutPlacement(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	placed, err := s.FindPlacements(ctx)
	want := []workflow.Placement{{Kind: "proposal", Ref: "7", Node: "2"}, {Kind: "standard", Ref: "s-a", Node: "2"}}
	if err != nil || !cmp.Equal(placed, want) {
		t.Errorf("placements = %+v, %v; want %+v (moved and taken out)", placed, err, want)
	}
	for _, p := range want {
		if got, err := s.FindPlacement(ctx, p.Kind, p.Ref); err != nil || got != p {
			t.Errorf("FindPlacement(%q, %q) = %+v, %v; want %+v", p.Kind, p.Ref, got, err, p)
		}
	}
	for _, kr := range [][2]string{{"standard", "s-b"}, {"proposal", "s-a"}, {"standard", "7"}} {
		if got, err := s.FindPlacement(ctx, kr[0], kr[1]); workflow.ErrorCode(err) != workflow.ENOTFOUND {
			t.Errorf("FindPlacement(%q, %q) = %+v, %v; want not_found", kr[0], kr[1], got, err)
		}
	}
}

func testReplacing(t *testing.T, s Store) {
	newer := &workflow.Standard{ID: "s-new", Title: "新版", Level: workflow.LevelLocal, State: workflow.StateDraft,
		Replaces: []string{"DB11/T 1—2020", "DB11/T 2—2020"}, Latest: 1, CreatedAt: t0, UpdatedAt: t0}
	r := &workflow.Revision{StandardID: newer.ID, Number: 1, Body: "## 1 范围\n", CreatedAt: t0}
	if err := s.CreateStandard(ctx, newer, r, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindReplacing(ctx, "DB11/T 2—2020")
	if err != nil || len(got) != 1 || got[0].ID != newer.ID {
		t.Fatalf("FindReplacing = %+v, %v", got, err)
	}
	for _, n := range []string{"DB11/T 1", "DB11/T _—2020", ""} {
		if got, _ := s.FindReplacing(ctx, n); len(got) != 0 {
			t.Errorf("FindReplacing(%q) = %d standards, want none", n, len(got))
		}
	}
}
