package postgres

import (
	"context"

	"norma/workflow"
)

// facetColumns are the expressions counted per facet field.
var facetColumns = map[string]string{
	"category": "s.category", "level": "s.level", "region": "s.region", "status": "s.status",
	"year": "substr(s.issue_date, 1, 4)",
}

// CountStandards counts the standards the filter selects per value of field.
func (db *DB) CountStandards(ctx context.Context, f workflow.StandardFilter, field string) (map[string]int, error) {
	col, ok := facetColumns[field]
	if !ok {
		return nil, workflow.Errorf(workflow.EINVALID, "no facet %q", field)
	}
	where, args := standardWhere(f)
	out := map[string]int{}
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+col+`, count(*) FROM standards s WHERE `+where+` GROUP BY 1`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v string
			var n int
			if err := rows.Scan(&v, &n); err != nil {
				return err
			}
			if v != "" {
				out[v] = n
			}
		}
		return rows.Err()
	})
	return out, err
}
