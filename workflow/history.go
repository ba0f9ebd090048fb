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
	// NoteKey names a note the domain wrote in the catalogs (web/locales),
	// NoteArgs fill it; Note then holds its English. A note a person
	// wrote has no key.
	NoteKey  string         `json:"note_key,omitempty"`
	NoteArgs map[string]any `json:"note_args,omitempty"`
}
