package workflow

import "time"

// HistoryEntry records one change of a standard's state. The history is
// append-only and written in the same transaction as the change.
type HistoryEntry struct {
	ID         int64     `json:"-"`
	StandardID string    `json:"-"`
	Action     string    `json:"action"`
	From       State     `json:"from"`
	To         State     `json:"to"`
	ActorID    int64     `json:"-"`
	Actor      string    `json:"actor"`
	At         time.Time `json:"at"`
	Note       string    `json:"note"`
}
