package workflow_test

import (
	"sort"
	"testing"
	"time"

	"norma/workflow"
)

// worklist is a work list as section key → the ids of its standards.
func worklist(t *testing.T, e *env, u *workflow.User) (map[string][]string, map[string]workflow.WorkItem) {
	t.Helper()
	secs, err := e.svc.WorkList(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	items := map[string]workflow.WorkItem{}
	for _, sec := range secs {
		if len(sec.Items) == 0 {
			t.Errorf("section %s is empty and still listed", sec.Key)
		}
		for _, it := range sec.Items {
			out[sec.Key] = append(out[sec.Key], it.Standard.ID)
			items[sec.Key+" "+it.Standard.ID] = it
		}
		sort.Strings(out[sec.Key])
	}
	return out, items
}

func ids(sts ...*workflow.Standard) []string {
	out := make([]string, len(sts))
	for i, st := range sts {
		out[i] = st.ID
	}
	sort.Strings(out)
	return out
}

func wantSections(t *testing.T, who string, got map[string][]string, want map[string][]string) {
	t.Helper()
	for key, w := range want {
		g := got[key]
		if len(g) != len(w) {
			t.Errorf("%s: section %s = %v, want %v", who, key, g, w)
			continue
		}
		for i := range w {
			if g[i] != w[i] {
				t.Errorf("%s: section %s = %v, want %v", who, key, g, w)
				break
			}
		}
	}
}

func wantCount(t *testing.T, e *env, u *workflow.User, want int) {
	t.Helper()
	n, err := e.svc.WorkCount(ctx, u)
	if err != nil || n != want {
		t.Errorf("%s: work count = %d, %v; want %d", u.Username, n, err, want)
	}
}

// localRegulation is a law, not a standard: never filed, never reviewed,
// though its level, region and dates would make a standard due for both.
const localRegulation = `---
title: 北京市机关事务管理条例
level: local
region: "11"
category: 地方性法规
status: current
issue_date: 2021-02-01
impl_date: 2021-06-01
---

# 北京市机关事务管理条例

第一条 为了规范机关事务管理，制定本条例。
`

const oldStandard = `---
number: DB11/T 501—2021
title: 机关会议室管理规范
level: local
region: "11"
status: current
issue_date: 2021-03-01
impl_date: 2021-05-01
---

## 1 范围

本文件规定了机关会议室的管理。
`

// Each role's work list says whose turn it is: every section holds exactly
// the standards waiting for that reason, and moves on as the standards do.
func TestWorkListPerRole(t *testing.T) {
	e := newEnv(t)
	draft := e.create()
	commented := e.inReview()
	if _, err := e.svc.AddComment(ctx, e.expert, commented.ID, workflow.NewComment{Revision: 1, Clause: "1",
		Body: "范围应写明适用的会议类型。"}); err != nil {
		t.Fatal(err)
	}
	ready := e.inReview()
	if _, err := e.svc.GiveVerdict(ctx, e.expert, ready.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		t.Fatal(err)
	}
	noExperts := e.inReview()
	if err := e.svc.RemoveExpert(ctx, e.staff, noExperts.ID, "expert"); err != nil {
		t.Fatal(err)
	}
	returned := e.inReview()
	e.move(e.staff, returned.ID, workflow.TransitionInput{Action: workflow.ActionReturn, Note: "术语不全"})
	mine := e.issued("DB11/T 502—2026", "2026-04-01") // the clock is now 2026-04-02
	_, oldID, err := e.svc.Import(ctx, workflow.ImportInput{Path: "old.md", Text: oldStandard})
	if err != nil {
		t.Fatal(err)
	}
	old := &workflow.Standard{ID: oldID, Number: "DB11/T 501—2021"}
	notice := e.inNotice()
	consult := e.create()
	e.move(e.drafter, consult.ID, workflow.TransitionInput{Action: workflow.ActionConsult, NoticeDays: intp(30)})
	for _, st := range []*workflow.Standard{old, mine} {
		if _, err := e.svc.AddFeedback(ctx, "198.51.100.7", st.ID, workflow.FeedbackInput{Clause: "1",
			Kind: workflow.FeedbackProblem, Body: "引导要求不明确", Name: "王五"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := e.svc.Import(ctx, workflow.ImportInput{Path: "tiaoli.md", Text: localRegulation}); err != nil {
		t.Fatal(err)
	}
	late, err := e.svc.CreateProposal(ctx, e.drafter2, workflow.NewProposal{Title: "机关办公区域绿化养护规范",
		Level: workflow.LevelLocal, Region: "11", ProposerOrg: "北京市机关事务管理局", DraftingOrg: "北京市机关事务管理局",
		Rationale: "缺少统一要求。", Scope: "适用于机关办公区域绿化养护。", Due: "2026-04-01"})
	if err != nil {
		t.Fatal(err)
	}
	late, err = e.svc.DecideProposal(ctx, e.staff, late.ID, workflow.ProposalDecision{Decision: "approve", PlanNumber: "2026-009"})
	if err != nil {
		t.Fatal(err)
	}
	overdue := &workflow.Standard{ID: late.StandardID}

	got, items := worklist(t, e, e.drafter)
	wantSections(t, "drafter", got, map[string][]string{
		"drafter.returned":      ids(returned),
		"drafter.comments":      ids(commented),
		"drafter.drafts":        ids(draft),
		"drafter.feedback":      ids(mine),
		"drafter.consulting":    ids(consult),
		"drafter.review":        ids(commented, ready, noExperts),
		"drafter.notice":        ids(notice),
		"drafter.consulted":     nil,
		"drafter.notice_closed": nil,
	})
	if it := items["drafter.comments "+commented.ID]; it.Count != 1 {
		t.Errorf("drafter.comments counts %d comments, want 1", it.Count)
	}
	wantCount(t, e, e.drafter, 4) // returned, commented, draft, mine; followed ones not
	wantCount(t, e, e.drafter2, 1)

	got, _ = worklist(t, e, e.expert)
	wantSections(t, "expert", got, map[string][]string{"expert.due": ids(commented), "expert.given": ids(ready)})
	wantCount(t, e, e.expert, 1)
	got, _ = worklist(t, e, e.expert2)
	if len(got) != 0 {
		t.Errorf("expert2, assigned nothing, has %v", got)
	}

	got, items = worklist(t, e, e.staff)
	wantSections(t, "staff", got, map[string][]string{
		"staff.no_experts":    ids(noExperts),
		"staff.ready":         ids(ready),
		"staff.review":        ids(commented),
		"staff.notice_ended":  nil,
		"staff.consult_ended": nil,
		"staff.overdue":       ids(overdue),
		"staff.filings":       ids(old),
		"staff.reviews":       ids(old),
		"staff.feedback":      ids(old, mine),
		"staff.consulting":    ids(consult),
	})
	if it := items["staff.filings "+old.ID]; !it.Overdue || it.Due != "2021-04-30" {
		t.Errorf("the filing of %s: %+v, want overdue since 2021-04-30", old.Number, it)
	}
	if it := items["staff.reviews "+old.ID]; it.Overdue || it.Due != "2026-05-01" || it.DaysLeft != 29 || it.Count != 1 {
		t.Errorf("the review of %s: %+v, want due 2026-05-01 in 29 days with 1 feedback", old.Number, it)
	}
	if it := items["staff.overdue "+overdue.ID]; !it.Overdue || it.Since.Format(time.DateOnly) != "2026-04-01" {
		t.Errorf("the late plan: %+v, want overdue since 2026-04-01", it)
	}
	wantCount(t, e, e.staff, 5) // noExperts, ready, overdue, old (three times), mine; the admin's too
	wantCount(t, e, e.admin, 5)

	got, _ = worklist(t, e, nil)
	wantSections(t, "public", got, map[string][]string{"public.notices": ids(notice, consult), "public.issued": ids(mine)})
	wantCount(t, e, nil, 0)

	// A month on the windows have closed; answering and judging move items on.
	e.advance(31 * 24 * time.Hour)
	if _, err := e.svc.GiveVerdict(ctx, e.expert, commented.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		t.Fatal(err)
	}
	for _, st := range []*workflow.Standard{old, mine} {
		fb, err := e.svc.FeedbackList(ctx, e.staff, st.ID)
		if err != nil || len(fb) != 1 {
			t.Fatalf("feedback %v, %v", fb, err)
		}
		if _, err := e.svc.AnswerFeedback(ctx, e.staff, st.ID, fb[0].ID, workflow.FeedbackAnswer{Answer: "将在复审中研究。"}); err != nil {
			t.Fatal(err)
		}
	}
	got, _ = worklist(t, e, e.drafter)
	wantSections(t, "drafter, a month on", got, map[string][]string{
		"drafter.consulted":     ids(consult),
		"drafter.notice_closed": ids(notice),
		"drafter.consulting":    nil,
		"drafter.notice":        nil,
		"drafter.feedback":      nil,
	})
	got, _ = worklist(t, e, e.expert)
	wantSections(t, "expert, a month on", got, map[string][]string{"expert.due": nil, "expert.given": ids(commented, ready)})
	got, items = worklist(t, e, e.staff)
	wantSections(t, "staff, a month on", got, map[string][]string{
		"staff.notice_ended":  ids(notice),
		"staff.consult_ended": ids(consult),
		"staff.consulting":    nil,
		"staff.feedback":      nil,
		// A review comment without a disposition keeps the round from approval.
		"staff.ready":  ids(ready),
		"staff.review": ids(commented),
	})
	if it := items["staff.reviews "+old.ID]; !it.Overdue || it.DaysLeft != -2 {
		t.Errorf("the review of %s a month on: %+v, want 2 days overdue", old.Number, it)
	}
}
