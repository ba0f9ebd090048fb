package main

import (
	"context"
	"errors"
	"strings"
	"time"

	"norma/workflow"
)

// The demo's amendment sheet: No. 1 of 公共机构能耗定额 widens clause 5.1.2.
const (
	demoAmendParent = "DB44/T 2680"
	demoAmendOld    = "5.1.2 办公建筑内设有独立计量的数据中心或者对外营业场所的，"
	demoAmendNew    = "5.1.2 办公建筑内设有独立计量的数据中心、职工食堂或者对外营业场所的，"
	demoSheet       = "一、5.1.2 条改为：\n“5.1.2 办公建筑内设有独立计量的数据中心、职工食堂或者对外营业场所的，" +
		"其能耗可扣除后再与表1比较，扣除方法按附录 A 的规定。”"
)

// seedAmendment issues amendment No. 1 of the demo's 公共机构能耗定额: staff
// open it, change 5.1.2, put it out for consultation, have one expert
// review it by letter (函审), put it under notice and issue it with the
// number Norma assigns (…/XG1—year), then record its filing.
func seedAmendment(ctx context.Context, a *app, accounts map[string]*workflow.User) error {
	staff := accounts["staff"]
	// Only the office's own issued standards: with a library imported
	// before the demo, the first page of every text may not hold it.
	own, issued := false, workflow.StateIssued
	list, _, err := a.svc.Standards(ctx, staff, workflow.StandardFilter{Library: &own, State: &issued, Limit: 1000})
	if err != nil {
		return err
	}
	var parent *workflow.Standard
	for _, st := range list {
		if strings.HasPrefix(st.Number, demoAmendParent) && !st.IsAmendment() {
			parent = st
		}
	}
	if parent == nil {
		return errors.New("no issued " + demoAmendParent + " to amend")
	}
	sd := &seeder{now: time.Now().UTC().Add(-100 * day), accounts: accounts}
	sd.svc = workflow.NewService(a.db, a.svc.Config(), sd.clock)
	if sd.st, err = sd.svc.OpenAmendment(ctx, staff, parent.ID, workflow.AmendmentInput{Sheet: demoSheet,
		Note: "实施中反映职工食堂能耗无法与办公能耗分开统计，修改 5.1.2"}); err != nil {
		return err
	}
	cur, err := sd.svc.Revision(ctx, staff, sd.st.ID, 1)
	if err != nil {
		return err
	}
	sd.step(2 * day)
	if _, err := sd.svc.SaveRevision(ctx, staff, sd.st.ID, workflow.NewRevision{Base: 1,
		Body: strings.Replace(cur.Body, demoAmendOld, demoAmendNew, 1), Message: "修改 5.1.2，增加职工食堂"}); err != nil {
		return err
	}
	if _, err := sd.svc.AssignExpert(ctx, staff, sd.st.ID, "expert1"); err != nil {
		return err
	}
	return sd.amendThrough(ctx, staff)
}

// amendThrough takes the demo's amendment from its draft to its filing.
func (sd *seeder) amendThrough(ctx context.Context, staff *workflow.User) error {
	cfg := sd.svc.Config()
	consult, notice := cfg.ConsultMinDays[sd.st.Level], cfg.NoticeMinDays[sd.st.Level]
	if err := sd.move(ctx, staff, workflow.TransitionInput{Action: workflow.ActionConsult, NoticeDays: &consult,
		Note: "修改单征求意见"}); err != nil {
		return err
	}
	sd.step(time.Duration(consult+1) * day)
	if err := sd.move(ctx, staff, workflow.TransitionInput{Action: workflow.ActionSubmit, ReviewMode: workflow.ReviewLetter,
		Note: "修改单送审"}); err != nil {
		return err
	}
	sd.step(3 * day)
	if _, err := sd.svc.GiveVerdict(ctx, sd.accounts["expert1"], sd.st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove,
		Note: "同意修改。"}); err != nil {
		return err
	}
	if err := sd.move(ctx, staff, workflow.TransitionInput{Action: workflow.ActionApprove, NoticeDays: &notice,
		Conclusion: "函审通过，同意发布修改单。"}); err != nil {
		return err
	}
	sd.step(time.Duration(notice+1) * day)
	issued := sd.now.Format(time.DateOnly)
	if err := sd.move(ctx, staff, workflow.TransitionInput{Action: workflow.ActionIssue, IssueDate: issued,
		ImplDate: sd.now.AddDate(0, 1, 0).Format(time.DateOnly), Note: "批准发布第1号修改单"}); err != nil {
		return err
	}
	_, err := sd.svc.RecordFiling(ctx, staff, sd.st.ID, workflow.FilingInput{Number: "粤 44-2680-XG1-" + issued[:4], FiledOn: issued})
	return err
}
