// Package storetest is the one conformance suite every Norma store passes:
// the SQLite store on real files, and any other store on its real server.
package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"norma/workflow"
)

// Store is what the suite exercises: the domain's store and what the
// search index worker and the duplicate check read and write.
type Store interface {
	workflow.Store
	FindOutbox(ctx context.Context, limit int) ([]workflow.OutboxEntry, error)
	DeleteOutbox(ctx context.Context, upTo int64) error
	CountOutbox(ctx context.Context) (int, error)
	EnqueueAll(ctx context.Context) (int, error)
	PutFingerprint(ctx context.Context, f workflow.Fingerprint) error
	FindFingerprints(ctx context.Context, since time.Time) ([]workflow.Fingerprint, error)
	FindSearchTexts(ctx context.Context, ids []string) (map[string]workflow.SearchText, error)
}

// Opener returns a new, empty store for one test; the store is closed by the
// opener's own cleanup.
type Opener func(tb testing.TB) Store

// Run runs every test of the suite against stores from open.
func Run(t *testing.T, open Opener) {
	tests := map[string]func(*testing.T, Store){
		"Users":             testUsers,
		"Sessions":          testSessions,
		"Accounts":          testAccounts,
		"StandardRoundTrip": testStandardRoundTrip,
		"StandardNotFound":  testStandardNotFound,
		"Revisions":         testRevisions,
		"StaleBase":         testStaleBase,
		"ConcurrentSaves":   testConcurrentSaves,
		"Visibility":        testVisibility,
		"FilterAndPaging":   testFilterAndPaging,
		"ListFilters":       testListFilters,
		"TransitionVersion": testTransitionVersion,
		"Verdicts":          testVerdicts,
		"Supersede":         testSupersede,
		"Import":            testImport,
		"Outbox":            testOutbox,
		"Proposals":         testProposals,
		"Consultees":        testConsultees,
		"ProcedureFields":   testProcedureFields,
		"Experts":           testExperts,
		"NumberBase":        testNumberBase,
		"Comments":          testComments,
		"Dispositions":      testDispositions,
		"ApplySuggestion":   testApplySuggestion,
		"Filings":           testFilings,
		"PeriodicReviews":   testPeriodicReviews,
		"Feedback":          testFeedback,
		"System":            testSystem,
		"Replacing":         testReplacing,
		"Amendments":        testAmendments,
	}
	seen := &calls{seen: map[string]bool{}}
	ran := 0
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			fn(t, &recorder{Store: open(t), calls: seen})
			ran++ // not reached when the test skips or stops
		})
	}
	if ran < len(tests) {
		return // some tests did not run to the end (a -run pattern, a skip, a failure)
	}
	t.Run("EveryMethod", func(t *testing.T) {
		if m := seen.missing(); len(m) > 0 {
			t.Errorf("no test of the suite calls %v; a store could get them wrong and still pass", m)
		}
	})
}

var ctx = context.Background()

var t0 = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

// MustUser creates an account with the role.
func MustUser(tb testing.TB, s Store, name string, role workflow.Role) *workflow.User {
	tb.Helper()
	u := &workflow.User{Username: name, Name: name, Role: role, PasswordHash: []byte("x"), CreatedAt: t0}
	if err := s.CreateUser(ctx, u); err != nil {
		tb.Fatalf("CreateUser(%s): %v", name, err)
	}
	return u
}

// MustStandard creates a standard in the given state owned by owner.
func MustStandard(tb testing.TB, s Store, id string, owner *workflow.User, state workflow.State) *workflow.Standard {
	tb.Helper()
	st := &workflow.Standard{ID: id, Title: "机关会议服务规范 " + id, Level: workflow.LevelLocal, Region: "11",
		State: state, Latest: 1, Replaces: []string{}, CreatedAt: t0, UpdatedAt: t0}
	var authorID int64
	var author string
	if owner != nil {
		st.OwnerID, st.Owner = owner.ID, owner.Username
		authorID, author = owner.ID, owner.Username
	}
	r := &workflow.Revision{StandardID: id, Number: 1, Body: "## 1 范围\n\n本文件规定了会议服务。\n",
		AuthorID: authorID, Author: author, CreatedAt: t0, Message: "created"}
	r.Hash, r.Size = workflow.Hash(r.Body), len(r.Body)
	h := &workflow.HistoryEntry{StandardID: id, Action: "create", To: state, ActorID: authorID, Actor: author, At: t0}
	if err := s.CreateStandard(ctx, st, r, h); err != nil {
		tb.Fatalf("CreateStandard(%s): %v", id, err)
	}
	return st
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := workflow.ErrorCode(err); got != code {
		tb.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
}

func testUsers(t *testing.T, s Store) {
	u := MustUser(t, s, "Drafter", workflow.RoleDrafter)
	if u.ID == 0 {
		t.Fatal("CreateUser did not set the id")
	}
	got, err := s.FindUserByName(ctx, "drafter")
	if err != nil {
		t.Fatalf("FindUserByName in another case: %v", err)
	}
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("user round trip (-want +got):\n%s", diff)
	}
	byID, err := s.FindUserByID(ctx, u.ID)
	if err != nil || byID.Username != "Drafter" {
		t.Fatalf("FindUserByID = %v, %v", byID, err)
	}
	dup := &workflow.User{Username: "DRAFTER", Name: "x", Role: workflow.RoleStaff, PasswordHash: []byte("y"), CreatedAt: t0}
	wantCode(t, s.CreateUser(ctx, dup), workflow.ECONFLICT)
	_, err = s.FindUserByName(ctx, "nobody")
	wantCode(t, err, workflow.ENOTFOUND)
	MustUser(t, s, "admin", workflow.RoleAdmin)
	all, err := s.FindUsers(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("FindUsers = %d users, %v; want 2", len(all), err)
	}
}

func testSessions(t *testing.T, s Store) {
	u := MustUser(t, s, "staff", workflow.RoleStaff)
	live := &workflow.Session{TokenHash: workflow.HashToken("live"), UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	old := &workflow.Session{TokenHash: workflow.HashToken("old"), UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(-time.Minute)}
	for _, sess := range []*workflow.Session{live, old} {
		if err := s.CreateSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.FindSession(ctx, workflow.HashToken("live"))
	if err != nil {
		t.Fatal(err)
	}
	if got.User == nil || got.User.Username != "staff" || !got.ExpiresAt.Equal(live.ExpiresAt) {
		t.Errorf("FindSession = %+v", got)
	}
	n, err := s.DeleteExpiredSessions(ctx, t0)
	if err != nil || n != 1 {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
	}
	_, err = s.FindSession(ctx, workflow.HashToken("old"))
	wantCode(t, err, workflow.ENOTFOUND)
	if err := s.DeleteSession(ctx, workflow.HashToken("live")); err != nil {
		t.Fatal(err)
	}
	_, err = s.FindSession(ctx, workflow.HashToken("live"))
	wantCode(t, err, workflow.ENOTFOUND)
	wantCode(t, s.DeleteSession(ctx, workflow.HashToken("live")), workflow.ENOTFOUND)
}

func testStandardRoundTrip(t *testing.T, s Store) {
	owner := MustUser(t, s, "drafter", workflow.RoleDrafter)
	end := t0.Add(30 * 24 * time.Hour)
	want := &workflow.Standard{ID: "s-round", Number: "DB11/T 1234—2026", Title: "公务用车管理规范",
		TitleEN: "Official vehicles", Level: workflow.LevelLocal, Region: "11", Category: "地方标准",
		ICS: "03.080.99", CCS: "A12", DraftingOrg: "北京市机关事务管理局", Replaces: []string{"DB11/T 1—2010"},
		State: workflow.StateDraft, OwnerID: owner.ID, Owner: "drafter", Latest: 1, IssueDate: "2026-01-02",
		ImplDate: "2026-03-01", NoticeStart: &t0, NoticeEnd: &end, CreatedAt: t0, UpdatedAt: t0}
	r := &workflow.Revision{StandardID: want.ID, Number: 1, Body: "正文", AuthorID: owner.ID, Author: "drafter",
		CreatedAt: t0, Hash: workflow.Hash("正文"), Size: len("正文")}
	if err := s.CreateStandard(ctx, want, r, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindStandard(ctx, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("standard round trip (-want +got):\n%s", diff)
	}
	again := *want
	wantCode(t, s.CreateStandard(ctx, &again, r, nil), workflow.ECONFLICT)
}

func testStandardNotFound(t *testing.T, s Store) {
	_, err := s.FindStandard(ctx, "s-none")
	wantCode(t, err, workflow.ENOTFOUND)
	_, err = s.FindRevision(ctx, "s-none", 1)
	wantCode(t, err, workflow.ENOTFOUND)
	r := &workflow.Revision{StandardID: "s-none", Body: "x", CreatedAt: t0}
	wantCode(t, s.CreateRevision(ctx, r, 1, nil), workflow.ENOTFOUND)
	// A missing row is not_found, never a nil value without an error.
	u := MustUser(t, s, "someone", workflow.RoleStaff)
	MustStandard(t, s, "s-one", u, workflow.StateDraft)
	for name, find := range map[string]func() error{
		"FindUserByID":         func() error { _, err := s.FindUserByID(ctx, u.ID+1000); return err },
		"FindRevision":         func() error { _, err := s.FindRevision(ctx, "s-one", 2); return err },
		"FindStandardByNumber": func() error { _, err := s.FindStandardByNumber(ctx, "GB/T 404—2026"); return err },
		"FindDossier":          func() error { _, err := s.FindDossier(ctx, "s-none"); return err },
		"FindComment":          func() error { _, err := s.FindComment(ctx, 404); return err },
	} {
		t.Run(name, func(t *testing.T) { wantCode(t, find(), workflow.ENOTFOUND) })
	}
}

func newRev(id, body string, at time.Time) *workflow.Revision {
	return &workflow.Revision{StandardID: id, Body: body, CreatedAt: at, Message: "edit",
		Hash: workflow.Hash(body), Size: len(body)}
}

func testRevisions(t *testing.T, s Store) {
	owner := MustUser(t, s, "drafter", workflow.RoleDrafter)
	MustStandard(t, s, "s-rev", owner, workflow.StateDraft)
	title := "新标题"
	r2 := newRev("s-rev", "## 1 范围\n\n第二稿。\n", t0.Add(time.Minute))
	r2.AuthorID, r2.Author = owner.ID, owner.Username
	if err := s.CreateRevision(ctx, r2, 1, &workflow.StandardUpdate{Title: &title}); err != nil {
		t.Fatal(err)
	}
	if r2.Number != 2 {
		t.Errorf("new revision number = %d, want 2", r2.Number)
	}
	st, _ := s.FindStandard(ctx, "s-rev")
	if st.Latest != 2 || st.Title != title || !st.UpdatedAt.Equal(r2.CreatedAt) {
		t.Errorf("after revision 2: latest %d, title %q, updated %v", st.Latest, st.Title, st.UpdatedAt)
	}
	got, err := s.FindRevision(ctx, "s-rev", 2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r2, got); diff != "" {
		t.Errorf("revision round trip (-want +got):\n%s", diff)
	}
	list, err := s.FindRevisions(ctx, "s-rev")
	if err != nil || len(list) != 2 || list[0].Number != 1 || list[1].Number != 2 {
		t.Fatalf("FindRevisions = %v, %v", list, err)
	}
	if list[1].Body != "" || list[1].Hash != r2.Hash || list[1].Size != r2.Size {
		t.Errorf("listed revision = %+v, want no body and the hash and size", list[1])
	}
}

func testStaleBase(t *testing.T, s Store) {
	MustStandard(t, s, "s-stale", nil, workflow.StateDraft)
	if err := s.CreateRevision(ctx, newRev("s-stale", "二", t0), 1, nil); err != nil {
		t.Fatal(err)
	}
	title := "不应保存"
	err := s.CreateRevision(ctx, newRev("s-stale", "三", t0), 1, &workflow.StandardUpdate{Title: &title})
	wantCode(t, err, workflow.ECONFLICT)
	if e := workflow.AsError(err); e.Details["latest"] != 2 {
		t.Errorf("conflict details = %v, want latest 2", e.Details)
	}
	st, _ := s.FindStandard(ctx, "s-stale")
	list, _ := s.FindRevisions(ctx, "s-stale")
	if st.Latest != 2 || st.Title == title || len(list) != 2 {
		t.Errorf("after a stale save: latest %d, title %q, %d revisions; want nothing saved", st.Latest, st.Title, len(list))
	}
}

// testConcurrentSaves saves on one base from many goroutines: exactly one wins.
func testConcurrentSaves(t *testing.T, s Store) {
	MustStandard(t, s, "s-race", nil, workflow.StateDraft)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.CreateRevision(ctx, newRev("s-race", fmt.Sprint("稿 ", i), t0), 1, nil)
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else if workflow.ErrorCode(err) != workflow.ECONFLICT {
			t.Errorf("a losing save failed with %v, want a conflict", err)
		}
	}
	list, _ := s.FindRevisions(ctx, "s-race")
	if won != 1 || len(list) != 2 {
		t.Errorf("%d saves won and %d revisions stored; want 1 and 2", won, len(list))
	}
}

func testVisibility(t *testing.T, s Store) {
	owner := MustUser(t, s, "owner", workflow.RoleDrafter)
	other := MustUser(t, s, "other", workflow.RoleDrafter)
	staff := MustUser(t, s, "staff", workflow.RoleStaff)
	expert := MustUser(t, s, "expert", workflow.RoleExpert)
	for id, st := range map[string]workflow.State{"s-draft": workflow.StateDraft, "s-review": workflow.StateExpertReview,
		"s-notice": workflow.StatePublicNotice, "s-issued": workflow.StateIssued, "s-gone": workflow.StateWithdrawn} {
		MustStandard(t, s, id, owner, st)
	}
	for _, id := range []string{"s-review", "s-draft"} {
		if err := s.AssignExpert(ctx, id, expert.ID, t0); err != nil {
			t.Fatal(err)
		}
	}
	// s-consult is a draft out for consultation from t0+1h to t0+31d: anyone
	// reads it inside the window, no one outside it but its readers.
	consult := MustStandard(t, s, "s-consult", owner, workflow.StateDraft)
	cStart, cEnd := t0.Add(time.Hour), t0.Add(31*24*time.Hour)
	tr := move(consult, workflow.StateDraft, cStart)
	tr.ConsultStart, tr.ConsultEnd = &cStart, &cEnd
	if err := s.ApplyTransition(ctx, tr); err != nil {
		t.Fatal(err)
	}
	for _, at := range []struct {
		name string
		now  time.Time
		open bool
	}{{"not opened", t0, false}, {"open", t0.Add(2 * time.Hour), true}, {"ended", cEnd, false}} {
		for _, who := range []*workflow.User{nil, other, expert} {
			list, _, err := s.FindStandards(ctx, workflow.StandardFilter{Reader: who, Now: at.now})
			if err != nil {
				t.Fatal(err)
			}
			listed := slices.ContainsFunc(list, func(st *workflow.Standard) bool { return st.ID == "s-consult" })
			st, err := s.FindStandard(ctx, "s-consult")
			if err != nil {
				t.Fatal(err)
			}
			if listed != at.open || workflow.CanRead(who, st, nil, at.now) != at.open {
				t.Errorf("consultation %s: %v lists s-consult %v, CanRead %v; want %v", at.name, who, listed,
					workflow.CanRead(who, st, nil, at.now), at.open)
			}
		}
		if list, _, _ := s.FindStandards(ctx, workflow.StandardFilter{Reader: owner, Now: at.now}); !slices.ContainsFunc(list,
			func(st *workflow.Standard) bool { return st.ID == "s-consult" }) {
			t.Errorf("consultation %s: the owner does not see s-consult", at.name)
		}
	}
	for _, tc := range []struct {
		who  *workflow.User
		want []string
	}{
		{nil, []string{"s-issued", "s-notice"}},
		{other, []string{"s-issued", "s-notice"}},
		{owner, []string{"s-consult", "s-draft", "s-gone", "s-issued", "s-notice", "s-review"}},
		{staff, []string{"s-consult", "s-draft", "s-gone", "s-issued", "s-notice", "s-review"}},
		{expert, []string{"s-issued", "s-notice", "s-review"}},
	} {
		list, total, err := s.FindStandards(ctx, workflow.StandardFilter{Reader: tc.who, Now: t0})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, st := range list {
			got = append(got, st.ID)
			experts, err := s.FindExperts(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !workflow.CanRead(tc.who, st, experts, t0) {
				t.Errorf("%v: store lists %s, which CanRead refuses", tc.who, st.ID)
			}
		}
		if diff := cmp.Diff(tc.want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" || total != len(tc.want) {
			t.Errorf("reader %v: total %d, ids (-want +got):\n%s", tc.who, total, diff)
		}
	}
}

func testFilterAndPaging(t *testing.T, s Store) {
	owner := MustUser(t, s, "owner", workflow.RoleDrafter)
	for i := range 5 {
		st := workflow.StateDraft
		if i%2 == 1 {
			st = workflow.StateIssued
		}
		MustStandard(t, s, fmt.Sprintf("s-%d", i), owner, st)
	}
	draft := workflow.StateDraft
	list, total, err := s.FindStandards(ctx, workflow.StandardFilter{AllReaders: true, State: &draft})
	if err != nil || total != 3 || len(list) != 3 {
		t.Fatalf("state filter: %d of %d, %v; want 3", len(list), total, err)
	}
	page, total, err := s.FindStandards(ctx, workflow.StandardFilter{AllReaders: true, Limit: 2, Offset: 4})
	if err != nil || total != 5 || len(page) != 1 {
		t.Fatalf("last page: %d of %d, %v; want 1 of 5", len(page), total, err)
	}
}

// testListFilters: the office's standards apart from the library, by owner,
// by assigned expert, by states and region, in the asked order.
func testListFilters(t *testing.T, s Store) {
	owner := MustUser(t, s, "owner", workflow.RoleDrafter)
	other := MustUser(t, s, "other", workflow.RoleDrafter)
	expert := MustUser(t, s, "expert", workflow.RoleExpert)
	MustStandard(t, s, "s-b", owner, workflow.StateDraft)
	MustStandard(t, s, "s-a", other, workflow.StateExpertReview)
	MustStandard(t, s, "s-c", owner, workflow.StateIssued)
	if err := s.AssignExpert(ctx, "s-a", expert.ID, t0); err != nil {
		t.Fatal(err)
	}
	lib := &workflow.Standard{ID: "t-law", Title: "中华人民共和国标准化法", Level: workflow.LevelNational, Category: "法律", IssueDate: "2017-11-04",
		State: workflow.StateIssued, Status: workflow.StatusCurrent, Latest: 1, Replaces: []string{}, Source: "law.md",
		CreatedAt: t0, UpdatedAt: t0}
	body := "第一条 为了加强标准化工作。\n"
	r := &workflow.Revision{StandardID: lib.ID, Number: 1, Body: body, Hash: workflow.Hash(body), Size: len(body),
		Author: "import", CreatedAt: t0, Message: "imported"}
	if _, err := s.ImportStandard(ctx, lib, r, nil); err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	region, otherRegion := "11", "31"
	law, year, otherYear := "法律", "2017", "2018"
	superseded := workflow.StatusSuperseded
	for _, tc := range []struct {
		name string
		f    workflow.StandardFilter
		want []string
	}{
		{"library", workflow.StandardFilter{Library: &yes}, []string{"t-law"}},
		{"own by number", workflow.StandardFilter{Library: &no, Sort: workflow.SortNumber}, []string{"s-a", "s-b", "s-c"}},
		{"owner", workflow.StandardFilter{Owner: &owner.ID, Sort: workflow.SortTitle}, []string{"s-b", "s-c"}},
		{"expert", workflow.StandardFilter{Expert: &expert.ID}, []string{"s-a"}},
		{"states", workflow.StandardFilter{States: []workflow.State{workflow.StateDraft, workflow.StateIssued},
			Library: &no, Sort: workflow.SortTitle}, []string{"s-b", "s-c"}},
		{"region", workflow.StandardFilter{Region: &region, Sort: workflow.SortTitle}, []string{"s-a", "s-b", "s-c"}},
		{"other region", workflow.StandardFilter{Region: &otherRegion}, nil},
		{"category", workflow.StandardFilter{Category: &law}, []string{"t-law"}},
		{"status", workflow.StandardFilter{Status: &superseded}, nil},
		{"year", workflow.StandardFilter{Year: &year, Library: &yes}, []string{"t-law"}},
		{"other year", workflow.StandardFilter{Year: &otherYear}, nil},
	} {
		tc.f.AllReaders = true
		list, total, err := s.FindStandards(ctx, tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got []string
		for _, st := range list {
			got = append(got, st.ID)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" || total != len(tc.want) {
			t.Errorf("%s: total %d, ids (-want +got):\n%s", tc.name, total, diff)
		}
	}
	for _, tc := range []struct {
		field string
		f     workflow.StandardFilter
		want  map[string]int
	}{
		{"category", workflow.StandardFilter{}, map[string]int{"法律": 1}},
		{"year", workflow.StandardFilter{}, map[string]int{"2017": 1}},
		{"level", workflow.StandardFilter{Library: &no}, map[string]int{"local": 3}},
		{"region", workflow.StandardFilter{Owner: &owner.ID}, map[string]int{"11": 2}},
		{"status", workflow.StandardFilter{Library: &yes}, map[string]int{"current": 1}},
	} {
		tc.f.AllReaders = true
		got, err := s.CountStandards(ctx, tc.f, tc.field)
		if err != nil {
			t.Fatalf("facet %s: %v", tc.field, err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("facet %s (-want +got):\n%s", tc.field, diff)
		}
	}
	_, err := s.CountStandards(ctx, workflow.StandardFilter{}, "owner_id; DROP TABLE standards")
	wantCode(t, err, workflow.EINVALID)

	gb := &workflow.Standard{ID: "t-gb", Number: "GB/T 1.1—2020", Title: "标准化工作导则", Level: workflow.LevelNational,
		State: workflow.StateIssued, Status: workflow.StatusCurrent, Latest: 1, Replaces: []string{}, Source: "gb.md",
		CreatedAt: t0, UpdatedAt: t0}
	r = &workflow.Revision{StandardID: gb.ID, Number: 1, Body: body, Hash: workflow.Hash(body), Size: len(body),
		Author: "import", CreatedAt: t0, Message: "imported"}
	if _, err := s.ImportStandard(ctx, gb, r, nil); err != nil {
		t.Fatal(err)
	}
	list, _, err := s.FindStandards(ctx, workflow.StandardFilter{Numbered: true, AllReaders: true})
	if err != nil || len(list) != 1 || list[0].ID != gb.ID {
		t.Errorf("numbered texts = %v, %v; want only %s", list, err, gb.ID)
	}
}
