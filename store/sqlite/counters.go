package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// AddFailure records a failure the throttles count (a failed login, a
// public comment) of key at a time.
func (db *DB) AddFailure(ctx context.Context, key string, at time.Time) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO rate_events (key, at) VALUES (?, ?)`, key, formatTime(at))
		return err
	})
}

// Failures returns the times of key's failures after since, oldest first.
func (db *DB) Failures(ctx context.Context, key string, since time.Time) ([]time.Time, error) {
	var out []time.Time
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT at FROM rate_events WHERE key = ? AND at > ? ORDER BY at`,
			key, formatTime(since))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var at string
			if err := rows.Scan(&at); err != nil {
				return err
			}
			out = append(out, parseTime(at))
		}
		return rows.Err()
	})
	return out, err
}

// ClearFailures forgets key's failures.
func (db *DB) ClearFailures(ctx context.Context, key string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM rate_events WHERE key = ?`, key)
		return err
	})
}

// DeleteFailuresBefore forgets every failure older than the time.
func (db *DB) DeleteFailuresBefore(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM rate_events WHERE at < ?`, formatTime(before))
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}
