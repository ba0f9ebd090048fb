package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"norma/workflow"
)

// demoSystem is the demo office's standard system (标准体系).
const demoSystem = `nodes:
  - code: "1"
    name: 通用基础标准
    children:
      - {code: "101", name: 术语与缩略语}
      - {code: "102", name: 标准化工作导则}
  - code: "2"
    name: 管理标准
    children:
      - {code: "201", name: 能源资源管理}
      - {code: "202", name: 资产管理}
  - code: "3"
    name: 服务标准
    children:
      - {code: "301", name: 会议服务}
      - {code: "302", name: 物业服务}
      - {code: "303", name: 餐饮服务}
      - {code: "304", name: 公务用车服务}
  - code: "4"
    name: 保障标准
    children:
      - {code: "401", name: 办公用房}
      - {code: "402", name: 安全保障}
`

// demoPlaces puts each demo text in a module by a word of its title.
var demoPlaces = []struct{ word, node string }{{"术语", "101"}, {"物业", "302"}, {"会议", "301"}, {"食堂", "303"},
	{"公务用车", "304"}, {"能耗", "201"}, {"办公用房", "401"}, {"绿化", "302"}}

// demoLibraryText is an older local standard in force whose periodic
// review falls due soon after the demo is made.
const demoLibraryText = `---
number: DB11/T 1806—2021
title: 机关会议室管理规范
level: local
region: "11"
status: current
issue_date: "%s"
impl_date: "%s"
drafting_org: 北京市机关事务管理局
---

# 机关会议室管理规范

## 前言

本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。

## 1 范围

本文件规定了机关会议室的预订、使用和维护要求。

## 2 规范性引用文件

本文件没有规范性引用文件。

## 3 术语和定义

本文件没有需要界定的术语和定义。

## 4 预订

会议室应通过统一平台预订，预订信息应包括会议名称、时间和人数。

## 5 使用与维护

### 5.1 使用

使用单位应按预订时间使用会议室，会后应恢复桌椅布置。

### 5.2 维护

管理单位应每周检查扩音、投影和照明设备，发现故障应在两个工作日内修复。
`

// seedAftercare shows the life after issue: the system with the demo texts
// placed, one issued standard filed and one awaiting its filing, a library
// entry due for its periodic review with feedback on it.
func seedAftercare(ctx context.Context, a *app, accounts map[string]*workflow.User, proposal *workflow.Proposal) error {
	staff, now := accounts["staff"], a.svc.Now()
	sys, err := workflow.ParseSystem([]byte(demoSystem), true)
	if err != nil {
		return err
	}
	if err := a.svc.PutSystem(ctx, staff, sys); err != nil {
		return err
	}
	impl := now.AddDate(-5, 0, 20)
	text := fmt.Sprintf(demoLibraryText, impl.AddDate(0, -3, 0).Format(time.DateOnly), impl.Format(time.DateOnly))
	if _, _, err := a.svc.Import(ctx, workflow.ImportInput{Path: "DB11-T-1806-2021.md", Text: text}); err != nil {
		return fmt.Errorf("library entry: %w", err)
	}
	list, _, err := a.svc.Standards(ctx, staff, workflow.StandardFilter{})
	if err != nil {
		return err
	}
	for _, st := range list {
		if err := demoAftercareOf(ctx, a, staff, st); err != nil {
			return fmt.Errorf("%s: %w", st.Title, err)
		}
	}
	return a.svc.Place(ctx, staff, workflow.Placement{Kind: workflow.PlaceProposal,
		Ref: strconv.FormatInt(proposal.ID, 10), Node: "302"})
}

func demoAftercareOf(ctx context.Context, a *app, staff *workflow.User, st *workflow.Standard) error {
	for _, p := range demoPlaces {
		if strings.Contains(st.Title, p.word) {
			if err := a.svc.Place(ctx, staff, workflow.Placement{Kind: workflow.PlaceStandard, Ref: st.ID, Node: p.node}); err != nil {
				return err
			}
			break
		}
	}
	switch {
	case strings.HasPrefix(st.Number, "DB44/T 2680"): // filed; DB31/T 1523 awaits its filing
		_, err := a.svc.RecordFiling(ctx, staff, st.ID, workflow.FilingInput{Number: "粤 44-2680-" + st.IssueDate[:4],
			FiledOn: st.IssueDate})
		return err
	case strings.HasPrefix(st.Number, "DB11/T 1806"):
		if _, err := a.svc.RecordFiling(ctx, staff, st.ID, workflow.FilingInput{Number: "京 11-1806-2021",
			FiledOn: st.IssueDate}); err != nil {
			return err
		}
		for i, f := range []workflow.FeedbackInput{
			{Clause: "5.2", Kind: workflow.FeedbackProblem, Name: "李明", Organization: "某区机关事务服务中心",
				Contact: "010-00000000", Body: "视频会议设备未列入每周检查范围，建议补充。"},
			{Clause: "4", Kind: workflow.FeedbackSuggestion, Name: "王芳", Contact: "wangfang@example.cn",
				Body: "建议允许通过电话预订临时会议。"},
		} {
			if _, err := a.svc.AddFeedback(ctx, "demo-"+strconv.Itoa(i), st.ID, f); err != nil {
				return err
			}
		}
	}
	return nil
}
