package sqlite

import (
	"context"
	"database/sql"

	"norma/workflow"
)

// PutVerdict records or replaces an expert's verdict in the open round.
func (db *DB) PutVerdict(ctx context.Context, standardID string, v *workflow.Verdict) (err error) {
	defer wrapf(&err, "PutVerdict(%q)", standardID)
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := unmoved(ctx, tx, standardID, v.StandardVersion); err != nil {
			return err
		}
		var round int
		err := tx.QueryRowContext(ctx, `SELECT number FROM review_rounds WHERE standard_id = ? AND closed_at IS NULL`,
			standardID).Scan(&round)
		if err == sql.ErrNoRows {
			return workflow.Errorf(workflow.ECONFLICT, "no review round is open").WithKey("err.round.none", nil)
		} else if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO verdicts (standard_id, round, expert_id, verdict, note, at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (standard_id, round, expert_id)
			DO UPDATE SET verdict = excluded.verdict, note = excluded.note, at = excluded.at`,
			standardID, round, v.ExpertID, v.Verdict, v.Note, formatTime(v.At))
		return err
	})
}

// FindRounds lists a standard's review rounds, oldest first, with verdicts.
func (db *DB) FindRounds(ctx context.Context, standardID string) (_ []*workflow.Round, err error) {
	defer wrapf(&err, "FindRounds(%q)", standardID)
	var out []*workflow.Round
	err = db.read(ctx, func(tx *sql.Tx) error {
		if _, err := findStandard(ctx, tx, standardID); err != nil {
			return err
		}
		var err error
		out, err = findRounds(ctx, tx, standardID)
		return err
	})
	return out, err
}

func findRounds(ctx context.Context, tx *sql.Tx, standardID string) ([]*workflow.Round, error) {
	rows, err := tx.QueryContext(ctx, `SELECT number, revision, opened_at, closed_at, outcome, mode, conclusion, minutes
		FROM review_rounds WHERE standard_id = ? ORDER BY number`, standardID)
	if err != nil {
		return nil, err
	}
	var out []*workflow.Round
	byNumber := map[int]*workflow.Round{}
	for rows.Next() {
		r := &workflow.Round{StandardID: standardID, Verdicts: []*workflow.Verdict{}}
		var opened string
		var closed sql.NullString
		if err := rows.Scan(&r.Number, &r.Revision, &opened, &closed, &r.Outcome, &r.Mode, &r.Conclusion, &r.Minutes); err != nil {
			rows.Close()
			return nil, err
		}
		r.OpenedAt, r.ClosedAt = parseTime(opened), timePtr(closed)
		out = append(out, r)
		byNumber[r.Number] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	vrows, err := tx.QueryContext(ctx, `SELECT v.round, v.expert_id, u.username, v.verdict, v.note, v.at
		FROM verdicts v JOIN users u ON u.id = v.expert_id WHERE v.standard_id = ? ORDER BY v.round, v.at`, standardID)
	if err != nil {
		return nil, err
	}
	defer vrows.Close()
	for vrows.Next() {
		var v workflow.Verdict
		var round int
		var at string
		if err := vrows.Scan(&round, &v.ExpertID, &v.Expert, &v.Verdict, &v.Note, &at); err != nil {
			return nil, err
		}
		v.At = parseTime(at)
		if r := byNumber[round]; r != nil {
			r.Verdicts = append(r.Verdicts, &v)
		}
	}
	return out, vrows.Err()
}
