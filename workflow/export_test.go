package workflow_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"norma/store/sqlite"
	"norma/workflow"
)

// standardCounter is the real SQLite store counting how often a standard
// is read.
type standardCounter struct {
	*sqlite.DB
	reads int
}

func (c *standardCounter) FindStandard(ctx context.Context, id string) (*workflow.Standard, error) {
	c.reads++
	return c.DB.FindStandard(ctx, id)
}

func TestRevisionToExportReadsTheStandardOnce(t *testing.T) {
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "norma.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := &standardCounter{DB: db}
	cfg := workflow.DefaultConfig()
	cfg.PasswordCost = bcrypt.MinCost
	now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	svc := workflow.NewService(store, cfg, func() time.Time { return now })
	users := map[string]*workflow.User{}
	for name, role := range map[string]workflow.Role{"staff": workflow.RoleStaff, "drafter": workflow.RoleDrafter, "other": workflow.RoleDrafter} {
		u, err := svc.CreateUser(ctx, nil, workflow.NewUser{Username: name, Role: role, Password: password})
		if err != nil {
			t.Fatal(err)
		}
		users[name] = u
	}
	draft, err := svc.CreateStandard(ctx, users["drafter"], workflow.NewStandard{Body: meetingText})
	if err != nil {
		t.Fatal(err)
	}

	store.reads = 0
	st, r, f, err := svc.RevisionToExport(ctx, users["drafter"], draft.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if store.reads != 1 {
		t.Errorf("the standard was read %d times, want once", store.reads)
	}
	if st.ID != draft.ID || r.Number != 1 || r.Body != meetingText || f != nil {
		t.Errorf("got standard %q, revision %d, filing %v", st.ID, r.Number, f)
	}
	for _, tc := range []struct {
		name  string
		actor *workflow.User
		n     int
	}{{"another drafter's draft", users["other"], 1}, {"no such revision", users["drafter"], 9}, {"anonymous", nil, 1}} {
		if _, _, _, err := svc.RevisionToExport(ctx, tc.actor, draft.ID, tc.n); workflow.ErrorCode(err) != workflow.ENOTFOUND {
			t.Errorf("%s: %v, want not_found", tc.name, err)
		}
	}

	text := "---\nnumber: DB11/T 100—2026\ntitle: 宾馆服务规范\nlevel: local\nregion: \"11\"\nissue_date: \"2026-04-01\"\nimpl_date: \"2026-07-01\"\n---\n\n## 1 范围\n\n本文件规定了宾馆服务。\n"
	_, id, err := svc.Import(ctx, workflow.ImportInput{Path: "db11.md", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.RecordFiling(ctx, users["staff"], id, workflow.FilingInput{Number: "备11-2026-001", FiledOn: "2026-04-20"}); err != nil {
		t.Fatal(err)
	}
	store.reads = 0
	st, _, f, err = svc.RevisionToExport(ctx, nil, id, 1) // issued: anyone reads it
	if err != nil {
		t.Fatal(err)
	}
	if f == nil || f.Number != "备11-2026-001" || st.Number != "DB11/T 100—2026" || store.reads != 1 {
		t.Errorf("filing %+v, number %q, %d reads of the standard", f, st.Number, store.reads)
	}
}
