package workflow_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"norma/workflow"
)

// library imports an issued standard with the dates into the office.
func (o *office) library(number, level, region, issued, impl string) *workflow.Standard {
	o.tb.Helper()
	text := fmt.Sprintf("---\nnumber: %s\ntitle: 宾馆服务规范 %s\nlevel: %s\nregion: %q\nissue_date: %q\nimpl_date: %q\n---\n\n"+
		"## 1 范围\n\n本文件规定了宾馆服务。\n\n## 5 服务要求\n\n### 5.2 会中服务\n\n会务人员应引导入场。\n",
		number, number, level, region, issued, impl)
	_, id, err := o.svc.Import(ctx, workflow.ImportInput{Path: number + ".md", Text: text})
	if err != nil {
		o.tb.Fatalf("import %s: %v", number, err)
	}
	st, err := o.svc.Standard(ctx, o.users["staff"], id)
	if err != nil {
		o.tb.Fatal(err)
	}
	return st
}

func TestFilingDueAndOverdue(t *testing.T) {
	o := newOffice(t, func(c *workflow.Config) { c.FilingDaysRegion = map[string]int{"31": 30} })
	o.now = time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	bj := o.library("DB11/T 100—2026", "local", "11", "2026-04-01", "2026-07-01") // due 05-31
	sh := o.library("DB31/T 200—2026", "local", "31", "2026-03-15", "2026-06-01") // due 04-14: overdue
	o.library("GB/T 300—2026", "national", "", "2026-04-01", "2026-07-01")        // national: not filed here
	staff := o.users["staff"]

	due, err := o.svc.FilingsDue(ctx, staff, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Standard.ID != sh.ID || !due[0].Overdue || due[0].Due != "2026-04-14" || due[0].DaysLeft != -17 {
		t.Fatalf("due within 7 days = %+v; want only the overdue Shanghai standard", due)
	}
	due, _ = o.svc.FilingsDue(ctx, staff, 60)
	if len(due) != 2 || due[0].Standard.ID != sh.ID || due[1].Standard.ID != bj.ID || due[1].Due != "2026-05-31" {
		t.Fatalf("due within 60 days = %+v; want overdue first, then Beijing on 2026-05-31", due)
	}
	_, err = o.svc.FilingsDue(ctx, o.users["drafter"], 60)
	wantErr(t, err, workflow.EFORBIDDEN, "", "staff")

	_, err = o.svc.RecordFiling(ctx, staff, sh.ID, workflow.FilingInput{Number: "", FiledOn: "2026-04-20"})
	wantErr(t, err, workflow.EINVALID, "number", "required")
	_, err = o.svc.RecordFiling(ctx, staff, sh.ID, workflow.FilingInput{Number: "备31-2026-001", FiledOn: "2026-03-01"})
	wantErr(t, err, workflow.EINVALID, "filed_on", "2026-03-15")
	_, err = o.svc.RecordFiling(ctx, staff, sh.ID, workflow.FilingInput{Number: "备31-2026-001", FiledOn: "2026-06-01"})
	wantErr(t, err, workflow.EINVALID, "filed_on", "future")
	_, err = o.svc.RecordFiling(ctx, o.users["drafter"], sh.ID, workflow.FilingInput{Number: "x", FiledOn: "2026-04-20"})
	wantErr(t, err, workflow.EFORBIDDEN, "", "staff")
	f, err := o.svc.RecordFiling(ctx, staff, sh.ID, workflow.FilingInput{Number: "备31-2026-001", FiledOn: "2026-04-20"})
	if err != nil || f.RecordedBy != "staff" {
		t.Fatalf("RecordFiling = %+v, %v", f, err)
	}
	if due, _ := o.svc.FilingsDue(ctx, staff, 60); len(due) != 1 || due[0].Standard.ID != bj.ID {
		t.Fatalf("after filing, due = %+v; want only Beijing", due)
	}
	// Once recorded, a filing is corrected only with a note.
	_, err = o.svc.RecordFiling(ctx, staff, sh.ID, workflow.FilingInput{Number: "备31-2026-002", FiledOn: "2026-04-20"})
	wantErr(t, err, workflow.EINVALID, "note", "note")
	if _, err := o.svc.RecordFiling(ctx, staff, sh.ID, workflow.FilingInput{Number: "备31-2026-002", FiledOn: "2026-04-20", Note: "备案号抄错"}); err != nil {
		t.Fatal(err)
	}
	got, _ := o.svc.Filing(ctx, nil, sh.ID)
	if got.Number != "备31-2026-002" || got.Note != "备案号抄错" {
		t.Errorf("corrected filing = %+v", got)
	}
	hist, _ := o.svc.History(ctx, staff, sh.ID)
	if n := len(hist); hist[n-1].Action != "filing_correction" || hist[n-2].Action != "filing" {
		t.Errorf("history ends %+v", hist[n-1])
	}
}

func TestReviewDueWithRegionOverride(t *testing.T) {
	o := newOffice(t, func(c *workflow.Config) { c.ReviewCycleRegion = map[string]int{"31": 3} })
	o.now = time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	bj := o.library("DB11/T 1—2021", "local", "11", "2021-03-01", "2021-06-01") // 5 years: due 2026-06-01
	sh := o.library("DB31/T 2—2023", "local", "31", "2023-03-01", "2023-04-01") // 3 years: due 2026-04-01
	o.library("DB31/T 3—2025", "local", "31", "2025-03-01", "2025-04-01")       // due 2028-04-01
	due, err := o.svc.ReviewsDue(ctx, o.users["staff"], 31)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].Standard.ID != sh.ID || !due[0].Overdue || due[0].ReviewDue != "2026-04-01" ||
		due[1].Standard.ID != bj.ID || due[1].ReviewDue != "2026-06-01" || due[1].Overdue {
		t.Fatalf("reviews due within 31 days = %+v", due)
	}
	if due, _ := o.svc.ReviewsDue(ctx, o.users["staff"], 0); len(due) != 1 {
		t.Errorf("within 0 days: %d, want the overdue one", len(due))
	}
}

func TestReviewConclusions(t *testing.T) {
	o := newOffice(t)
	o.now = time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	staff := o.users["staff"]
	a := o.library("DB11/T 10—2020", "local", "11", "2020-12-01", "2021-03-01")
	b := o.library("DB11/T 11—2020", "local", "11", "2020-12-01", "2021-03-01")
	c := o.library("DB11/T 12—2020", "local", "11", "2020-12-01", "2021-03-01")
	for _, clause := range []string{"5.2", "5.2", ""} {
		if _, err := o.svc.AddFeedback(ctx, "198.51.100.7", a.ID, workflow.FeedbackInput{Clause: clause,
			Kind: workflow.FeedbackProblem, Body: "引导要求不明确", Name: "王五"}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := o.svc.ConcludeReview(ctx, staff, a.ID, workflow.ReviewInput{Conclusion: "keep"})
	wantErr(t, err, workflow.EINVALID, "conclusion", "continue")
	_, err = o.svc.ConcludeReview(ctx, staff, a.ID, workflow.ReviewInput{Conclusion: "abolish"})
	wantErr(t, err, workflow.EINVALID, "reason", "reason")
	_, err = o.svc.ConcludeReview(ctx, o.users["drafter"], a.ID, workflow.ReviewInput{Conclusion: "continue"})
	wantErr(t, err, workflow.EFORBIDDEN, "", "staff")

	rv, err := o.svc.ConcludeReview(ctx, staff, a.ID, workflow.ReviewInput{Conclusion: "continue", Reason: "仍适用"})
	if err != nil {
		t.Fatal(err)
	}
	if rv.Due != "2026-03-01" || rv.NextDue != "2031-03-01" || rv.Feedback["5.2"] != 2 || rv.Feedback[""] != 1 {
		t.Fatalf("continue review = %+v", rv)
	}
	view, _ := o.svc.PeriodicReviews(ctx, staff, a.ID)
	if view.ReviewDue != "2031-03-01" || len(view.Reviews) != 1 || view.Feedback["5.2"] != 2 {
		t.Errorf("review view = %+v", view)
	}

	rv, err = o.svc.ConcludeReview(ctx, staff, b.ID, workflow.ReviewInput{Conclusion: "revise", Reason: "技术要求落后"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := o.svc.Standard(ctx, staff, rv.ProjectID)
	if err != nil {
		t.Fatalf("revision project: %v", err)
	}
	if p.State != workflow.StateDraft || p.Title != b.Title || p.Level != b.Level || len(p.Replaces) != 1 || p.Replaces[0] != b.Number {
		t.Errorf("revision project = %+v", p)
	}
	_, err = o.svc.ConcludeReview(ctx, staff, b.ID, workflow.ReviewInput{Conclusion: "continue"})
	wantErr(t, err, workflow.ECONFLICT, "", rv.ProjectID)
	due, _ := o.svc.ReviewsDue(ctx, staff, 0)
	for _, d := range due {
		if d.Standard.ID == b.ID || d.Standard.ID == a.ID {
			t.Errorf("%s still due for review: %+v", d.Standard.Number, d)
		}
	}

	if _, err := o.svc.ConcludeReview(ctx, staff, c.ID, workflow.ReviewInput{Conclusion: "abolish", Reason: "已被国家标准覆盖"}); err != nil {
		t.Fatal(err)
	}
	got, _ := o.svc.Standard(ctx, nil, c.ID)
	if got.State != workflow.StateAbolished || got.Status != workflow.StatusAbolished {
		t.Errorf("abolished standard is %s/%s", got.State, got.Status)
	}
	_, err = o.svc.ConcludeReview(ctx, staff, c.ID, workflow.ReviewInput{Conclusion: "continue"})
	wantErr(t, err, workflow.ECONFLICT, "", "in force")
}

func TestFeedbackVisibility(t *testing.T) {
	o := newOffice(t, func(c *workflow.Config) { c.PublicComments = 2 })
	st := o.library("DB11/T 20—2024", "local", "11", "2024-01-01", "2024-03-01")
	in := workflow.FeedbackInput{Clause: "5.2", Kind: workflow.FeedbackQuestion, Body: "引导是否包括残障人士？",
		Name: "赵六", Organization: "某会议中心", Contact: "zhao@example.cn"}
	r, err := o.svc.AddFeedback(ctx, "203.0.113.1", st.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	bad := in
	bad.Clause = "9.9"
	_, err = o.svc.AddFeedback(ctx, "203.0.113.1", st.ID, bad)
	wantErr(t, err, workflow.EINVALID, "clause", "9.9")
	bad = in
	bad.Kind = "praise"
	_, err = o.svc.AddFeedback(ctx, "203.0.113.1", st.ID, bad)
	wantErr(t, err, workflow.EINVALID, "kind", "problem")
	if _, err := o.svc.AddFeedback(ctx, "203.0.113.1", st.ID, in); err != nil {
		t.Fatal(err)
	}
	_, err = o.svc.AddFeedback(ctx, "203.0.113.1", st.ID, in)
	wantErr(t, err, workflow.ETOOMANY, "", "")

	draft := o.draft()
	_, err = o.svc.AddFeedback(ctx, "203.0.113.2", draft.ID, in)
	wantErr(t, err, workflow.ECONFLICT, "", "issued")

	for _, who := range []*workflow.User{nil, o.users["drafter"], o.users["e1"]} {
		if _, err := o.svc.FeedbackList(ctx, who, st.ID); workflow.ErrorCode(err) != workflow.EFORBIDDEN {
			t.Errorf("%v reads the feedback: %v", who, err)
		}
	}
	list, err := o.svc.FeedbackList(ctx, o.users["staff"], st.ID)
	if err != nil || len(list) != 2 || list[0].Contact != "zhao@example.cn" || list[0].ID != r.ID {
		t.Fatalf("staff's list = %+v, %v", list, err)
	}
	open, _ := o.svc.OpenFeedback(ctx, o.users["staff"])
	if len(open) != 2 {
		t.Errorf("open feedback %d, want 2", len(open))
	}
	_, err = o.svc.AnswerFeedback(ctx, o.users["staff"], st.ID, r.ID, workflow.FeedbackAnswer{Answer: " "})
	wantErr(t, err, workflow.EINVALID, "answer", "required")
	_, err = o.svc.AnswerFeedback(ctx, o.users["staff"], draft.ID, r.ID, workflow.FeedbackAnswer{Answer: "包括"})
	wantErr(t, err, workflow.ENOTFOUND, "", "")
	ans, err := o.svc.AnswerFeedback(ctx, o.users["staff"], st.ID, r.ID, workflow.FeedbackAnswer{Answer: "包括，见5.2。"})
	if err != nil || ans.AnsweredBy != "staff" || ans.AnsweredAt == nil {
		t.Fatalf("answer = %+v, %v", ans, err)
	}
	if open, _ := o.svc.OpenFeedback(ctx, o.users["staff"]); len(open) != 1 {
		t.Errorf("open feedback after the answer %d, want 1", len(open))
	}
	if open, _ := o.svc.OpenFeedback(ctx, o.users["drafter"]); len(open) != 0 {
		t.Errorf("a drafter who owns nothing sees %d open feedback", len(open))
	}
}

// wantErr checks an error's code, field and that its message says words.
func wantErr(tb testing.TB, err error, code, field, words string) {
	tb.Helper()
	e := wantCode(tb, err, code, field)
	if e != nil && !strings.Contains(e.Message, words) {
		tb.Fatalf("error %q; want it to say %q", e.Message, words)
	}
}
