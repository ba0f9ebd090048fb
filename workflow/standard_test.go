package workflow_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"norma/workflow"
)

func TestCreateStandard(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		name        string
		who         *workflow.User
		in          workflow.NewStandard
		code, field string
	}{
		{"the public", nil, workflow.NewStandard{Title: "t", Level: workflow.LevelGroup}, workflow.EUNAUTHORIZED, ""},
		{"an expert", e.expert, workflow.NewStandard{Title: "t", Level: workflow.LevelGroup}, workflow.EFORBIDDEN, ""},
		{"no title", e.drafter, workflow.NewStandard{Level: workflow.LevelGroup}, workflow.EINVALID, "title"},
		{"title with a tab", e.drafter, workflow.NewStandard{Title: "a\tb", Level: workflow.LevelGroup}, workflow.EINVALID, "title"},
		{"no level", e.drafter, workflow.NewStandard{Title: "t"}, workflow.EINVALID, "level"},
		{"unknown level", e.drafter, workflow.NewStandard{Title: "t", Level: "city"}, workflow.EINVALID, "level"},
		{"local without region", e.drafter, workflow.NewStandard{Title: "t", Level: workflow.LevelLocal}, workflow.EINVALID, "region"},
		{"unknown region", e.drafter, workflow.NewStandard{Title: "t", Level: workflow.LevelLocal, Region: "99"}, workflow.EINVALID, "region"},
		{"bad ICS", e.drafter, workflow.NewStandard{Title: "t", Level: workflow.LevelGroup, ICS: "3.8"}, workflow.EINVALID, "ics"},
		{"bad CCS", e.drafter, workflow.NewStandard{Title: "t", Level: workflow.LevelGroup, CCS: "a12"}, workflow.EINVALID, "ccs"},
		{"long category", e.drafter, workflow.NewStandard{Title: "t", Level: workflow.LevelGroup, Category: strings.Repeat("类", 101)}, workflow.EINVALID, "category"},
		{"body not UTF-8", e.drafter, workflow.NewStandard{Title: "t", Level: workflow.LevelGroup, Body: "\xfe"}, workflow.EINVALID, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.CreateStandard(ctx, tc.who, tc.in)
			wantCode(t, err, tc.code, tc.field)
		})
	}
	if list, _, _ := e.svc.Standards(ctx, e.staff, workflow.StandardFilter{}); len(list) != 0 {
		t.Errorf("refused creations stored %d standards", len(list))
	}

	// Fields left empty come from the front matter; given fields win.
	st, err := e.svc.CreateStandard(ctx, e.drafter, workflow.NewStandard{Title: " 会务规范 ", Body: meetingText})
	if err != nil {
		t.Fatal(err)
	}
	want := &workflow.Standard{ID: st.ID, Kind: workflow.KindStandard, Title: "会务规范", Level: workflow.LevelLocal, Region: "11", ICS: "03.080.99",
		Replaces: []string{}, State: workflow.StateDraft, OwnerID: e.drafter.ID, Owner: "drafter", Latest: 1,
		Version: st.Version, CreatedAt: start, UpdatedAt: start}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("created standard (-want +got):\n%s", diff)
	}
	if !workflow.ValidID(st.ID) || !strings.HasPrefix(st.ID, "s-") {
		t.Errorf("id %q", st.ID)
	}
	// An empty body starts from the GB/T 1.1 skeleton, whose only errors are
	// its placeholders: it cannot be submitted until it is written.
	sk, err := e.svc.CreateStandard(ctx, e.staff, workflow.NewStandard{Title: "空白起草", Level: workflow.LevelGroup})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := e.svc.Revision(ctx, e.staff, sk.ID, 1)
	if !strings.HasPrefix(r.Body, "# 空白起草") || r.Message != "created" {
		t.Errorf("skeleton revision %q:\n%s", r.Message, r.Body)
	}
	findings, err := e.svc.LintRevision(ctx, e.staff, sk.ID, 1)
	placeholders := 0
	for _, f := range findings {
		switch {
		case f.Severity == "error" && strings.HasPrefix(f.Rule, "placeholder."):
			placeholders++
		case f.Severity == "error":
			t.Errorf("the skeleton has an error: %+v", f)
		}
	}
	if placeholders == 0 {
		t.Errorf("the skeleton's placeholders are not errors: %+v", findings)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestReadRule checks who reads a standard, role by state by assignment,
// through Standard, Standards and the review.
func TestReadRule(t *testing.T) {
	e := newEnv(t)
	ids := map[string]string{}
	ids["draft"] = e.create().ID
	if _, err := e.svc.AssignExpert(ctx, e.staff, ids["draft"], "expert"); err != nil {
		t.Fatal(err)
	}
	ids["review"] = e.inReview().ID
	ids["notice"] = e.inNotice().ID
	withdrawn := e.create()
	e.move(e.drafter, withdrawn.ID, workflow.TransitionInput{Action: workflow.ActionWithdraw})
	ids["withdrawn"] = withdrawn.ID
	for _, tc := range []struct {
		name string
		who  *workflow.User
		want []string
	}{
		{"public", nil, []string{"notice"}},
		{"other drafter", e.drafter2, []string{"notice"}},
		{"unassigned expert", e.expert2, []string{"notice"}},
		{"assigned expert", e.expert, []string{"notice", "review"}},
		{"owner", e.drafter, []string{"draft", "notice", "review", "withdrawn"}},
		{"staff", e.staff, []string{"draft", "notice", "review", "withdrawn"}},
		{"admin", e.admin, []string{"draft", "notice", "review", "withdrawn"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var reads []string
			for name, id := range ids {
				_, err := e.svc.Standard(ctx, tc.who, id)
				switch workflow.ErrorCode(err) {
				case "":
					reads = append(reads, name)
				case workflow.ENOTFOUND:
				default:
					t.Errorf("Standard(%s): %v", name, err)
				}
			}
			sort.Strings(reads)
			if diff := cmp.Diff(tc.want, reads); diff != "" {
				t.Errorf("Standard reads (-want +got):\n%s", diff)
			}
			list, total, err := e.svc.Standards(ctx, tc.who, workflow.StandardFilter{AllReaders: true})
			if err != nil || total != len(tc.want) || len(list) != len(tc.want) {
				t.Errorf("Standards lists %d of %d (%v), want %d", len(list), total, err, len(tc.want))
			}
		})
	}
	_, err := e.svc.Standard(ctx, e.staff, "s-none")
	wantCode(t, err, workflow.ENOTFOUND, "")
}

func TestExperts(t *testing.T) {
	e := newEnv(t)
	st := e.create()
	for _, tc := range []struct {
		name, username string
		who            *workflow.User
		code, field    string
	}{
		{"by the owner", "expert", e.drafter, workflow.EFORBIDDEN, ""},
		{"by the public", "expert", nil, workflow.ENOTFOUND, ""},
		{"no name", "", e.staff, workflow.EINVALID, "username"},
		{"no account", "nobody", e.staff, workflow.EINVALID, "username"},
		{"not an expert", "drafter2", e.staff, workflow.EINVALID, "username"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.AssignExpert(ctx, tc.who, st.ID, tc.username)
			wantCode(t, err, tc.code, tc.field)
		})
	}
	for _, name := range []string{"expert", "expert2"} {
		if _, err := e.svc.AssignExpert(ctx, e.admin, st.ID, name); err != nil {
			t.Fatal(err)
		}
	}
	_, err := e.svc.AssignExpert(ctx, e.staff, st.ID, "expert")
	wantCode(t, err, workflow.ECONFLICT, "")
	_, err = e.svc.Experts(ctx, e.drafter, st.ID)
	wantCode(t, err, workflow.EFORBIDDEN, "")
	wantCode(t, e.svc.RemoveExpert(ctx, e.drafter, st.ID, "expert2"), workflow.EFORBIDDEN, "")
	wantCode(t, e.svc.RemoveExpert(ctx, e.staff, st.ID, "nobody"), workflow.ENOTFOUND, "")
	if err := e.svc.RemoveExpert(ctx, e.staff, st.ID, "expert2"); err != nil {
		t.Fatal(err)
	}
	list, err := e.svc.Experts(ctx, e.staff, st.ID)
	if err != nil || len(list) != 1 || list[0].Username != "expert" {
		t.Errorf("Experts = %v, %v; want expert alone", list, err)
	}
	// The removed expert no longer reads the text under review.
	e.move(e.drafter, st.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
	if _, err := e.svc.Standard(ctx, e.expert2, st.ID); workflow.ErrorCode(err) != workflow.ENOTFOUND {
		t.Errorf("a removed expert reads the text: %v", err)
	}
	// After the review, assignments are closed.
	if _, err := e.svc.GiveVerdict(ctx, e.expert, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		t.Fatal(err)
	}
	e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionApprove})
	_, err = e.svc.AssignExpert(ctx, e.staff, st.ID, "expert2")
	wantCode(t, err, workflow.ECONFLICT, "")
	wantCode(t, e.svc.RemoveExpert(ctx, e.staff, st.ID, "expert"), workflow.ECONFLICT, "")
}

func TestGiveVerdict(t *testing.T) {
	e := newEnv(t)
	draft := e.create()
	if _, err := e.svc.AssignExpert(ctx, e.staff, draft.ID, "expert"); err != nil {
		t.Fatal(err)
	}
	_, err := e.svc.GiveVerdict(ctx, e.expert, draft.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove})
	wantCode(t, err, workflow.ENOTFOUND, "") // an expert does not read a draft
	st := e.inReview()
	for _, tc := range []struct {
		name        string
		who         *workflow.User
		in          workflow.VerdictInput
		code, field string
	}{
		{"staff", e.staff, workflow.VerdictInput{Verdict: workflow.VerdictApprove}, workflow.EFORBIDDEN, ""},
		{"owner", e.drafter, workflow.VerdictInput{Verdict: workflow.VerdictApprove}, workflow.EFORBIDDEN, ""},
		{"unassigned expert", e.expert2, workflow.VerdictInput{Verdict: workflow.VerdictApprove}, workflow.ENOTFOUND, ""},
		{"no verdict", e.expert, workflow.VerdictInput{}, workflow.EINVALID, "verdict"},
		{"unknown verdict", e.expert, workflow.VerdictInput{Verdict: "abstain"}, workflow.EINVALID, "verdict"},
		{"reject without note", e.expert, workflow.VerdictInput{Verdict: workflow.VerdictReject}, workflow.EINVALID, "note"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.GiveVerdict(ctx, tc.who, st.ID, tc.in)
			wantCode(t, err, tc.code, tc.field)
		})
	}
	v, err := e.svc.GiveVerdict(ctx, e.expert, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictReject, Note: " 不完整 "})
	if err != nil || v.Note != "不完整" || v.Expert != "expert" {
		t.Fatalf("verdict = %+v, %v", v, err)
	}
	e.advance(1)
	if _, err := e.svc.GiveVerdict(ctx, e.expert, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		t.Fatal(err)
	}
	rounds, _ := e.svc.Rounds(ctx, e.expert, st.ID)
	if len(rounds) != 1 || len(rounds[0].Verdicts) != 1 || rounds[0].Verdicts[0].Verdict != workflow.VerdictApprove ||
		rounds[0].ClosedAt != nil || rounds[0].Revision != 1 {
		t.Errorf("rounds = %+v", rounds[0])
	}
	e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionApprove})
	_, err = e.svc.GiveVerdict(ctx, e.expert, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove})
	wantCode(t, err, workflow.ECONFLICT, "") // the round is closed
}
