package postgres

import (
	"context"
	"time"

	"norma/workflow"
)

// FindAmendments lists the amendment sheets of a standard, oldest first.
func (db *DB) FindAmendments(ctx context.Context, parentID string) ([]*workflow.Standard, error) {
	var out []*workflow.Standard
	err := db.read(ctx, func(tx txn) error {
		var err error
		out, err = findAmendments(ctx, tx, parentID)
		return err
	})
	return out, err
}

func findAmendments(ctx context.Context, tx txn, parentID string) ([]*workflow.Standard, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+standardColumns+standardFrom+` WHERE s.parent_id = ?
		ORDER BY s.created_at, s.id`, parentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*workflow.Standard{}
	for rows.Next() {
		s, err := scanStandard(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// issuedAmendments returns the numbers of a standard's issued amendment
// sheets, for its index document.
func issuedAmendments(ctx context.Context, tx txn, parentID string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT number FROM standards WHERE parent_id = ? AND number <> ''
		AND state IN ('issued', 'superseded', 'abolished') ORDER BY number`, parentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// UpdateSheet writes an amendment's wording.
func (db *DB) UpdateSheet(ctx context.Context, id, sheet string, at time.Time) error {
	return db.write(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE standards SET sheet = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND kind = 'amendment'`, sheet, formatTime(at), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("no amendment sheet %q", id)
		}
		return nil
	})
}

// applyAmendment stores, with the issue of an amendment sheet, the amended
// text as the next revision of the standard it amends (the 发布稿), with its
// history entry, and tells the index; a conflict when that standard has a
// newer revision than the one the issue was checked against.
func applyAmendment(ctx context.Context, tx txn, t *workflow.Transition) error {
	a := t.Amend
	if a == nil {
		return nil
	}
	if err := createRevision(ctx, tx, a.Revision, a.Base, nil); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE revisions SET stage = ? WHERE standard_id = ? AND number = ?`,
		a.Revision.Stage, a.Revision.StandardID, a.Revision.Number); err != nil {
		return err
	}
	return insertHistory(ctx, tx, a.History)
}
