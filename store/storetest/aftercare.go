package storetest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"norma/workflow"
)

func testFilings(t *testing.T, s Store) {
	staff := MustUser(t, s, "staff", workflow.RoleStaff)
	st := MustStandard(t, s, "s-filed", nil, workflow.StateIssued)
	other := MustStandard(t, s, "s-other", nil, workflow.StateIssued)
	_, err := s.FindFiling(ctx, st.ID)
	wantCode(t, err, workflow.ENOTFOUND)
	f := &workflow.Filing{StandardID: st.ID, Number: "备案号 12345-2026", FiledOn: "2026-03-20", RecordedBy: "staff", RecordedAt: t0}
	h := &workflow.HistoryEntry{StandardID: st.ID, Action: "filing", From: workflow.StateIssued, To: workflow.StateIssued,
		ActorID: staff.ID, Actor: "staff", At: t0}
	if err := s.PutFiling(ctx, f, h); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindFiling(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f, got); diff != "" {
		t.Errorf("filing round trip (-want +got):\n%s", diff)
	}
	fixed := *f
	fixed.Number, fixed.Note, fixed.RecordedAt = "备案号 12346-2026", "号码抄错", t0.Add(time.Hour)
	h2 := *h
	h2.Action, h2.At = "filing_correction", fixed.RecordedAt
	if err := s.PutFiling(ctx, &fixed, &h2); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindFiling(ctx, st.ID); got.Number != fixed.Number || got.Note != "号码抄错" {
		t.Errorf("corrected filing = %+v", got)
	}
	all, err := s.FindFilings(ctx)
	if err != nil || len(all) != 1 || all[0].StandardID != st.ID {
		t.Fatalf("FindFilings = %+v, %v; want the one filing", all, err)
	}
	hist, _ := s.FindHistory(ctx, st.ID)
	if n := len(hist); n != 3 || hist[n-1].Action != "filing_correction" {
		t.Errorf("history = %+v; want create, filing, filing_correction", hist)
	}
	bad := &workflow.Filing{StandardID: "s-none", Number: "x", FiledOn: "2026-03-20", RecordedAt: t0}
	wantCode(t, s.PutFiling(ctx, bad, &workflow.HistoryEntry{StandardID: "s-none", Action: "filing", At: t0}), workflow.ENOTFOUND)
	if _, err := s.FindFiling(ctx, other.ID); workflow.ErrorCode(err) != workflow.ENOTFOUND {
		t.Errorf("the other standard has a filing: %v", err)
	}
}

func testPeriodicReviews(t *testing.T, s Store) {
	staff := MustUser(t, s, "staff", workflow.RoleStaff)
	a := MustStandard(t, s, "s-a", staff, workflow.StateIssued)
	b := MustStandard(t, s, "s-b", staff, workflow.StateIssued)
	entry := func(id, action string, to workflow.State) *workflow.HistoryEntry {
		return &workflow.HistoryEntry{StandardID: id, Action: action, From: workflow.StateIssued, To: to,
			ActorID: staff.ID, Actor: "staff", At: t0}
	}
	cont := &workflow.PeriodicReview{StandardID: a.ID, Conclusion: workflow.ConclusionContinue, Due: "2031-05-01",
		NextDue: "2036-05-01", DecidedBy: "staff", DecidedAt: t0, Feedback: map[string]int{"5.2": 2, "": 1}}
	if err := s.CreatePeriodicReview(ctx, workflow.ReviewChange{Review: cont, History: entry(a.ID, "review_continue", workflow.StateIssued)}); err != nil {
		t.Fatal(err)
	}
	if cont.ID == 0 {
		t.Fatal("CreatePeriodicReview did not set the id")
	}
	// revise: the project comes with its revision and history, all or nothing.
	project := &workflow.Standard{ID: "s-a-rev", Title: a.Title, Level: a.Level, Replaces: []string{"DB11/T 1—2020"},
		State: workflow.StateDraft, Latest: 1, CreatedAt: t0, UpdatedAt: t0}
	rev := &workflow.Revision{StandardID: project.ID, Number: 1, Body: "## 1 范围\n", CreatedAt: t0}
	revise := &workflow.PeriodicReview{StandardID: a.ID, Conclusion: workflow.ConclusionRevise, Reason: "技术落后",
		Due: "2036-05-01", DecidedBy: "staff", DecidedAt: t0.Add(time.Hour), Feedback: map[string]int{}, ProjectID: project.ID}
	if err := s.CreatePeriodicReview(ctx, workflow.ReviewChange{Review: revise, History: entry(a.ID, "review_revise", workflow.StateIssued),
		Project: project, ProjectRevision: rev, ProjectHistory: entry(project.ID, "create", workflow.StateDraft)}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.FindStandard(ctx, project.ID); err != nil || got.State != workflow.StateDraft || got.Replaces[0] != "DB11/T 1—2020" {
		t.Fatalf("revision project = %+v, %v", got, err)
	}
	// abolish at a stale version: nothing is stored.
	gone := workflow.StatusAbolished
	stale := &workflow.PeriodicReview{StandardID: b.ID, Conclusion: workflow.ConclusionAbolish, Reason: "不再适用",
		DecidedBy: "staff", DecidedAt: t0, Feedback: map[string]int{}}
	tr := &workflow.Transition{StandardID: b.ID, Version: b.Version + 5, From: workflow.StateIssued, To: workflow.StateAbolished,
		Status: &gone, At: t0, History: []*workflow.HistoryEntry{entry(b.ID, "review_abolish", workflow.StateAbolished)}}
	wantCode(t, s.CreatePeriodicReview(ctx, workflow.ReviewChange{Review: stale, Abolish: tr}), workflow.ECONFLICT)
	if got, _ := s.FindPeriodicReviews(ctx, b.ID); len(got) != 0 {
		t.Fatalf("a refused review was stored: %+v", got)
	}
	tr.Version = b.Version
	if err := s.CreatePeriodicReview(ctx, workflow.ReviewChange{Review: stale, Abolish: tr}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindStandard(ctx, b.ID); got.State != workflow.StateAbolished || got.Status != workflow.StatusAbolished {
		t.Errorf("abolished standard = %s/%s", got.State, got.Status)
	}
	got, err := s.FindPeriodicReviews(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*workflow.PeriodicReview{cont, revise}, got); diff != "" {
		t.Errorf("reviews of a (-want +got):\n%s", diff)
	}
	if all, _ := s.FindPeriodicReviews(ctx, ""); len(all) != 3 {
		t.Errorf("every review: %d, want 3", len(all))
	}
}

func testFeedback(t *testing.T, s Store) {
	st := MustStandard(t, s, "s-fb", nil, workflow.StateIssued)
	other := MustStandard(t, s, "s-fb2", nil, workflow.StateIssued)
	mk := func(id, clause string) *workflow.Feedback {
		f := &workflow.Feedback{StandardID: id, Clause: clause, Kind: workflow.FeedbackProblem, Body: "执行中发现问题",
			Name: "王五", Organization: "某宾馆", Contact: "13800000000", Client: "203.0.113.9", CreatedAt: t0}
		if err := s.CreateFeedback(ctx, f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	f1, f2 := mk(st.ID, "5.2"), mk(st.ID, "")
	mk(other.ID, "1")
	got, err := s.FindFeedbackItem(ctx, f1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f1, got); diff != "" {
		t.Errorf("feedback round trip (-want +got):\n%s", diff)
	}
	at := t0.Add(time.Hour)
	f2.Answer, f2.AnsweredBy, f2.AnsweredAt = "已记录，复审时考虑", "staff", &at
	if err := s.AnswerFeedback(ctx, f2); err != nil {
		t.Fatal(err)
	}
	id := st.ID
	list, err := s.FindFeedback(ctx, workflow.FeedbackFilter{StandardID: &id})
	if err != nil || len(list) != 2 || list[1].Answer != f2.Answer || list[1].AnsweredAt == nil {
		t.Fatalf("FindFeedback(standard) = %+v, %v", list, err)
	}
	open, _ := s.FindFeedback(ctx, workflow.FeedbackFilter{Open: true})
	if len(open) != 2 || open[0].ID != f1.ID {
		t.Errorf("open feedback = %d items, want f1 and the other standard's", len(open))
	}
	_, err = s.FindFeedbackItem(ctx, 9999)
	wantCode(t, err, workflow.ENOTFOUND)
	wantCode(t, s.AnswerFeedback(ctx, &workflow.Feedback{ID: 9999, AnsweredAt: &at}), workflow.ENOTFOUND)
	wantCode(t, s.CreateFeedback(ctx, &workflow.Feedback{StandardID: "s-none", Kind: "problem", Body: "x", CreatedAt: t0}), workflow.ENOTFOUND)
}
