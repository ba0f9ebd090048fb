package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"norma/store/sqlite"
	"norma/workflow"
)

// norma user disable, enable and reset-password act on the data folder as
// the admin page does, with the same guards.
func TestUserDisableEnableReset(t *testing.T) {
	data := t.TempDir()
	for name, role := range map[string]string{"root": "admin", "zhang": "drafter"} {
		if _, errs, code := runCLI(t, "long-enough\n", "user", "add", "--data", data, "--name", name, "--role", role, "--password-stdin"); code != 0 {
			t.Fatalf("user add %s: exit %d, %s", name, code, errs)
		}
	}
	for _, tc := range []struct {
		stdin string
		args  []string
		code  int
		says  string
	}{
		{"", []string{"disable", "--name", "root"}, 1, "last active admin"},
		{"", []string{"disable", "--name", "nobody"}, 1, "no account"},
		{"", []string{"disable", "--name", "ZHANG"}, 0, "disabled user zhang"},
		{"", []string{"reset-password", "--name", "zhang"}, 2, "password-stdin"},
		{"zhang\n", []string{"reset-password", "--name", "zhang", "--password-stdin"}, 1, "at least 8"},
		{"zhang-new-pass\n", []string{"reset-password", "--name", "zhang", "--password-stdin"}, 0, "new password set for zhang"},
		{"", []string{"frobnicate"}, 2, "reset-password"},
	} {
		out, errs, code := runCLI(t, tc.stdin, append([]string{"user", tc.args[0], "--data", data}, tc.args[1:]...)...)
		if code != tc.code || !strings.Contains(out+errs, tc.says) {
			t.Errorf("user %v: exit %d, out %q, err %q; want exit %d saying %q", tc.args, code, out, errs, tc.code, tc.says)
		}
	}
	if _, out := userNames(t, data); !strings.Contains(out, "[disabled]") || strings.Count(out, "[disabled]") != 1 {
		t.Errorf("user list after disabling zhang: %q", out)
	}
	login := func(password string) error {
		db, err := sqlite.Open(context.Background(), filepath.Join(data, "norma.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, _, err = workflow.NewService(db, workflow.DefaultConfig(), nil).Login(context.Background(), "zhang", password, "192.0.2.1")
		return err
	}
	if err := login("zhang-new-pass"); workflow.AsError(err) == nil || workflow.AsError(err).Key != "err.session.disabled" {
		t.Errorf("a disabled account signs in: %v", err)
	}
	if _, errs, code := runCLI(t, "", "user", "enable", "--data", data, "--name", "zhang"); code != 0 {
		t.Fatalf("user enable: %d %s", code, errs)
	}
	if _, out := userNames(t, data); strings.Contains(out, "[disabled]") {
		t.Errorf("user list after enabling: %q", out)
	}
	if err := login("long-enough"); err == nil {
		t.Error("the old password still signs in")
	}
	if err := login("zhang-new-pass"); err != nil {
		t.Errorf("the new password: %v", err)
	}
}
