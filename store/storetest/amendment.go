package storetest

import (
	"testing"
	"time"

	"norma/workflow"
)

// mustAmendment creates an amendment sheet of parent in the given state.
func mustAmendment(t *testing.T, s Store, id string, parent *workflow.Standard, state workflow.State, body string) *workflow.Standard {
	t.Helper()
	a := &workflow.Standard{ID: id, Kind: workflow.KindAmendment, Parent: parent.ID, Sheet: "一、5.2 条改为：……",
		Title: "《" + parent.Title + "》第1号修改单", Level: parent.Level, Region: parent.Region, State: state,
		Latest: 1, Replaces: []string{}, CreatedAt: t0.Add(time.Minute), UpdatedAt: t0.Add(time.Minute)}
	r := newRev(id, body, a.CreatedAt)
	r.Number = 1
	if err := s.CreateStandard(ctx, a, r, &workflow.HistoryEntry{StandardID: id, Action: "create", To: state, At: a.CreatedAt}); err != nil {
		t.Fatal(err)
	}
	return a
}

func testAmendments(t *testing.T, s Store) {
	staff := MustUser(t, s, "staff", workflow.RoleStaff)
	parent := &workflow.Standard{ID: "s-parent", Number: "DB11/T 1—2020", Title: "机关会议服务规范", Level: workflow.LevelLocal,
		Region: "11", State: workflow.StateIssued, Status: workflow.StatusCurrent, Latest: 1, Replaces: []string{},
		CreatedAt: t0, UpdatedAt: t0}
	first := newRev(parent.ID, "## 5.2 会中服务\n\n应提供茶水。\n", t0)
	first.Number = 1
	if err := s.CreateStandard(ctx, parent, first, nil); err != nil {
		t.Fatal(err)
	}
	if parent.Kind != workflow.KindStandard {
		t.Errorf("a standard stored without a kind is of kind %q, want standard", parent.Kind)
	}
	other := MustStandard(t, s, "s-other", staff, workflow.StateIssued)
	a := mustAmendment(t, s, "s-amend", parent, workflow.StatePublicNotice, "## 5.2 会中服务\n\n应提供茶水和点心。\n")
	got, err := s.FindStandard(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != workflow.KindAmendment || got.Parent != parent.ID || got.Sheet != a.Sheet {
		t.Errorf("amendment round trip: kind %q, parent %q, sheet %q", got.Kind, got.Parent, got.Sheet)
	}
	if p, _ := s.FindStandard(ctx, parent.ID); p.Kind != workflow.KindStandard || p.Parent != "" {
		t.Errorf("parent read back as kind %q, parent %q", p.Kind, p.Parent)
	}
	list, err := s.FindAmendments(ctx, parent.ID)
	if err != nil || len(list) != 1 || list[0].ID != a.ID {
		t.Fatalf("FindAmendments = %+v, %v; want the one sheet", list, err)
	}
	if none, err := s.FindAmendments(ctx, other.ID); err != nil || none == nil || len(none) != 0 {
		t.Errorf("FindAmendments(other) = %#v, %v; want an empty list", none, err)
	}
	if err := s.UpdateSheet(ctx, a.ID, "一、5.2 条改为：“应提供茶水和点心。”", t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindStandard(ctx, a.ID); got.Sheet != "一、5.2 条改为：“应提供茶水和点心。”" || got.Version != a.Version+1 {
		t.Errorf("after UpdateSheet: sheet %q, version %d", got.Sheet, got.Version)
	}
	wantCode(t, s.UpdateSheet(ctx, other.ID, "x", t0), workflow.ENOTFOUND)

	// The issue carries the amended text: a stale base refuses all of it.
	issue := func(base int) *workflow.Transition {
		cur, _ := s.FindStandard(ctx, a.ID)
		number, status := "DB11/T 1—2020/XG1—2026", workflow.StatusCurrent
		r := newRev(parent.ID, "## 5.2 会中服务\n\n应提供茶水和点心。\n", t0.Add(time.Hour))
		r.Stage = workflow.StageIssued
		return &workflow.Transition{StandardID: a.ID, Version: cur.Version, From: workflow.StatePublicNotice,
			To: workflow.StateIssued, Status: &status, At: t0.Add(time.Hour), Update: &workflow.StandardUpdate{Number: &number},
			History: []*workflow.HistoryEntry{{StandardID: a.ID, Action: "issue", From: workflow.StatePublicNotice, To: workflow.StateIssued, At: t0.Add(time.Hour)}},
			Amend: &workflow.AmendedText{Revision: r, Base: base, History: &workflow.HistoryEntry{StandardID: parent.ID,
				Action: "amend", From: workflow.StateIssued, To: workflow.StateIssued, ActorID: staff.ID, Actor: "staff",
				At: t0.Add(time.Hour), Note: "amended by " + number, NoteKey: "history.amended", NoteArgs: map[string]any{"number": number}}}}
	}
	wantCode(t, s.ApplyTransition(ctx, issue(2)), workflow.ECONFLICT)
	if got, _ := s.FindStandard(ctx, a.ID); got.State != workflow.StatePublicNotice || got.Number != "" {
		t.Errorf("a refused issue moved the sheet: %s %q", got.State, got.Number)
	}
	if d, err := s.FindDossier(ctx, parent.ID); err != nil || len(d.Amendments) != 0 || d.Standard.Latest != 1 {
		t.Fatalf("before the issue: dossier %+v, %v", d, err)
	}
	if err := s.DeleteOutbox(ctx, 1<<40); err != nil {
		t.Fatal(err)
	}
	if err := s.ApplyTransition(ctx, issue(1)); err != nil {
		t.Fatal(err)
	}
	d, err := s.FindDossier(ctx, parent.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Standard.Latest != 2 || d.Body != "## 5.2 会中服务\n\n应提供茶水和点心。\n" || len(d.Amendments) != 1 || d.Amendments[0] != "DB11/T 1—2020/XG1—2026" {
		t.Errorf("after the issue: latest %d, body %q, amendments %v", d.Standard.Latest, d.Body, d.Amendments)
	}
	if r, _ := s.FindRevision(ctx, parent.ID, 2); r.Stage != workflow.StageIssued {
		t.Errorf("the amended text's stage = %q, want issued", r.Stage)
	}
	hist, _ := s.FindHistory(ctx, parent.ID)
	if n := len(hist); n == 0 || hist[n-1].Action != "amend" || hist[n-1].NoteKey != "history.amended" || hist[n-1].NoteArgs["number"] != "DB11/T 1—2020/XG1—2026" {
		t.Errorf("parent history = %+v; want the amend entry last", *hist[len(hist)-1])
	}
	entries, _ := s.FindOutbox(ctx, 100)
	indexed := map[string]bool{}
	for _, e := range entries {
		indexed[e.StandardID] = true
	}
	if !indexed[parent.ID] || !indexed[a.ID] {
		t.Errorf("outbox after the issue = %+v; want both the sheet and the amended standard", entries)
	}
}
