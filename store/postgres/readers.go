package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"norma/workflow"
)

// refreshReaders rewrites the reader keys of a standard from its row and
// its assigned experts, by the domain's rule (workflow.Readers).
func refreshReaders(ctx context.Context, tx txn, standardID string) error {
	st, err := findStandard(ctx, tx, standardID)
	if err != nil {
		return err
	}
	experts, err := findExperts(ctx, tx, standardID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM standard_readers WHERE standard_id = ?`, standardID); err != nil {
		return err
	}
	for _, g := range workflow.Readers(st, experts).Grants() {
		if _, err := tx.ExecContext(ctx, `INSERT INTO standard_readers (standard_id, reader, from_at, until_at) VALUES (?, ?, ?, ?)`,
			standardID, g.Key, nullTime(g.From), nullTime(g.Until)); err != nil {
			return err
		}
	}
	return nil
}

// refreshAllReaders fills the reader keys of every standard.
func refreshAllReaders(ctx context.Context, tx txn) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM standards ORDER BY id`)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := refreshReaders(ctx, tx, id); err != nil {
			return fmt.Errorf("readers of %s: %w", id, err)
		}
	}
	return nil
}

// readerCondition is the condition that the account may read s at now, by
// its reader keys and their times; "" when it reads everything.
func readerCondition(u *workflow.User, now time.Time) (string, []any) {
	keys, all := workflow.ReaderKeys(u)
	if all {
		return "", nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	at := formatTime(now)
	return `EXISTS (SELECT 1 FROM standard_readers r WHERE r.standard_id = s.id AND r.reader IN (?` +
			strings.Repeat(", ?", len(keys)-1) + `) AND (r.from_at IS NULL OR r.from_at <= ?) AND (r.until_at IS NULL OR r.until_at > ?))`,
		append(args, at, at)
}
