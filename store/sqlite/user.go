package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"norma/workflow"
)

const userColumns = `id, username, name, role, organization, password_hash, created_at, disabled_at, last_login_at`

// scanUser reads the userColumns of a row, after the values pre of the
// columns selected before them.
func scanUser(row interface{ Scan(...any) error }, pre ...any) (*workflow.User, error) {
	var u workflow.User
	var created string
	var disabled, last sql.NullString
	dest := append(pre, &u.ID, &u.Username, &u.Name, &u.Role, &u.Organization, &u.PasswordHash, &created, &disabled, &last)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	u.CreatedAt, u.DisabledAt, u.LastLoginAt = parseTime(created), timePtr(disabled), timePtr(last)
	return &u, nil
}

// CreateUser adds an account; a taken name is a conflict.
func (db *DB) CreateUser(ctx context.Context, u *workflow.User) (err error) {
	defer wrapf(&err, "CreateUser(%q)", u.Username)
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO users (username, name, role, organization, password_hash, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, u.Username, u.Name, u.Role, u.Organization, u.PasswordHash, formatTime(u.CreatedAt))
		if isUnique(err) {
			return &workflow.Error{Code: workflow.ECONFLICT, Field: "username",
				Message: "the user name " + u.Username + " is taken",
				Key:     "err.user.taken", Args: workflow.Args{"username": u.Username}}
		} else if err != nil {
			return err
		}
		u.ID, err = res.LastInsertId()
		return err
	})
}

// FindUserByID returns the account with id.
func (db *DB) FindUserByID(ctx context.Context, id int64) (_ *workflow.User, err error) {
	defer wrapf(&err, "FindUserByID(%d)", id)
	return db.findUser(ctx, `id = ?`, id)
}

// FindUserByName returns the account with the user name, in any case.
func (db *DB) FindUserByName(ctx context.Context, username string) (_ *workflow.User, err error) {
	defer wrapf(&err, "FindUserByName(%q)", username)
	return db.findUser(ctx, `username = ?`, username)
}

func (db *DB) findUser(ctx context.Context, where string, arg any) (*workflow.User, error) {
	var u *workflow.User
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no user %v", arg)
		}
		return err
	})
	return u, err
}

// FindUsers lists every account by name.
func (db *DB) FindUsers(ctx context.Context) (_ []*workflow.User, err error) {
	defer wrapf(&err, "FindUsers()")
	var out []*workflow.User
	err = db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

// UpdateUser stores an account's name, role, organisation, password hash
// and disabled time and, with up.EndSessions, ends its sessions but
// up.Keep. An active admin who would stop being one while no other active
// admin remains is refused, in the transaction, so that two admins
// disabling each other at once cannot both succeed.
func (db *DB) UpdateUser(ctx context.Context, up workflow.UserUpdate) (err error) {
	u := up.User
	defer wrapf(&err, "UpdateUser(%q)", u.Username)
	return db.write(ctx, func(tx *sql.Tx) error {
		var role string
		var disabled sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT role, disabled_at FROM users WHERE id = ?`, u.ID).Scan(&role, &disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no user %d", u.ID)
		} else if err != nil {
			return err
		}
		if role == string(workflow.RoleAdmin) && !disabled.Valid && (u.Role != workflow.RoleAdmin || u.DisabledAt != nil) {
			var others int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?`,
				u.ID).Scan(&others); err != nil {
				return err
			}
			if others == 0 {
				return workflow.LastAdminError(u.Username)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET name = ?, role = ?, organization = ?, password_hash = ?, disabled_at = ?
			WHERE id = ?`, u.Name, u.Role, u.Organization, u.PasswordHash, nullTime(u.DisabledAt), u.ID); err != nil {
			return err
		}
		if up.EndSessions {
			_, err = deleteUserSessions(ctx, tx, u.ID, up.Keep)
		}
		return err
	})
}

// DeleteUserSessions ends the account's sessions but the one of keep.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64, keep []byte) (_ int, err error) {
	defer wrapf(&err, "DeleteUserSessions(%d)", userID)
	var n int
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = deleteUserSessions(ctx, tx, userID, keep)
		return err
	})
	return n, err
}

func deleteUserSessions(ctx context.Context, tx *sql.Tx, userID int64, keep []byte) (int, error) {
	if keep == nil {
		keep = []byte{}
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, userID, keep)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
