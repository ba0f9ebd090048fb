package postgres

import (
	"context"
	"slices"

	"norma/workflow"
)

// FindReplacing lists the standards whose replaces names the number,
// oldest first.
func (db *DB) FindReplacing(ctx context.Context, number string) ([]*workflow.Standard, error) {
	out := []*workflow.Standard{}
	if number == "" {
		return out, nil
	}
	like := "%" + replacesJSON([]string{number})[1:len(replacesJSON([]string{number}))-1] + "%"
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+standardColumns+standardFrom+` WHERE s.replaces LIKE ?
			ORDER BY s.created_at, s.id`, like)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			s, err := scanStandard(rows)
			if err != nil {
				return err
			}
			if slices.Contains(s.Replaces, number) { // LIKE's _ and % match more than the number
				out = append(out, s)
			}
		}
		return rows.Err()
	})
	return out, err
}
