package sqlite_test

import (
	"path/filepath"
	"testing"

	"norma/store/sqlite"
)

// Every connection of the read pool runs the connection pragmas, and the pool
// keeps them all once they are idle instead of closing all but two.
func TestReadPoolConnections(t *testing.T) {
	db, err := sqlite.Open(t0ctx, filepath.Join(t.TempDir(), "norma.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cs, err := db.ReadConnsForTest(t0ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cs {
		for _, p := range []struct {
			name string
			want int64
		}{{"foreign_keys", 1}, {"busy_timeout", 10000}, {"synchronous", 1}, {"query_only", 1}} {
			var got int64
			if err := c.QueryRowContext(t0ctx, "PRAGMA "+p.name).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != p.want {
				t.Errorf("connection %d: %s = %d, want %d", i, p.name, got, p.want)
			}
		}
		var mode string
		if err := c.QueryRowContext(t0ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("connection %d: journal_mode %q, %v", i, mode, err)
		}
	}
	for _, c := range cs {
		c.Close()
	}
	st := db.ReadStatsForTest()
	if st.Idle != len(cs) || st.MaxIdleClosed != 0 {
		t.Errorf("after release: %d idle, %d closed as surplus; want %d and 0", st.Idle, st.MaxIdleClosed, len(cs))
	}
}
