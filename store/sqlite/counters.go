package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// AddEvent records an event the throttles count.
func (db *DB) AddEvent(ctx context.Context, scope, key string, at time.Time) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO rate_events (scope, key, at) VALUES (?, ?, ?)`, scope, key, formatTime(at))
		return err
	})
}

// FindEvents returns the times of key's events in scope after since, oldest first.
func (db *DB) FindEvents(ctx context.Context, scope, key string, since time.Time) ([]time.Time, error) {
	var out []time.Time
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT at FROM rate_events WHERE scope = ? AND key = ? AND at > ?
			ORDER BY at`, scope, key, formatTime(since))
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

// DeleteEvents forgets every event of key in scope.
func (db *DB) DeleteEvents(ctx context.Context, scope, key string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM rate_events WHERE scope = ? AND key = ?`, scope, key)
		return err
	})
}

// DeleteEventsBefore forgets every event older than the time.
func (db *DB) DeleteEventsBefore(ctx context.Context, before time.Time) (int, error) {
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
