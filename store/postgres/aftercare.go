package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"norma/workflow"
)

// PutFiling records or replaces a standard's filing and its history entry.
func (db *DB) PutFiling(ctx context.Context, f *workflow.Filing, h *workflow.HistoryEntry) error {
	return db.write(ctx, func(tx txn) error {
		if _, err := findStandard(ctx, tx, f.StandardID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO filings (standard_id, number, filed_on, note, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (standard_id) DO UPDATE SET number = excluded.number,
			filed_on = excluded.filed_on, note = excluded.note, recorded_by = excluded.recorded_by,
			recorded_at = excluded.recorded_at`,
			f.StandardID, f.Number, f.FiledOn, f.Note, f.RecordedBy, formatTime(f.RecordedAt)); err != nil {
			return err
		}
		return insertHistory(ctx, tx, h)
	})
}

const filingColumns = `standard_id, number, filed_on, note, recorded_by, recorded_at`

func scanFiling(row interface{ Scan(...any) error }) (*workflow.Filing, error) {
	var f workflow.Filing
	var at string
	if err := row.Scan(&f.StandardID, &f.Number, &f.FiledOn, &f.Note, &f.RecordedBy, &at); err != nil {
		return nil, err
	}
	f.RecordedAt = parseTime(at)
	return &f, nil
}

// FindFiling returns a standard's filing.
func (db *DB) FindFiling(ctx context.Context, standardID string) (*workflow.Filing, error) {
	var f *workflow.Filing
	err := db.read(ctx, func(tx txn) error {
		var err error
		f, err = scanFiling(tx.QueryRowContext(ctx, `SELECT `+filingColumns+` FROM filings WHERE standard_id = ?`, standardID))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no filing of %q", standardID)
		}
		return err
	})
	return f, err
}

// FindFilings lists every recorded filing.
func (db *DB) FindFilings(ctx context.Context) ([]*workflow.Filing, error) {
	out := []*workflow.Filing{}
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+filingColumns+` FROM filings ORDER BY standard_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			f, err := scanFiling(rows)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// CreatePeriodicReview stores a review with what it changes; all or nothing.
func (db *DB) CreatePeriodicReview(ctx context.Context, c workflow.ReviewChange) error {
	return db.write(ctx, func(tx txn) error {
		rv := c.Review
		if _, err := findStandard(ctx, tx, rv.StandardID); err != nil {
			return err
		}
		if c.Project != nil {
			if err := insertStandard(ctx, tx, c.Project); err != nil {
				return err
			}
			if err := insertRevision(ctx, tx, c.ProjectRevision); err != nil {
				return err
			}
			if err := insertHistory(ctx, tx, c.ProjectHistory); err != nil {
				return err
			}
			if err := enqueue(ctx, tx, c.Project.ID, rv.DecidedAt); err != nil {
				return err
			}
		}
		if c.Abolish != nil {
			if err := applyTransition(ctx, tx, c.Abolish); err != nil {
				return err
			}
		}
		if c.History != nil {
			if err := insertHistory(ctx, tx, c.History); err != nil {
				return err
			}
		}
		counts, err := json.Marshal(rv.Feedback)
		if err != nil {
			return err
		}
		var project any
		if rv.ProjectID != "" {
			project = rv.ProjectID
		}
		rv.ID, err = tx.insertID(ctx, `INSERT INTO periodic_reviews (standard_id, conclusion, reason, due, next_due,
			decided_by, decided_at, feedback, project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			rv.StandardID, rv.Conclusion, rv.Reason, rv.Due, rv.NextDue, rv.DecidedBy, formatTime(rv.DecidedAt),
			string(counts), project)
		return err
	})
}

const reviewColumns = `id, standard_id, conclusion, reason, due, next_due, decided_by, decided_at, feedback,
	coalesce(project_id, '')`

func scanReview(row interface{ Scan(...any) error }) (*workflow.PeriodicReview, error) {
	var r workflow.PeriodicReview
	var at, counts string
	if err := row.Scan(&r.ID, &r.StandardID, &r.Conclusion, &r.Reason, &r.Due, &r.NextDue, &r.DecidedBy, &at,
		&counts, &r.ProjectID); err != nil {
		return nil, err
	}
	r.DecidedAt, r.Feedback = parseTime(at), map[string]int{}
	if err := json.Unmarshal([]byte(counts), &r.Feedback); err != nil {
		return nil, err
	}
	return &r, nil
}

// FindPeriodicReviews lists a standard's reviews (every review for ""), oldest first.
func (db *DB) FindPeriodicReviews(ctx context.Context, standardID string) ([]*workflow.PeriodicReview, error) {
	out := []*workflow.PeriodicReview{}
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+reviewColumns+` FROM periodic_reviews
			WHERE CAST(? AS TEXT) = '' OR standard_id = ? ORDER BY standard_id, id`, standardID, standardID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanReview(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
