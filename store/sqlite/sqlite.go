// Package sqlite stores Norma's data in one SQLite file through
// modernc.org/sqlite (no cgo): WAL, foreign keys and a busy timeout, embedded
// numbered migrations, one transaction per method, and the outbox that feeds
// the search index in the same transaction as each change.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"norma/workflow"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// readConns is the size of the read pool.
const readConns = 8

// DB is an open Norma database. Writes go through one connection, so that
// SQLite never has to arbitrate between writers; reads use a pool of their own.
type DB struct {
	w, r *sql.DB
	path string
	// reads counts the read transactions begun (see ReadTransactions).
	reads atomic.Int64
}

// Open opens (creating it if need be) the database file at path and brings
// its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_time_format", "sqlite")
	w := sql.OpenDB(cachingConnector{"file:" + path + "?" + q.Encode() + "&_txlock=immediate"})
	// Idle connections stay open for good: closing one throws away its page
	// cache, and its replacement has to run the pragmas again.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	db := &DB{w: w, path: path}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	q.Add("_pragma", "query_only(1)")
	db.r = sql.OpenDB(cachingConnector{"file:" + path + "?" + q.Encode()})
	db.r.SetMaxOpenConns(readConns)
	db.r.SetMaxIdleConns(readConns)
	db.r.SetConnMaxLifetime(0)
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	return errors.Join(db.r.Close(), db.w.Close())
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.r.PingContext(ctx) }

// migrate applies every embedded migration not yet recorded, each in its own
// transaction.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var newest int
	if err := db.w.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return err
	}
	if known := SchemaVersion(); newest > known {
		return fmt.Errorf("the database has migration %04d, newer than this program (which knows up to %04d): run a newer norma", newest, known)
	}
	var had, have int
	if err := db.w.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&had); err != nil {
		return err
	}
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: no version number", base)
		}
		if err := db.apply(ctx, v, base, name); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	if err := db.w.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&have); err != nil {
		return err
	}
	if have > had { // the reader keys follow the rule of this program, on the newest columns
		return db.write(ctx, func(tx *sql.Tx) error { return refreshAllReaders(ctx, tx) })
	}
	return nil
}

// SchemaVersion is the newest migration this program knows.
func SchemaVersion() int {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	v := 0
	for _, name := range names {
		if n, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(name, "migrations/"), "_", 2)[0]); err == nil {
			v = max(v, n)
		}
	}
	return v
}

// Migrations returns the names of the migrations the database has, oldest
// first.
func (db *DB) Migrations(ctx context.Context) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT name FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// Backup writes a consistent copy of the database to path while it stays
// in use (VACUUM INTO); path must not exist yet.
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := db.w.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

func (db *DB) apply(ctx context.Context, version int, base, name string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil || n > 0 {
			return err
		}
		script, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(script)); err != nil {
			return err
		}
		if step := afterMigration[version]; step != nil {
			if err := step(ctx, tx); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			version, base, formatTime(time.Now()))
		return err
	})
}

// write runs fn in a write transaction and commits it when fn succeeds. A
// full disk, met at any step, is workflow's storage-full error.
func (db *DB) write(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return db.fullDisk(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.fullDisk(err)
	}
	if err := tx.Commit(); err != nil {
		return db.fullDisk(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// read runs fn in a read transaction, so that it sees one snapshot.
func (db *DB) read(ctx context.Context, fn func(*sql.Tx) error) error {
	db.reads.Add(1)
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// ReadTransactions counts the read transactions begun since Open: each
// waits for one of the few read connections, so a page is held to a number
// of them.
func (db *DB) ReadTransactions() int64 { return db.reads.Load() }

const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s) // written by formatTime; a zero time shows a hand-edited row
	return t
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

func timePtr(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t := parseTime(s.String)
	return &t
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// isUnique reports whether err is a violated UNIQUE or PRIMARY KEY constraint.
func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

func notFound(format string, args ...any) error {
	return workflow.Errorf(workflow.ENOTFOUND, format, args...)
}

// enqueue records in the outbox that a standard changed, in the caller's
// transaction, so that the index learns of every committed change, and
// rewrites the standard's reader keys, which the same changes move.
func enqueue(ctx context.Context, tx *sql.Tx, standardID string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (standard_id, created_at) VALUES (?, ?)`,
		standardID, formatTime(now)); err != nil {
		return err
	}
	return refreshReaders(ctx, tx, standardID)
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict,
// "ok" for a sound database.
func (db *DB) IntegrityCheck(ctx context.Context) (_ string, err error) {
	defer wrapf(&err, "IntegrityCheck()")
	var res string
	err = db.w.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

// wrapf prefixes a failed method's error with the operation and its key,
// as pkgsite's derrors.Wrap does, so that a fault in the log names what
// failed; the chain stays, so errors.As still finds a workflow.Error.
func wrapf(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}
