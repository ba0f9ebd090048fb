package storetest

import (
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"norma/docs"
	"norma/docs/anchor"
	"norma/workflow"
)

// expertComment is a comment of an expert on a quoted passage with a
// suggestion.
func expertComment(st *workflow.Standard, by *workflow.User, at time.Time) *workflow.Comment {
	return &workflow.Comment{StandardID: st.ID, Kind: workflow.CommentExpert, Revision: 1, Clause: "1",
		Quote:    &anchor.Quote{Exact: "会议服务", Prefix: "本文件规定了", Suffix: "。"},
		Position: &anchor.Position{Start: 16, End: 20}, Body: "用语不准确", Suggestion: "会务服务",
		AuthorID: by.ID, Author: by.Username, CreatedAt: at, Replies: []*workflow.Reply{}}
}

// publicComment is a comment from the public, without account or quote.
func publicComment(st *workflow.Standard, at time.Time) *workflow.Comment {
	return &workflow.Comment{StandardID: st.ID, Kind: workflow.CommentPublic, Revision: 1, Body: "建议增加附录",
		Author: "张三", Organization: "某研究院", Contact: "zhang@example.cn", Client: "192.0.2.7", CreatedAt: at,
		Replies: []*workflow.Reply{}}
}

func mustComment(tb testing.TB, s Store, c *workflow.Comment) *workflow.Comment {
	tb.Helper()
	if err := s.CreateComment(ctx, c); err != nil {
		tb.Fatalf("CreateComment: %v", err)
	}
	if c.ID == 0 {
		tb.Fatal("CreateComment did not set the id")
	}
	return c
}

func mustReply(tb testing.TB, s Store, c *workflow.Comment, by *workflow.User, body string, at time.Time) *workflow.Reply {
	tb.Helper()
	r := &workflow.Reply{CommentID: c.ID, Body: body, AuthorID: by.ID, Author: by.Username, CreatedAt: at}
	if err := s.CreateReply(ctx, r); err != nil {
		tb.Fatalf("CreateReply: %v", err)
	}
	if r.ID == 0 {
		tb.Fatal("CreateReply did not set the id")
	}
	c.Replies = append(c.Replies, r)
	return r
}

func testComments(t *testing.T, s Store) {
	owner := MustUser(t, s, "owner", workflow.RoleDrafter)
	expert := MustUser(t, s, "expert", workflow.RoleExpert)
	st := MustStandard(t, s, "s-comments", owner, workflow.StateExpertReview)
	other := MustStandard(t, s, "s-quiet", owner, workflow.StateExpertReview)
	c1 := mustComment(t, s, expertComment(st, expert, t0))
	c2 := mustComment(t, s, publicComment(st, t0.Add(time.Minute)))
	if c1.ID == c2.ID {
		t.Fatalf("two comments share the id %d", c1.ID)
	}
	mustReply(t, s, c1, owner, "已修改", t0.Add(2*time.Minute))
	mustReply(t, s, c2, owner, "感谢意见", t0.Add(3*time.Minute))
	mustReply(t, s, c1, expert, "同意", t0.Add(4*time.Minute))

	got, err := s.FindComment(ctx, c1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c1, got); diff != "" {
		t.Errorf("FindComment (-want +got):\n%s", diff)
	}
	all, err := s.FindComments(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*workflow.Comment{c1, c2}, all); diff != "" {
		t.Errorf("FindComments, oldest first with their replies (-want +got):\n%s", diff)
	}
	none, err := s.FindComments(ctx, other.ID)
	if err != nil || len(none) != 0 {
		t.Errorf("FindComments of a standard without comments = %v, %v; want none", none, err)
	}
	_, err = s.FindComment(ctx, c2.ID+1000)
	wantCode(t, err, workflow.ENOTFOUND)
}

func testDispositions(t *testing.T, s Store) {
	owner := MustUser(t, s, "owner", workflow.RoleDrafter)
	expert := MustUser(t, s, "expert", workflow.RoleExpert)
	staff := MustUser(t, s, "staff", workflow.RoleStaff)
	st := MustStandard(t, s, "s-dispose", owner, workflow.StateExpertReview)
	review := mustComment(t, s, expertComment(st, expert, t0))
	byStaff := expertComment(st, staff, t0)
	byStaff.Kind = workflow.CommentStaff
	mustComment(t, s, byStaff)
	public := mustComment(t, s, publicComment(st, t0))
	dossierCounts := func(wantReview, wantPublic int) {
		t.Helper()
		d, err := s.FindDossier(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.OpenReviewComments != wantReview || d.OpenPublicComments != wantPublic {
			t.Errorf("open comments: review %d public %d, want %d and %d",
				d.OpenReviewComments, d.OpenPublicComments, wantReview, wantPublic)
		}
	}
	dossierCounts(2, 1)

	first := &workflow.Disposition{Decision: workflow.NotAccepted, Reason: "与上位标准一致", ByID: owner.ID,
		By: owner.Username, At: t0.Add(time.Hour)}
	if err := s.SetDisposition(ctx, review.ID, first); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FindComment(ctx, review.ID)
	if diff := cmp.Diff(first, got.Disposition); diff != "" {
		t.Errorf("disposition round trip (-want +got):\n%s", diff)
	}
	dossierCounts(1, 1)
	second := &workflow.Disposition{Decision: workflow.Accepted, Revision: 1, ByID: staff.ID, By: staff.Username,
		At: t0.Add(2 * time.Hour)}
	if err := s.SetDisposition(ctx, review.ID, second); err != nil {
		t.Fatal(err)
	}
	got, _ = s.FindComment(ctx, review.ID)
	if diff := cmp.Diff(second, got.Disposition); diff != "" {
		t.Errorf("a later disposition does not replace the first (-want +got):\n%s", diff)
	}
	if err := s.SetDisposition(ctx, public.ID, &workflow.Disposition{Decision: workflow.PartiallyAccepted,
		Reason: "部分采纳", By: "owner", ByID: owner.ID, At: t0}); err != nil {
		t.Fatal(err)
	}
	dossierCounts(1, 0)
	wantCode(t, s.SetDisposition(ctx, public.ID+1000, first), workflow.ENOTFOUND)
}

func testApplySuggestion(t *testing.T, s Store) {
	owner := MustUser(t, s, "owner", workflow.RoleDrafter)
	expert := MustUser(t, s, "expert", workflow.RoleExpert)
	st := MustStandard(t, s, "s-apply", owner, workflow.StateExpertReview)
	c := mustComment(t, s, expertComment(st, expert, t0))
	later := mustComment(t, s, expertComment(st, expert, t0))
	r2 := newRev(st.ID, "## 1 范围\n\n本文件规定了会务服务。\n", t0.Add(time.Hour))
	r2.AuthorID, r2.Author = owner.ID, owner.Username
	d := &workflow.Disposition{Decision: workflow.Accepted, ByID: owner.ID, By: owner.Username, At: t0.Add(time.Hour)}
	at := anchor.Position{Start: 16, End: 20}
	applied := "会务服务规范（应用建议后）"
	if err := s.ApplySuggestion(ctx, r2, 1, &workflow.StandardUpdate{Title: &applied}, c.ID, d, at); err != nil {
		t.Fatal(err)
	}
	if r2.Number != 2 {
		t.Errorf("the applied revision is number %d, want 2", r2.Number)
	}
	got, _ := s.FindComment(ctx, c.ID)
	wantD := &workflow.Disposition{Decision: workflow.Accepted, Revision: 2, ByID: owner.ID, By: owner.Username, At: d.At}
	if diff := cmp.Diff(wantD, got.Disposition); diff != "" {
		t.Errorf("disposition of the applied comment (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&workflow.Applied{Revision: 2, Position: at}, got.Applied); diff != "" {
		t.Errorf("where the suggestion went (-want +got):\n%s", diff)
	}
	if rev, err := s.FindRevision(ctx, st.ID, 2); err != nil || rev.Body != r2.Body {
		t.Errorf("revision 2 = %+v, %v", rev, err)
	}
	if back, _ := s.FindStandard(ctx, st.ID); back.Latest != 2 || back.Title != applied {
		t.Errorf("latest = %d, title %q after applying, want 2 and the front matter's %q", back.Latest, back.Title, applied)
	}

	// On a stale base, and for a comment that does not exist, nothing is written.
	stale := newRev(st.ID, "三稿", t0.Add(2*time.Hour))
	err := s.ApplySuggestion(ctx, stale, 1, nil, later.ID, &workflow.Disposition{Decision: workflow.Accepted, At: t0}, at)
	wantCode(t, err, workflow.ECONFLICT)
	if e := workflow.AsError(err); e.Details["latest"] != 2 {
		t.Errorf("conflict details = %v, want latest 2", e.Details)
	}
	err = s.ApplySuggestion(ctx, newRev(st.ID, "四稿", t0), 2, &workflow.StandardUpdate{Title: &applied}, later.ID+1000,
		&workflow.Disposition{Decision: workflow.Accepted, At: t0}, at)
	wantCode(t, err, workflow.ENOTFOUND)
	if got, _ := s.FindComment(ctx, later.ID); got.Disposition != nil || got.Applied != nil {
		t.Errorf("a refused apply changed comment %d: %+v %+v", later.ID, got.Disposition, got.Applied)
	}
	if list, _ := s.FindRevisions(ctx, st.ID); len(list) != 2 {
		t.Errorf("%d revisions after two refused applies, want 2", len(list))
	}
	if back, _ := s.FindStandard(ctx, st.ID); back.Title != applied {
		t.Errorf("a refused apply changed the title to %q", back.Title)
	}
}

func testExperts(t *testing.T, s Store) {
	owner := MustUser(t, s, "owner", workflow.RoleDrafter)
	e1 := MustUser(t, s, "expert1", workflow.RoleExpert)
	e2 := MustUser(t, s, "expert2", workflow.RoleExpert)
	st := MustStandard(t, s, "s-experts", owner, workflow.StateExpertReview)
	names := func() []string {
		t.Helper()
		list, err := s.FindExperts(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, u := range list {
			out = append(out, u.Username)
		}
		sort.Strings(out)
		return out
	}
	if got := names(); len(got) != 0 {
		t.Errorf("experts before any assignment: %v", got)
	}
	for _, e := range []*workflow.User{e1, e2} {
		if err := s.AssignExpert(ctx, st.ID, e.ID, t0); err != nil {
			t.Fatal(err)
		}
	}
	wantCode(t, s.AssignExpert(ctx, st.ID, e1.ID, t0), workflow.ECONFLICT)
	if diff := cmp.Diff([]string{"expert1", "expert2"}, names()); diff != "" {
		t.Errorf("assigned experts (-want +got):\n%s", diff)
	}
	if err := s.RemoveExpert(ctx, st.ID, e1.ID, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"expert2"}, names()); diff != "" {
		t.Errorf("experts after removing expert1 (-want +got):\n%s", diff)
	}
	wantCode(t, s.RemoveExpert(ctx, st.ID, e1.ID, t0), workflow.ENOTFOUND)
	// A removed expert no longer reads the text under review.
	for _, tc := range []struct {
		who  *workflow.User
		want int
	}{{e1, 0}, {e2, 1}} {
		if _, n, err := s.FindStandards(ctx, workflow.StandardFilter{Reader: tc.who}); err != nil || n != tc.want {
			t.Errorf("%s reads %d standards (%v), want %d", tc.who.Username, n, err, tc.want)
		}
	}
}

func libraryEdition(id, number string) (*workflow.Standard, *workflow.Revision) {
	st := &workflow.Standard{ID: id, Number: number, Title: "标准化工作导则 " + number, Level: workflow.LevelNational,
		State: workflow.StateIssued, Status: workflow.StatusCurrent, Latest: 1, Replaces: []string{},
		Source: id + ".md", CreatedAt: t0, UpdatedAt: t0}
	body := "正文 " + number
	return st, &workflow.Revision{StandardID: id, Body: body, Author: "import", CreatedAt: t0,
		Hash: workflow.Hash(body), Size: len(body)}
}

func testNumberBase(t *testing.T, s Store) {
	for _, e := range []struct{ id, number string }{{"gb-1.1-2009", "GB/T 1.1—2009"},
		{"gb-1.1-2020", "GB/T 1.1—2020"}, {"gb-1.10-2020", "GB/T 1.10—2020"}} {
		st, r := libraryEdition(e.id, e.number)
		h := &workflow.HistoryEntry{StandardID: st.ID, Action: "import", To: workflow.StateIssued, Actor: "import", At: t0}
		if _, err := s.ImportStandard(ctx, st, r, h); err != nil {
			t.Fatal(err)
		}
		if list, err := s.FindHistory(ctx, st.ID); err != nil || len(list) != 1 || list[0].Action != "import" {
			t.Errorf("history of imported %s = %v, %v; want the import entry", st.ID, list, err)
		}
	}
	// A number given by an issue is found by its base too.
	drafted := MustStandard(t, s, "s-local", nil, workflow.StatePublicNotice)
	issue := move(drafted, workflow.StateIssued, t0)
	number := "DB11/T 5—2026"
	issue.Update = &workflow.StandardUpdate{Number: &number}
	if err := s.ApplyTransition(ctx, issue); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		base string
		want []string
	}{
		{"GB/T 1.1", []string{"gb-1.1-2020", "gb-1.1-2009"}},
		{"GB/T 1.10", []string{"gb-1.10-2020"}},
		{"DB11/T 5", []string{"s-local"}},
		{"GB/T 9", nil},
	} {
		t.Run(tc.base, func(t *testing.T) {
			if n, err := docs.ParseNumber(tc.base); err != nil || n.Undated() != tc.base {
				t.Fatalf("%q is not an undated number (%v)", tc.base, err)
			}
			list, err := s.FindStandardsByNumberBase(ctx, tc.base)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, st := range list {
				got = append(got, st.ID)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("editions of %s, newest first (-want +got):\n%s", tc.base, diff)
			}
		})
	}
	// The same bases looked up together give the same editions, by base.
	bases := []string{"GB/T 1.1", "GB/T 1.10", "DB11/T 5", "GB/T 9"}
	many, err := s.FindStandardsByNumberBases(ctx, bases)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bases {
		one, err := s.FindStandardsByNumberBase(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		var a, c []string
		for _, st := range one {
			a = append(a, st.ID)
		}
		for _, st := range many[b] {
			c = append(c, st.ID)
		}
		if diff := cmp.Diff(a, c, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("editions of %s alone and together differ (-alone +together):\n%s", b, diff)
		}
	}
	// Numbers looked up together give what each gives alone; one nobody
	// carries is left out.
	numbers := []string{"GB/T 1.1—2009", "GB/T 1.10—2020", number, "GB/T 1.1—2020", "GB/T 9—2020", "GB/T 1.1"}
	byNumber, err := s.FindStandardsByNumbers(ctx, numbers)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range numbers {
		one, err := s.FindStandardByNumber(ctx, n)
		if workflow.ErrorCode(err) == workflow.ENOTFOUND {
			if st, ok := byNumber[n]; ok {
				t.Errorf("FindStandardsByNumbers gave %s for %s, which no standard carries", st.ID, n)
			}
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(one, byNumber[n]); diff != "" {
			t.Errorf("standard %s alone and together differ (-alone +together):\n%s", n, diff)
		}
	}
	if len(byNumber) != 4 {
		t.Errorf("FindStandardsByNumbers found %d standards, want 4", len(byNumber))
	}
	if empty, err := s.FindStandardsByNumbers(ctx, nil); err != nil || len(empty) != 0 {
		t.Errorf("FindStandardsByNumbers(nil) = %v, %v; want none", empty, err)
	}
}
