package postgres

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
func (db *DB) CreateUser(ctx context.Context, u *workflow.User) error {
	return db.write(ctx, func(tx txn) error {
		var err error
		u.ID, err = tx.insertID(ctx, `INSERT INTO users (username, name, role, organization, password_hash, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, u.Username, u.Name, u.Role, u.Organization, u.PasswordHash, formatTime(u.CreatedAt))
		if isUnique(err) {
			return &workflow.Error{Code: workflow.ECONFLICT, Field: "username",
				Message: "the user name " + u.Username + " is taken",
				Key:     "err.user.taken", Args: workflow.Args{"username": u.Username}}
		}
		return err
	})
}

// FindUserByID returns the account with id.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*workflow.User, error) {
	return db.findUser(ctx, `id = ?`, id)
}

// FindUserByName returns the account with the user name, in any case.
func (db *DB) FindUserByName(ctx context.Context, username string) (*workflow.User, error) {
	return db.findUser(ctx, `lower(username) = lower(?)`, username)
}

func (db *DB) findUser(ctx context.Context, where string, arg any) (*workflow.User, error) {
	var u *workflow.User
	err := db.read(ctx, func(tx txn) error {
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
func (db *DB) FindUsers(ctx context.Context) ([]*workflow.User, error) {
	var out []*workflow.User
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY lower(username), username`)
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
// admin remains is refused; the active admins' rows are locked first, so
// that two admins disabling each other at once cannot both succeed.
func (db *DB) UpdateUser(ctx context.Context, up workflow.UserUpdate) error {
	u := up.User
	return db.write(ctx, func(tx txn) error {
		admins, err := lockActiveAdmins(ctx, tx)
		if err != nil {
			return err
		}
		var role string
		var disabled sql.NullString
		err = tx.QueryRowContext(ctx, `SELECT role, disabled_at FROM users WHERE id = ?`, u.ID).Scan(&role, &disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no user %d", u.ID)
		} else if err != nil {
			return err
		}
		wasAdmin := role == string(workflow.RoleAdmin) && !disabled.Valid
		if wasAdmin && (u.Role != workflow.RoleAdmin || u.DisabledAt != nil) && len(admins) <= 1 {
			return workflow.LastAdminError(u.Username)
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

// lockActiveAdmins locks the rows of the active admins until the end of the
// transaction and returns their ids.
func lockActiveAdmins(ctx context.Context, tx txn) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// DeleteUserSessions ends the account's sessions but the one of keep.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64, keep []byte) (int, error) {
	var n int
	err := db.write(ctx, func(tx txn) error {
		var err error
		n, err = deleteUserSessions(ctx, tx, userID, keep)
		return err
	})
	return n, err
}

func deleteUserSessions(ctx context.Context, tx txn, userID int64, keep []byte) (int, error) {
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
