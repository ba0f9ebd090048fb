// Package postgres stores Norma's data in PostgreSQL through pgx v5, so
// that several norma serve nodes share one database: embedded numbered
// migrations, one transaction per method, row locks and compare-and-swap
// updates for the moves several nodes may race on, and an outbox that every
// node's index follows from its own position.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"

	"norma/workflow"
)

// DB is an open Norma database on a PostgreSQL server.
type DB struct {
	db *sql.DB
}

// Open connects to the database at url (postgres://…) and checks that its
// schema is the one this program knows: older needs norma migrate first,
// newer belongs to a newer program.
func Open(ctx context.Context, url string) (*DB, error) {
	db, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := db.checkVersion(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func connect(ctx context.Context, url string) (*DB, error) {
	sdb, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", redact(url), err)
	}
	sdb.SetMaxOpenConns(16)
	sdb.SetMaxIdleConns(16)
	sdb.SetConnMaxIdleTime(5 * time.Minute)
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("connect to %s: %w", redact(url), err)
	}
	return &DB{db: sdb}, nil
}

// redact leaves the password out of a connection URL for messages.
func redact(url string) string {
	if i, j := strings.Index(url, "://"), strings.LastIndex(url, "@"); i >= 0 && j > i {
		if k := strings.Index(url[i+3:j], ":"); k >= 0 {
			return url[:i+3+k] + ":***" + url[j:]
		}
	}
	return url
}

// Close closes the connections.
func (db *DB) Close() error { return db.db.Close() }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.db.PingContext(ctx) }

// txn is a transaction that takes SQL with ? placeholders, as the SQLite
// store writes it, and numbers them the PostgreSQL way.
type txn struct{ tx *sql.Tx }

func (t txn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, rebind(q), args...)
}

func (t txn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, rebind(q), args...)
}

func (t txn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, rebind(q), args...)
}

// insertID runs an INSERT … RETURNING id and returns the id.
func (t txn) insertID(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.QueryRowContext(ctx, q+` RETURNING id`, args...).Scan(&id)
	return id, err
}

// rebind turns ? placeholders outside quoted strings into $1, $2, ….
func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n, quoted := 0, false
	for _, r := range q {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == '?' && !quoted:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// write runs fn in a read-committed transaction and commits it when fn
// succeeds; the methods that race across nodes lock the rows they decide on.
func (db *DB) write(ctx context.Context, fn func(txn) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fullDisk(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	if err := fn(txn{tx}); err != nil {
		return fullDisk(err)
	}
	if err := tx.Commit(); err != nil {
		return fullDisk(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// diskFull is PostgreSQL's SQLSTATE for a server whose disk is full.
const diskFull = "53100"

// fullDisk turns PostgreSQL's disk_full into workflow's storage-full error.
func fullDisk(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == diskFull {
		return workflow.StorageFull(err)
	}
	return err
}

// read runs fn in a read-only repeatable-read transaction, so that it sees
// one snapshot.
func (db *DB) read(ctx context.Context, fn func(txn) error) error {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	return fn(txn{tx})
}

// Times are stored as fixed-width UTC text, as in the SQLite store, so that
// they compare and sort as text in both.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
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

// uniqueConstraint returns the name of the UNIQUE or PRIMARY KEY
// constraint err violated, or "".
func uniqueConstraint(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return pe.ConstraintName
	}
	return ""
}

// isUnique reports whether err is a violated UNIQUE or PRIMARY KEY constraint.
func isUnique(err error) bool { return uniqueConstraint(err) != "" }

func notFound(format string, args ...any) error {
	return workflow.Errorf(workflow.ENOTFOUND, format, args...)
}

// outboxLock is the advisory lock every transaction that writes the outbox
// holds until it commits, so that outbox ids become visible in the order
// they were given: a node that has read up to id n never later finds a
// smaller id committed behind it.
const outboxLock = 0x6e6f726d61 // "norma"

// enqueue records in the outbox that a standard changed, in the caller's
// transaction, so that every index learns of every committed change.
func enqueue(ctx context.Context, tx txn, standardID string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(outboxLock)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (standard_id, created_at) VALUES (?, ?)`,
		standardID, formatTime(now)); err != nil {
		return err
	}
	return refreshReaders(ctx, tx, standardID) // the same changes move the reader keys
}
