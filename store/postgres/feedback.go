package postgres

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"norma/workflow"
)

const feedbackColumns = `id, standard_id, clause, kind, body, name, organization, contact, client, created_at,
	answer, answered_by, answered_at`

func scanFeedback(row interface{ Scan(...any) error }) (*workflow.Feedback, error) {
	var f workflow.Feedback
	var created string
	var answered sql.NullString
	if err := row.Scan(&f.ID, &f.StandardID, &f.Clause, &f.Kind, &f.Body, &f.Name, &f.Organization, &f.Contact,
		&f.Client, &created, &f.Answer, &f.AnsweredBy, &answered); err != nil {
		return nil, err
	}
	f.CreatedAt, f.AnsweredAt = parseTime(created), timePtr(answered)
	return &f, nil
}

// CreateFeedback stores implementation feedback and sets its id.
func (db *DB) CreateFeedback(ctx context.Context, f *workflow.Feedback) error {
	return db.write(ctx, func(tx txn) error {
		if _, err := findStandard(ctx, tx, f.StandardID); err != nil {
			return err
		}
		var err error
		f.ID, err = tx.insertID(ctx, `INSERT INTO feedback (standard_id, clause, kind, body, name, organization,
			contact, client, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.StandardID, f.Clause, f.Kind, f.Body,
			f.Name, f.Organization, f.Contact, f.Client, formatTime(f.CreatedAt))
		return err
	})
}

// FindFeedbackItem returns the feedback with id.
func (db *DB) FindFeedbackItem(ctx context.Context, id int64) (*workflow.Feedback, error) {
	var f *workflow.Feedback
	err := db.read(ctx, func(tx txn) error {
		var err error
		f, err = scanFeedback(tx.QueryRowContext(ctx, `SELECT `+feedbackColumns+` FROM feedback WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no feedback %d", id)
		}
		return err
	})
	return f, err
}

// FindFeedback lists feedback, oldest first.
func (db *DB) FindFeedback(ctx context.Context, filter workflow.FeedbackFilter) ([]*workflow.Feedback, error) {
	where, args := []string{"1 = 1"}, []any{}
	if filter.StandardID != nil {
		where, args = append(where, "standard_id = ?"), append(args, *filter.StandardID)
	}
	if filter.Open {
		where = append(where, "answered_at IS NULL")
	}
	out := []*workflow.Feedback{}
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+feedbackColumns+` FROM feedback WHERE `+
			strings.Join(where, " AND ")+` ORDER BY id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			f, err := scanFeedback(rows)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// AnswerFeedback stores a feedback's answer.
func (db *DB) AnswerFeedback(ctx context.Context, f *workflow.Feedback) error {
	return db.write(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE feedback SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?`,
			f.Answer, f.AnsweredBy, nullTime(f.AnsweredAt), f.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("no feedback %d", f.ID)
		}
		return nil
	})
}
