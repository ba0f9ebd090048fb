package workflow_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"norma/store/postgres"
	"norma/store/postgres/pgtest"
	"norma/store/sqlite"
	"norma/workflow"
)

const reviewText = `---
title: 机关会议服务规范
level: local
region: "11"
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

会务人员应经过岗位培训。
`

// hookStore is the real SQLite store with a hook run at one moment of a
// use case, to force an interleaving that concurrent requests hit by chance.
type hookStore struct {
	workflow.Store
	afterDossier  func()
	beforeComment func()
}

func (h *hookStore) FindDossier(ctx context.Context, id string) (*workflow.Dossier, error) {
	d, err := h.Store.FindDossier(ctx, id)
	if f := h.afterDossier; f != nil {
		h.afterDossier = nil
		f()
	}
	return d, err
}

func (h *hookStore) CreateComment(ctx context.Context, c *workflow.Comment) error {
	if f := h.beforeComment; f != nil {
		h.beforeComment = nil
		f()
	}
	return h.Store.CreateComment(ctx, c)
}

type review struct {
	svc                 *workflow.Service
	store               *hookStore
	staff, drafter, exp *workflow.User
}

// newReview opens a review on SQLite, or on PostgreSQL when postgres is set
// (skipped without NORMA_TEST_DATABASE_URL).
func newReview(t *testing.T, postgresToo ...bool) *review {
	t.Helper()
	ctx := context.Background()
	var store workflow.Store
	if len(postgresToo) > 0 && postgresToo[0] {
		url := pgtest.Database(t)
		if _, err := postgres.Migrate(ctx, url); err != nil {
			t.Fatal(err)
		}
		db, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		store = db
	} else {
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "norma.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		store = db
	}
	cfg := workflow.DefaultConfig()
	cfg.PasswordCost = bcrypt.MinCost
	cfg.ConsultMinDays[workflow.LevelLocal] = 0
	var err error
	r := &review{store: &hookStore{Store: store}}
	r.svc = workflow.NewService(r.store, cfg, nil)
	for _, u := range []struct {
		dst  **workflow.User
		name string
		role workflow.Role
	}{{&r.staff, "staff", workflow.RoleStaff}, {&r.drafter, "drafter", workflow.RoleDrafter}, {&r.exp, "expert", workflow.RoleExpert}} {
		if *u.dst, err = r.svc.CreateUser(ctx, nil, workflow.NewUser{Username: u.name, Role: u.role, Password: "long-enough-1"}); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// underReview opens a standard in expert review whose one expert approves.
func (r *review) underReview(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	st, err := r.svc.CreateStandard(ctx, r.drafter, workflow.NewStandard{Body: reviewText})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.svc.AssignExpert(ctx, r.staff, st.ID, "expert"); err != nil {
		t.Fatal(err)
	}
	zero := 0
	if _, err := r.svc.Transition(ctx, r.drafter, st.ID, workflow.TransitionInput{Action: workflow.ActionConsult, NoticeDays: &zero}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.svc.Transition(ctx, r.drafter, st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.svc.GiveVerdict(ctx, r.exp, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		t.Fatal(err)
	}
	return st.ID
}

func (r *review) approve(id string) error {
	_, err := r.svc.Transition(context.Background(), r.staff, id, workflow.TransitionInput{Action: workflow.ActionApprove})
	return err
}

func (r *review) reject(id string) error {
	_, err := r.svc.GiveVerdict(context.Background(), r.exp, id, workflow.VerdictInput{Verdict: workflow.VerdictReject, Note: "第4章不完整"})
	return err
}

func (r *review) comment(id string) error {
	_, err := r.svc.AddComment(context.Background(), r.exp, id, workflow.NewComment{Clause: "4", Body: "请补充培训内容。"})
	return err
}

// inconsistent says what is wrong with a standard that reached public
// notice: a reject in the approved round, or a review comment without
// disposition.
func (r *review) inconsistent(t *testing.T, id string) string {
	t.Helper()
	ctx := context.Background()
	st, err := r.svc.Standard(ctx, r.staff, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.State != workflow.StatePublicNotice {
		return ""
	}
	rounds, err := r.svc.Rounds(ctx, r.staff, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range rounds[len(rounds)-1].Verdicts {
		if v.Verdict == workflow.VerdictReject {
			return "a reject in the approved round"
		}
	}
	comments, err := r.svc.Comments(ctx, r.staff, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range comments {
		if c.Kind != workflow.CommentPublic && c.Disposition == nil {
			return fmt.Sprintf("comment %d has no disposition", c.ID)
		}
	}
	return ""
}

// wantConflictOrNil accepts success or a conflict, nothing else.
func wantConflictOrNil(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil && workflow.ErrorCode(err) != workflow.ECONFLICT {
		t.Errorf("%s: %v, want success or a conflict", what, err)
	}
}

func TestApproveSeesAVerdictGivenWhileItChecks(t *testing.T) {
	r := newReview(t)
	id := r.underReview(t)
	r.store.afterDossier = func() {
		if err := r.reject(id); err != nil {
			t.Errorf("reject: %v", err)
		}
	}
	wantConflictOrNil(t, "approve", r.approve(id))
	if bad := r.inconsistent(t, id); bad != "" {
		t.Errorf("a reject given while approve checked its guards: %s", bad)
	}
}

func TestCommentAfterApproveIsRefused(t *testing.T) {
	r := newReview(t)
	id := r.underReview(t)
	r.store.beforeComment = func() {
		if err := r.approve(id); err != nil {
			t.Errorf("approve: %v", err)
		}
	}
	err := r.comment(id)
	if workflow.ErrorCode(err) != workflow.ECONFLICT {
		t.Errorf("an expert comment checked before approve and stored after it: %v, want a conflict", err)
	}
	if bad := r.inconsistent(t, id); bad != "" {
		t.Error(bad)
	}
}

func TestApproveRacesVerdictAndComment(t *testing.T) { raceApprove(t, newReview(t)) }

func TestApproveRacesVerdictAndCommentPostgres(t *testing.T) { raceApprove(t, newReview(t, true)) }

func raceApprove(t *testing.T, r *review) {
	const trials = 50
	bad := 0
	for i := range trials {
		id := r.underReview(t)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for what, f := range map[string]func(string) error{"approve": r.approve, "reject": r.reject, "comment": r.comment} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				wantConflictOrNil(t, what, f(id))
			}()
		}
		close(start)
		wg.Wait()
		if why := r.inconsistent(t, id); why != "" {
			bad++
			t.Logf("trial %d: %s", i, why)
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d trials ended inconsistent", bad, trials)
	}
}
