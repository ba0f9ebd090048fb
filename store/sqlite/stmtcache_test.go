package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

func cacheTestDB(t *testing.T) (*DB, *sql.Conn) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "norma.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c, err := db.w.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	for _, q := range []string{`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`,
		`INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')`} {
		if _, err := c.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return db, c
}

func cacheLen(t *testing.T, c *sql.Conn) (n int) {
	t.Helper()
	if err := c.Raw(func(dc any) error { n = dc.(*cachingConn).lru.Len(); return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// The same SQL run again on a connection is prepared once.
func TestStmtCacheReuse(t *testing.T) {
	_, c := cacheTestDB(t)
	ctx := context.Background()
	before := prepares.Load()
	for i := range 20 {
		var v string
		if err := c.QueryRowContext(ctx, `SELECT v FROM t WHERE k = ?`, i%3+1).Scan(&v); err != nil {
			t.Fatal(err)
		}
		if want := string(rune('a' + i%3)); v != want {
			t.Fatalf("run %d: %q, want %q", i, v, want)
		}
	}
	if n := prepares.Load() - before; n != 1 {
		t.Errorf("%d prepares for one SQL text run 20 times, want 1", n)
	}
}

// A query run again while the rows of the same SQL are still open gets a
// statement of its own; both give their own answers.
func TestStmtCacheNested(t *testing.T) {
	_, c := cacheTestDB(t)
	ctx := context.Background()
	const q = `SELECT k, v FROM t WHERE k >= ? ORDER BY k`
	cached, fin := cacheLen(t, c), finalized.Load()
	rows, err := c.QueryContext(ctx, q, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for rows.Next() {
		var k int
		var v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		inner, err := c.QueryContext(ctx, q, k+1)
		if err != nil {
			t.Fatal(err)
		}
		got += v + ":"
		for inner.Next() {
			var k2 int
			var v2 string
			if err := inner.Scan(&k2, &v2); err != nil {
				t.Fatal(err)
			}
			got += v2
		}
		if err := inner.Close(); err != nil {
			t.Fatal(err)
		}
		got += " "
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if want := "a:bc b:c c: "; got != want {
		t.Errorf("nested reads gave %q, want %q", got, want)
	}
	// One statement cached; the three inner runs had their own, now finalized.
	if n := cacheLen(t, c) - cached; n != 1 {
		t.Errorf("%d statements added to the cache, want 1", n)
	}
	if d := finalized.Load() - fin; d != 3 {
		t.Errorf("%d statements finalized, want 3", d)
	}
	// The cached statement is free again and serves the next call.
	before := prepares.Load()
	var n int
	if err := c.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+`)`, 2).Scan(&n); err != nil || n != 2 {
		t.Fatalf("count %d, %v", n, err)
	}
	var v string
	if err := c.QueryRowContext(ctx, q, 3).Scan(new(int), &v); err != nil || v != "c" {
		t.Fatalf("after nesting: %q, %v", v, err)
	}
	if d := prepares.Load() - before; d != 1 {
		t.Errorf("%d prepares after nesting, want 1 (the count only)", d)
	}
}

// Past the bound the least recently used statements are finalized.
func TestStmtCacheEviction(t *testing.T) {
	_, c := cacheTestDB(t)
	ctx := context.Background()
	cached, before := cacheLen(t, c), finalized.Load()
	for i := range stmtCacheSize + 10 {
		var n int
		if err := c.QueryRowContext(ctx, fmt.Sprintf(`SELECT %d`, i)).Scan(&n); err != nil || n != i {
			t.Fatalf("SELECT %d: %d, %v", i, n, err)
		}
	}
	if n := cacheLen(t, c); n != stmtCacheSize {
		t.Errorf("%d statements cached, want %d", n, stmtCacheSize)
	}
	if d, want := finalized.Load()-before, int64(cached+10); d != want {
		t.Errorf("%d statements finalized, want %d", d, want)
	}
}

// A constraint violation, a busy database and a schema change leave the
// cached statement usable.
func TestStmtCacheErrors(t *testing.T) {
	db, c := cacheTestDB(t)
	ctx := context.Background()
	const ins = `INSERT INTO t (k, v) VALUES (?, ?)`
	if _, err := c.ExecContext(ctx, ins, 1, "dup"); err == nil {
		t.Fatal("duplicate key inserted")
	}
	if _, err := c.ExecContext(ctx, ins, 4, nil); err == nil {
		t.Fatal("NULL inserted into NOT NULL column")
	}
	before := prepares.Load()
	if _, err := c.ExecContext(ctx, ins, 4, "d"); err != nil {
		t.Fatalf("after violations: %v", err)
	}
	if d := prepares.Load() - before; d != 0 {
		t.Errorf("%d prepares after violations, want 0", d)
	}

	// Busy: another connection holds the write lock, this one may not wait.
	const sel = `SELECT count(*) FROM t`
	var n int
	if err := c.QueryRowContext(ctx, sel).Scan(&n); err != nil || n != 4 {
		t.Fatalf("count %d, %v", n, err)
	}
	other, err := sql.Open("sqlite", "file:"+db.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	oc, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer oc.Close()
	if _, err := oc.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(ctx, ins, 5, "e"); err == nil {
		t.Fatal("insert while another connection holds the lock")
	}
	if _, err := oc.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(ctx, ins, 5, "e"); err != nil {
		t.Fatalf("after busy: %v", err)
	}

	// Schema change: the cached statement sees the new column.
	const all = `SELECT * FROM t WHERE k = ?`
	rows, err := c.QueryContext(ctx, all, 1)
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := rows.Columns()
	rows.Close()
	if len(cols) != 2 {
		t.Fatalf("columns %v", cols)
	}
	if _, err := c.ExecContext(ctx, `ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'x'`); err != nil {
		t.Fatal(err)
	}
	var k int
	var v, w string
	if err := c.QueryRowContext(ctx, all, 1).Scan(&k, &v, &w); err != nil || w != "x" {
		t.Fatalf("after ALTER TABLE: %q, %v", w, err)
	}
	if _, err := c.ExecContext(ctx, `DROP TABLE t`); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRowContext(ctx, all, 1).Scan(&k, &v, &w); err == nil {
		t.Fatal("query on a dropped table answered")
	}
	if _, err := c.ExecContext(ctx, `CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT, w TEXT)`); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(ctx, ins, 9, "z"); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRowContext(ctx, all, 9).Scan(&k, &v, new(sql.NullString)); err != nil || v != "z" {
		t.Fatalf("after re-creating the table: %q, %v", v, err)
	}
}
