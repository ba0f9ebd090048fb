package postgres

import (
	"context"
	"database/sql"
	"errors"

	"norma/workflow"
)

// ImportStandard stores a library text in one transaction, as
// workflow.DecideImport decides from what is stored: a new standard with its
// history entry h, or a new revision and the new metadata of one whose text
// changed, or nothing. The row is locked while the decision is made.
func (db *DB) ImportStandard(ctx context.Context, st *workflow.Standard, r *workflow.Revision, h *workflow.HistoryEntry) (workflow.ImportOutcome, error) {
	var out workflow.ImportOutcome
	err := db.write(ctx, func(tx txn) error {
		found := &workflow.Standard{ID: st.ID}
		var hash string
		err := tx.QueryRowContext(ctx, `SELECT s.source, s.latest, r.hash FROM standards s
			JOIN revisions r ON r.standard_id = s.id AND r.number = s.latest WHERE s.id = ? FOR UPDATE OF s`, st.ID).Scan(&found.Source, &found.Latest, &hash)
		if errors.Is(err, sql.ErrNoRows) {
			found = nil
		} else if err != nil {
			return err
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

func insertLibrary(ctx context.Context, tx txn, st *workflow.Standard, r *workflow.Revision, h *workflow.HistoryEntry) error {
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

func updateLibrary(ctx context.Context, tx txn, st *workflow.Standard, r *workflow.Revision, latest int) error {
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
