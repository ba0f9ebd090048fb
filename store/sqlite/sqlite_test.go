package sqlite_test

import (
	"path/filepath"
	"strings"
	"testing"

	"norma/store/sqlite"
	"norma/store/storetest"
)

func open(tb testing.TB) storetest.Store {
	tb.Helper()
	db, err := sqlite.Open(t0ctx, filepath.Join(tb.TempDir(), "norma.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestCounter(t *testing.T) { storetest.RunCounter(t, open(t).(*sqlite.DB)) }

func TestRefusesNewerDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "norma.db")
	db, err := sqlite.Open(t0ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecForTest(t0ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', '')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := sqlite.Open(t0ctx, path); err == nil || !strings.Contains(err.Error(), "newer than this program") {
		t.Errorf("Open of a database with migration 9999: %v; want a refusal naming it newer", err)
	}
}

func TestBackup(t *testing.T) {
	dir := t.TempDir()
	db, err := sqlite.Open(t0ctx, filepath.Join(dir, "norma.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u := storetest.MustUser(t, db, "wang", "staff")
	storetest.MustStandard(t, db, "db11-t-1", u, "draft")
	copyPath := filepath.Join(dir, "copy.db")
	if err := db.Backup(t0ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	cp, err := sqlite.Open(t0ctx, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if st, err := cp.FindStandard(t0ctx, "db11-t-1"); err != nil || st.OwnerID != u.ID {
		t.Errorf("the copy has %+v, %v; want the standard owned by wang", st, err)
	}
	if err := db.Backup(t0ctx, copyPath); err == nil {
		t.Error("a backup over an existing file succeeded")
	}
}
