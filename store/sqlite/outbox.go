package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"norma/workflow"
)

// FindOutbox returns the oldest outbox entries, up to limit.
func (db *DB) FindOutbox(ctx context.Context, limit int) (_ []workflow.OutboxEntry, err error) {
	defer wrapf(&err, "FindOutbox(%d)", limit)
	var out []workflow.OutboxEntry
	err = db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, standard_id FROM outbox ORDER BY id LIMIT ?`, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e workflow.OutboxEntry
			if err := rows.Scan(&e.ID, &e.StandardID); err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// DeleteOutbox removes the entries up to and including id, once applied.
func (db *DB) DeleteOutbox(ctx context.Context, upTo int64) (err error) {
	defer wrapf(&err, "DeleteOutbox(%d)", upTo)
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE id <= ?`, upTo)
		return err
	})
}

// CountOutbox returns how many changes wait to reach the index.
func (db *DB) CountOutbox(ctx context.Context) (_ int, err error) {
	defer wrapf(&err, "CountOutbox()")
	var n int
	err = db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n)
	})
	return n, err
}

// EnqueueAll puts every standard not already waiting in the outbox, to
// rebuild the index.
func (db *DB) EnqueueAll(ctx context.Context) (_ int, err error) {
	defer wrapf(&err, "EnqueueAll()")
	var n int64
	err = db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO outbox (standard_id, created_at)
			SELECT id, ? FROM standards WHERE id NOT IN (SELECT standard_id FROM outbox) ORDER BY id`,
			formatTime(time.Now()))
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}

// PutFingerprint stores the sketch of a standard's latest text.
func (db *DB) PutFingerprint(ctx context.Context, f workflow.Fingerprint) (err error) {
	defer wrapf(&err, "PutFingerprint(%q)", f.StandardID)
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO fingerprints (standard_id, hash, title, shingles, sketch, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (standard_id) DO UPDATE SET hash = excluded.hash,
			title = excluded.title, shingles = excluded.shingles, sketch = excluded.sketch, updated_at = excluded.updated_at`,
			f.StandardID, f.Hash, f.Title, f.Shingles, f.Sketch, formatTime(f.UpdatedAt))
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO search_texts (standard_id, hash, text) VALUES (?, ?, ?)
			ON CONFLICT (standard_id) DO UPDATE SET hash = excluded.hash, text = excluded.text`,
			f.StandardID, f.Hash, f.Text)
		return err
	})
}

// FindSearchTexts returns the plain texts of the standards with the ids
// that have one, with the hash of the revision each was made from.
func (db *DB) FindSearchTexts(ctx context.Context, ids []string) (_ map[string]workflow.SearchText, err error) {
	defer wrapf(&err, "FindSearchTexts(%d ids)", len(ids))
	out := make(map[string]workflow.SearchText, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	err = db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT standard_id, hash, text FROM search_texts WHERE standard_id IN (?`+
			strings.Repeat(", ?", len(ids)-1)+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var t workflow.SearchText
			if err := rows.Scan(&id, &t.Hash, &t.Text); err != nil {
				return err
			}
			out[id] = t
		}
		return rows.Err()
	})
	return out, err
}

// FindFingerprints returns the sketches stored or changed after since.
func (db *DB) FindFingerprints(ctx context.Context, since time.Time) (_ []workflow.Fingerprint, err error) {
	defer wrapf(&err, "FindFingerprints(%s)", formatTime(since))
	var out []workflow.Fingerprint
	err = db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT standard_id, hash, title, shingles, sketch, updated_at FROM fingerprints
			WHERE updated_at > ? ORDER BY updated_at`, formatTime(since))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f workflow.Fingerprint
			var at string
			if err := rows.Scan(&f.StandardID, &f.Hash, &f.Title, &f.Shingles, &f.Sketch, &at); err != nil {
				return err
			}
			f.UpdatedAt = parseTime(at)
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}
