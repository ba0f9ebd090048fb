package postgres

import (
	"context"
	"strconv"

	"norma/workflow"
)

func insertHistory(ctx context.Context, tx txn, h *workflow.HistoryEntry) error {
	var err error
	h.ID, err = tx.insertID(ctx, `INSERT INTO history (standard_id, action, from_state, to_state,
		actor_id, actor, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		h.StandardID, h.Action, h.From, h.To, nullID(h.ActorID), h.Actor, formatTime(h.At), h.Note)
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
