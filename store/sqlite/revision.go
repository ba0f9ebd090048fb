package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"norma/workflow"
)

func insertRevision(ctx context.Context, tx *sql.Tx, r *workflow.Revision) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO revisions (standard_id, number, body, author_id, author,
		created_at, message, hash, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.StandardID, r.Number, r.Body, nullID(r.AuthorID), r.Author, formatTime(r.CreatedAt),
		r.Message, r.Hash, r.Size)
	return err
}

// CreateRevision stores r as the revision after base, provided base is still
// the latest, applies the metadata change and tells the index; all or nothing.
func (db *DB) CreateRevision(ctx context.Context, r *workflow.Revision, base int, meta *workflow.StandardUpdate) (err error) {
	defer wrapf(&err, "CreateRevision(%q, base %d)", r.StandardID, base)
	return db.write(ctx, func(tx *sql.Tx) error { return createRevision(ctx, tx, r, base, meta) })
}

func createRevision(ctx context.Context, tx *sql.Tx, r *workflow.Revision, base int, meta *workflow.StandardUpdate) error {
	var latest int
	err := tx.QueryRowContext(ctx, `SELECT latest FROM standards WHERE id = ?`, r.StandardID).Scan(&latest)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("no standard %q", r.StandardID)
	} else if err != nil {
		return err
	}
	if latest != base {
		return &workflow.Error{Code: workflow.ECONFLICT, Field: "base",
			Details: map[string]any{"latest": latest},
			Message: "revision " + itoa(base) + " is not the latest; the latest is " + itoa(latest),
			Key:     "err.edit.stale", Args: workflow.Args{"base": base, "latest": latest}}
	}
	r.Number = base + 1
	if err := insertRevision(ctx, tx, r); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE standards SET latest = ?, version = version + 1,
		updated_at = ? WHERE id = ?`, r.Number, formatTime(r.CreatedAt), r.StandardID); err != nil {
		return err
	}
	if err := applyUpdate(ctx, tx, r.StandardID, meta); err != nil {
		return err
	}
	return enqueue(ctx, tx, r.StandardID, r.CreatedAt)
}

const revisionColumns = `standard_id, number, coalesce(author_id, 0), author, created_at, message, hash, size, stage`

func scanRevision(row interface{ Scan(...any) error }, withBody bool) (*workflow.Revision, error) {
	var r workflow.Revision
	var created string
	dest := []any{&r.StandardID, &r.Number, &r.AuthorID, &r.Author, &created, &r.Message, &r.Hash, &r.Size, &r.Stage}
	if withBody {
		dest = append(dest, &r.Body)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	r.CreatedAt = parseTime(created)
	return &r, nil
}

// FindRevision returns revision number of a standard, with its body.
func (db *DB) FindRevision(ctx context.Context, standardID string, number int) (_ *workflow.Revision, err error) {
	defer wrapf(&err, "FindRevision(%q, %d)", standardID, number)
	var r *workflow.Revision
	err = db.read(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = scanRevision(tx.QueryRowContext(ctx, `SELECT `+revisionColumns+`, body FROM revisions
			WHERE standard_id = ? AND number = ?`, standardID, number), true)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("standard %q has no revision %d", standardID, number)
		}
		return err
	})
	return r, err
}

// FindRevisions lists a standard's revisions, oldest first, without bodies.
func (db *DB) FindRevisions(ctx context.Context, standardID string) (_ []*workflow.Revision, err error) {
	defer wrapf(&err, "FindRevisions(%q)", standardID)
	var out []*workflow.Revision
	err = db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+revisionColumns+` FROM revisions
			WHERE standard_id = ? ORDER BY number`, standardID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRevision(rows, false)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
