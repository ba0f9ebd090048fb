package storetest

import (
	"sync"
	"testing"
	"time"

	"norma/workflow"
)

// session stores a live session of u under the token.
func session(tb testing.TB, s Store, u *workflow.User, token string, at time.Time) {
	tb.Helper()
	if err := s.CreateSession(ctx, &workflow.Session{TokenHash: workflow.HashToken(token), UserID: u.ID,
		CreatedAt: at, ExpiresAt: at.Add(time.Hour)}); err != nil {
		tb.Fatal(err)
	}
}

func liveSession(tb testing.TB, s Store, token string) bool {
	tb.Helper()
	_, err := s.FindSession(ctx, workflow.HashToken(token))
	if err != nil && workflow.ErrorCode(err) != workflow.ENOTFOUND {
		tb.Fatal(err)
	}
	return err == nil
}

// testAccounts: an update round-trips every changeable field, disabling
// ends the sessions in the same call, a password change keeps the one
// session asked for, and the last active admin stays one.
func testAccounts(t *testing.T, s Store) {
	admin := MustUser(t, s, "admin", workflow.RoleAdmin)
	u := MustUser(t, s, "wang", workflow.RoleExpert)
	if u.DisabledAt != nil || u.LastLoginAt != nil {
		t.Fatalf("a new account is disabled at %v, last in at %v", u.DisabledAt, u.LastLoginAt)
	}
	session(t, s, u, "wang-1", t0)
	session(t, s, u, "wang-2", t0.Add(time.Minute))
	session(t, s, admin, "admin-1", t0)
	got, err := s.FindUserByID(ctx, u.ID)
	if err != nil || got.LastLoginAt == nil || !got.LastLoginAt.Equal(t0.Add(time.Minute)) {
		t.Fatalf("after two sign-ins the last is %v (%v), want %v", got.LastLoginAt, err, t0.Add(time.Minute))
	}

	off := t0.Add(time.Hour)
	u.Name, u.Role, u.Organization, u.DisabledAt, u.PasswordHash = "王五", workflow.RoleStaff, "山东省标准化研究院", &off, []byte("new")
	if err := s.UpdateUser(ctx, workflow.UserUpdate{User: u, EndSessions: true}); err != nil {
		t.Fatal(err)
	}
	got, err = s.FindUserByName(ctx, "WANG")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "王五" || got.Role != workflow.RoleStaff || got.Organization != "山东省标准化研究院" ||
		string(got.PasswordHash) != "new" || got.DisabledAt == nil || !got.DisabledAt.Equal(off) || !got.Disabled() {
		t.Errorf("after the update: %+v", got)
	}
	if liveSession(t, s, "wang-1") || liveSession(t, s, "wang-2") {
		t.Error("a disabled account's sessions live on")
	}
	if !liveSession(t, s, "admin-1") {
		t.Error("disabling one account ended another's session")
	}
	all, err := s.FindUsers(ctx)
	if err != nil || len(all) != 2 || !all[1].Disabled() {
		t.Errorf("FindUsers = %+v, %v; want wang disabled", all, err)
	}

	// Enabling again; a password change that keeps the current session.
	u.DisabledAt = nil
	if err := s.UpdateUser(ctx, workflow.UserUpdate{User: u}); err != nil {
		t.Fatal(err)
	}
	session(t, s, u, "wang-3", t0)
	session(t, s, u, "wang-4", t0)
	u.PasswordHash = []byte("newer")
	if err := s.UpdateUser(ctx, workflow.UserUpdate{User: u, EndSessions: true, Keep: workflow.HashToken("wang-4")}); err != nil {
		t.Fatal(err)
	}
	if liveSession(t, s, "wang-3") || !liveSession(t, s, "wang-4") {
		t.Error("a password change must end the other sessions and keep the current one")
	}
	if got, _ := s.FindUserByID(ctx, u.ID); got.Disabled() || string(got.PasswordHash) != "newer" {
		t.Errorf("after enabling: %+v", got)
	}

	// Signing out everywhere.
	session(t, s, u, "wang-5", t0)
	if n, err := s.DeleteUserSessions(ctx, u.ID, nil); err != nil || n != 2 {
		t.Errorf("DeleteUserSessions = %d, %v; want 2", n, err)
	}
	if liveSession(t, s, "wang-4") || !liveSession(t, s, "admin-1") {
		t.Error("signing out everywhere ends exactly the account's sessions")
	}

	// The last active admin can be neither disabled nor demoted.
	a := *admin
	a.DisabledAt = &off
	wantCode(t, s.UpdateUser(ctx, workflow.UserUpdate{User: &a, EndSessions: true}), workflow.ECONFLICT)
	a = *admin
	a.Role = workflow.RoleStaff
	wantCode(t, s.UpdateUser(ctx, workflow.UserUpdate{User: &a}), workflow.ECONFLICT)
	if got, _ := s.FindUserByID(ctx, admin.ID); got.Role != workflow.RoleAdmin || got.Disabled() || !liveSession(t, s, "admin-1") {
		t.Errorf("a refused update changed the admin: %+v", got)
	}
	a = *admin
	a.Name = "系统管理员"
	if err := s.UpdateUser(ctx, workflow.UserUpdate{User: &a}); err != nil {
		t.Errorf("renaming the last admin: %v", err)
	}
	missing := &workflow.User{ID: 99999, Username: "nobody", Role: workflow.RoleDrafter, PasswordHash: []byte("x")}
	wantCode(t, s.UpdateUser(ctx, workflow.UserUpdate{User: missing}), workflow.ENOTFOUND)

	// Two admins disabling each other at once: one of them stays.
	b := MustUser(t, s, "admin2", workflow.RoleAdmin)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, x := range []*workflow.User{admin, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := *x
			c.Name, c.DisabledAt = x.Username, &off
			errs[i] = s.UpdateUser(ctx, workflow.UserUpdate{User: &c, EndSessions: true})
		}()
	}
	wg.Wait()
	active := 0
	for _, x := range []*workflow.User{admin, b} {
		if got, err := s.FindUserByID(ctx, x.ID); err == nil && !got.Disabled() {
			active++
		}
	}
	if active != 1 {
		t.Errorf("after two admins disabled each other at once, %d are active (errors %v), want 1", active, errs)
	}
}
