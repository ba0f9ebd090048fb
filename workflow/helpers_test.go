package workflow_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"norma/store/sqlite"
	"norma/workflow"
)

var ctx = context.Background()

// start is when every test's clock begins.
var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// env is a Service on a real SQLite store in a temporary folder, with a clock
// the test moves, and one account of each kind.
type env struct {
	tb    testing.TB
	svc   *workflow.Service
	store *sqlite.DB
	now   time.Time

	admin, staff, drafter, drafter2, expert, expert2 *workflow.User
}

func newEnv(tb testing.TB) *env {
	tb.Helper()
	return newEnvWith(tb, func(*workflow.Config) {})
}

func newEnvWith(tb testing.TB, configure func(*workflow.Config)) *env {
	tb.Helper()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "norma.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	cfg := workflow.DefaultConfig()
	cfg.PasswordCost = bcrypt.MinCost
	// These tests move texts through review; the consultation that must come
	// first is tested on its own (procedure_test.go).
	cfg.RequireConsultation = false
	configure(&cfg)
	e := &env{tb: tb, store: db, now: start}
	e.svc = workflow.NewService(db, cfg, func() time.Time { return e.now })
	e.admin = e.user("admin", workflow.RoleAdmin)
	e.staff = e.user("staff", workflow.RoleStaff)
	e.drafter = e.user("drafter", workflow.RoleDrafter)
	e.drafter2 = e.user("drafter2", workflow.RoleDrafter)
	e.expert = e.user("expert", workflow.RoleExpert)
	e.expert2 = e.user("expert2", workflow.RoleExpert)
	return e
}

// password is every test account's password.
const password = "correct horse"

func (e *env) user(name string, role workflow.Role) *workflow.User {
	e.tb.Helper()
	u, err := e.svc.CreateUser(ctx, nil, workflow.NewUser{Username: name, Role: role, Password: password})
	if err != nil {
		e.tb.Fatalf("CreateUser(%s): %v", name, err)
	}
	return u
}

// advance moves the clock on.
func (e *env) advance(d time.Duration) { e.now = e.now.Add(d) }

// create opens a standard as the drafter with the clean meeting text.
func (e *env) create() *workflow.Standard {
	e.tb.Helper()
	st, err := e.svc.CreateStandard(ctx, e.drafter, workflow.NewStandard{Body: meetingText})
	if err != nil {
		e.tb.Fatalf("CreateStandard: %v", err)
	}
	return st
}

// move takes an action and fails the test if it is refused.
func (e *env) move(actor *workflow.User, id string, in workflow.TransitionInput) *workflow.Standard {
	e.tb.Helper()
	st, err := e.svc.Transition(ctx, actor, id, in)
	if err != nil {
		e.tb.Fatalf("%s %s: %v", in.Action, id, err)
	}
	return st
}

// inReview returns a standard the drafter submitted, with expert assigned.
func (e *env) inReview() *workflow.Standard {
	e.tb.Helper()
	st := e.create()
	if _, err := e.svc.AssignExpert(ctx, e.staff, st.ID, "expert"); err != nil {
		e.tb.Fatal(err)
	}
	return e.move(e.drafter, st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
}

// inNotice returns a standard approved for a 30-day public notice.
func (e *env) inNotice() *workflow.Standard {
	e.tb.Helper()
	st := e.inReview()
	if _, err := e.svc.GiveVerdict(ctx, e.expert, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		e.tb.Fatal(err)
	}
	return e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionApprove})
}

// issued returns a standard issued under number after its notice.
func (e *env) issued(number, date string) *workflow.Standard {
	e.tb.Helper()
	st := e.inNotice()
	e.advance(31 * 24 * time.Hour)
	return e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionIssue, Number: number,
		IssueDate: date, ImplDate: date})
}

// wantCode fails unless err carries the code (and, when field is given, names
// that field).
func wantCode(tb testing.TB, err error, code, field string) *workflow.Error {
	tb.Helper()
	if got := workflow.ErrorCode(err); got != code {
		tb.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
	e := workflow.AsError(err)
	if field != "" && (e == nil || e.Field != field) {
		tb.Fatalf("error = %v, want it to name the field %q", err, field)
	}
	return e
}

func intp(n int) *int { return &n }

// meetingText is a small text in the GB/T 1.1-2020 shape, clean for submit.
const meetingText = `---
title: 机关会议服务规范
level: local
region: "11"
ics: 03.080.99
---

# 机关会议服务规范

## 前言

本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。

本文件由北京市机关事务管理局提出并归口。

## 1 范围

本文件规定了机关会议服务的基本要求。

## 2 规范性引用文件

本文件没有规范性引用文件。

## 3 术语和定义

本文件没有需要界定的术语和定义。

## 4 基本要求

### 4.1 人员

4.1.1 会务人员应经过岗位培训。

4.1.2 会务人员宜统一着装。

### 4.2 设施

会场应配备扩音、照明和应急疏散设施。
`
