package sqlite_test

import (
	"path/filepath"
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

func TestCounters(t *testing.T) { storetest.RunCounters(t, open(t).(*sqlite.DB)) }
