package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"norma/workflow"
)

func insertHistory(ctx context.Context, tx txn, h *workflow.HistoryEntry) error {
	var args []byte
	if len(h.NoteArgs) > 0 {
		var err error
		if args, err = json.Marshal(h.NoteArgs); err != nil {
			return fmt.Errorf("note args of %s: %w", h.StandardID, err)
		}
	}
	var err error
	h.ID, err = tx.insertID(ctx, `INSERT INTO history (standard_id, action, from_state, to_state,
		actor_id, actor, at, note, note_key, note_args) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		h.StandardID, h.Action, h.From, h.To, nullID(h.ActorID), h.Actor, formatTime(h.At), h.Note,
		h.NoteKey, string(args))
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
