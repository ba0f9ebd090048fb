package postgres

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"norma/workflow"
)

// FindOutbox returns the oldest outbox entries, up to limit.
func (db *DB) FindOutbox(ctx context.Context, limit int) ([]workflow.OutboxEntry, error) {
	var out []workflow.OutboxEntry
	err := db.read(ctx, func(tx txn) error {
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
func (db *DB) DeleteOutbox(ctx context.Context, upTo int64) error {
	return db.write(ctx, func(tx txn) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE id <= ?`, upTo)
		return err
	})
}

// CountOutbox returns how many changes wait to reach the index.
func (db *DB) CountOutbox(ctx context.Context) (int, error) {
	var n int
	err := db.read(ctx, func(tx txn) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n)
	})
	return n, err
}

// EnqueueAll puts every standard not already waiting in the outbox, to
// rebuild the index.
func (db *DB) EnqueueAll(ctx context.Context) (int, error) {
	var n int64
	err := db.write(ctx, func(tx txn) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(outboxLock)); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO outbox (standard_id, created_at)
			SELECT id, ?::text FROM standards WHERE id NOT IN (SELECT standard_id FROM outbox) ORDER BY id`,
			formatTime(time.Now()))
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}

// PutFingerprint stores the sketch of a standard's latest text.
func (db *DB) PutFingerprint(ctx context.Context, f workflow.Fingerprint) error {
	return db.write(ctx, func(tx txn) error {
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
func (db *DB) FindSearchTexts(ctx context.Context, ids []string) (map[string]workflow.SearchText, error) {
	out := make(map[string]workflow.SearchText, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	err := db.read(ctx, func(tx txn) error {
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
func (db *DB) FindFingerprints(ctx context.Context, since time.Time) ([]workflow.Fingerprint, error) {
	var out []workflow.Fingerprint
	err := db.read(ctx, func(tx txn) error {
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

// FindOutboxAfter returns the outbox entries after id, oldest first, up to
// limit: every node's index reads the shared outbox from its own position
// and deletes nothing.
func (db *DB) FindOutboxAfter(ctx context.Context, after int64, limit int) ([]workflow.OutboxEntry, error) {
	var out []workflow.OutboxEntry
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, standard_id FROM outbox WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
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

// PruneOutbox removes the entries written before the time, which every
// node has long read, but always keeps the newest; a node whose position
// is older than what is left rebuilds its index.
func (db *DB) PruneOutbox(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := db.write(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE created_at < ?
			AND id < (SELECT max(id) FROM outbox)`, formatTime(before))
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}

// OutboxBounds returns the ids of the oldest and the newest outbox entry,
// 0 and 0 when there is none.
func (db *DB) OutboxBounds(ctx context.Context) (first, last int64, err error) {
	err = db.read(ctx, func(tx txn) error {
		return tx.QueryRowContext(ctx, `SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM outbox`).Scan(&first, &last)
	})
	return first, last, err
}

// FindStandardIDs lists the id of every standard, for an index rebuilt
// from scratch.
func (db *DB) FindStandardIDs(ctx context.Context) ([]string, error) {
	var out []string
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM standards ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out = append(out, id)
		}
		return rows.Err()
	})
	return out, err
}

// ReaderPosition returns how far the shared index called name has read the
// outbox, 0 for a new one.
func (db *DB) ReaderPosition(ctx context.Context, name string) (int64, error) {
	var pos int64
	err := db.read(ctx, func(tx txn) error {
		err := tx.QueryRowContext(ctx, `SELECT position FROM outbox_readers WHERE name = ?`, name).Scan(&pos)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return pos, err
}

// SetReaderPosition records how far the shared index called name has read;
// a position never moves back, so two nodes feeding it cannot undo each
// other, except to 0, which asks for a rebuild.
func (db *DB) SetReaderPosition(ctx context.Context, name string, pos int64) error {
	return db.write(ctx, func(tx txn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO outbox_readers (name, position) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET position = CASE WHEN excluded.position = 0 THEN 0
			ELSE greatest(outbox_readers.position, excluded.position) END`, name, pos)
		return err
	})
}
