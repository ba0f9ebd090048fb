package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"norma/workflow"
)

// FindDossier loads, in one snapshot, what the guards of a move read: the
// standard, its experts, its open review round and its latest text.
func (db *DB) FindDossier(ctx context.Context, id string) (*workflow.Dossier, error) {
	var d *workflow.Dossier
	err := db.read(ctx, func(tx txn) error {
		var err error
		d, err = findDossier(ctx, tx, id)
		return err
	})
	return d, err
}

func findDossier(ctx context.Context, tx txn, id string) (*workflow.Dossier, error) {
	d := &workflow.Dossier{}
	var err error
	if d.Standard, err = findStandard(ctx, tx, id); err != nil {
		return nil, err
	}
	if d.Experts, err = findExperts(ctx, tx, id); err != nil {
		return nil, err
	}
	rounds, err := findRounds(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	d.Rounds = len(rounds)
	if d.Rounds > 0 && rounds[d.Rounds-1].ClosedAt == nil {
		d.Round = rounds[d.Rounds-1]
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE kind <> 'public'),
		count(*) FILTER (WHERE kind = 'public'), count(*) FILTER (WHERE kind = 'public' AND stage = 'consultation')
		FROM comments WHERE standard_id = ? AND decision = ''`,
		id).Scan(&d.OpenReviewComments, &d.OpenPublicComments, &d.OpenConsultComments); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT body FROM revisions WHERE standard_id = ? AND number = ?`,
		id, d.Standard.Latest).Scan(&d.Body); err != nil {
		return nil, err
	}
	if d.Amendments, err = issuedAmendments(ctx, tx, id); err != nil {
		return nil, err
	}
	return d, nil
}

// unmoved fails with a conflict when the standard is no longer at version
// want (0: any). It holds the standard's row FOR SHARE, so that a move,
// which takes it FOR UPDATE, waits for the verdict, comment or disposition
// and then sees it, or this sees the move and refuses.
func unmoved(ctx context.Context, tx txn, standardID string, want int) error {
	if want == 0 {
		return nil
	}
	var v int
	err := tx.QueryRowContext(ctx, `SELECT version FROM standards WHERE id = ? FOR SHARE`, standardID).Scan(&v)
	if err == sql.ErrNoRows {
		return notFound("no standard %q", standardID)
	} else if err != nil {
		return err
	}
	if v != want {
		return workflow.Errorf(workflow.ECONFLICT, "the standard changed while this was being checked; reload it and try again")
	}
	return nil
}

// ApplyTransition stores a move, provided the standard is still at the
// version it was read at and t.Recheck passes on the dossier read after
// the standard's row is locked FOR UPDATE; everything it touches changes
// together.
func (db *DB) ApplyTransition(ctx context.Context, t *workflow.Transition) error {
	return db.write(ctx, func(tx txn) error { return applyTransition(ctx, tx, t) })
}

// applyTransition is ApplyTransition inside a write transaction of its caller.
func applyTransition(ctx context.Context, tx txn, t *workflow.Transition) error {
	{
		if t.Recheck != nil {
			var v int
			err := tx.QueryRowContext(ctx, `SELECT version FROM standards WHERE id = ? FOR UPDATE`, t.StandardID).Scan(&v)
			if err == sql.ErrNoRows {
				return notFound("no standard %q", t.StandardID)
			} else if err != nil {
				return err
			}
			d, err := findDossier(ctx, tx, t.StandardID)
			if err != nil {
				return err
			}
			if err := t.Recheck(d); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE standards SET state = ?, version = version + 1, updated_at = ?,
			notice_start = coalesce(?, notice_start), notice_end = coalesce(?, notice_end), status = coalesce(?, status),
			consult_start = coalesce(?, consult_start), consult_end = coalesce(?, consult_end)
			WHERE id = ? AND version = ? AND state = ?`,
			t.To, formatTime(t.At), nullTime(t.NoticeStart), nullTime(t.NoticeEnd), nullStatus(t.Status),
			nullTime(t.ConsultStart), nullTime(t.ConsultEnd),
			t.StandardID, t.Version, t.From)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return workflow.Errorf(workflow.ECONFLICT, "the standard changed while this move was checked; reload and try again")
		}
		if err := applyUpdate(ctx, tx, t.StandardID, t.Update); err != nil {
			return err
		}
		if err := applyRounds(ctx, tx, t); err != nil {
			return err
		}
		if err := supersede(ctx, tx, t); err != nil {
			return err
		}
		if err := applyAmendment(ctx, tx, t); err != nil {
			return err
		}
		if t.Stage != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE revisions SET stage = ? WHERE standard_id = ? AND number = ?`,
				t.Stage, t.StandardID, t.StageRevision); err != nil {
				return err
			}
		}
		for _, h := range t.History {
			if err := insertHistory(ctx, tx, h); err != nil {
				return err
			}
		}
		return enqueue(ctx, tx, t.StandardID, t.At)
	}
}

func nullStatus(s *workflow.Status) any {
	if s == nil {
		return nil
	}
	return string(*s)
}

func applyRounds(ctx context.Context, tx txn, t *workflow.Transition) error {
	if t.CloseRound != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE review_rounds SET closed_at = ?, outcome = ?,
			conclusion = ?, minutes = ? WHERE standard_id = ? AND closed_at IS NULL`,
			formatTime(t.At), t.CloseRound, t.Conclusion, t.Minutes, t.StandardID); err != nil {
			return err
		}
	}
	if r := t.OpenRound; r != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO review_rounds (standard_id, number, revision, opened_at, mode)
			VALUES (?, ?, ?, ?, ?)`, t.StandardID, r.Number, r.Revision, formatTime(r.OpenedAt), r.Mode); err != nil {
			return err
		}
	}
	return nil
}

// supersede marks the standards an issue replaces, each still issued and
// current, or fails the whole move. Their rows are all locked before the
// outbox lock is taken, so that no two transactions wait on each other.
func supersede(ctx context.Context, tx txn, t *workflow.Transition) error {
	for _, id := range t.Supersede {
		res, err := tx.ExecContext(ctx, `UPDATE standards SET state = 'superseded', status = 'superseded',
			version = version + 1, updated_at = ? WHERE id = ? AND state = 'issued' AND status IN ('', 'current')`,
			formatTime(t.At), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return workflow.Errorf(workflow.ECONFLICT, "%s is no longer an issued, current standard", id)
		}
	}
	for _, id := range t.Supersede {
		if err := enqueue(ctx, tx, id, t.At); err != nil {
			return err
		}
	}
	return nil
}

// FindHistory returns a standard's history, oldest first.
func (db *DB) FindHistory(ctx context.Context, id string) ([]*workflow.HistoryEntry, error) {
	var out []*workflow.HistoryEntry
	err := db.read(ctx, func(tx txn) error {
		if _, err := findStandard(ctx, tx, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, standard_id, action, from_state, to_state,
			coalesce(actor_id, 0), actor, at, note, note_key, note_args FROM history WHERE standard_id = ? ORDER BY id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h workflow.HistoryEntry
			var at, args string
			if err := rows.Scan(&h.ID, &h.StandardID, &h.Action, &h.From, &h.To, &h.ActorID, &h.Actor, &at, &h.Note,
				&h.NoteKey, &args); err != nil {
				return err
			}
			if args != "" {
				if err := json.Unmarshal([]byte(args), &h.NoteArgs); err != nil {
					return fmt.Errorf("history %d: note args: %w", h.ID, err)
				}
			}
			h.At = parseTime(at)
			out = append(out, &h)
		}
		return rows.Err()
	})
	return out, err
}
