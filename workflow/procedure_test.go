package workflow_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"norma/store/sqlite"
	"norma/workflow"
)

// procedureText is a small text in the GB/T 1.1-2020 shape, clean for submit.
const procedureText = `---
title: 机关会议服务规范
level: local
region: "11"
drafting_org: 北京市机关事务管理局
---

# 机关会议服务规范

## 前言

本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。

## 1 范围

本文件规定了机关会议服务的基本要求。

## 2 规范性引用文件

本文件没有规范性引用文件。

## 3 术语和定义

本文件没有需要界定的术语和定义。

## 4 基本要求

会务人员应经过岗位培训。
`

// office is a service on a real SQLite file with a clock the test moves.
type office struct {
	tb    testing.TB
	svc   *workflow.Service
	now   time.Time
	users map[string]*workflow.User
}

func newOffice(tb testing.TB, opts ...func(*workflow.Config)) *office {
	tb.Helper()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "norma.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	cfg := workflow.DefaultConfig()
	cfg.PasswordCost = bcrypt.MinCost
	for _, o := range opts {
		o(&cfg)
	}
	o := &office{tb: tb, now: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC), users: map[string]*workflow.User{}}
	o.svc = workflow.NewService(db, cfg, func() time.Time { return o.now })
	for _, u := range []workflow.NewUser{
		{Username: "staff", Role: workflow.RoleStaff}, {Username: "drafter", Role: workflow.RoleDrafter},
		{Username: "drafter2", Role: workflow.RoleDrafter},
		{Username: "e1", Role: workflow.RoleExpert, Organization: "中国标准化研究院"},
		{Username: "e2", Role: workflow.RoleExpert}, {Username: "e3", Role: workflow.RoleExpert},
		{Username: "e4", Role: workflow.RoleExpert},
		{Username: "insider", Role: workflow.RoleExpert, Organization: " 北京市机关事务管理局 "},
	} {
		u.Password = "password-1"
		made, err := o.svc.CreateUser(ctx, nil, u)
		if err != nil {
			tb.Fatal(err)
		}
		o.users[u.Username] = made
	}
	return o
}

func (o *office) draft() *workflow.Standard {
	o.tb.Helper()
	st, err := o.svc.CreateStandard(ctx, o.users["drafter"], workflow.NewStandard{Body: procedureText})
	if err != nil {
		o.tb.Fatal(err)
	}
	return st
}

func (o *office) assign(id string, experts ...string) {
	o.tb.Helper()
	for _, e := range experts {
		if _, err := o.svc.AssignExpert(ctx, o.users["staff"], id, e); err != nil {
			o.tb.Fatalf("assign %s: %v", e, err)
		}
	}
}

func (o *office) move(actor, id string, in workflow.TransitionInput) (*workflow.Standard, error) {
	return o.svc.Transition(ctx, o.users[actor], id, in)
}

func (o *office) mustMove(actor, id string, in workflow.TransitionInput) *workflow.Standard {
	o.tb.Helper()
	st, err := o.move(actor, id, in)
	if err != nil {
		o.tb.Fatalf("%s: %v", in.Action, err)
	}
	return st
}

func wantSaying(tb testing.TB, err error, code, field, words string) {
	tb.Helper()
	e := workflow.AsError(err)
	switch {
	case e == nil:
		tb.Fatalf("error %v, want %s", err, code)
	case e.Code != code || e.Field != field || !strings.Contains(e.Message, words):
		tb.Fatalf("error %s on %q: %q; want %s on %q saying %q", e.Code, e.Field, e.Message, code, field, words)
	}
}

func days(n int) *int { return &n }

func TestConsultationBeforeSubmit(t *testing.T) {
	o := newOffice(t)
	st := o.draft()
	o.assign(st.ID, "e1")
	_, err := o.move("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
	wantSaying(t, err, workflow.ECONFLICT, "", "consultation")

	_, err = o.move("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionConsult, NoticeDays: days(29)})
	wantSaying(t, err, workflow.EINVALID, "notice_days", "30 days")
	_, err = o.move("drafter2", st.ID, workflow.TransitionInput{Action: workflow.ActionConsult})
	if workflow.ErrorCode(err) != workflow.ENOTFOUND {
		t.Fatalf("a stranger opened the consultation: %v", err)
	}
	got := o.mustMove("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionConsult, NoticeDays: days(30)})
	if got.State != workflow.StateDraft || got.ConsultEnd == nil || !got.ConsultEnd.Equal(o.now.Add(30*24*time.Hour)) {
		t.Fatalf("after consult: state %s, window to %v", got.State, got.ConsultEnd)
	}
	_, err = o.move("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionConsult, NoticeDays: days(30)})
	wantSaying(t, err, workflow.ECONFLICT, "", "consultation is open")

	// The public reads the 征求意见稿 and comments; the text is frozen.
	if _, err := o.svc.Standard(ctx, nil, st.ID); err != nil {
		t.Fatalf("the public cannot read a draft out for consultation: %v", err)
	}
	_, err = o.svc.SaveRevision(ctx, o.users["drafter"], st.ID, workflow.NewRevision{Body: procedureText + "\n", Base: 1})
	wantSaying(t, err, workflow.ECONFLICT, "", "frozen")
	c, err := o.svc.AddPublicComment(ctx, "198.51.100.1", st.ID, workflow.NewPublicComment{Name: "张三", Body: "建议明确培训学时。"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Stage != workflow.StageConsultation {
		t.Errorf("comment stage %q, want consultation", c.Stage)
	}
	revs, _ := o.svc.Revisions(ctx, o.users["staff"], st.ID)
	if revs[0].Stage != workflow.StageConsultation {
		t.Errorf("revision 1 stage %q, want consultation", revs[0].Stage)
	}

	o.now = o.now.Add(10 * 24 * time.Hour)
	_, err = o.move("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
	wantSaying(t, err, workflow.ECONFLICT, "", "consultation is open until")
	o.now = o.now.Add(21 * 24 * time.Hour)
	if _, err := o.svc.Standard(ctx, nil, st.ID); workflow.ErrorCode(err) != workflow.ENOTFOUND {
		t.Errorf("the public still reads the draft after the consultation: %v", err)
	}
	_, err = o.svc.AddPublicComment(ctx, "198.51.100.2", st.ID, workflow.NewPublicComment{Name: "李四", Body: "晚到的意见"})
	wantSaying(t, err, workflow.ECONFLICT, "", "")
	_, err = o.move("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
	wantSaying(t, err, workflow.ECONFLICT, "", "1 consultation comment(s) have no disposition")

	if _, err := o.svc.Dispose(ctx, o.users["drafter"], c.ID, workflow.DispositionInput{Decision: workflow.Accepted}); err != nil {
		t.Fatal(err)
	}
	_, err = o.move("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit, ReviewMode: "phone"})
	wantSaying(t, err, workflow.EINVALID, "review_mode", "phone")
	o.mustMove("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit, ReviewMode: workflow.ReviewLetter})
	rounds, _ := o.svc.Rounds(ctx, o.users["staff"], st.ID)
	revs, _ = o.svc.Revisions(ctx, o.users["staff"], st.ID)
	if len(rounds) != 1 || rounds[0].Mode != workflow.ReviewLetter || revs[0].Stage != workflow.StageReview {
		t.Errorf("round %+v, revision stage %q", rounds[0], revs[0].Stage)
	}
}

func TestConsultationNotRequired(t *testing.T) {
	o := newOffice(t, func(c *workflow.Config) { c.RequireConsultation = false })
	st := o.draft()
	o.assign(st.ID, "e1")
	if got := o.mustMove("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit}); got.State != workflow.StateExpertReview {
		t.Errorf("state %s", got.State)
	}
	rounds, _ := o.svc.Rounds(ctx, o.users["staff"], st.ID)
	if rounds[0].Mode != workflow.ReviewMeeting {
		t.Errorf("default review mode %q, want meeting", rounds[0].Mode)
	}
}

func TestConsultationMinimumPerLevel(t *testing.T) {
	o := newOffice(t, func(c *workflow.Config) { c.ConsultMinDays[workflow.LevelLocal] = 45 })
	st := o.draft()
	_, err := o.move("staff", st.ID, workflow.TransitionInput{Action: workflow.ActionConsult, NoticeDays: days(44)})
	wantSaying(t, err, workflow.EINVALID, "notice_days", "45")
	got := o.mustMove("staff", st.ID, workflow.TransitionInput{Action: workflow.ActionConsult})
	if d := got.ConsultEnd.Sub(*got.ConsultStart); d != 45*24*time.Hour {
		t.Errorf("default window %v, want the level's 45 days", d)
	}
}

// TestReviewRules applies both decision rules to committees of three and
// four experts.
func TestReviewRules(t *testing.T) {
	a, c, r := workflow.VerdictApprove, workflow.VerdictApproveWithChanges, workflow.VerdictReject
	for _, tc := range []struct {
		rule     string
		verdicts []workflow.VerdictKind // "" gives no verdict
		ok       bool
	}{
		{workflow.RuleThreeQuarters, []workflow.VerdictKind{a, a, a}, true},
		{workflow.RuleThreeQuarters, []workflow.VerdictKind{a, c, r}, false}, // 2 of 3 is less than three quarters
		{workflow.RuleThreeQuarters, []workflow.VerdictKind{a, c, a, r}, true},
		{workflow.RuleThreeQuarters, []workflow.VerdictKind{a, a, r, r}, false},
		{workflow.RuleThreeQuarters, []workflow.VerdictKind{a, a, a, ""}, false}, // every expert votes
		{workflow.RuleUnanimous, []workflow.VerdictKind{a, c, a}, true},
		{workflow.RuleUnanimous, []workflow.VerdictKind{a, a, a, r}, false},
		{workflow.RuleUnanimous, []workflow.VerdictKind{a, a, ""}, false},
	} {
		t.Run(fmt.Sprintf("%s/%v", tc.rule, tc.verdicts), func(t *testing.T) {
			o := newOffice(t, func(cfg *workflow.Config) {
				cfg.RequireConsultation = false
				cfg.ReviewRule[workflow.LevelLocal] = tc.rule
			})
			st := o.draft()
			experts := []string{"e1", "e2", "e3", "e4"}[:len(tc.verdicts)]
			o.assign(st.ID, experts...)
			o.mustMove("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
			for i, v := range tc.verdicts {
				if v == "" {
					continue
				}
				if _, err := o.svc.GiveVerdict(ctx, o.users[experts[i]], st.ID, workflow.VerdictInput{Verdict: v, Note: "理由"}); err != nil {
					t.Fatal(err)
				}
			}
			got, err := o.move("staff", st.ID, workflow.TransitionInput{Action: workflow.ActionApprove,
				Conclusion: "同意通过审查", Minutes: "## 纪要\n\n审查组认为……"})
			if tc.ok != (err == nil) {
				t.Fatalf("approve: %v, want ok=%v", err, tc.ok)
			}
			if !tc.ok {
				wantSaying(t, err, workflow.ECONFLICT, "", "")
				return
			}
			rounds, _ := o.svc.Rounds(ctx, o.users["staff"], st.ID)
			if got.State != workflow.StatePublicNotice || rounds[0].Conclusion != "同意通过审查" || !strings.HasPrefix(rounds[0].Minutes, "## 纪要") {
				t.Errorf("state %s, round %+v", got.State, rounds[0])
			}
			for _, v := range rounds[0].Verdicts {
				if v.Verdict == r && v.Note != "理由" {
					t.Errorf("the reject lost its reason: %+v", v)
				}
			}
		})
	}
}

func TestConflictOfInterest(t *testing.T) {
	o := newOffice(t)
	st := o.draft()
	_, err := o.svc.AssignExpert(ctx, o.users["staff"], st.ID, "insider")
	wantSaying(t, err, workflow.EINVALID, "username", "conflict of interest")
	o.assign(st.ID, "e1")
	if why := workflow.ConflictOfInterest(o.users["drafter"], st); why == "" {
		t.Error("the drafter may review their own standard")
	}
	if why := workflow.ConflictOfInterest(o.users["e1"], st); why != "" {
		t.Errorf("e1 of another organisation: %s", why)
	}
}

func TestProposalDecidedOnce(t *testing.T) {
	o := newOffice(t)
	in := workflow.NewProposal{Title: "机关办公区域绿化养护规范", Level: workflow.LevelLocal, Region: "11",
		ProposerOrg: "北京市机关事务管理局", DraftingOrg: "北京市机关事务管理局", Rationale: "缺少统一要求。",
		Scope: "适用于机关办公区域绿化养护。", Due: "2027-12-31"}
	bad := in
	bad.Rationale = ""
	_, err := o.svc.CreateProposal(ctx, o.users["drafter"], bad)
	wantSaying(t, err, workflow.EINVALID, "rationale", "required")
	p, err := o.svc.CreateProposal(ctx, o.users["drafter"], in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.svc.Proposal(ctx, o.users["drafter2"], p.ID); workflow.ErrorCode(err) != workflow.ENOTFOUND {
		t.Errorf("another drafter sees the proposal: %v", err)
	}
	if list, _ := o.svc.Proposals(ctx, o.users["drafter2"], workflow.ProposalFilter{}); len(list) != 0 {
		t.Errorf("another drafter lists %d proposals", len(list))
	}
	_, err = o.svc.DecideProposal(ctx, o.users["drafter"], p.ID, workflow.ProposalDecision{Decision: "approve", PlanNumber: "2027-001"})
	wantSaying(t, err, workflow.EFORBIDDEN, "", "staff")
	_, err = o.svc.DecideProposal(ctx, o.users["staff"], p.ID, workflow.ProposalDecision{Decision: "approve"})
	wantSaying(t, err, workflow.EINVALID, "plan_number", "plan number")
	_, err = o.svc.DecideProposal(ctx, o.users["staff"], p.ID, workflow.ProposalDecision{Decision: "approve", PlanNumber: "27-1"})
	wantSaying(t, err, workflow.EINVALID, "plan_number", "27-1")
	_, err = o.svc.DecideProposal(ctx, o.users["staff"], p.ID, workflow.ProposalDecision{Decision: "reject"})
	wantSaying(t, err, workflow.EINVALID, "reason", "reason")

	got, err := o.svc.DecideProposal(ctx, o.users["staff"], p.ID, workflow.ProposalDecision{Decision: "approve", PlanNumber: "2027-001"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := o.svc.Standard(ctx, o.users["drafter"], got.StandardID)
	if err != nil {
		t.Fatal(err)
	}
	if st.State != workflow.StateDraft || st.Owner != "drafter" || st.PlanNumber != "2027-001" || st.Due != "2027-12-31" ||
		st.ProposalID == nil || *st.ProposalID != p.ID || st.DraftingOrg != in.DraftingOrg {
		t.Errorf("standard from the proposal: %+v", st)
	}
	_, err = o.svc.DecideProposal(ctx, o.users["staff"], p.ID, workflow.ProposalDecision{Decision: "reject", Reason: "重复"})
	wantSaying(t, err, workflow.ECONFLICT, "", "approved already")

	p2, _ := o.svc.CreateProposal(ctx, o.users["drafter2"], in)
	_, err = o.svc.DecideProposal(ctx, o.users["staff"], p2.ID, workflow.ProposalDecision{Decision: "approve", PlanNumber: "2027-001"})
	wantSaying(t, err, workflow.ECONFLICT, "plan_number", "taken")
	if list, _, _ := o.svc.Standards(ctx, o.users["staff"], workflow.StandardFilter{}); len(list) != 1 {
		t.Errorf("a refused approval left %d standards", len(list))
	}
	rejected, err := o.svc.DecideProposal(ctx, o.users["staff"], p2.ID, workflow.ProposalDecision{Decision: "reject", Reason: "与计划 2027-001 重复"})
	if err != nil || rejected.Status != workflow.ProposalRejected || rejected.StandardID != "" {
		t.Fatalf("reject: %+v, %v", rejected, err)
	}
	status := workflow.ProposalRejected
	if list, _ := o.svc.Proposals(ctx, o.users["staff"], workflow.ProposalFilter{Status: &status}); len(list) != 1 || list[0].ID != p2.ID {
		t.Errorf("rejected proposals: %v", list)
	}
}

func TestRequireProposal(t *testing.T) {
	o := newOffice(t, func(c *workflow.Config) { c.RequireProposal = true })
	_, err := o.svc.CreateStandard(ctx, o.users["drafter"], workflow.NewStandard{Body: procedureText})
	wantSaying(t, err, workflow.ECONFLICT, "", "NORMA_REQUIRE_PROPOSAL")
	st, err := o.svc.CreateStandard(ctx, o.users["staff"], workflow.NewStandard{Body: procedureText})
	if err != nil {
		t.Fatalf("staff may open a standard directly: %v", err)
	}
	h, _ := o.svc.History(ctx, o.users["staff"], st.ID)
	if len(h) != 1 || !strings.Contains(h[0].Note, "without a proposal") {
		t.Errorf("history %+v does not say the standard had no proposal", h)
	}
}

// TestIssueNumberRules: local numbers carry /T, and the number agrees with
// the one the text states.
func TestIssueNumberRules(t *testing.T) {
	o := newOffice(t, func(c *workflow.Config) { c.RequireConsultation = false })
	st := o.draft()
	o.assign(st.ID, "e1")
	stated := strings.Replace(procedureText, "title: 机关会议服务规范", "title: 机关会议服务规范\nnumber: DB11/T 2001—2026", 1)
	if _, err := o.svc.SaveRevision(ctx, o.users["drafter"], st.ID, workflow.NewRevision{Body: stated, Base: 1}); err != nil {
		t.Fatal(err)
	}
	o.mustMove("drafter", st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
	if _, err := o.svc.GiveVerdict(ctx, o.users["e1"], st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		t.Fatal(err)
	}
	o.mustMove("staff", st.ID, workflow.TransitionInput{Action: workflow.ActionApprove})
	o.now = o.now.Add(31 * 24 * time.Hour)
	issue := func(number string) error {
		_, err := o.move("staff", st.ID, workflow.TransitionInput{Action: workflow.ActionIssue, Number: number,
			IssueDate: "2026-06-10", ImplDate: "2026-09-10"})
		return err
	}
	wantSaying(t, issue("DB11 2001—2026"), workflow.EINVALID, "number", "/T")
	wantSaying(t, issue("DB11/T 2002—2026"), workflow.EINVALID, "number", "DB11/T 2001—2026")
	if err := issue("DB11/T 2001—2026"); err != nil {
		t.Fatal(err)
	}
	revs, _ := o.svc.Revisions(ctx, o.users["staff"], st.ID)
	want := []string{"", workflow.StageIssued} // revision 2 was submitted, approved, then issued
	for i, r := range revs {
		if r.Stage != want[i] {
			t.Errorf("revision %d stage %q, want %q", r.Number, r.Stage, want[i])
		}
	}
}
