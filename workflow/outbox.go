package workflow

import "time"

// OutboxEntry says that a standard changed and its index document must be
// rebuilt. Entries are written in the same transaction as the change.
type OutboxEntry struct {
	ID         int64
	StandardID string
}

// SearchText is the plain text of a standard's latest revision as the
// index worker derived it, and the hash of that revision.
type SearchText struct {
	Hash string
	Text string
}

// Fingerprint is the sketch of a standard's latest text kept for the
// duplicate check, with the hash of the revision it was made from.
type Fingerprint struct {
	StandardID string
	Hash       string
	Title      string
	// Shingles is how many distinct shingles the text has.
	Shingles int
	Sketch   []byte
	// Text is the plain text the sketch was made from; search snippets
	// quote it. FindFingerprints leaves it out.
	Text      string
	UpdatedAt time.Time
}
