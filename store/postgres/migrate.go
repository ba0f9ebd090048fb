package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrateLock keeps two nodes started at once from migrating together.
const migrateLock = 0x6e6f726d6101

type migration struct {
	version int
	name    string // the file name, 0001_foundation.sql
}

// known lists the embedded migrations in order.
func known() ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: no version number", base)
		}
		out = append(out, migration{v, base})
	}
	return out, nil
}

// SchemaVersion is the newest migration this program knows.
func SchemaVersion() int {
	ms, _ := known()
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// Migrate connects to the database at url and applies, each in its own
// transaction, every migration not yet recorded; it returns the names of
// those it applied. A database newer than this program is refused.
func Migrate(ctx context.Context, url string) ([]string, error) {
	db, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.migrate(ctx)
}

func (db *DB) migrate(ctx context.Context) ([]string, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLock)); err != nil {
		return nil, err
	}
	//nolint:errcheck // closing the connection releases the lock too
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrateLock))
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return nil, err
	}
	if err := db.checkNewer(ctx); err != nil {
		return nil, err
	}
	ms, err := known()
	if err != nil {
		return nil, err
	}
	var applied []string
	for _, m := range ms {
		done, err := apply(ctx, conn, m)
		if err != nil {
			return applied, fmt.Errorf("migration %s: %w", m.name, err)
		}
		if done {
			applied = append(applied, m.name)
		}
	}
	if len(applied) > 0 { // the reader keys follow the rule of this program, on the newest columns
		if err := db.write(ctx, func(tx txn) error { return refreshAllReaders(ctx, tx) }); err != nil {
			return applied, fmt.Errorf("reader keys: %w", err)
		}
	}
	return applied, nil
}

func apply(ctx context.Context, conn *sql.Conn, m migration) (bool, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&n); err != nil || n > 0 {
		return false, err
	}
	script, err := migrations.ReadFile("migrations/" + m.name)
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, string(script)); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
		m.version, m.name, formatTime(time.Now())); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// applied returns the versions recorded in the database.
func (db *DB) applied(ctx context.Context) (map[int]bool, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}

// checkNewer refuses a database that a newer program has migrated.
func (db *DB) checkNewer(ctx context.Context) error {
	done, err := db.applied(ctx)
	if err != nil {
		return err
	}
	for v := range done {
		if v > SchemaVersion() {
			return fmt.Errorf("the database has migration %04d, newer than this program (which knows up to %04d): run a newer norma", v, SchemaVersion())
		}
	}
	return nil
}

// checkVersion refuses a database that is newer than this program, or
// that still lacks migrations (norma migrate applies them).
func (db *DB) checkVersion(ctx context.Context) error {
	var exists bool
	if err := db.db.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		return fmt.Errorf("the database has no Norma schema: run norma migrate first")
	}
	if err := db.checkNewer(ctx); err != nil {
		return err
	}
	done, err := db.applied(ctx)
	if err != nil {
		return err
	}
	ms, err := known()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if !done[m.version] {
			return fmt.Errorf("the database lacks migration %s: run norma migrate first", m.name)
		}
	}
	return nil
}
