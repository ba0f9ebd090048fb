package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"norma/workflow"
)

const userColumns = `id, username, name, role, organization, password_hash, created_at`

func scanUser(row interface{ Scan(...any) error }) (*workflow.User, error) {
	var u workflow.User
	var created string
	if err := row.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.Organization, &u.PasswordHash, &created); err != nil {
		return nil, err
	}
	u.CreatedAt = parseTime(created)
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
