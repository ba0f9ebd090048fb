package sqlite

import (
	"context"
	"database/sql"
)

// ExecForTest runs a statement on the write connection.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.w.ExecContext(ctx, q, args...)
}
