package sqlite

import (
	"context"
	"database/sql"
	"strconv"

	"norma/workflow"
)

func insertHistory(ctx context.Context, tx *sql.Tx, h *workflow.HistoryEntry) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO history (standard_id, action, from_state, to_state,
		actor_id, actor, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		h.StandardID, h.Action, h.From, h.To, nullID(h.ActorID), h.Actor, formatTime(h.At), h.Note)
	if err == nil {
		h.ID, err = res.LastInsertId()
	}
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
