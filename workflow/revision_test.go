package workflow_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"norma/workflow"
)

func TestSaveRevision(t *testing.T) {
	e := newEnv(t)
	st := e.create()
	edited := strings.Replace(meetingText, "宜统一着装", "应统一着装", 1)
	for _, tc := range []struct {
		name        string
		who         *workflow.User
		in          workflow.NewRevision
		code, field string
	}{
		{"the public", nil, workflow.NewRevision{Body: edited, Base: 1}, workflow.ENOTFOUND, ""},
		{"another drafter", e.drafter2, workflow.NewRevision{Body: edited, Base: 1}, workflow.ENOTFOUND, ""},
		{"no base", e.drafter, workflow.NewRevision{Body: edited}, workflow.EINVALID, "base"},
		{"stale base", e.drafter, workflow.NewRevision{Body: edited, Base: 2}, workflow.ECONFLICT, "base"},
		{"invalid UTF-8", e.drafter, workflow.NewRevision{Body: "\xff", Base: 1}, workflow.EINVALID, "body"},
		{"NUL", e.drafter, workflow.NewRevision{Body: "a\x00b", Base: 1}, workflow.EINVALID, "body"},
		{"too large", e.drafter, workflow.NewRevision{Body: strings.Repeat("a", workflow.MaxBodyBytes+1), Base: 1}, workflow.ETOOLARGE, "body"},
		{"broken front matter", e.drafter, workflow.NewRevision{Body: "---\ntitle: [\n---\n", Base: 1}, workflow.EINVALID, "body"},
		{"front matter with a bad level", e.drafter, workflow.NewRevision{Body: "---\nlevel: city\n---\n正文", Base: 1}, workflow.EINVALID, "body"},
		{"message too long", e.drafter, workflow.NewRevision{Body: edited, Base: 1, Message: strings.Repeat("长", 501)}, workflow.EINVALID, "message"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.SaveRevision(ctx, tc.who, st.ID, tc.in)
			wantCode(t, err, tc.code, tc.field)
		})
	}
	e.advance(time.Minute)
	r, err := e.svc.SaveRevision(ctx, e.drafter, st.ID, workflow.NewRevision{Body: "---\ntitle: 机关会议服务要求\nregion: \"1101\"\n---\n" + edited[strings.Index(edited, "# "):], Base: 1, Message: " 改用语 "})
	if err != nil {
		t.Fatal(err)
	}
	if r.Number != 2 || r.Message != "改用语" || r.Author != "drafter" || r.Hash != workflow.Hash(r.Body) || !r.CreatedAt.Equal(e.now) {
		t.Errorf("revision = %+v", r)
	}
	got, _ := e.svc.Standard(ctx, e.drafter, st.ID)
	if got.Latest != 2 || got.Title != "机关会议服务要求" || got.Region != "1101" || got.ICS != "03.080.99" {
		t.Errorf("after saving: latest %d, title %q, region %q, ics %q", got.Latest, got.Title, got.Region, got.ICS)
	}
	// Two editors on base 2: the second gets 409 naming revision 3.
	if _, err := e.svc.SaveRevision(ctx, e.staff, st.ID, workflow.NewRevision{Body: meetingText, Base: 2}); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.SaveRevision(ctx, e.drafter, st.ID, workflow.NewRevision{Body: edited, Base: 2})
	if e := wantCode(t, err, workflow.ECONFLICT, "base"); e.Details["latest"] != 3 {
		t.Errorf("stale base details = %v, want latest 3", e.Details)
	}
}

func TestRevisionsByState(t *testing.T) {
	e := newEnv(t)
	st := e.inNotice()
	// Frozen during notice, open again once the window has closed.
	_, err := e.svc.SaveRevision(ctx, e.drafter, st.ID, workflow.NewRevision{Body: meetingText + "\n", Base: 1})
	wantCode(t, err, workflow.ECONFLICT, "")
	e.advance(31 * 24 * time.Hour)
	if _, err := e.svc.SaveRevision(ctx, e.drafter, st.ID, workflow.NewRevision{Body: meetingText + "\n", Base: 1}); err != nil {
		t.Errorf("after the notice: %v", err)
	}
	st = e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionIssue, Number: "DB11/T 3—2026",
		IssueDate: "2026-04-05", ImplDate: "2026-05-01"})
	_, err = e.svc.SaveRevision(ctx, e.staff, st.ID, workflow.NewRevision{Body: meetingText, Base: 2})
	wantCode(t, err, workflow.ECONFLICT, "")

	// Everyone reads the issued text; only the review's people read the drafts.
	for _, tc := range []struct {
		name string
		who  *workflow.User
		all  bool
	}{{"public", nil, false}, {"other drafter", e.drafter2, false}, {"owner", e.drafter, true},
		{"expert", e.expert, true}, {"staff", e.staff, true}} {
		t.Run(tc.name, func(t *testing.T) {
			list, err := e.svc.Revisions(ctx, tc.who, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{true: 2, false: 1}[tc.all]; len(list) != want || list[len(list)-1].Number != 2 {
				t.Errorf("%d revisions listed, want %d ending with 2", len(list), want)
			}
			_, err = e.svc.Revision(ctx, tc.who, st.ID, 1)
			if (err == nil) != tc.all {
				t.Errorf("revision 1: %v", err)
			}
			if r, err := e.svc.Revision(ctx, tc.who, st.ID, 2); err != nil || r.Body == "" {
				t.Errorf("latest revision: %v", err)
			}
			_, err = e.svc.Diff(ctx, tc.who, st.ID, 1, 2)
			if (err == nil) != tc.all {
				t.Errorf("diff 1→2: %v", err)
			}
		})
	}
	_, err = e.svc.Revision(ctx, e.staff, st.ID, 9)
	wantCode(t, err, workflow.ENOTFOUND, "")
	d, err := e.svc.Diff(ctx, e.drafter, st.ID, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	// The diff is read as JSON by its clients: the change shows there.
	b, _ := json.Marshal(d)
	if d.From != 1 || d.To != 2 || !strings.Contains(string(b), `"ops":[{`) {
		t.Errorf("diff 1→2 = %s", b)
	}
}

func TestStandardToEdit(t *testing.T) {
	e := newEnv(t)
	st := e.inReview()
	for _, tc := range []struct {
		name string
		who  *workflow.User
		code string
	}{
		{"public", nil, workflow.EUNAUTHORIZED}, {"other drafter", e.drafter2, workflow.ENOTFOUND},
		{"assigned expert", e.expert, workflow.EFORBIDDEN}, {"owner", e.drafter, ""}, {"staff", e.staff, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := e.svc.StandardToEdit(ctx, tc.who, st.ID)
			if code := workflow.ErrorCode(err); code != tc.code {
				t.Fatalf("StandardToEdit: %v, want code %q", err, tc.code)
			}
			if err == nil && got.ID != st.ID {
				t.Errorf("got standard %s", got.ID)
			}
		})
	}
}
