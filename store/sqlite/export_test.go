package sqlite

import (
	"context"
	"database/sql"
)

// ExecForTest runs a statement on the write connection.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.w.ExecContext(ctx, q, args...)
}

// ReadConnsForTest takes every connection of the read pool at once, so that
// each of them has been opened; the caller closes them.
func (db *DB) ReadConnsForTest(ctx context.Context) ([]*sql.Conn, error) {
	var cs []*sql.Conn
	for range readConns {
		c, err := db.r.Conn(ctx)
		if err != nil {
			for _, c := range cs {
				c.Close()
			}
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// ReadStatsForTest reports the read pool's statistics.
func (db *DB) ReadStatsForTest() sql.DBStats { return db.r.Stats() }
