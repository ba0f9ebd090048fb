package sqlite

import (
	"context"
	"database/sql"

	"norma/workflow"
)

// ImportStandard stores a library text in one transaction, as
// workflow.DecideImport decides from what is stored: a new standard with its
// history entry h, or a new revision and the new metadata of one whose text
// changed, or nothing.
func (db *DB) ImportStandard(ctx context.Context, st *workflow.Standard, r *workflow.Revision, h *workflow.HistoryEntry) (_ workflow.ImportOutcome, err error) {
	defer wrapf(&err, "ImportStandard(%q)", st.ID)
	var out workflow.ImportOutcome
	err = db.write(ctx, func(tx *sql.Tx) error {
		found, err := findStandard(ctx, tx, st.ID)
		if workflow.ErrorCode(err) == workflow.ENOTFOUND {
			found, err = nil, nil
		} else if err != nil {
			return err
		}
		var hash string
		if found != nil {
			if err := tx.QueryRowContext(ctx, `SELECT hash FROM revisions WHERE standard_id = ? AND number = ?`,
				found.ID, found.Latest).Scan(&hash); err != nil {
				return err
			}
		}
		if out, err = workflow.DecideImport(found, hash, r); err != nil {
			return err
		}
		switch out {
		case workflow.Imported:
			return insertLibrary(ctx, tx, st, r, h)
		case workflow.Updated:
			return updateLibrary(ctx, tx, st, r, found.Latest)
		}
		return nil
	})
	return out, err
}

func insertLibrary(ctx context.Context, tx *sql.Tx, st *workflow.Standard, r *workflow.Revision, h *workflow.HistoryEntry) error {
	r.Number = 1
	if err := insertStandard(ctx, tx, st); err != nil {
		return err
	}
	if err := insertRevision(ctx, tx, r); err != nil {
		return err
	}
	if h != nil {
		if err := insertHistory(ctx, tx, h); err != nil {
			return err
		}
	}
	return enqueue(ctx, tx, st.ID, r.CreatedAt)
}

func updateLibrary(ctx context.Context, tx *sql.Tx, st *workflow.Standard, r *workflow.Revision, latest int) error {
	r.Number = latest + 1
	if err := insertRevision(ctx, tx, r); err != nil {
		return err
	}
	level, status := st.Level, st.Status
	u := &workflow.StandardUpdate{Title: &st.Title, TitleEN: &st.TitleEN, Level: &level, Region: &st.Region,
		Category: &st.Category, ICS: &st.ICS, CCS: &st.CCS, DraftingOrg: &st.DraftingOrg, Replaces: &st.Replaces,
		Number: &st.Number, Status: &status, IssueDate: &st.IssueDate, ImplDate: &st.ImplDate}
	if err := applyUpdate(ctx, tx, st.ID, u); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE standards SET latest = ?, source = ?, version = version + 1,
		updated_at = ? WHERE id = ?`, r.Number, st.Source, formatTime(r.CreatedAt), st.ID); err != nil {
		return err
	}
	return enqueue(ctx, tx, st.ID, r.CreatedAt)
}
