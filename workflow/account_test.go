package workflow_test

import (
	"testing"
	"time"

	"norma/workflow"
)

func ptr[T any](v T) *T { return &v }

func wantKey(tb testing.TB, e *workflow.Error, key string) {
	tb.Helper()
	if e == nil || e.Key != key {
		tb.Fatalf("error %v has key %q, want %q", e, e.Key, key)
	}
}

func TestUpdateUser(t *testing.T) {
	e := newEnv(t)
	for _, who := range []*workflow.User{nil, e.staff, e.drafter} {
		_, err := e.svc.UpdateUser(ctx, who, "expert", workflow.UserPatch{Name: ptr("x")})
		wantKey(t, wantCode(t, err, workflow.EFORBIDDEN, ""), "err.user.manage_forbidden")
	}
	_, err := e.svc.UpdateUser(ctx, e.admin, "nobody", workflow.UserPatch{Name: ptr("x")})
	wantCode(t, err, workflow.ENOTFOUND, "")
	_, err = e.svc.UpdateUser(ctx, e.admin, "expert", workflow.UserPatch{Role: ptr(workflow.Role("guest"))})
	wantCode(t, err, workflow.EINVALID, "role")
	_, err = e.svc.UpdateUser(ctx, e.admin, "expert", workflow.UserPatch{Organization: ptr("一\n二")})
	wantCode(t, err, workflow.EINVALID, "organization")

	u, err := e.svc.UpdateUser(ctx, e.admin, "EXPERT", workflow.UserPatch{Name: ptr(" 王五 "),
		Organization: ptr("山东省标准化研究院"), Role: ptr(workflow.RoleStaff)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.User(ctx, e.staff, "expert")
	if err != nil || got.Name != "王五" || got.Organization != "山东省标准化研究院" || got.Role != workflow.RoleStaff || u.Name != "王五" {
		t.Errorf("after the update: %+v, %v", got, err)
	}
	// A patch changes only what it names; an empty name falls back to the user name.
	if u, err = e.svc.UpdateUser(ctx, e.admin, "expert", workflow.UserPatch{Name: ptr("")}); err != nil ||
		u.Name != "expert" || u.Organization != "山东省标准化研究院" {
		t.Errorf("after clearing the name: %+v, %v", u, err)
	}
	_, err = e.svc.User(ctx, e.drafter, "expert")
	wantCode(t, err, workflow.EFORBIDDEN, "")
}

// Disabling ends the sessions at once; the account cannot sign in (told so
// only with the right password) nor be assigned; enabling lets it back.
func TestDisableUser(t *testing.T) {
	e := newEnv(t)
	token, _, err := e.svc.Login(ctx, "expert", password, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	u, err := e.svc.UpdateUser(ctx, e.admin, "expert", workflow.UserPatch{Disabled: ptr(true)})
	if err != nil || !u.Disabled() || !u.DisabledAt.Equal(e.now) {
		t.Fatalf("disable: %+v, %v", u, err)
	}
	_, err = e.svc.Authenticate(ctx, token)
	wantCode(t, err, workflow.EUNAUTHORIZED, "")
	_, _, err = e.svc.Login(ctx, "expert", password, "192.0.2.1")
	wantKey(t, wantCode(t, err, workflow.EUNAUTHORIZED, ""), "err.session.disabled")
	_, _, err = e.svc.Login(ctx, "expert", "wrong password", "192.0.2.1")
	wantKey(t, wantCode(t, err, workflow.EUNAUTHORIZED, ""), "err.session.wrong_password")

	st := e.create()
	_, err = e.svc.AssignExpert(ctx, e.staff, st.ID, "expert")
	wantKey(t, wantCode(t, err, workflow.EINVALID, "username"), "err.expert.disabled")

	// Disabling again keeps the first time.
	e.advance(time.Hour)
	if u, err = e.svc.UpdateUser(ctx, e.admin, "expert", workflow.UserPatch{Disabled: ptr(true)}); err != nil || !u.DisabledAt.Equal(start) {
		t.Errorf("disabling twice: %+v, %v", u.DisabledAt, err)
	}
	if u, err = e.svc.UpdateUser(ctx, e.admin, "expert", workflow.UserPatch{Disabled: ptr(false)}); err != nil || u.Disabled() {
		t.Fatalf("enable: %+v, %v", u, err)
	}
	if _, _, err := e.svc.Login(ctx, "expert", password, "192.0.2.1"); err != nil {
		t.Errorf("an enabled account cannot sign in: %v", err)
	}
	if _, err := e.svc.AssignExpert(ctx, e.staff, st.ID, "expert"); err != nil {
		t.Errorf("an enabled expert cannot be assigned: %v", err)
	}
}

// An admin neither disables nor demotes their own account, and the last
// active admin stays one, whoever asks.
func TestAdminGuards(t *testing.T) {
	e := newEnv(t)
	_, err := e.svc.UpdateUser(ctx, e.admin, "admin", workflow.UserPatch{Disabled: ptr(true)})
	wantKey(t, wantCode(t, err, workflow.ECONFLICT, ""), "err.user.self_disable")
	_, err = e.svc.UpdateUser(ctx, e.admin, "admin", workflow.UserPatch{Role: ptr(workflow.RoleStaff)})
	wantKey(t, wantCode(t, err, workflow.ECONFLICT, ""), "err.user.self_demote")
	for _, p := range []workflow.UserPatch{{Disabled: ptr(true)}, {Role: ptr(workflow.RoleDrafter)}} {
		_, err = e.svc.UpdateUser(ctx, workflow.Console, "admin", p)
		e := wantCode(t, err, workflow.ECONFLICT, "")
		wantKey(t, e, "err.user.last_admin")
		if e.Args["username"] != "admin" {
			t.Errorf("the message does not name the admin: %+v", e.Args)
		}
	}
	if u, err := e.svc.UpdateUser(ctx, e.admin, "admin", workflow.UserPatch{Name: ptr("系统管理员")}); err != nil || u.Name != "系统管理员" {
		t.Errorf("an admin renaming themselves: %+v, %v", u, err)
	}
	second := e.user("admin2", workflow.RoleAdmin)
	if _, err := e.svc.UpdateUser(ctx, second, "admin", workflow.UserPatch{Disabled: ptr(true)}); err != nil {
		t.Errorf("one admin of two disabling the other: %v", err)
	}
	_, err = e.svc.UpdateUser(ctx, workflow.Console, "admin2", workflow.UserPatch{Disabled: ptr(true)})
	wantKey(t, wantCode(t, err, workflow.ECONFLICT, ""), "err.user.last_admin")
	// A disabled admin is no active admin: admin2 is the last one.
	_, err = e.svc.UpdateUser(ctx, workflow.Console, "admin2", workflow.UserPatch{Role: ptr(workflow.RoleStaff)})
	wantKey(t, wantCode(t, err, workflow.ECONFLICT, ""), "err.user.last_admin")
}

func TestResetPassword(t *testing.T) {
	e := newEnv(t)
	token, _, err := e.svc.Login(ctx, "drafter", password, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	err = e.svc.ResetPassword(ctx, e.staff, "drafter", "起草-新密码-2026")
	wantCode(t, err, workflow.EFORBIDDEN, "")
	for pw, key := range map[string]string{"short": "err.user.password_short", "Drafter": "err.user.password_short",
		"drafter-": "", "drafter1": "", "aaaaaaaaaa": "err.user.password_repeated", "Password123": "err.user.password_common",
		"qwertyuiop": "err.user.password_common"} {
		if key == "" {
			continue // allowed: checked below
		}
		err := e.svc.ResetPassword(ctx, e.admin, "drafter", pw)
		wantKey(t, wantCode(t, err, workflow.EINVALID, "password"), key)
	}
	e.user("zhangsan1", workflow.RoleDrafter)
	err = e.svc.ResetPassword(ctx, e.admin, "zhangsan1", "ZhangSan1")
	wantKey(t, wantCode(t, err, workflow.EINVALID, "password"), "err.user.password_own_name")
	if _, err := e.svc.Authenticate(ctx, token); err != nil {
		t.Fatalf("a refused reset ended the session: %v", err)
	}
	if err := e.svc.ResetPassword(ctx, e.admin, "drafter", "起草-新密码-2026"); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Authenticate(ctx, token)
	wantCode(t, err, workflow.EUNAUTHORIZED, "")
	_, _, err = e.svc.Login(ctx, "drafter", password, "192.0.2.1")
	wantCode(t, err, workflow.EUNAUTHORIZED, "")
	if _, _, err := e.svc.Login(ctx, "drafter", "起草-新密码-2026", "192.0.2.1"); err != nil {
		t.Errorf("the new password does not sign in: %v", err)
	}
}

func TestChangePassword(t *testing.T) {
	e := newEnvWith(t, func(c *workflow.Config) { c.LoginFailures = 2 })
	here, _, _ := e.svc.Login(ctx, "drafter", password, "192.0.2.1")
	there, _, _ := e.svc.Login(ctx, "drafter", password, "198.51.100.7")
	for _, tc := range []struct {
		in         workflow.PasswordChange
		field, key string
	}{
		{workflow.PasswordChange{New: "起草-新密码-2026"}, "current_password", "err.account.current_required"},
		{workflow.PasswordChange{Current: password, New: "1234567"}, "new_password", "err.user.password_short"},
		{workflow.PasswordChange{Current: password, New: "DRAFTER"}, "new_password", "err.user.password_short"},
		{workflow.PasswordChange{Current: password, New: "zzzzzzzzz"}, "new_password", "err.user.password_repeated"},
		{workflow.PasswordChange{Current: password, New: "iloveyou"}, "new_password", "err.user.password_common"},
		{workflow.PasswordChange{Current: password, New: password}, "new_password", "err.account.password_same"},
		{workflow.PasswordChange{Current: "wrong password", New: "起草-新密码-2026"}, "current_password", "err.account.current_wrong"},
	} {
		err := e.svc.ChangePassword(ctx, e.drafter, here, tc.in)
		wantKey(t, wantCode(t, err, workflow.EINVALID, tc.field), tc.key)
	}
	if _, err := e.svc.Authenticate(ctx, there); err != nil {
		t.Fatalf("a refused change ended a session: %v", err)
	}
	err := e.svc.ChangePassword(ctx, nil, "", workflow.PasswordChange{Current: password, New: "起草-新密码-2026"})
	wantCode(t, err, workflow.EUNAUTHORIZED, "")
	if err := e.svc.ChangePassword(ctx, e.drafter, here, workflow.PasswordChange{Current: password, New: "起草-新密码-2026"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authenticate(ctx, here); err != nil {
		t.Errorf("the session that changed the password ended: %v", err)
	}
	_, err = e.svc.Authenticate(ctx, there)
	wantCode(t, err, workflow.EUNAUTHORIZED, "")
	if _, _, err := e.svc.Login(ctx, "drafter", "起草-新密码-2026", "192.0.2.1"); err != nil {
		t.Errorf("the new password does not sign in: %v", err)
	}

	// Guessing the current password counts as failed logins of the name:
	// after 8 failures for the name (4 × LoginFailures) the right one waits too.
	for range 8 {
		_ = e.svc.ChangePassword(ctx, e.drafter, here, workflow.PasswordChange{Current: "guess-guess", New: "起草-新密码-2027"})
	}
	err = e.svc.ChangePassword(ctx, e.drafter, here, workflow.PasswordChange{Current: "起草-新密码-2026", New: "起草-新密码-2027"})
	wantCode(t, err, workflow.ETOOMANY, "")
}

func TestEndSessions(t *testing.T) {
	e := newEnv(t)
	a, _, _ := e.svc.Login(ctx, "staff", password, "192.0.2.1")
	b, _, _ := e.svc.Login(ctx, "staff", password, "192.0.2.2")
	other, _, _ := e.svc.Login(ctx, "drafter", password, "192.0.2.1")
	if n, err := e.svc.EndSessions(ctx, e.staff); err != nil || n != 2 {
		t.Fatalf("EndSessions = %d, %v; want 2", n, err)
	}
	for _, tok := range []string{a, b} {
		_, err := e.svc.Authenticate(ctx, tok)
		wantCode(t, err, workflow.EUNAUTHORIZED, "")
	}
	if _, err := e.svc.Authenticate(ctx, other); err != nil {
		t.Errorf("another account's session ended: %v", err)
	}
	_, err := e.svc.EndSessions(ctx, nil)
	wantCode(t, err, workflow.EUNAUTHORIZED, "")
}

// The disposition table shows the commenting expert's organisation (提出单位)
// as the account holds it now, and an account without one by its display
// name rather than its login.
func TestDispositionShowsOrganization(t *testing.T) {
	e := newEnv(t)
	if _, err := e.svc.UpdateUser(ctx, e.admin, "expert", workflow.UserPatch{Name: ptr("王专家")}); err != nil {
		t.Fatal(err)
	}
	st := e.inReview()
	e.comment(e.expert, st.ID, workflow.NewComment{Quote: quote("岗位培训"), Body: "培训内容不明确"})
	by := func() string {
		t.Helper()
		rows, err := e.svc.Dispositions(ctx, e.staff, st.ID)
		if err != nil || len(rows) != 1 {
			t.Fatalf("Dispositions = %+v, %v", rows, err)
		}
		return rows[0].By
	}
	if got := by(); got != "王专家" {
		t.Errorf("without an organisation the table shows %q, want the display name", got)
	}
	if _, err := e.svc.UpdateUser(ctx, e.admin, "expert", workflow.UserPatch{Organization: ptr("中国标准化研究院")}); err != nil {
		t.Fatal(err)
	}
	if got := by(); got != "中国标准化研究院 王专家" {
		t.Errorf("with an organisation the table shows %q", got)
	}
}
