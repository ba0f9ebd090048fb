package postgres

import (
	"context"
	"database/sql"
	"errors"

	"norma/workflow"
)

// ImportStandard stores a library text in one transaction: a new standard,
// or a new revision and the new metadata of one whose text changed, or
// nothing when the latest revision has the same hash.
func (db *DB) ImportStandard(ctx context.Context, st *workflow.Standard, r *workflow.Revision) (workflow.ImportOutcome, error) {
	var out workflow.ImportOutcome
	err := db.write(ctx, func(tx txn) error {
		var source, hash string
		var latest int
		err := tx.QueryRowContext(ctx, `SELECT s.source, s.latest, r.hash FROM standards s
			JOIN revisions r ON r.standard_id = s.id AND r.number = s.latest WHERE s.id = ? FOR UPDATE OF s`, st.ID).Scan(&source, &latest, &hash)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			out = workflow.Imported
			return insertLibrary(ctx, tx, st, r)
		case err != nil:
			return err
		case source == "":
			return &workflow.Error{Code: workflow.ECONFLICT, Field: "id",
				Message: "the id " + st.ID + " belongs to a standard drafted in Norma"}
		case hash == r.Hash:
			out = workflow.Unchanged
			return nil
		}
		out = workflow.Updated
		return updateLibrary(ctx, tx, st, r, latest)
	})
	return out, err
}

func insertLibrary(ctx context.Context, tx txn, st *workflow.Standard, r *workflow.Revision) error {
	r.Number = 1
	if err := insertStandard(ctx, tx, st); err != nil {
		return err
	}
	if err := insertRevision(ctx, tx, r); err != nil {
		return err
	}
	h := &workflow.HistoryEntry{StandardID: st.ID, Action: "import", To: st.State, Actor: "import", At: r.CreatedAt,
		Note: "imported from " + st.Source}
	if err := insertHistory(ctx, tx, h); err != nil {
		return err
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
