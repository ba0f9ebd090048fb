package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"norma/docs"
	"norma/workflow"
)

// demoProposal waits for staff's decision in the demo.
var demoProposal = workflow.NewProposal{Title: "机关办公区域绿化养护规范", Level: workflow.LevelLocal, Region: "11",
	Kind: workflow.ProposalNew, ProposerOrg: "北京市机关事务管理局", DraftingOrg: "北京市机关事务管理局",
	Rationale: "机关办公区域绿化养护缺少统一的质量要求和验收方法，各单位委托物业服务企业养护时标准不一。",
	Scope:     "适用于北京市党政机关办公区域的绿化养护服务及其质量评价。", Due: "2027-12-31"}

const demoMinutes = `## 审查会议纪要

审查组听取了起草组关于标准编制过程和主要内容的汇报，逐条审查了送审稿。

1. 标准结构符合 GB/T 1.1—2020 的规定；
2. 技术内容与现行法律法规和强制性标准协调一致；
3. 建议进一步明确评价指标的计分方法。

审查结论：通过。`

// propose files the proposal the standard comes from and has staff approve
// it with its plan number: the standard opens from the decision.
func (sd *seeder) propose(ctx context.Context, text string) error {
	meta, _, err := docs.ParseFrontMatter(text)
	if err != nil {
		return err
	}
	owner, staff := sd.accounts[sd.d.owner], sd.accounts["staff"]
	p, err := sd.svc.CreateProposal(ctx, owner, workflow.NewProposal{Title: meta.Title, Level: workflow.Level(meta.Level),
		Region: meta.Region, Kind: workflow.ProposalNew, ProposerOrg: meta.DraftingOrg, DraftingOrg: meta.DraftingOrg,
		Rationale: "落实机关事务管理条例，统一" + meta.Title + "的要求，解决各单位做法不一的问题。",
		Scope:     "适用于各级党政机关" + strings.TrimSuffix(meta.Title, "规范") + "工作。",
		Due:       sd.now.AddDate(1, 0, 0).Format(time.DateOnly)})
	if err != nil {
		return fmt.Errorf("proposal: %w", err)
	}
	sd.step(3 * day)
	p, err = sd.svc.DecideProposal(ctx, staff, p.ID, workflow.ProposalDecision{Decision: "approve", PlanNumber: sd.d.plan,
		Reason: "经专家论证，同意立项。"})
	if err != nil {
		return fmt.Errorf("decision: %w", err)
	}
	sd.st, err = sd.svc.Standard(ctx, staff, p.StandardID)
	return err
}

// demoConsultees are the organisations each 征求意见稿 goes to, and what
// they answered.
var demoConsultees = []struct{ org, reply string }{
	{"市财政局", workflow.ReplyComments},
	{"市市场监督管理局", workflow.ReplyNoComments},
	{"市住房和城乡建设委员会", workflow.ReplyNone},
}

// consult puts the draft out for consultation for the level's minimum,
// sends it to three organisations, takes two public comments, and after the
// window disposes of them.
func (sd *seeder) consult(ctx context.Context) error {
	owner := sd.accounts[sd.d.owner]
	days := sd.svc.Config().ConsultMinDays[sd.st.Level]
	sd.step(day)
	if err := sd.move(ctx, owner, workflow.TransitionInput{Action: workflow.ActionConsult, NoticeDays: &days,
		Note: "征求意见稿公开征求意见"}); err != nil {
		return err
	}
	var consultees []*workflow.Consultee
	for _, c := range demoConsultees {
		cc, err := sd.svc.AddConsultee(ctx, owner, sd.st.ID, workflow.NewConsultee{Organization: c.org, Contact: "办公室"})
		if err != nil {
			return err
		}
		consultees = append(consultees, cc)
	}
	var comments []*workflow.Comment
	for i, body := range []string{"建议在范围中明确是否适用于事业单位。", "建议补充服务质量的监督检查要求。"} {
		sd.step(5 * day)
		c, err := sd.svc.AddPublicComment(ctx, fmt.Sprintf("demo-%d", i), sd.st.ID, workflow.NewPublicComment{
			Name: "公众意见", Organization: demoConsultees[0].org, Body: body})
		if err != nil {
			return err
		}
		comments = append(comments, c)
	}
	for i, c := range consultees {
		if demoConsultees[i].reply != workflow.ReplyNone {
			if _, err := sd.svc.SetConsulteeReply(ctx, owner, sd.st.ID, c.ID, workflow.ConsulteeUpdate{Reply: demoConsultees[i].reply}); err != nil {
				return err
			}
		}
	}
	sd.step(time.Duration(days) * day)
	decisions := []workflow.DispositionInput{{Decision: workflow.Accepted},
		{Decision: workflow.PartiallyAccepted, Reason: "监督检查由各单位内部制度规定，本文件仅作原则要求。"}}
	for i, c := range comments {
		if _, err := sd.svc.Dispose(ctx, owner, c.ID, decisions[i]); err != nil {
			return err
		}
	}
	return nil
}
