package server_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"norma/workflow"
)

// standardIn brings a new standard, owned by drafter with expert1 assigned,
// to the state through the service's own moves. Notices last 0 days.
func (e *env) standardIn(state workflow.State, seq int) string {
	e.t.Helper()
	ctx := context.Background()
	drafter, staff, expert := e.users["drafter"], e.users["staff"], e.users["expert1"]
	st, err := e.svc.CreateStandard(ctx, drafter, workflow.NewStandard{Body: meetingText})
	if err != nil {
		e.t.Fatal(err)
	}
	id := st.ID
	must := func(err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatalf("bringing %s to %s: %v", id, state, err)
		}
	}
	move := func(actor *workflow.User, in workflow.TransitionInput) {
		e.t.Helper()
		_, err := e.svc.Transition(ctx, actor, id, in)
		must(err)
	}
	_, err = e.svc.AssignExpert(ctx, staff, id, expert.Username)
	must(err)
	zero := 0
	issue := workflow.TransitionInput{Action: workflow.ActionIssue, Number: fmt.Sprintf("DB11/T %d—2026", 9000+seq),
		IssueDate: "2026-05-01", ImplDate: "2026-08-01"}
	switch state {
	case workflow.StateDraft:
		return id
	case workflow.StateWithdrawn:
		move(drafter, workflow.TransitionInput{Action: workflow.ActionWithdraw})
		return id
	}
	move(drafter, workflow.TransitionInput{Action: workflow.ActionSubmit})
	_, err = e.svc.GiveVerdict(ctx, expert, id, workflow.VerdictInput{Verdict: workflow.VerdictApprove})
	must(err)
	if state == workflow.StateExpertReview {
		return id
	}
	move(staff, workflow.TransitionInput{Action: workflow.ActionApprove, NoticeDays: &zero})
	if state == workflow.StatePublicNotice {
		return id
	}
	move(staff, issue)
	switch state {
	case workflow.StateAbolished:
		move(staff, workflow.TransitionInput{Action: workflow.ActionAbolish, Note: "不再适用"})
	case workflow.StateSuperseded:
		newer := e.standardIn(workflow.StatePublicNotice, seq+50000)
		_, err := e.svc.Transition(ctx, staff, newer, workflow.TransitionInput{Action: workflow.ActionIssue,
			Number: fmt.Sprintf("DB11/T %d—2027", 9000+seq), IssueDate: "2027-01-01", ImplDate: "2027-03-01", Replaces: []string{id}})
		must(err)
	}
	return id
}

// fatalRecorder is a testing.TB whose Fatal records its message and ends
// the goroutine, as testing's own does, without failing a real test.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}
func (r *fatalRecorder) Fatal(args ...any) {
	r.msg = fmt.Sprint(args...)
	runtime.Goexit()
}
func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// A helper used inside a subtest fails the subtest it was given, not the
// test that made the environment.
func TestStandardInFailsTheTestItIsGiven(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	e.standardIn(workflow.StateIssued, 1)
	rec := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.sub(rec).standardIn(workflow.StateIssued, 1) // the number DB11/T 9001—2026 is taken now
	}()
	<-done
	if !strings.Contains(rec.msg, "bringing") {
		t.Errorf("the failing helper told its own test %q, want the failed move", rec.msg)
	}
}

// expectedMove is the rule the table checks, written out from the design:
// a standard one may not read does not exist (404); the public may not act
// (401); the owner drafter may submit, and withdraw a draft; staff and
// admins may take every action; others nothing (403); an action from a
// state it does not leave is a conflict (409), and so is the owner's
// withdraw of a standard no longer a draft: it moved on.
func expectedMove(role string, a workflow.Action, st workflow.State) int {
	public := st == workflow.StatePublicNotice || st == workflow.StateIssued || st == workflow.StateSuperseded || st == workflow.StateAbolished
	readable := public || role == "drafter" || role == "staff" || role == "admin" ||
		role == "expert1" && st == workflow.StateExpertReview
	from := map[workflow.Action][]workflow.State{
		workflow.ActionConsult:  {workflow.StateDraft},
		workflow.ActionSubmit:   {workflow.StateDraft},
		workflow.ActionReturn:   {workflow.StateExpertReview, workflow.StatePublicNotice},
		workflow.ActionApprove:  {workflow.StateExpertReview},
		workflow.ActionIssue:    {workflow.StatePublicNotice},
		workflow.ActionWithdraw: {workflow.StateDraft, workflow.StateExpertReview, workflow.StatePublicNotice},
		workflow.ActionAbolish:  {workflow.StateIssued},
	}[a]
	switch {
	case !readable:
		return http.StatusNotFound
	case role == "":
		return http.StatusUnauthorized
	case role == "staff" || role == "admin":
	case role == "drafter" && a == workflow.ActionWithdraw:
		from = []workflow.State{workflow.StateDraft}
	case role == "drafter" && (a == workflow.ActionSubmit || a == workflow.ActionConsult):
	default:
		return http.StatusForbidden
	}
	for _, s := range from {
		if s == st {
			return http.StatusOK
		}
	}
	return http.StatusConflict
}

func TestTransitionTable(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	roles := []string{"", "drafter", "drafter2", "expert1", "staff", "admin"}
	tokens := map[string]string{"": ""}
	for _, r := range roles[1:] {
		tokens[r] = e.login(r)
	}
	seq := 0
	for _, a := range workflow.Actions {
		for _, st := range workflow.States {
			for _, role := range roles {
				seq++
				name := fmt.Sprintf("%s/%s/%s", a, st, map[string]string{"": "public"}[role]+role)
				t.Run(name, func(t *testing.T) {
					e := e.sub(t)
					id := e.standardIn(st, seq)
					in := map[string]any{"action": a, "note": "理由"}
					if a == workflow.ActionIssue {
						in["number"], in["issue_date"], in["impl_date"] = fmt.Sprintf("DB11/T %d—2026", 1000+seq), "2026-06-01", "2026-09-01"
					}
					if a == workflow.ActionApprove {
						in["notice_days"] = 0
					}
					want := expectedMove(role, a, st)
					r := e.request("POST", "/api/v1/standards/"+id+"/transitions", tokens[role], in)
					if r.StatusCode != want {
						t.Fatalf("status %d, want %d: %s", r.StatusCode, want, r.body)
					}
					after := e.request("GET", "/api/v1/standards/"+id, tokens["staff"], nil).Map(t)
					if want == http.StatusOK {
						to := r.Map(t)["state"]
						if after["state"] != to || to == string(st) && a != workflow.ActionConsult {
							t.Errorf("answered state %v, stored %v", to, after["state"])
						}
						if a == workflow.ActionConsult && after["consult_end"] == nil {
							t.Errorf("consult opened no window: %v", after)
						}
					} else if after["state"] != string(st) {
						t.Errorf("a refused move changed the state to %v", after["state"])
					}
				})
			}
		}
	}
}

func (e *env) move(token, id string, in map[string]any) *response {
	e.t.Helper()
	return e.request("POST", "/api/v1/standards/"+id+"/transitions", token, in)
}

func TestSubmitNeedsExpert(t *testing.T) {
	e := newEnv(t)
	drafter := e.login("drafter")
	id := e.createStandard(drafter, nil)
	r := e.move(drafter, id, map[string]any{"action": "submit"})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "no expert") {
		t.Errorf("message %q does not name the missing expert", msg)
	}
	staff := e.login("staff")
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "expert1"}), http.StatusCreated)
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "expert1"}), http.StatusConflict)
	r = e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "drafter2"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "username" {
		t.Errorf("assigning a drafter as expert names field %q", field)
	}
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/experts", drafter, map[string]any{"username": "expert2"}), http.StatusForbidden)
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "submit"}), http.StatusOK)
	list := e.request("GET", "/api/v1/standards/"+id+"/experts", staff, nil)
	wantStatus(t, list, http.StatusOK)
	if !strings.Contains(string(list.body), `"username":"expert1"`) {
		t.Errorf("experts = %s", list.body)
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/experts", drafter, nil), http.StatusForbidden)
}

func TestApproveGuards(t *testing.T) {
	e := newEnv(t)
	staff, drafter := e.login("staff"), e.login("drafter")
	id := e.createStandard(drafter, nil)
	for _, x := range []string{"expert1", "expert2"} {
		wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": x}), http.StatusCreated)
	}
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "submit"}), http.StatusOK)
	// No verdict yet: both experts are named.
	r := e.move(staff, id, map[string]any{"action": "approve", "notice_days": 30})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "expert1") || !strings.Contains(msg, "expert2") {
		t.Errorf("message %q does not name both experts", msg)
	}
	e1, e2 := e.login("expert1"), e.login("expert2")
	verdict := func(token, v, note string) *response {
		return e.request("PUT", "/api/v1/standards/"+id+"/verdict", token, map[string]any{"verdict": v, "note": note})
	}
	wantStatus(t, verdict(e1, "approve", ""), http.StatusOK)
	r = verdict(e2, "reject", "")
	wantStatus(t, r, http.StatusUnprocessableEntity) // a rejection gives its reason
	wantStatus(t, verdict(e2, "maybe", "x"), http.StatusUnprocessableEntity)
	wantStatus(t, verdict(drafter, "approve", ""), http.StatusForbidden)
	wantStatus(t, verdict(e2, "reject", "范围不清"), http.StatusOK)
	r = e.move(staff, id, map[string]any{"action": "approve", "notice_days": 30})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "expert2 rejected") {
		t.Errorf("message %q does not name the rejection", msg)
	}
	// The verdict can change until the round closes.
	wantStatus(t, verdict(e2, "approve_with_changes", "修改后同意"), http.StatusOK)
	r = e.move(staff, id, map[string]any{"action": "approve", "notice_days": 29})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, msg := r.Error(t); field != "notice_days" || !strings.Contains(msg, "30") {
		t.Errorf("short notice: field %q message %q", field, msg)
	}
	r = e.move(staff, id, map[string]any{"action": "approve", "notice_days": 30})
	wantStatus(t, r, http.StatusOK)
	m := r.Map(t)
	start, _ := time.Parse(time.RFC3339, m["notice_start"].(string))
	end, _ := time.Parse(time.RFC3339, m["notice_end"].(string))
	if m["state"] != "public_notice" || end.Sub(start) != 30*24*time.Hour {
		t.Errorf("after approve: %v", m)
	}
	wantStatus(t, verdict(e1, "reject", "晚了"), http.StatusConflict)
	rounds := e.request("GET", "/api/v1/standards/"+id+"/rounds", staff, nil)
	wantStatus(t, rounds, http.StatusOK)
	var rs []struct {
		Number, Revision int
		Outcome          string
		ClosedAt         *time.Time `json:"closed_at"`
		Verdicts         []struct{ Expert, Verdict, Note string }
	}
	rounds.JSON(t, &rs)
	if len(rs) != 1 || rs[0].Outcome != "approved" || rs[0].ClosedAt == nil || len(rs[0].Verdicts) != 2 {
		t.Fatalf("rounds = %s", rounds.body)
	}
	for _, v := range rs[0].Verdicts {
		if v.Expert == "expert2" && (v.Verdict != "approve_with_changes" || v.Note != "修改后同意") {
			t.Errorf("expert2's verdict = %+v, want the changed one", v)
		}
	}
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/rounds", "", nil), http.StatusUnauthorized)
	wantStatus(t, e.request("GET", "/api/v1/standards/"+id+"/rounds", e.login("drafter2"), nil), http.StatusForbidden)
}

// Removing the last expert does not let a text skip its review.
func TestApproveNeedsAnExpert(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	staff := e.login("staff")
	id := e.standardIn(workflow.StateExpertReview, 1)
	wantStatus(t, e.request("DELETE", "/api/v1/standards/"+id+"/experts/expert1", staff, nil), http.StatusNoContent)
	r := e.move(staff, id, map[string]any{"action": "approve", "notice_days": 0})
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "no expert") {
		t.Errorf("approve without experts: %q", msg)
	}
}

func TestNoticeMinimumPerLevel(t *testing.T) {
	e := newEnv(t)
	staff := e.login("staff")
	drafter := e.login("drafter")
	// A filled-in text: the bare skeleton's placeholders keep it from being submitted.
	id := e.createStandard(drafter, map[string]any{"title": "国家标准", "level": "national",
		"body": strings.Replace(meetingText, "region: \"11\"\n", "", 1)})
	e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "expert1"})
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "submit"}), http.StatusOK)
	wantStatus(t, e.request("PUT", "/api/v1/standards/"+id+"/verdict", e.login("expert1"), map[string]any{"verdict": "approve"}), http.StatusOK)
	wantStatus(t, e.move(staff, id, map[string]any{"action": "approve", "notice_days": 59}), http.StatusUnprocessableEntity)
	r := e.move(staff, id, map[string]any{"action": "approve"}) // the default is the minimum
	wantStatus(t, r, http.StatusOK)
	m := r.Map(t)
	start, _ := time.Parse(time.RFC3339, m["notice_start"].(string))
	end, _ := time.Parse(time.RFC3339, m["notice_end"].(string))
	if end.Sub(start) != 60*24*time.Hour {
		t.Errorf("default national notice = %v", end.Sub(start))
	}
}

func TestNoticeWindowFreezesAndIssue(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	staff, drafter := e.login("staff"), e.login("drafter")
	old := e.standardIn(workflow.StatePublicNotice, 1) // a 0-day notice, issued below
	e.clock.Advance(time.Minute)
	wantStatus(t, e.move(staff, old, map[string]any{"action": "issue", "number": "DB11/T 500—2026", "issue_date": "2026-05-01", "impl_date": "2026-06-01"}), http.StatusOK)
	// An earlier edition of the new number, and a standard of another region.
	ctx := context.Background()
	for _, lib := range []string{
		"---\nid: t-501-2020\nnumber: \"DB11/T 501—2020\"\ntitle: 旧版\nlevel: local\nregion: \"11\"\nstatus: current\n---\n正文\n",
		"---\nid: t-sh\nnumber: \"DB31/T 77—2019\"\ntitle: 上海\nlevel: local\nregion: \"31\"\nstatus: current\n---\n正文\n",
	} {
		if _, _, err := e.svc.Import(ctx, workflow.ImportInput{Path: "lib.md", Text: lib}); err != nil {
			t.Fatal(err)
		}
	}

	id := e.createStandard(drafter, nil)
	e.request("POST", "/api/v1/standards/"+id+"/experts", staff, map[string]any{"username": "expert1"})
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "submit"}), http.StatusOK)
	e.request("PUT", "/api/v1/standards/"+id+"/verdict", e.login("expert1"), map[string]any{"verdict": "approve"})
	wantStatus(t, e.move(staff, id, map[string]any{"action": "approve", "notice_days": 30}), http.StatusOK)

	save := func() *response {
		return e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": meetingText + "\n报批稿。\n", "base": 1})
	}
	r := save()
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "frozen during public notice") {
		t.Errorf("frozen text message %q", msg)
	}
	good := map[string]any{"action": "issue", "number": "DB11/T 501—2026", "issue_date": "2026-06-10", "impl_date": "2026-09-01", "replaces": []string{"DB11/T 500-2026"}}
	r = e.move(staff, id, good)
	wantStatus(t, r, http.StatusConflict)
	if _, _, msg := r.Error(t); !strings.Contains(msg, "window is open") {
		t.Errorf("open window message %q", msg)
	}
	e.clock.Advance(30*24*time.Hour + time.Second)
	staff, drafter = e.login("staff"), e.login("drafter") // the sessions have ended meanwhile
	wantStatus(t, save(), http.StatusCreated)             // after the window: the 报批稿
	for _, tc := range []struct {
		name   string
		change map[string]any
		status int
		field  string
	}{
		{"no number", map[string]any{"number": ""}, 422, "number"},
		{"garbage number", map[string]any{"number": "标准一号"}, 422, "number"},
		{"national prefix on a local standard", map[string]any{"number": "GB/T 501—2026"}, 422, "number"},
		{"another region's code", map[string]any{"number": "DB31/T 501—2026"}, 422, "number"},
		{"no year", map[string]any{"number": "DB11/T 501"}, 422, "number"},
		{"number taken", map[string]any{"number": "DB11/T 500—2026"}, 409, ""},
		{"number of another year", map[string]any{"number": "DB11/T 501—2025"}, 422, "number"},
		{"issued before the notice", map[string]any{"issue_date": "2026-04-30"}, 422, "issue_date"},
		{"replaces another region's standard", map[string]any{"replaces": []string{"DB31/T 77—2019"}}, 422, "replaces"},
		{"bad date", map[string]any{"issue_date": "2026-13-01"}, 422, "issue_date"},
		{"implementation before issue", map[string]any{"impl_date": "2026-06-01"}, 422, "impl_date"},
		{"replaces nothing known", map[string]any{"replaces": []string{"DB11/T 404—2020"}}, 422, "replaces"},
		{"replaces a draft", map[string]any{"replaces": []string{e.createStandard(drafter, nil)}}, 422, "replaces"},
		{"unknown action", map[string]any{"action": "publish"}, 422, "action"},
		{"notice_days of wrong type", map[string]any{"notice_days": "ten"}, 422, "notice_days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := map[string]any{}
			for k, v := range good {
				in[k] = v
			}
			for k, v := range tc.change {
				in[k] = v
			}
			r := e.move(staff, id, in)
			wantStatus(t, r, tc.status)
			if _, field, _ := r.Error(t); field != tc.field {
				t.Errorf("field %q, want %q", field, tc.field)
			}
		})
	}
	r = e.move(staff, id, good)
	wantStatus(t, r, http.StatusOK)
	m := r.Map(t)
	if m["state"] != "issued" || m["status"] != "current" || m["number"] != "DB11/T 501—2026" || m["issue_date"] != "2026-06-10" {
		t.Errorf("issued = %v", m)
	}
	o := e.request("GET", "/api/v1/standards/"+old, "", nil).Map(t)
	if o["state"] != "superseded" || o["status"] != "superseded" {
		t.Errorf("the replaced standard is %v/%v", o["state"], o["status"])
	}
	// The earlier edition of the same number is superseded without being named.
	if ed := e.request("GET", "/api/v1/standards/t-501-2020", "", nil).Map(t); ed["status"] != "superseded" {
		t.Errorf("the earlier edition is %v", ed["status"])
	}
	h := e.request("GET", "/api/v1/standards/"+id+"/history", "", nil)
	wantStatus(t, h, http.StatusOK)
	var hist []struct{ Action, From, To, Actor, Note string }
	h.JSON(t, &hist)
	var got []string
	for _, x := range hist {
		got = append(got, fmt.Sprintf("%s:%s>%s:%s", x.Action, x.From, x.To, x.Actor))
	}
	want := "create:>draft:drafter|submit:draft>expert_review:drafter|approve:expert_review>public_notice:staff|issue:public_notice>issued:staff"
	if strings.Join(got, "|") != want {
		t.Errorf("history = %s\nwant      %s", strings.Join(got, "|"), want)
	}
	oh := e.request("GET", "/api/v1/standards/"+old+"/history", "", nil)
	if !strings.Contains(string(oh.body), `"action":"supersede"`) || !strings.Contains(string(oh.body), "DB11/T 501—2026") {
		t.Errorf("the replaced standard's history = %s", oh.body)
	}
}

func TestReturnNeedsReason(t *testing.T) {
	e := newEnv(t)
	staff := e.login("staff")
	id := e.standardIn(workflow.StateExpertReview, 1)
	r := e.move(staff, id, map[string]any{"action": "return"})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	if _, field, _ := r.Error(t); field != "note" {
		t.Errorf("field %q", field)
	}
	wantStatus(t, e.move(staff, id, map[string]any{"action": "return", "note": "范围需调整"}), http.StatusOK)
	// Resubmitting opens round 2 on the latest revision.
	drafter := e.login("drafter")
	wantStatus(t, e.request("POST", "/api/v1/standards/"+id+"/revisions", drafter, map[string]any{"body": meetingText + "\n修改。\n", "base": 1}), http.StatusCreated)
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "submit"}), http.StatusOK)
	var rs []struct {
		Number, Revision int
		Outcome          string
	}
	e.request("GET", "/api/v1/standards/"+id+"/rounds", staff, nil).JSON(t, &rs)
	if len(rs) != 2 || rs[0].Outcome != "returned" || rs[1].Number != 2 || rs[1].Revision != 2 {
		t.Errorf("rounds = %+v", rs)
	}
}

// Of moves sent at once on one standard, each naming the version it saw,
// exactly one wins.
func TestConcurrentTransitions(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	staff := e.login("staff")
	for i := range 5 {
		id := e.standardIn(workflow.StateExpertReview, i)
		v := e.request("GET", "/api/v1/standards/"+id, staff, nil).Map(t)["version"]
		moves := []map[string]any{{"action": "approve", "notice_days": 0, "version": v}, {"action": "return", "note": "退回", "version": v},
			{"action": "withdraw", "version": v}, {"action": "approve", "notice_days": 0, "version": v}}
		statuses := make([]int, len(moves))
		var wg sync.WaitGroup
		for j, m := range moves {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[j] = e.move(staff, id, m).StatusCode
			}()
		}
		wg.Wait()
		won := 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				won++
			case http.StatusConflict:
			default:
				t.Errorf("a concurrent move answered %d", s)
			}
		}
		var hist []map[string]any
		e.request("GET", "/api/v1/standards/"+id+"/history", staff, nil).JSON(t, &hist)
		if won != 1 || len(hist) != 3 { // create, submit, the winner
			t.Errorf("round %d: %d moves won (%v), history has %d entries; want 1 and 3", i, won, statuses, len(hist))
		}
	}
}

// Without versions, the same move sent twice at once still succeeds once.
func TestConcurrentSameMove(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	staff := e.login("staff")
	id := e.standardIn(workflow.StateExpertReview, 1)
	statuses := make([]int, 6)
	var wg sync.WaitGroup
	for j := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[j] = e.move(staff, id, map[string]any{"action": "approve", "notice_days": 0}).StatusCode
		}()
	}
	wg.Wait()
	won := 0
	for _, s := range statuses {
		if s == http.StatusOK {
			won++
		} else if s != http.StatusConflict {
			t.Errorf("a concurrent move answered %d", s)
		}
	}
	if won != 1 {
		t.Errorf("%d approvals won: %v", won, statuses)
	}
}

// A drafter's withdraw that loses to a move made at the same moment is a
// conflict (the standard moved), never a refusal of the drafter's right.
func TestWithdrawLosingARaceIsAConflict(t *testing.T) {
	e := newEnv(t, noNoticeMinimum)
	drafter, staff := e.login("drafter"), e.login("staff")
	for i := range 12 {
		id := e.standardIn(workflow.StateDraft, i+1)
		other := map[string]any{"action": "submit"}
		mover := drafter
		if i%2 == 1 {
			mover = staff
		}
		var withdraw, submit int
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			withdraw = e.move(drafter, id, map[string]any{"action": "withdraw"}).StatusCode
		}()
		go func() { defer wg.Done(); submit = e.move(mover, id, other).StatusCode }()
		wg.Wait()
		ok := withdraw == http.StatusOK && submit == http.StatusConflict ||
			withdraw == http.StatusConflict && submit == http.StatusOK
		if !ok {
			t.Errorf("trial %d: withdraw %d, submit %d; want one 200 and one 409", i, withdraw, submit)
		}
	}
	// Lost for certain: the submit came first.
	id := e.standardIn(workflow.StateDraft, 99)
	wantStatus(t, e.move(drafter, id, map[string]any{"action": "submit"}), http.StatusOK)
	r := e.move(drafter, id, map[string]any{"action": "withdraw"})
	wantStatus(t, r, http.StatusConflict)
	if code, field, _ := r.Error(t); code != workflow.ECONFLICT || field != "action" {
		t.Errorf("the late withdraw: code %q field %q, want conflict on action", code, field)
	}
}
