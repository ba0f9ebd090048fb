package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"norma/workflow"
)

const consulteeColumns = `id, standard_id, organization, contact, reply, sent_at, replied_at`

func scanConsultee(row interface{ Scan(...any) error }) (*workflow.Consultee, error) {
	var c workflow.Consultee
	var sent string
	var replied sql.NullString
	if err := row.Scan(&c.ID, &c.StandardID, &c.Organization, &c.Contact, &c.Reply, &sent, &replied); err != nil {
		return nil, err
	}
	c.SentAt, c.RepliedAt = parseTime(sent), timePtr(replied)
	return &c, nil
}

// CreateConsultee stores an invited organisation and sets its id.
func (db *DB) CreateConsultee(ctx context.Context, c *workflow.Consultee) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := findStandard(ctx, tx, c.StandardID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO consultees (standard_id, organization, contact, reply, sent_at)
			VALUES (?, ?, ?, ?, ?)`, c.StandardID, c.Organization, c.Contact, c.Reply, formatTime(c.SentAt))
		if err != nil {
			return err
		}
		c.ID, err = res.LastInsertId()
		return err
	})
}

// FindConsultee returns the invited organisation with id.
func (db *DB) FindConsultee(ctx context.Context, id int64) (*workflow.Consultee, error) {
	var c *workflow.Consultee
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = scanConsultee(tx.QueryRowContext(ctx, `SELECT `+consulteeColumns+` FROM consultees WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no consulted organisation %d", id)
		}
		return err
	})
	return c, err
}

// FindConsultees lists a standard's invited organisations in order.
func (db *DB) FindConsultees(ctx context.Context, standardID string) ([]*workflow.Consultee, error) {
	out := []*workflow.Consultee{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+consulteeColumns+` FROM consultees WHERE standard_id = ? ORDER BY id`, standardID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanConsultee(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// UpdateConsultee stores an organisation's reply.
func (db *DB) UpdateConsultee(ctx context.Context, c *workflow.Consultee) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE consultees SET reply = ?, replied_at = ? WHERE id = ?`,
			c.Reply, nullTime(c.RepliedAt), c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("no consulted organisation %d", c.ID)
		}
		return nil
	})
}
