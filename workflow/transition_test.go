package workflow_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"norma/workflow"
)

func TestAllowed(t *testing.T) {
	e := newEnv(t)
	draft := &workflow.Standard{State: workflow.StateDraft, OwnerID: e.drafter.ID}
	review := &workflow.Standard{State: workflow.StateExpertReview, OwnerID: e.drafter.ID}
	for _, tc := range []struct {
		name string
		who  *workflow.User
		a    workflow.Action
		st   *workflow.Standard
		want bool
	}{
		{"owner submits", e.drafter, workflow.ActionSubmit, draft, true},
		{"owner withdraws a draft", e.drafter, workflow.ActionWithdraw, draft, true},
		{"owner withdraws under review", e.drafter, workflow.ActionWithdraw, review, false},
		{"owner approves", e.drafter, workflow.ActionApprove, review, false},
		{"another drafter submits", e.drafter2, workflow.ActionSubmit, draft, false},
		{"staff approves", e.staff, workflow.ActionApprove, review, true},
		{"admin abolishes", e.admin, workflow.ActionAbolish, draft, true},
		{"expert returns", e.expert, workflow.ActionReturn, review, false},
		{"the public submits", nil, workflow.ActionSubmit, draft, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := workflow.Allowed(tc.who, tc.a, tc.st); got != tc.want {
				t.Errorf("Allowed = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTransitionRefusals(t *testing.T) {
	e := newEnv(t)
	st := e.create()
	for _, tc := range []struct {
		name        string
		who         *workflow.User
		in          workflow.TransitionInput
		code, field string
	}{
		{"no action", e.drafter, workflow.TransitionInput{}, workflow.EINVALID, "action"},
		{"unknown action", e.drafter, workflow.TransitionInput{Action: "publish"}, workflow.EINVALID, "action"},
		{"another drafter", e.drafter2, workflow.TransitionInput{Action: workflow.ActionSubmit}, workflow.ENOTFOUND, ""},
		{"expert", e.expert, workflow.TransitionInput{Action: workflow.ActionSubmit}, workflow.ENOTFOUND, ""},
		{"owner approves", e.drafter, workflow.TransitionInput{Action: workflow.ActionApprove}, workflow.EFORBIDDEN, ""},
		{"wrong state", e.staff, workflow.TransitionInput{Action: workflow.ActionIssue}, workflow.ECONFLICT, "action"},
		{"stale version", e.drafter, workflow.TransitionInput{Action: workflow.ActionWithdraw, Version: intp(st.Version + 1)}, workflow.ECONFLICT, ""},
		{"long note", e.drafter, workflow.TransitionInput{Action: workflow.ActionWithdraw, Note: strings.Repeat("字", 2001)}, workflow.EINVALID, "note"},
		{"submit without expert", e.drafter, workflow.TransitionInput{Action: workflow.ActionSubmit}, workflow.ECONFLICT, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Transition(ctx, tc.who, st.ID, tc.in)
			wantCode(t, err, tc.code, tc.field)
		})
	}
	back, _ := e.svc.Standard(ctx, e.staff, st.ID)
	if back.State != workflow.StateDraft || back.Version != st.Version {
		t.Errorf("refused moves changed the standard: %s version %d", back.State, back.Version)
	}
}

func TestTransitionUnmetNamesEveryGuard(t *testing.T) {
	e := newEnv(t)
	broken, err := e.svc.CreateStandard(ctx, e.drafter, workflow.NewStandard{Title: "无前言", Level: workflow.LevelGroup,
		Body: "## 1 范围\n\n本文件规定了会议服务。\n"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Transition(ctx, e.drafter, broken.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
	unmet := wantCode(t, err, workflow.ECONFLICT, "").Details["unmet"].([]string)
	var expert, structure bool
	for _, u := range unmet {
		expert = expert || strings.Contains(u, "no expert")
		structure = structure || strings.Contains(u, "structure error")
	}
	if !expert || !structure {
		t.Errorf("unmet = %q; want the missing expert and the structure error", unmet)
	}
}

func TestLifeOfAStandard(t *testing.T) {
	e := newEnv(t)
	st := e.inReview()
	if st.State != workflow.StateExpertReview {
		t.Fatalf("after submit: %s", st.State)
	}
	approve := workflow.TransitionInput{Action: workflow.ActionApprove}
	_, err := e.svc.Transition(ctx, e.staff, st.ID, approve)
	if unmet := wantCode(t, err, workflow.ECONFLICT, "").Details["unmet"].([]string); len(unmet) == 0 || !strings.Contains(unmet[0], "expert has given no verdict") { // the review rule is unmet too
		t.Errorf("approve without verdicts: unmet %q", unmet)
	}
	// A reject blocks approval; the drafter gets the text back.
	if _, err := e.svc.GiveVerdict(ctx, e.expert, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictReject, Note: "结构不全"}); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Transition(ctx, e.staff, st.ID, approve)
	wantCode(t, err, workflow.ECONFLICT, "")
	_, err = e.svc.Transition(ctx, e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionReturn})
	wantCode(t, err, workflow.EINVALID, "note")
	e.advance(time.Hour)
	e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionReturn, Note: "请补充"})
	// The second round starts without the first round's verdicts.
	e.advance(time.Hour)
	st = e.move(e.drafter, st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
	_, err = e.svc.Transition(ctx, e.staff, st.ID, approve)
	wantCode(t, err, workflow.ECONFLICT, "")
	if _, err := e.svc.GiveVerdict(ctx, e.expert, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApproveWithChanges}); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Transition(ctx, e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionApprove, NoticeDays: intp(29)})
	wantCode(t, err, workflow.EINVALID, "notice_days")
	_, err = e.svc.Transition(ctx, e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionApprove, NoticeDays: intp(366)})
	wantCode(t, err, workflow.EINVALID, "notice_days")
	e.advance(time.Hour)
	approvedAt := e.now
	st = e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionApprove, NoticeDays: intp(45)})
	if st.State != workflow.StatePublicNotice || !st.NoticeStart.Equal(approvedAt) ||
		!st.NoticeEnd.Equal(approvedAt.Add(45*24*time.Hour)) {
		t.Errorf("after approve: %s, notice %v – %v", st.State, st.NoticeStart, st.NoticeEnd)
	}
	issue := workflow.TransitionInput{Action: workflow.ActionIssue, Number: "DB11/T 100—2026",
		IssueDate: "2026-05-01", ImplDate: "2026-06-01"}
	_, err = e.svc.Transition(ctx, e.staff, st.ID, issue)
	if unmet := wantCode(t, err, workflow.ECONFLICT, "").Details["unmet"].([]string); len(unmet) != 1 || !strings.Contains(unmet[0], "window is open") {
		t.Errorf("issue during notice: unmet %q", unmet)
	}
	e.advance(46 * 24 * time.Hour)
	st = e.move(e.staff, st.ID, issue)
	if st.State != workflow.StateIssued || st.Status != workflow.StatusCurrent || st.Number != "DB11/T 100—2026" ||
		st.IssueDate != "2026-05-01" || st.ImplDate != "2026-06-01" {
		t.Errorf("after issue: %+v", st)
	}
	st = e.move(e.admin, st.ID, workflow.TransitionInput{Action: workflow.ActionAbolish, Note: "不再适用"})
	if st.State != workflow.StateAbolished || st.Status != workflow.StatusAbolished {
		t.Errorf("after abolish: %s %s", st.State, st.Status)
	}

	h, err := e.svc.History(ctx, e.drafter, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, x := range h {
		steps = append(steps, x.Action+":"+string(x.From)+">"+string(x.To)+":"+x.Actor)
	}
	want := []string{"create:>draft:drafter", "submit:draft>expert_review:drafter",
		"return:expert_review>draft:staff", "submit:draft>expert_review:drafter",
		"approve:expert_review>public_notice:staff", "issue:public_notice>issued:staff",
		"abolish:issued>abolished:admin"}
	if diff := cmp.Diff(want, steps); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	rounds, err := e.svc.Rounds(ctx, e.drafter, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	var outcomes []string
	for _, r := range rounds {
		outcomes = append(outcomes, r.Outcome)
	}
	if diff := cmp.Diff([]string{"returned", "approved"}, outcomes); diff != "" || len(rounds[1].Verdicts) != 1 {
		t.Errorf("round outcomes (-want +got):\n%s; verdicts of round 2: %v", diff, rounds[1].Verdicts)
	}
}

func TestIssueChecksItsFields(t *testing.T) {
	e := newEnv(t)
	st := e.inNotice()
	e.advance(31 * 24 * time.Hour)
	ok := workflow.TransitionInput{Action: workflow.ActionIssue, Number: "DB11/T 7—2026", IssueDate: "2026-05-01",
		ImplDate: "2026-06-01"}
	for _, tc := range []struct {
		name  string
		edit  func(*workflow.TransitionInput)
		field string
	}{
		{"no number", func(in *workflow.TransitionInput) { in.Number = "" }, "number"},
		{"unreadable number", func(in *workflow.TransitionInput) { in.Number = "标准七号" }, "number"},
		{"number of another level", func(in *workflow.TransitionInput) { in.Number = "GB/T 7—2026" }, "number"},
		{"number of another region", func(in *workflow.TransitionInput) { in.Number = "DB31/T 7—2026" }, "number"},
		{"undated number", func(in *workflow.TransitionInput) { in.Number = "DB11/T 7" }, "number"},
		{"no issue date", func(in *workflow.TransitionInput) { in.IssueDate = "" }, "issue_date"},
		{"bad impl date", func(in *workflow.TransitionInput) { in.ImplDate = "2026-13-01" }, "impl_date"},
		{"implemented before issue", func(in *workflow.TransitionInput) { in.ImplDate = "2026-04-01" }, "impl_date"},
		{"year not the issue's", func(in *workflow.TransitionInput) { in.Number = "DB11/T 7—2025" }, "number"},
		{"issued before the notice", func(in *workflow.TransitionInput) {
			in.IssueDate, in.ImplDate = "2026-03-01", "2026-04-01"
		}, "issue_date"},
		{"replaces nothing known", func(in *workflow.TransitionInput) { in.Replaces = []string{"DB11/T 999—2010"} }, "replaces"},
		{"replaces itself", func(in *workflow.TransitionInput) { in.Replaces = []string{st.ID} }, "replaces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ok
			tc.edit(&in)
			_, err := e.svc.Transition(ctx, e.staff, st.ID, in)
			wantCode(t, err, workflow.EINVALID, tc.field)
		})
	}
	if got := e.move(e.staff, st.ID, ok); got.Number != "DB11/T 7—2026" {
		t.Errorf("issued with number %q", got.Number)
	}
}

func TestIssueSupersedes(t *testing.T) {
	e := newEnv(t)
	// The 2024 edition of the same number, and another local standard.
	old := e.issued("DB11/T 50—2026", "2026-04-10")
	other := e.issued("DB11/T 60—2026", "2026-05-20")
	// Library entries another standard cannot replace.
	for _, text := range []string{
		"---\nid: gb-1\nnumber: \"GB/T 1—2000\"\ntitle: 国家标准\nlevel: national\n---\n正文\n",
		"---\nid: sh-1\nnumber: \"DB31/T 1—2020\"\ntitle: 上海地方标准\nlevel: local\nregion: \"31\"\n---\n正文\n",
		"---\nid: bj-gone\nnumber: \"DB11/T 2—2010\"\ntitle: 已废止\nlevel: local\nregion: \"11\"\nstatus: abolished\n---\n正文\n",
	} {
		if _, _, err := e.svc.Import(ctx, workflow.ImportInput{Path: "lib.md", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	st := e.inNotice()
	e.advance(31 * 24 * time.Hour)
	issue := workflow.TransitionInput{Action: workflow.ActionIssue, Number: "DB11/T 50—2027",
		IssueDate: "2027-01-10", ImplDate: "2027-02-01"}
	for _, bad := range []string{"gb-1", "DB31/T 1—2020", "bj-gone", e.create().ID} {
		t.Run("refuses "+bad, func(t *testing.T) {
			in := issue
			in.Replaces = []string{bad}
			_, err := e.svc.Transition(ctx, e.staff, st.ID, in)
			wantCode(t, err, workflow.EINVALID, "replaces")
		})
	}
	e.now = time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)
	issue.Replaces = []string{"DB11/T 60—2026", other.ID} // by number and by id: once
	got := e.move(e.staff, st.ID, issue)
	if diff := cmp.Diff([]string{"DB11/T 60—2026", "DB11/T 50—2026"}, got.Replaces); diff != "" {
		t.Errorf("replaces (-want +got):\n%s", diff)
	}
	for _, id := range []string{old.ID, other.ID} {
		s, _ := e.svc.Standard(ctx, nil, id)
		if s.State != workflow.StateSuperseded || s.Status != workflow.StatusSuperseded {
			t.Errorf("%s (%s) is %s/%s, want superseded", id, s.Number, s.State, s.Status)
		}
		h, _ := e.svc.History(ctx, e.staff, id)
		if last := h[len(h)-1]; last.Action != "supersede" || !strings.Contains(last.Note, "DB11/T 50—2027") {
			t.Errorf("last history entry of %s = %+v", id, last)
		}
	}
	// A number names one standard.
	again := e.inNotice()
	e.advance(31 * 24 * time.Hour)
	in := issue
	in.Replaces = nil
	_, err := e.svc.Transition(ctx, e.staff, again.ID, in)
	if unmet := wantCode(t, err, workflow.ECONFLICT, "").Details["unmet"].([]string); len(unmet) != 1 || !strings.Contains(unmet[0], "is taken") {
		t.Errorf("issue under a taken number: unmet %q", unmet)
	}
}

func TestWithdrawDuringNoticeClosesTheWindow(t *testing.T) {
	e := newEnv(t)
	st := e.inNotice()
	e.advance(24 * time.Hour)
	st = e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionWithdraw, Note: "撤回"})
	if st.State != workflow.StateWithdrawn || st.NoticeEnd == nil || !st.NoticeEnd.Equal(e.now) {
		t.Errorf("after withdraw: %s, notice ends %v, want now %v", st.State, st.NoticeEnd, e.now)
	}
	if _, err := e.svc.Standard(ctx, nil, st.ID); workflow.ErrorCode(err) != workflow.ENOTFOUND {
		t.Errorf("the public still reads a withdrawn standard: %v", err)
	}
	rounds, _ := e.svc.Rounds(ctx, e.staff, st.ID)
	if len(rounds) != 1 || rounds[0].Outcome != "approved" {
		t.Errorf("rounds = %+v; the approved round stays approved", rounds)
	}
}

// TestConcurrentMoves moves one standard from many goroutines, each from the
// version it saw: one move wins, the others are refused with a conflict and
// leave no history.
func TestConcurrentMoves(t *testing.T) {
	e := newEnv(t)
	st := e.inReview()
	if _, err := e.svc.GiveVerdict(ctx, e.expert, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		t.Fatal(err)
	}
	// Each caller names the version it saw, as the pages do.
	v := &st.Version
	moves := []workflow.TransitionInput{{Action: workflow.ActionApprove, Version: v},
		{Action: workflow.ActionReturn, Note: "退回", Version: v}, {Action: workflow.ActionWithdraw, Version: v},
		{Action: workflow.ActionApprove, Version: v}}
	errs := make([]error, len(moves))
	var wg sync.WaitGroup
	for i, in := range moves {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = e.svc.Transition(ctx, e.staff, st.ID, in)
		}()
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		switch workflow.ErrorCode(err) {
		case "":
			won++
		case workflow.ECONFLICT:
		default:
			t.Errorf("%s: %v, want success or a conflict", moves[i].Action, err)
		}
	}
	h, _ := e.svc.History(ctx, e.staff, st.ID)
	if won != 1 || len(h) != 3 {
		t.Errorf("%d moves won, %d history entries; want 1 and 3 (create, submit, the winner)", won, len(h))
	}
}
