package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"norma/workflow"
)

// CreateSession stores a session by the hash of its token.
func (db *DB) CreateSession(ctx context.Context, s *workflow.Session) error {
	return db.write(ctx, func(tx txn) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
			VALUES (?, ?, ?, ?)`, s.TokenHash, s.UserID, formatTime(s.CreatedAt), formatTime(s.ExpiresAt)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, formatTime(s.CreatedAt), s.UserID)
		return err
	})
}

// FindSession returns the session with the token hash and its account.
func (db *DB) FindSession(ctx context.Context, tokenHash []byte) (*workflow.Session, error) {
	var s workflow.Session
	err := db.read(ctx, func(tx txn) error {
		var created, expires string
		row := tx.QueryRowContext(ctx, `SELECT s.token_hash, s.created_at, s.expires_at, `+prefixed("u.", userColumns)+`
			FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, tokenHash)
		u, err := scanUser(row, &s.TokenHash, &created, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no session")
		} else if err != nil {
			return err
		}
		s.CreatedAt, s.ExpiresAt, s.UserID, s.User = parseTime(created), parseTime(expires), u.ID, u
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, tokenHash []byte) error {
	return db.write(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("no session")
		}
		return nil
	})
}

// DeleteExpiredSessions removes the sessions that ended before now.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := db.write(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, formatTime(now))
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}
