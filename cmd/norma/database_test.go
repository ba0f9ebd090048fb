package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"norma/store/postgres/pgtest"
	"norma/workflow"
)

// A backup taken while the database is in use restores the database as it
// was; the index is rebuilt from it.
func TestBackupRestore(t *testing.T) {
	data := t.TempDir()
	if _, errs, code := runCLI(t, "", "import", "--data", data, "testdata/library"); code != 0 {
		t.Fatal(errs)
	}
	file := filepath.Join(t.TempDir(), "norma-backup.db")
	if out, errs, code := runCLI(t, "", "backup", "--data", data, file); code != 0 || !strings.Contains(out, file) {
		t.Fatalf("backup: exit %d %q %q", code, out, errs)
	}
	if _, errs, code := runCLI(t, "", "backup", "--data", data, file); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("backup over an existing file: exit %d %q", code, errs)
	}
	// A change after the backup is gone after the restore.
	ctx := context.Background()
	a, err := openApp(ctx, testConfig(data))
	if err != nil {
		t.Fatal(err)
	}
	text := "---\nid: t-after\ntitle: 备份之后\nlevel: national\n---\n第一条 新增。\n"
	if _, _, err := a.svc.Import(ctx, workflow.ImportInput{Path: "after.md", Text: text}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if out, errs, code := runCLI(t, "", "restore", "--data", data, file); code != 0 {
		t.Fatalf("restore: exit %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(data, "index.bleve")); !os.IsNotExist(err) {
		t.Errorf("the old index is still there after the restore: %v", err)
	}
	a, err = openApp(ctx, testConfig(data))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.db.FindStandard(ctx, "t-after"); workflow.ErrorCode(err) != workflow.ENOTFOUND {
		t.Errorf("the standard saved after the backup: %v; want not found", err)
	}
	if _, n, err := a.db.FindStandards(ctx, workflow.StandardFilter{AllReaders: true}); err != nil || n != 4 {
		t.Errorf("restored database has %d standards, %v; want the 4 of the library", n, err)
	}

	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCLI(t, "", "restore", "--data", data, junk); code != 1 || !strings.Contains(errs, "not a Norma backup") {
		t.Errorf("restore of a junk file: exit %d %q", code, errs)
	}
	if _, n, err := a.db.FindStandards(ctx, workflow.StandardFilter{AllReaders: true}); err != nil || n != 4 {
		t.Errorf("the database after a refused restore: %d standards, %v", n, err)
	}
}

func TestMigrate(t *testing.T) {
	data := t.TempDir()
	if out, errs, code := runCLI(t, "", "migrate", "--data", data); code != 0 || !strings.Contains(out, "at migration") {
		t.Errorf("migrate on SQLite: exit %d %q %q", code, out, errs)
	}
	if _, errs, code := runCLI(t, "", "backup", "--database-url", "postgres://x@127.0.0.1/none", "f.db"); code != 2 || !strings.Contains(errs, "pg_dump") {
		t.Errorf("backup on PostgreSQL: exit %d %q; want a pointer to pg_dump", code, errs)
	}
	if _, errs, code := runCLI(t, "", "migrate", "--database-url", "mysql://x"); code != 2 || !strings.Contains(errs, "NORMA_DATABASE_URL") {
		t.Errorf("a database URL that is not postgres: exit %d %q", code, errs)
	}

	dbURL := pgtest.Database(t)
	if _, errs, code := runCLI(t, "", "serve", "--database-url", dbURL, "--data", t.TempDir(), "--addr", "127.0.0.1:0"); code == 0 || !strings.Contains(errs, "norma migrate") {
		t.Errorf("serve on an empty PostgreSQL database: exit %d %q; want a pointer to norma migrate", code, errs)
	}
	out, errs, code := runCLI(t, "", "migrate", "--database-url", dbURL)
	if code != 0 || !strings.Contains(out, "applied 0001_foundation.sql") {
		t.Errorf("migrate on PostgreSQL: exit %d %q %q", code, out, errs)
	}
}
