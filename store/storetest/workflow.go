package storetest

import (
	"testing"
	"time"

	"norma/workflow"
)

func move(st *workflow.Standard, to workflow.State, at time.Time) *workflow.Transition {
	return &workflow.Transition{StandardID: st.ID, Version: st.Version, From: st.State, To: to, At: at,
		History: []*workflow.HistoryEntry{{StandardID: st.ID, Action: "test", From: st.State, To: to, At: at}}}
}

func testTransitionVersion(t *testing.T, s Store) {
	st := MustStandard(t, s, "s-move", nil, workflow.StateDraft)
	t1 := t0.Add(time.Hour)
	tr := move(st, workflow.StateExpertReview, t1)
	tr.OpenRound = &workflow.Round{Number: 1, Revision: 1, OpenedAt: t1}
	if err := s.ApplyTransition(ctx, tr); err != nil {
		t.Fatal(err)
	}
	// The same move again, from the version read before: refused, nothing written.
	wantCode(t, s.ApplyTransition(ctx, move(st, workflow.StateWithdrawn, t1)), workflow.ECONFLICT)
	got, _ := s.FindStandard(ctx, st.ID)
	h, _ := s.FindHistory(ctx, st.ID)
	if got.State != workflow.StateExpertReview || got.Version != st.Version+1 || len(h) != 2 {
		t.Errorf("after a stale move: state %s version %d, %d history entries", got.State, got.Version, len(h))
	}
	d, err := s.FindDossier(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Round == nil || d.Round.Number != 1 || d.Rounds != 1 || d.Body == "" || d.Standard.Version != got.Version {
		t.Errorf("dossier = %+v", d)
	}
}

func testVerdicts(t *testing.T, s Store) {
	expert := MustUser(t, s, "expert", workflow.RoleExpert)
	st := MustStandard(t, s, "s-verdict", nil, workflow.StateDraft)
	wantCode(t, s.PutVerdict(ctx, st.ID, &workflow.Verdict{ExpertID: expert.ID, Verdict: "approve", At: t0}), workflow.ECONFLICT)
	tr := move(st, workflow.StateExpertReview, t0)
	tr.OpenRound = &workflow.Round{Number: 1, Revision: 1, OpenedAt: t0}
	if err := s.ApplyTransition(ctx, tr); err != nil {
		t.Fatal(err)
	}
	for _, v := range []workflow.VerdictKind{workflow.VerdictReject, workflow.VerdictApproveWithChanges} {
		if err := s.PutVerdict(ctx, st.ID, &workflow.Verdict{ExpertID: expert.ID, Verdict: v, Note: string(v), At: t0}); err != nil {
			t.Fatal(err)
		}
	}
	rounds, err := s.FindRounds(ctx, st.ID)
	if err != nil || len(rounds) != 1 || len(rounds[0].Verdicts) != 1 {
		t.Fatalf("rounds = %+v, %v", rounds, err)
	}
	if v := rounds[0].Verdicts[0]; v.Verdict != "approve_with_changes" || v.Expert != "expert" {
		t.Errorf("the verdict was not replaced: %+v", v)
	}
	st, _ = s.FindStandard(ctx, st.ID)
	back := move(st, workflow.StateDraft, t0.Add(time.Hour))
	back.CloseRound = "returned"
	if err := s.ApplyTransition(ctx, back); err != nil {
		t.Fatal(err)
	}
	rounds, _ = s.FindRounds(ctx, st.ID)
	if rounds[0].ClosedAt == nil || rounds[0].Outcome != "returned" {
		t.Errorf("closed round = %+v", rounds[0])
	}
	wantCode(t, s.PutVerdict(ctx, st.ID, &workflow.Verdict{ExpertID: expert.ID, Verdict: "approve", At: t0}), workflow.ECONFLICT)
}

func testSupersede(t *testing.T, s Store) {
	old := MustStandard(t, s, "s-old", nil, workflow.StateIssued)
	draft := MustStandard(t, s, "s-draft", nil, workflow.StateDraft)
	st := MustStandard(t, s, "s-new", nil, workflow.StatePublicNotice)
	number, cur := "DB11/T 2—2026", workflow.StatusCurrent
	bad := move(st, workflow.StateIssued, t0)
	bad.Supersede, bad.Status = []string{old.ID, draft.ID}, &cur
	bad.Update = &workflow.StandardUpdate{Number: &number}
	wantCode(t, s.ApplyTransition(ctx, bad), workflow.ECONFLICT)
	if o, _ := s.FindStandard(ctx, old.ID); o.State != workflow.StateIssued {
		t.Errorf("a failed issue superseded %s anyway", old.ID)
	}
	if n, _ := s.FindStandard(ctx, st.ID); n.State != workflow.StatePublicNotice || n.Number != "" {
		t.Errorf("a failed issue left %s %s numbered %q", st.ID, n.State, n.Number)
	}
	good := move(st, workflow.StateIssued, t0)
	good.Supersede, good.Status, good.Update = []string{old.ID}, &cur, &workflow.StandardUpdate{Number: &number}
	if err := s.ApplyTransition(ctx, good); err != nil {
		t.Fatal(err)
	}
	o, _ := s.FindStandard(ctx, old.ID)
	n, _ := s.FindStandardByNumber(ctx, number)
	if o.State != workflow.StateSuperseded || o.Status != workflow.StatusSuperseded || n == nil || n.ID != st.ID {
		t.Errorf("after issue: old %s/%s, by number %+v", o.State, o.Status, n)
	}
	// A number names one standard.
	other := MustStandard(t, s, "s-other", nil, workflow.StatePublicNotice)
	dup := move(other, workflow.StateIssued, t0)
	dup.Update = &workflow.StandardUpdate{Number: &number}
	wantCode(t, s.ApplyTransition(ctx, dup), workflow.ECONFLICT)
}

func libraryText(title string) (*workflow.Standard, *workflow.Revision) {
	st := &workflow.Standard{ID: "t-lib", Title: title, Level: workflow.LevelNational, State: workflow.StateIssued,
		Status: workflow.StatusCurrent, Latest: 1, Replaces: []string{}, Source: "lib/t.md", CreatedAt: t0, UpdatedAt: t0}
	body := "---\ntitle: " + title + "\n---\n正文"
	return st, &workflow.Revision{StandardID: st.ID, Body: body, Author: "import", CreatedAt: t0,
		Hash: workflow.Hash(body), Size: len(body)}
}

func testImport(t *testing.T, s Store) {
	for _, tc := range []struct {
		title  string
		want   workflow.ImportOutcome
		latest int
	}{{"甲", workflow.Imported, 1}, {"甲", workflow.Unchanged, 1}, {"乙", workflow.Updated, 2}, {"乙", workflow.Unchanged, 2}} {
		st, r := libraryText(tc.title)
		got, err := s.ImportStandard(ctx, st, r, nil)
		if err != nil || got != tc.want {
			t.Fatalf("import %q = %s, %v; want %s", tc.title, got, err, tc.want)
		}
		back, _ := s.FindStandard(ctx, st.ID)
		if back.Latest != tc.latest || back.Title != tc.title {
			t.Errorf("after import %q: latest %d title %q", tc.title, back.Latest, back.Title)
		}
	}
	MustStandard(t, s, "s-drafted", nil, workflow.StateDraft)
	st, r := libraryText("丙")
	st.ID, r.StandardID = "s-drafted", "s-drafted"
	_, err := s.ImportStandard(ctx, st, r, nil)
	wantCode(t, err, workflow.ECONFLICT)
}

func testOutbox(t *testing.T, s Store) {
	MustStandard(t, s, "s-a", nil, workflow.StateDraft)
	MustStandard(t, s, "s-b", nil, workflow.StateDraft)
	if err := s.CreateRevision(ctx, newRev("s-a", "二稿", t0), 1, nil); err != nil {
		t.Fatal(err)
	}
	entries, err := s.FindOutbox(ctx, 10)
	if err != nil || len(entries) != 3 || entries[0].StandardID != "s-a" || entries[2].StandardID != "s-a" {
		t.Fatalf("outbox = %+v, %v", entries, err)
	}
	if err := s.DeleteOutbox(ctx, entries[1].ID); err != nil {
		t.Fatal(err)
	}
	if rest, _ := s.FindOutbox(ctx, 10); len(rest) != 1 || rest[0].ID != entries[2].ID {
		t.Errorf("after deleting up to the second entry: %+v", rest)
	}
	if n, _ := s.CountOutbox(ctx); n != 1 {
		t.Errorf("CountOutbox = %d, want 1", n)
	}
	// s-a is waiting already: only s-b is added.
	if n, err := s.EnqueueAll(ctx); err != nil || n != 1 {
		t.Errorf("EnqueueAll = %d, %v; want 1", n, err)
	}
	if n, _ := s.CountOutbox(ctx); n != 2 {
		t.Errorf("after EnqueueAll the outbox holds %d, want 2", n)
	}
	f := workflow.Fingerprint{StandardID: "s-a", Hash: "h", Title: "甲", Shingles: 3, Sketch: []byte{1, 2}, Text: "旧文", UpdatedAt: t0}
	if err := s.PutFingerprint(ctx, f); err != nil {
		t.Fatal(err)
	}
	f.Sketch, f.Text, f.UpdatedAt = []byte{3}, "新文", t0.Add(time.Second)
	if err := s.PutFingerprint(ctx, f); err != nil {
		t.Fatal(err)
	}
	all, _ := s.FindFingerprints(ctx, time.Time{})
	later, _ := s.FindFingerprints(ctx, t0.Add(time.Second))
	if len(all) != 1 || string(all[0].Sketch) != "\x03" || all[0].Shingles != 3 || all[0].Text != "" || len(later) != 0 {
		t.Errorf("fingerprints: all %+v, later %+v", all, later)
	}
	texts, err := s.FindSearchTexts(ctx, []string{"s-a", "s-b", "s-none"})
	if err != nil || len(texts) != 1 || texts["s-a"] != (workflow.SearchText{Hash: "h", Text: "新文"}) {
		t.Errorf("FindSearchTexts = %v, %v; want only s-a's latest text", texts, err)
	}
}
