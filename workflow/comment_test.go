package workflow_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"norma/docs/anchor"
	"norma/workflow"
)

func quote(exact string) *workflow.QuoteInput {
	return &workflow.QuoteInput{Quote: anchor.Quote{Exact: exact}}
}

func (e *env) comment(who *workflow.User, id string, in workflow.NewComment) *workflow.Comment {
	e.tb.Helper()
	c, err := e.svc.AddComment(ctx, who, id, in)
	if err != nil {
		e.tb.Fatalf("AddComment: %v", err)
	}
	return c
}

func TestAddComment(t *testing.T) {
	e := newEnv(t)
	st := e.inReview()
	c := e.comment(e.expert, st.ID, workflow.NewComment{Quote: quote("岗位培训"), Body: " 培训内容不明确 ",
		Suggestion: "岗位培训和安全培训"})
	if c.Kind != workflow.CommentExpert || c.Clause != "4.1.1" || c.Revision != 1 || c.Body != "培训内容不明确" ||
		c.Quote.Prefix == "" || c.Position == nil {
		t.Errorf("expert comment = %+v (quote %+v)", c, c.Quote)
	}
	if s := e.comment(e.staff, st.ID, workflow.NewComment{Clause: "4.2", Body: "设施要求过简"}); s.Kind != workflow.CommentStaff || s.Quote != nil {
		t.Errorf("staff comment = %+v", s)
	}
	for _, tc := range []struct {
		name        string
		who         *workflow.User
		in          workflow.NewComment
		code, field string
	}{
		{"the public", nil, workflow.NewComment{Body: "x"}, workflow.ENOTFOUND, ""},
		{"the owner", e.drafter, workflow.NewComment{Body: "x"}, workflow.EFORBIDDEN, ""},
		{"an expert not assigned", e.expert2, workflow.NewComment{Body: "x"}, workflow.ENOTFOUND, ""},
		{"no body", e.expert, workflow.NewComment{Body: "  "}, workflow.EINVALID, "body"},
		{"body too long", e.expert, workflow.NewComment{Body: strings.Repeat("长", 10001)}, workflow.EINVALID, "body"},
		{"no such revision", e.expert, workflow.NewComment{Revision: 9, Body: "x"}, workflow.EINVALID, "revision"},
		{"quote not in the text", e.expert, workflow.NewComment{Quote: quote("不存在的段落"), Body: "x"}, workflow.EINVALID, "quote"},
		{"quote outside the clause", e.expert, workflow.NewComment{Clause: "4.2", Quote: quote("岗位培训"), Body: "x"}, workflow.EINVALID, "clause"},
		{"no such clause", e.expert, workflow.NewComment{Clause: "9.9", Body: "x"}, workflow.EINVALID, "clause"},
		{"suggestion without quote", e.expert, workflow.NewComment{Body: "x", Suggestion: "y"}, workflow.EINVALID, "suggestion"},
		{"position past the end", e.expert, workflow.NewComment{Body: "x", Position: &anchor.Position{Start: 5000, End: 5001}}, workflow.EINVALID, "position"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.AddComment(ctx, tc.who, st.ID, tc.in)
			wantCode(t, err, tc.code, tc.field)
		})
	}
	// A position alone picks the passage.
	body := []rune(meetingText)
	i := strings.Index(meetingText, "应急疏散")
	start := len([]rune(meetingText[:i]))
	p := e.comment(e.expert, st.ID, workflow.NewComment{Body: "x", Position: &anchor.Position{Start: start, End: start + 4}})
	if p.Quote == nil || p.Quote.Exact != string(body[start:start+4]) || p.Clause != "4.2" {
		t.Errorf("comment by position: quote %+v clause %q", p.Quote, p.Clause)
	}
	// After the review, experts no longer comment; staff still do.
	e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionReturn, Note: "改"})
	_, err := e.svc.AddComment(ctx, e.expert, st.ID, workflow.NewComment{Body: "x"})
	wantCode(t, err, workflow.ENOTFOUND, "")
	e.comment(e.staff, st.ID, workflow.NewComment{Body: "退回后意见"})
	// During the notice the expert reads the text but comments as the public.
	notice := e.inNotice()
	_, err = e.svc.AddComment(ctx, e.expert, notice.ID, workflow.NewComment{Body: "x"})
	wantCode(t, err, workflow.ECONFLICT, "")
}

func TestCommentsFollowTheText(t *testing.T) {
	e := newEnv(t)
	st := e.inReview()
	moved := e.comment(e.expert, st.ID, workflow.NewComment{Quote: quote("应急疏散设施"), Body: "补充消防"})
	gone := e.comment(e.expert, st.ID, workflow.NewComment{Quote: quote("宜统一着装"), Body: "删去"})
	clause := e.comment(e.expert, st.ID, workflow.NewComment{Clause: "4.2", Body: "整条重写"})
	text := strings.Replace(meetingText, "4.1.2 会务人员宜统一着装。\n\n", "", 1)
	text = strings.Replace(text, "### 4.2 设施\n\n", "### 4.2 场地\n\n会场应整洁。\n\n", 1)
	if _, err := e.svc.SaveRevision(ctx, e.drafter, st.ID, workflow.NewRevision{Body: text, Base: 1}); err != nil {
		t.Fatal(err)
	}
	list, err := e.svc.Comments(ctx, e.expert, st.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]string{}
	for _, c := range list {
		got[c.ID] = c.Anchor.Status + " " + c.Anchor.Clause
		if c.Anchor.Revision != 2 {
			t.Errorf("comment %d placed in revision %d, want 2", c.ID, c.Anchor.Revision)
		}
	}
	want := map[int64]string{moved.ID: anchor.Current + " 4.2", gone.ID: anchor.Outdated + " 4.1.2",
		clause.ID: anchor.Current + " 4.2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("anchors in revision 2 (-want +got):\n%s", diff)
	}
	if first, _ := e.svc.Comments(ctx, e.drafter, st.ID, 1); len(first) != 3 || first[0].Anchor.Revision != 1 {
		t.Errorf("comments in revision 1: %d", len(first))
	}
	_, err = e.svc.Comments(ctx, e.drafter, st.ID, 7)
	wantCode(t, err, workflow.EINVALID, "revision")
}

func TestCommentsVisibility(t *testing.T) {
	e := newEnv(t)
	st := e.inReview()
	e.comment(e.expert, st.ID, workflow.NewComment{Body: "意见"})
	for _, tc := range []struct {
		name string
		who  *workflow.User
		code string
	}{
		{"owner", e.drafter, ""}, {"staff", e.staff, ""}, {"assigned expert", e.expert, ""},
		{"other expert", e.expert2, workflow.ENOTFOUND}, {"other drafter", e.drafter2, workflow.ENOTFOUND},
		{"public", nil, workflow.ENOTFOUND},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Comments(ctx, tc.who, st.ID, 0)
			if workflow.ErrorCode(err) != tc.code {
				t.Errorf("Comments: %v, want code %q", err, tc.code)
			}
			_, err = e.svc.Rounds(ctx, tc.who, st.ID)
			if workflow.ErrorCode(err) != tc.code {
				t.Errorf("Rounds: %v, want code %q", err, tc.code)
			}
		})
	}
	// Once public, everyone reads the standard but only the review's people its review.
	st = e.inNotice()
	for _, who := range []*workflow.User{nil, e.drafter2, e.expert2} {
		_, err := e.svc.Comments(ctx, who, st.ID, 0)
		if code := workflow.ErrorCode(err); code != workflow.EFORBIDDEN && code != workflow.EUNAUTHORIZED {
			t.Errorf("%v reads the review comments of a public standard: %v", who, err)
		}
	}
}

func TestPublicComments(t *testing.T) {
	e := newEnvWith(t, func(c *workflow.Config) { c.PublicComments = 2 })
	draft := e.create()
	_, err := e.svc.AddPublicComment(ctx, "192.0.2.1", draft.ID, workflow.NewPublicComment{Name: "张三", Body: "x"})
	wantCode(t, err, workflow.ECONFLICT, "")
	st := e.inNotice()
	in := workflow.NewPublicComment{Name: " 张三 ", Organization: "某院", Contact: "zhang@example.cn",
		Quote: quote("扩音、照明"), Body: "建议增加无障碍设施"}
	for _, tc := range []struct {
		name  string
		edit  func(*workflow.NewPublicComment)
		field string
	}{
		{"no name", func(n *workflow.NewPublicComment) { n.Name = "" }, "name"},
		{"name with a line break", func(n *workflow.NewPublicComment) { n.Name = "张\n三" }, "name"},
		{"no body", func(n *workflow.NewPublicComment) { n.Body = "" }, "body"},
		{"quote not in the text", func(n *workflow.NewPublicComment) { n.Quote = quote("没有这句") }, "quote"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := in
			tc.edit(&bad)
			_, err := e.svc.AddPublicComment(ctx, "192.0.2.1", st.ID, bad)
			wantCode(t, err, workflow.EINVALID, tc.field)
		})
	}
	c, err := e.svc.AddPublicComment(ctx, "192.0.2.1", st.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != workflow.CommentPublic || c.Author != "张三" || c.Clause != "4.2" {
		t.Errorf("public comment = %+v", c)
	}
	if _, err := e.svc.AddPublicComment(ctx, "192.0.2.1", st.ID, in); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.AddPublicComment(ctx, "192.0.2.1", st.ID, in)
	if e := wantCode(t, err, workflow.ETOOMANY, ""); e.Details["retry_after"] == nil {
		t.Errorf("too many: no retry_after in %v", e.Details)
	}
	if _, err := e.svc.AddPublicComment(ctx, "192.0.2.2", st.ID, in); err != nil {
		t.Errorf("another address is limited too: %v", err)
	}
	for _, tc := range []struct {
		name        string
		who         *workflow.User
		wantContact bool
	}{{"public", nil, false}, {"other drafter", e.drafter2, false}, {"owner", e.drafter, true}, {"staff", e.staff, true}} {
		t.Run("read by "+tc.name, func(t *testing.T) {
			list, err := e.svc.PublicComments(ctx, tc.who, st.ID)
			if err != nil || len(list) != 3 {
				t.Fatalf("PublicComments = %d, %v; want 3", len(list), err)
			}
			for _, c := range list {
				if (c.Contact != "") != tc.wantContact || c.Client != "" {
					t.Errorf("contact %q client %q shown to %s", c.Contact, c.Client, tc.name)
				}
			}
		})
	}
	e.advance(31 * 24 * time.Hour)
	_, err = e.svc.AddPublicComment(ctx, "192.0.2.3", st.ID, in)
	wantCode(t, err, workflow.ECONFLICT, "")
}

func TestRepliesAndDispositions(t *testing.T) {
	e := newEnv(t)
	st := e.inReview()
	c := e.comment(e.expert, st.ID, workflow.NewComment{Quote: quote("岗位培训"), Body: "培训要求不明"})
	for _, tc := range []struct {
		name string
		who  *workflow.User
		code string
	}{
		{"owner", e.drafter, ""}, {"author", e.expert, ""}, {"staff", e.staff, ""},
		{"other expert", e.expert2, workflow.ENOTFOUND}, {"other drafter", e.drafter2, workflow.ENOTFOUND},
		{"public", nil, workflow.ENOTFOUND},
	} {
		t.Run("reply by "+tc.name, func(t *testing.T) {
			r, err := e.svc.Reply(ctx, tc.who, c.ID, " 回复 ")
			if workflow.ErrorCode(err) != tc.code {
				t.Fatalf("Reply: %v, want code %q", err, tc.code)
			}
			if err == nil && (r.Body != "回复" || r.Author != tc.who.Username) {
				t.Errorf("reply = %+v", r)
			}
		})
	}
	_, err := e.svc.Reply(ctx, e.drafter, c.ID, "")
	wantCode(t, err, workflow.EINVALID, "body")
	_, err = e.svc.Reply(ctx, e.drafter, c.ID+100, "x")
	wantCode(t, err, workflow.ENOTFOUND, "")
	list, _ := e.svc.Comments(ctx, e.drafter, st.ID, 0)
	if len(list) != 1 || len(list[0].Replies) != 3 {
		t.Errorf("thread holds %d replies, want 3", len(list[0].Replies))
	}

	for _, tc := range []struct {
		name        string
		who         *workflow.User
		in          workflow.DispositionInput
		code, field string
	}{
		{"by the expert", e.expert, workflow.DispositionInput{Decision: workflow.Accepted}, workflow.EFORBIDDEN, ""},
		{"no decision", e.drafter, workflow.DispositionInput{}, workflow.EINVALID, "decision"},
		{"unknown decision", e.drafter, workflow.DispositionInput{Decision: "maybe"}, workflow.EINVALID, "decision"},
		{"refused without reason", e.drafter, workflow.DispositionInput{Decision: workflow.NotAccepted, Reason: " "}, workflow.EINVALID, "reason"},
		{"reason too long", e.drafter, workflow.DispositionInput{Decision: workflow.PartiallyAccepted, Reason: strings.Repeat("理", 5001)}, workflow.EINVALID, "reason"},
		{"no such revision", e.drafter, workflow.DispositionInput{Decision: workflow.Accepted, Revision: 2}, workflow.EINVALID, "revision"},
	} {
		t.Run("dispose "+tc.name, func(t *testing.T) {
			_, err := e.svc.Dispose(ctx, tc.who, c.ID, tc.in)
			wantCode(t, err, tc.code, tc.field)
		})
	}
	// An undisposed review comment blocks approval.
	if _, err := e.svc.GiveVerdict(ctx, e.expert, st.ID, workflow.VerdictInput{Verdict: workflow.VerdictApprove}); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Transition(ctx, e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionApprove})
	if unmet := wantCode(t, err, workflow.ECONFLICT, "").Details["unmet"].([]string); len(unmet) != 1 || !strings.Contains(unmet[0], "review comment") {
		t.Errorf("unmet = %q", unmet)
	}
	d, err := e.svc.Dispose(ctx, e.drafter, c.ID, workflow.DispositionInput{Decision: workflow.NotAccepted, Reason: " 已有规定 "})
	if err != nil {
		t.Fatal(err)
	}
	if d.Disposition.Reason != "已有规定" || d.Disposition.By != "drafter" {
		t.Errorf("disposition = %+v", d.Disposition)
	}
	rows, err := e.svc.Dispositions(ctx, e.staff, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []workflow.DispositionRow{{Number: 1, Clause: "4.1.1", Comment: "培训要求不明", By: "expert",
		Decision: workflow.NotAccepted, Label: "不采纳", Reason: "已有规定", Kind: workflow.CommentExpert, StageLabel: "技术审查", ID: c.ID}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("disposition table (-want +got):\n%s", diff)
	}
	e.move(e.staff, st.ID, workflow.TransitionInput{Action: workflow.ActionApprove})

	// Public comments must be disposed before the issue; after it, dispositions are final.
	pc, err := e.svc.AddPublicComment(ctx, "192.0.2.1", st.ID, workflow.NewPublicComment{Name: "李四",
		Organization: "某协会", Contact: "li@example.cn", Body: "建议细化"})
	if err != nil {
		t.Fatal(err)
	}
	e.advance(31 * 24 * time.Hour)
	issue := workflow.TransitionInput{Action: workflow.ActionIssue, Number: "DB11/T 8—2026", IssueDate: "2026-04-10",
		ImplDate: "2026-05-01"}
	_, err = e.svc.Transition(ctx, e.staff, st.ID, issue)
	if unmet := wantCode(t, err, workflow.ECONFLICT, "").Details["unmet"].([]string); len(unmet) != 1 || !strings.Contains(unmet[0], "public comment") {
		t.Errorf("unmet = %q", unmet)
	}
	if _, err := e.svc.Dispose(ctx, e.staff, pc.ID, workflow.DispositionInput{Decision: workflow.Accepted}); err != nil {
		t.Fatal(err)
	}
	rows, _ = e.svc.Dispositions(ctx, e.drafter, st.ID)
	// The public comment names no clause: general comments come first.
	if len(rows) != 2 || rows[0].By != "某协会 李四" || rows[0].Label != "采纳" || rows[0].Contact != "li@example.cn" ||
		rows[0].StageLabel != "公示" || rows[1].Clause != "4.1.1" {
		t.Errorf("public row = %+v", rows)
	}
	e.move(e.staff, st.ID, issue)
	_, err = e.svc.Dispose(ctx, e.drafter, pc.ID, workflow.DispositionInput{Decision: workflow.Accepted})
	wantCode(t, err, workflow.ECONFLICT, "")
}

func TestApplySuggestion(t *testing.T) {
	e := newEnv(t)
	st := e.inReview()
	c := e.comment(e.expert, st.ID, workflow.NewComment{Quote: quote("岗位培训"), Body: "具体些",
		Suggestion: "岗位培训和保密教育"})
	plain := e.comment(e.expert, st.ID, workflow.NewComment{Body: "没有建议"})
	gone := e.comment(e.expert, st.ID, workflow.NewComment{Quote: quote("宜统一着装"), Body: "改", Suggestion: "应统一着装"})
	wantCode(t, second(e.svc.ApplySuggestion(ctx, e.expert, c.ID, 1)), workflow.EFORBIDDEN, "")
	wantCode(t, second(e.svc.ApplySuggestion(ctx, e.drafter, plain.ID, 1)), workflow.ECONFLICT, "")
	wantCode(t, second(e.svc.ApplySuggestion(ctx, e.drafter, c.ID, 0)), workflow.EINVALID, "base")

	r, got, err := e.svc.ApplySuggestion(ctx, e.drafter, c.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Number != 2 || !strings.Contains(r.Body, "4.1.1 会务人员应经过岗位培训和保密教育。") {
		t.Errorf("revision %d:\n%s", r.Number, r.Body)
	}
	if got.Disposition.Decision != workflow.Accepted || got.Disposition.Revision != 2 || got.Applied.Revision != 2 {
		t.Errorf("applied comment = %+v, %+v", got.Disposition, got.Applied)
	}
	wantCode(t, second(e.svc.ApplySuggestion(ctx, e.drafter, c.ID, 2)), workflow.ECONFLICT, "")
	// Base 1 is stale now: 409 naming the latest, nothing saved.
	err = second(e.svc.ApplySuggestion(ctx, e.drafter, gone.ID, 1))
	if e := wantCode(t, err, workflow.ECONFLICT, "base"); e.Details["latest"] != 2 {
		t.Errorf("stale base details = %v", e.Details)
	}
	text := strings.Replace(r.Body, "4.1.2 会务人员宜统一着装。\n\n", "", 1)
	if _, err := e.svc.SaveRevision(ctx, e.drafter, st.ID, workflow.NewRevision{Body: text, Base: 2}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, second(e.svc.ApplySuggestion(ctx, e.drafter, gone.ID, 3)), workflow.ECONFLICT, "")
	list, _ := e.svc.Revisions(ctx, e.drafter, st.ID)
	if len(list) != 3 {
		t.Errorf("%d revisions, want 3: refused applies save nothing", len(list))
	}
	// The applied comment is placed from the passage its suggestion wrote.
	cs, _ := e.svc.Comments(ctx, e.drafter, st.ID, 3)
	for _, x := range cs {
		if x.ID == c.ID && (x.Anchor.Status != anchor.Current || x.Anchor.Exact != "岗位培训和保密教育") {
			t.Errorf("applied comment placed as %+v", x.Anchor)
		}
	}
}

func second[A, B any](_ A, _ B, err error) error { return err }

// A suggestion that changes the front matter changes the standard's
// metadata, as saving the same text would; one that breaks it is refused.
func TestApplySuggestionUpdatesMetadata(t *testing.T) {
	e := newEnv(t)
	st := e.inReview()
	retitle := e.comment(e.expert, st.ID, workflow.NewComment{Quote: quote("title: 机关会议服务规范"), Body: "题名宜更准确",
		Suggestion: "title: 机关会议服务通用规范"})
	bad := e.comment(e.expert, st.ID, workflow.NewComment{Quote: quote("ics: 03.080.99"), Body: "补分类",
		Suggestion: "ics: 03.080.99\ncategory: " + strings.Repeat("类", 5000)})
	if _, _, err := e.svc.ApplySuggestion(ctx, e.drafter, retitle.ID, 1); err != nil {
		t.Fatal(err)
	}
	after, err := e.svc.Standard(ctx, e.drafter, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Title != "机关会议服务通用规范" || after.Latest != 2 {
		t.Errorf("after applying: title %q, latest %d; want the suggested title in revision 2", after.Title, after.Latest)
	}
	wantCode(t, second(e.svc.ApplySuggestion(ctx, e.drafter, bad.ID, 2)), workflow.EINVALID, "body")
	if again, _ := e.svc.Standard(ctx, e.drafter, st.ID); again.Latest != 2 || again.Category != after.Category {
		t.Errorf("a refused suggestion saved revision %d, category %q", again.Latest, again.Category)
	}
}
