package postgres

import (
	"context"
	"database/sql"
	"errors"

	"norma/docs/anchor"
	"norma/workflow"
)

// CreateComment stores a comment and sets its id.
func (db *DB) CreateComment(ctx context.Context, c *workflow.Comment) error {
	var exact, prefix, suffix any = nil, "", ""
	if c.Quote != nil {
		exact, prefix, suffix = c.Quote.Exact, c.Quote.Prefix, c.Quote.Suffix
	}
	var start, end any
	if c.Position != nil {
		start, end = c.Position.Start, c.Position.End
	}
	return db.write(ctx, func(tx txn) error {
		if err := unmoved(ctx, tx, c.StandardID, c.StandardVersion); err != nil {
			return err
		}
		var err error
		c.ID, err = tx.insertID(ctx, `INSERT INTO comments (standard_id, kind, revision, clause, quote_exact,
			quote_prefix, quote_suffix, pos_start, pos_end, body, suggestion, author_id, author, organization,
			contact, client, created_at, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.StandardID, c.Kind, c.Revision, c.Clause, exact, prefix, suffix, start, end, c.Body, c.Suggestion,
			nullID(c.AuthorID), c.Author, c.Organization, c.Contact, c.Client, formatTime(c.CreatedAt), c.Stage)
		return err
	})
}

const commentColumns = `id, standard_id, kind, revision, clause, quote_exact, quote_prefix, quote_suffix,
	pos_start, pos_end, body, suggestion, coalesce(author_id, 0), author, organization, contact, client,
	created_at, decision, reason, disposition_revision, coalesce(disposed_by_id, 0), disposed_by, disposed_at,
	applied_revision, applied_start, applied_end, stage`

func scanComment(row interface{ Scan(...any) error }) (*workflow.Comment, error) {
	var c workflow.Comment
	var exact, disposedAt sql.NullString
	var prefix, suffix, created, decision, reason, by string
	var start, end sql.NullInt64
	var rev, applied int
	var byID int64
	var aStart, aEnd sql.NullInt64
	err := row.Scan(&c.ID, &c.StandardID, &c.Kind, &c.Revision, &c.Clause, &exact, &prefix, &suffix, &start, &end,
		&c.Body, &c.Suggestion, &c.AuthorID, &c.Author, &c.Organization, &c.Contact, &c.Client, &created,
		&decision, &reason, &rev, &byID, &by, &disposedAt, &applied, &aStart, &aEnd, &c.Stage)
	if err != nil {
		return nil, err
	}
	c.CreatedAt, c.Replies = parseTime(created), []*workflow.Reply{}
	if exact.Valid {
		c.Quote = &anchor.Quote{Exact: exact.String, Prefix: prefix, Suffix: suffix}
	}
	if start.Valid && end.Valid {
		c.Position = &anchor.Position{Start: int(start.Int64), End: int(end.Int64)}
	}
	if applied > 0 && aStart.Valid && aEnd.Valid {
		c.Applied = &workflow.Applied{Revision: applied, Position: anchor.Position{Start: int(aStart.Int64), End: int(aEnd.Int64)}}
	}
	if decision != "" {
		c.Disposition = &workflow.Disposition{Decision: workflow.Decision(decision), Reason: reason, Revision: rev, ByID: byID, By: by}
		if t := timePtr(disposedAt); t != nil {
			c.Disposition.At = *t
		}
	}
	return &c, nil
}

// FindComment returns a comment with its replies.
func (db *DB) FindComment(ctx context.Context, id int64) (*workflow.Comment, error) {
	var c *workflow.Comment
	err := db.read(ctx, func(tx txn) error {
		var err error
		c, err = scanComment(tx.QueryRowContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no comment %d", id)
		} else if err != nil {
			return err
		}
		return addReplies(ctx, tx, `comment_id = ?`, id, map[int64]*workflow.Comment{c.ID: c})
	})
	return c, err
}

// FindComments returns the comments of a standard, oldest first, with replies.
func (db *DB) FindComments(ctx context.Context, standardID string) ([]*workflow.Comment, error) {
	var out []*workflow.Comment
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE standard_id = ? ORDER BY id`, standardID)
		if err != nil {
			return err
		}
		byID := map[int64]*workflow.Comment{}
		for rows.Next() {
			c, err := scanComment(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, c)
			byID[c.ID] = c
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		return addReplies(ctx, tx, `comment_id IN (SELECT id FROM comments WHERE standard_id = ?)`, standardID, byID)
	})
	return out, err
}

func addReplies(ctx context.Context, tx txn, where string, arg any, byID map[int64]*workflow.Comment) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, comment_id, body, coalesce(author_id, 0), author, created_at
		FROM comment_replies WHERE `+where+` ORDER BY id`, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r workflow.Reply
		var at string
		if err := rows.Scan(&r.ID, &r.CommentID, &r.Body, &r.AuthorID, &r.Author, &at); err != nil {
			return err
		}
		r.CreatedAt = parseTime(at)
		if c := byID[r.CommentID]; c != nil {
			c.Replies = append(c.Replies, &r)
		}
	}
	return rows.Err()
}

// CreateReply adds a reply to a comment's thread.
func (db *DB) CreateReply(ctx context.Context, r *workflow.Reply) error {
	return db.write(ctx, func(tx txn) error {
		var err error
		r.ID, err = tx.insertID(ctx, `INSERT INTO comment_replies (comment_id, body, author_id, author, created_at)
			VALUES (?, ?, ?, ?, ?)`, r.CommentID, r.Body, nullID(r.AuthorID), r.Author, formatTime(r.CreatedAt))
		return err
	})
}

// SetDisposition records the decision on a comment.
func (db *DB) SetDisposition(ctx context.Context, commentID int64, d *workflow.Disposition) error {
	return db.write(ctx, func(tx txn) error {
		var standardID string
		err := tx.QueryRowContext(ctx, `SELECT standard_id FROM comments WHERE id = ?`, commentID).Scan(&standardID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no comment %d", commentID)
		} else if err != nil {
			return err
		}
		if err := unmoved(ctx, tx, standardID, d.StandardVersion); err != nil {
			return err
		}
		return setDisposition(ctx, tx, commentID, d)
	})
}

func setDisposition(ctx context.Context, tx txn, commentID int64, d *workflow.Disposition) error {
	res, err := tx.ExecContext(ctx, `UPDATE comments SET decision = ?, reason = ?, disposition_revision = ?,
		disposed_by_id = ?, disposed_by = ?, disposed_at = ? WHERE id = ?`,
		d.Decision, d.Reason, d.Revision, nullID(d.ByID), d.By, formatTime(d.At), commentID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("no comment %d", commentID)
	}
	return nil
}

// ApplySuggestion stores the revision that applies a comment's suggestion
// with the metadata change of its front matter, the comment's acceptance
// linked to it, and where the suggestion stands in it, together.
func (db *DB) ApplySuggestion(ctx context.Context, r *workflow.Revision, base int, meta *workflow.StandardUpdate, commentID int64, d *workflow.Disposition, at anchor.Position) error {
	return db.write(ctx, func(tx txn) error {
		if err := createRevision(ctx, tx, r, base, meta); err != nil {
			return err
		}
		d.Revision = r.Number
		if err := setDisposition(ctx, tx, commentID, d); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE comments SET applied_revision = ?, applied_start = ?, applied_end = ?
			WHERE id = ?`, r.Number, at.Start, at.End, commentID)
		return err
	})
}
