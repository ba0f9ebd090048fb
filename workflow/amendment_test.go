package workflow_test

import (
	"strings"
	"testing"
	"time"

	"norma/workflow"
)

const parentNumber = "DB11/T 1001—2026"

// amendedText is meetingText with clause 4.2 reworded.
var amendedText = strings.Replace(meetingText, "会场应配备扩音、照明和应急疏散设施。", "会场应配备扩音、照明、无障碍和应急疏散设施。", 1)

// openAmendment opens an amendment of parent as actor and fails on refusal.
func (e *env) openAmendment(actor *workflow.User, parentID string) *workflow.Standard {
	e.tb.Helper()
	a, err := e.svc.OpenAmendment(ctx, actor, parentID, workflow.AmendmentInput{})
	if err != nil {
		e.tb.Fatalf("OpenAmendment: %v", err)
	}
	return a
}

// amendToNotice edits the amendment to text and takes it through a letter
// review by one expert to its public notice, ended.
func (e *env) amendToNotice(a *workflow.Standard, text string) {
	e.tb.Helper()
	if _, err := e.svc.SaveRevision(ctx, e.drafter, a.ID, workflow.NewRevision{Body: text, Base: 1, Message: "修改 4.2"}); err != nil {
		e.tb.Fatal(err)
	}
	if _, err := e.svc.AssignExpert(ctx, e.staff, a.ID, "expert"); err != nil {
		e.tb.Fatal(err)
	}
	e.move(e.drafter, a.ID, workflow.TransitionInput{Action: workflow.ActionSubmit})
	if _, err := e.svc.GiveVerdict(ctx, e.expert, a.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		e.tb.Fatal(err)
	}
	e.move(e.staff, a.ID, workflow.TransitionInput{Action: workflow.ActionApprove})
	e.advance(31 * 24 * time.Hour)
}

func TestAmendmentWhoMayOpen(t *testing.T) {
	e := newEnv(t)
	parent := e.issued(parentNumber, "2026-04-02")
	for _, tc := range []struct {
		who  *workflow.User
		code string
	}{{nil, workflow.EUNAUTHORIZED}, {e.drafter2, workflow.EFORBIDDEN}, {e.expert, workflow.EFORBIDDEN}} {
		_, err := e.svc.OpenAmendment(ctx, tc.who, parent.ID, workflow.AmendmentInput{})
		wantCode(t, err, tc.code, "")
	}
	draft := e.create()
	_, err := e.svc.OpenAmendment(ctx, e.staff, draft.ID, workflow.AmendmentInput{})
	wantCode(t, err, workflow.ECONFLICT, "")
	_, err = e.svc.OpenAmendment(ctx, e.staff, parent.ID, workflow.AmendmentInput{Sheet: strings.Repeat("改", 20001)})
	wantCode(t, err, workflow.EINVALID, "sheet")
	_, err = e.svc.OpenAmendment(ctx, e.staff, "s-none", workflow.AmendmentInput{})
	wantCode(t, err, workflow.ENOTFOUND, "")

	// Staff open it for the drafter who owns the standard; the owner may too.
	a := e.openAmendment(e.staff, parent.ID)
	if a.Kind != workflow.KindAmendment || a.Parent != parent.ID || a.Owner != "drafter" || a.State != workflow.StateDraft {
		t.Errorf("amendment = kind %q parent %q owner %q state %s", a.Kind, a.Parent, a.Owner, a.State)
	}
	if a.Title != "《机关会议服务规范》第1号修改单" || a.Level != parent.Level || a.Region != parent.Region || a.ICS != parent.ICS {
		t.Errorf("amendment metadata = %q %s %s %s", a.Title, a.Level, a.Region, a.ICS)
	}
	first, err := e.svc.Revision(ctx, e.drafter, a.ID, 1)
	cur, _ := e.svc.Revision(ctx, e.drafter, parent.ID, parent.Latest)
	if err != nil || first.Body != cur.Body {
		t.Errorf("the amendment's first text is not the parent's current text: %v", err)
	}
	// One amendment at a time, and none of an amendment.
	_, err = e.svc.OpenAmendment(ctx, e.drafter, parent.ID, workflow.AmendmentInput{})
	wantErr(t, err, workflow.ECONFLICT, "", a.ID)
	_, err = e.svc.OpenAmendment(ctx, e.staff, a.ID, workflow.AmendmentInput{})
	wantCode(t, err, workflow.ECONFLICT, "")
	e.move(e.drafter, a.ID, workflow.TransitionInput{Action: workflow.ActionWithdraw})
	if b, err := e.svc.OpenAmendment(ctx, e.drafter, parent.ID, workflow.AmendmentInput{Sheet: "一、4.2 条改为：……"}); err != nil || b.Sheet != "一、4.2 条改为：……" || b.Owner != "drafter" {
		t.Errorf("after a withdrawn one, the owner opens %+v, %v", b, err)
	}
}

func TestAmendmentIssueAmendsTheText(t *testing.T) {
	e := newEnv(t)
	parent := e.issued(parentNumber, "2026-04-02")
	a := e.openAmendment(e.staff, parent.ID)
	e.amendToNotice(a, amendedText)
	got, _ := e.svc.Standard(ctx, e.staff, a.ID)
	if got.Title != a.Title {
		t.Errorf("saving the text's front matter retitled the amendment %q", got.Title)
	}
	rounds, _ := e.svc.Rounds(ctx, e.staff, a.ID)
	if len(rounds) != 1 || rounds[0].Mode != workflow.ReviewLetter {
		t.Errorf("rounds = %+v; want one letter review (函审) by default", rounds)
	}
	sheet, drafted, err := e.svc.Sheet(ctx, e.drafter, a.ID)
	if err != nil || !drafted || !strings.Contains(sheet, "4.2 条改为") || !strings.Contains(sheet, "无障碍") {
		t.Fatalf("drafted sheet = %q (drafted %v), %v", sheet, drafted, err)
	}

	// A number of another edition, another sheet or another year is refused.
	for _, bad := range []string{"DB11/T 1002—2026/XG1—2026", parentNumber + "/XG2—2026", parentNumber + "/XG1—2025",
		parentNumber, "DB11/T 1001—2026/XG0—2026"} {
		_, err := e.svc.Transition(ctx, e.staff, a.ID, workflow.TransitionInput{Action: workflow.ActionIssue, Number: bad,
			IssueDate: "2026-06-10", ImplDate: "2026-07-01"})
		wantCode(t, err, workflow.EINVALID, "number")
	}
	_, err = e.svc.Transition(ctx, e.staff, a.ID, workflow.TransitionInput{Action: workflow.ActionIssue,
		IssueDate: "2026-06-10", ImplDate: "2026-07-01", Replaces: []string{parentNumber}})
	wantCode(t, err, workflow.EINVALID, "replaces")

	issued := e.move(e.staff, a.ID, workflow.TransitionInput{Action: workflow.ActionIssue, IssueDate: "2026-06-10", ImplDate: "2026-07-01"})
	if issued.Number != parentNumber+"/XG1—2026" || issued.State != workflow.StateIssued || issued.Sheet != sheet {
		t.Errorf("issued amendment: number %q, state %s, sheet %q", issued.Number, issued.State, issued.Sheet)
	}
	p, _ := e.svc.Standard(ctx, e.staff, parent.ID)
	if p.State != workflow.StateIssued || p.Status != workflow.StatusCurrent || p.Latest != parent.Latest+1 {
		t.Fatalf("amended standard: %s/%s, latest %d (was %d)", p.State, p.Status, p.Latest, parent.Latest)
	}
	r, _ := e.svc.Revision(ctx, e.staff, parent.ID, p.Latest)
	if r.Body != amendedText || r.Stage != workflow.StageIssued {
		t.Errorf("the amended standard's new revision: stage %q, body amended %v", r.Stage, r.Body == amendedText)
	}
	hist, _ := e.svc.History(ctx, e.staff, parent.ID)
	last := hist[len(hist)-1]
	if last.Action != "amend" || last.NoteKey != "history.amended" || last.NoteArgs["number"] != issued.Number {
		t.Errorf("last history entry = %+v", last)
	}
	if _, drafted, _ := e.svc.Sheet(ctx, nil, a.ID); drafted {
		t.Error("an issued amendment's sheet is still offered from the diff")
	}
	if workflow.UnderReview(issued) {
		t.Error("an amendment sheet is reviewed periodically on its own")
	}

	// The next sheet is XG2, numbered in the year of its issue.
	b := e.openAmendment(e.drafter, parent.ID)
	if b.Title != "《机关会议服务规范》第2号修改单" {
		t.Errorf("second title = %q", b.Title)
	}
	e.amendToNotice(b, strings.Replace(amendedText, "4.1.2 会务人员宜统一着装。", "4.1.2 会务人员应统一着装。", 1))
	second := e.move(e.staff, b.ID, workflow.TransitionInput{Action: workflow.ActionIssue, IssueDate: "2027-01-05", ImplDate: "2027-02-01"})
	if second.Number != parentNumber+"/XG2—2027" {
		t.Errorf("second number = %q", second.Number)
	}
	list, _ := e.svc.Amendments(ctx, nil, parent.ID)
	if len(list) != 2 || list[0].Number != issued.Number || list[1].Number != second.Number || list[1].Sheet == "" {
		t.Errorf("the public's list of amendments = %+v", list)
	}
}

func TestAmendmentActionsAndSheet(t *testing.T) {
	e := newEnv(t)
	parent := e.issued(parentNumber, "2026-04-02")
	a := e.openAmendment(e.staff, parent.ID)
	opts, err := e.svc.ActionOptions(ctx, e.staff, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range opts {
		for _, p := range o.Params {
			switch {
			case o.Action == workflow.ActionIssue && p.Name == "number" && p.Required:
				t.Error("an amendment's issue asks for a number it can assign")
			case o.Action == workflow.ActionIssue && p.Name == "replaces":
				t.Error("an amendment's issue offers replaces")
			case o.Action == workflow.ActionSubmit && p.Name == "review_mode" && p.Default != workflow.ReviewLetter:
				t.Errorf("review_mode default = %q, want letter", p.Default)
			}
		}
	}
	if _, err := e.svc.SetSheet(ctx, e.drafter2, a.ID, "x"); workflow.ErrorCode(err) != workflow.ENOTFOUND {
		t.Errorf("another drafter, who may not read the draft, sets the sheet: %v", err)
	}
	_, err = e.svc.SetSheet(ctx, e.drafter, parent.ID, "x")
	wantCode(t, err, workflow.ENOTFOUND, "")
	st, err := e.svc.SetSheet(ctx, e.drafter, a.ID, "  一、4.2 条改为：“……”\r\n")
	if err != nil || st.Sheet != "一、4.2 条改为：“……”" {
		t.Fatalf("SetSheet = %+v, %v", st, err)
	}
	if sheet, drafted, _ := e.svc.Sheet(ctx, e.drafter, a.ID); drafted || sheet != st.Sheet {
		t.Errorf("a written sheet reads %q (drafted %v)", sheet, drafted)
	}
}

func TestDraftSheet(t *testing.T) {
	if got := workflow.DraftSheet(meetingText, meetingText); got != "" {
		t.Errorf("no change drafts %q", got)
	}
	added := strings.Replace(amendedText, "会场应配备扩音、照明、无障碍和应急疏散设施。\n", "会场应配备扩音、照明、无障碍和应急疏散设施。\n\n### 4.3 服务\n\n会议结束后应清理会场。\n", 1)
	removed := strings.Replace(added, "4.1.2 会务人员宜统一着装。\n\n", "", 1)
	got := workflow.DraftSheet(meetingText, removed)
	for _, want := range []string{"4.2 条改为：\n“4.2 设施\n会场应配备扩音、照明、无障碍和应急疏散设施。”", "增加 4.3 条：\n“4.3 服务\n会议结束后应清理会场。”",
		"删除 4.1.2 条。", "一、", "二、", "三、"} {
		if !strings.Contains(got, want) {
			t.Errorf("DraftSheet = %q; want it to hold %q", got, want)
		}
	}
}
