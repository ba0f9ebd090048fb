package workflow_test

import (
	"strings"
	"testing"
	"time"

	"norma/workflow"
)

func TestCreateUser(t *testing.T) {
	e := newEnv(t)
	ok := workflow.NewUser{Username: "wang.wu", Name: "王五", Role: workflow.RoleExpert, Password: "qz-会务-2026"}
	for _, tc := range []struct {
		name        string
		who         *workflow.User
		edit        func(*workflow.NewUser)
		code, field string
	}{
		{"by staff", e.staff, func(*workflow.NewUser) {}, workflow.EFORBIDDEN, ""},
		{"no name", e.admin, func(n *workflow.NewUser) { n.Username = " " }, workflow.EINVALID, "username"},
		{"name with a space", e.admin, func(n *workflow.NewUser) { n.Username = "wang wu" }, workflow.EINVALID, "username"},
		{"unknown role", e.admin, func(n *workflow.NewUser) { n.Role = "guest" }, workflow.EINVALID, "role"},
		{"short password", e.admin, func(n *workflow.NewUser) { n.Password = "1234567" }, workflow.EINVALID, "password"},
		{"long password", e.admin, func(n *workflow.NewUser) { n.Password = strings.Repeat("密", 25) }, workflow.EINVALID, "password"},
		{"long display name", e.admin, func(n *workflow.NewUser) { n.Name = strings.Repeat("名", 101) }, workflow.EINVALID, "name"},
		{"name taken in another case", e.admin, func(n *workflow.NewUser) { n.Username = "STAFF" }, workflow.ECONFLICT, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ok
			tc.edit(&in)
			_, err := e.svc.CreateUser(ctx, tc.who, in)
			wantCode(t, err, tc.code, tc.field)
		})
	}
	u, err := e.svc.CreateUser(ctx, e.admin, workflow.NewUser{Username: " zhao ", Role: workflow.RoleDrafter, Password: "qz-会务-2026"})
	if err != nil {
		t.Fatal(err)
	}
	if u.Username != "zhao" || u.Name != "zhao" || string(u.PasswordHash) == "qz-会务-2026" {
		t.Errorf("user = %+v", u)
	}
	if _, _, err := e.svc.Login(ctx, "zhao", "qz-会务-2026", "192.0.2.1"); err != nil {
		t.Errorf("the new account cannot log in: %v", err)
	}
	_, err = e.svc.Users(ctx, e.drafter)
	wantCode(t, err, workflow.EFORBIDDEN, "")
	if all, err := e.svc.Users(ctx, e.staff); err != nil || len(all) != 7 {
		t.Errorf("Users = %d, %v; want 7", len(all), err)
	}
}

func TestSessions(t *testing.T) {
	e := newEnv(t)
	token, sess, err := e.svc.Login(ctx, "drafter", password, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if !sess.ExpiresAt.Equal(e.now.Add(12 * time.Hour)) {
		t.Errorf("session ends %v, want 12 hours from now", sess.ExpiresAt)
	}
	u, err := e.svc.Authenticate(ctx, token)
	if err != nil || u.Username != "drafter" {
		t.Fatalf("Authenticate = %v, %v", u, err)
	}
	for _, tc := range []struct{ name, token string }{{"empty", ""}, {"unknown", "not-a-token"}} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Authenticate(ctx, tc.token)
			wantCode(t, err, workflow.EUNAUTHORIZED, "")
		})
	}
	if err := e.svc.Logout(ctx, token); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Authenticate(ctx, token)
	wantCode(t, err, workflow.EUNAUTHORIZED, "")
	if err := e.svc.Logout(ctx, token); err != nil {
		t.Errorf("logging out twice: %v", err)
	}

	// Expiry: the token stops working at its end and is purged.
	short, _, _ := e.svc.Login(ctx, "staff", password, "192.0.2.1")
	e.advance(6 * time.Hour)
	long, _, _ := e.svc.Login(ctx, "expert", password, "192.0.2.1")
	e.advance(6 * time.Hour)
	_, err = e.svc.Authenticate(ctx, short)
	wantCode(t, err, workflow.EUNAUTHORIZED, "")
	if _, err := e.svc.Authenticate(ctx, long); err != nil {
		t.Errorf("a live session was refused: %v", err)
	}
	e.advance(7 * time.Hour)
	if n, err := e.svc.PurgeSessions(ctx); err != nil || n != 1 {
		t.Errorf("PurgeSessions = %d, %v; want the expert's session", n, err)
	}
}

func TestLoginThrottle(t *testing.T) {
	e := newEnvWith(t, func(c *workflow.Config) { c.LoginFailures, c.LoginWindow = 2, time.Minute })
	for _, tc := range []struct{ user, pass string }{{"drafter", "wrong"}, {"nobody", password}} {
		_, _, err := e.svc.Login(ctx, tc.user, tc.pass, "192.0.2.1")
		if e := wantCode(t, err, workflow.EUNAUTHORIZED, ""); e.Message != "wrong user name or password" {
			t.Errorf("%s: message %q names which part was wrong", tc.user, e.Message)
		}
	}
	_, _, _ = e.svc.Login(ctx, "drafter", "wrong", "192.0.2.1")
	// Two failures for the name from the address: even the right password waits.
	_, _, err := e.svc.Login(ctx, "drafter", password, "192.0.2.1")
	if e := wantCode(t, err, workflow.ETOOMANY, ""); e.Details["retry_after"].(int) > 61 {
		t.Errorf("retry after %v seconds, want at most the window", e.Details["retry_after"])
	}
	if _, _, err := e.svc.Login(ctx, "drafter", password, "192.0.2.9"); err != nil {
		t.Errorf("the name from another address: %v", err)
	}
	if _, _, err := e.svc.Login(ctx, "staff", password, "192.0.2.1"); err != nil {
		t.Errorf("another name from the address: %v", err)
	}
	// Eight failures for one name from many addresses block the name everywhere.
	for i := range 8 {
		_, _, _ = e.svc.Login(ctx, "expert", "wrong", "198.51.100."+string(rune('a'+i)))
	}
	_, _, err = e.svc.Login(ctx, "expert", password, "203.0.113.1")
	wantCode(t, err, workflow.ETOOMANY, "")
	e.advance(2 * time.Minute)
	if _, _, err := e.svc.Login(ctx, "drafter", password, "192.0.2.1"); err != nil {
		t.Errorf("after the window: %v", err)
	}
	if _, _, err := e.svc.Login(ctx, "expert", password, "203.0.113.1"); err != nil {
		t.Errorf("after the window: %v", err)
	}
}
