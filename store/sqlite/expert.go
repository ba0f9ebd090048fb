package sqlite

import (
	"context"
	"database/sql"
	"time"

	"norma/workflow"
)

// FindExperts lists the accounts assigned to review a standard.
func (db *DB) FindExperts(ctx context.Context, standardID string) (_ []*workflow.User, err error) {
	defer wrapf(&err, "FindExperts(%q)", standardID)
	var out []*workflow.User
	err = db.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = findExperts(ctx, tx, standardID)
		return err
	})
	return out, err
}

func findExperts(ctx context.Context, tx *sql.Tx, standardID string) ([]*workflow.User, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+prefixed("u.", userColumns)+` FROM experts e
		JOIN users u ON u.id = e.user_id WHERE e.standard_id = ? ORDER BY e.assigned_at, u.username`, standardID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*workflow.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// AssignExpert assigns an account to review a standard; assigning twice is a
// conflict.
func (db *DB) AssignExpert(ctx context.Context, standardID string, userID int64, at time.Time) (err error) {
	defer wrapf(&err, "AssignExpert(%q, %d)", standardID, userID)
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO experts (standard_id, user_id, assigned_at) VALUES (?, ?, ?)`,
			standardID, userID, formatTime(at))
		if isUnique(err) {
			return workflow.Errorf(workflow.ECONFLICT, "the expert is assigned already").WithKey("err.expert.assigned", nil)
		} else if err != nil {
			return err
		}
		return enqueue(ctx, tx, standardID, at)
	})
}

// RemoveExpert ends an assignment.
func (db *DB) RemoveExpert(ctx context.Context, standardID string, userID int64, at time.Time) (err error) {
	defer wrapf(&err, "RemoveExpert(%q, %d)", standardID, userID)
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM experts WHERE standard_id = ? AND user_id = ?`, standardID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return workflow.Errorf(workflow.ENOTFOUND, "the expert is not assigned").WithKey("err.expert.not_assigned_any", nil)
		}
		return enqueue(ctx, tx, standardID, at)
	})
}
