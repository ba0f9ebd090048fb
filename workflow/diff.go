package workflow

import (
	"context"

	"norma/docs"
	"norma/docs/diff"
)

// RevisionDiff is what changed between two revisions of a standard.
type RevisionDiff struct {
	From int `json:"from"`
	To   int `json:"to"`
	diff.Diff
}

// Diff compares two revisions of a standard the actor may read. Revisions
// stored before line endings were normalized may hold CRLF; the comparison
// counts CRLF and LF as equal.
func (s *Service) Diff(ctx context.Context, actor *User, id string, from, to int) (*RevisionDiff, error) {
	a, err := s.Revision(ctx, actor, id, from)
	if err != nil {
		return nil, err
	}
	b, err := s.Revision(ctx, actor, id, to)
	if err != nil {
		return nil, err
	}
	return &RevisionDiff{From: from, To: to, Diff: diff.Compute(docs.NormalizeNewlines(a.Body), docs.NormalizeNewlines(b.Body))}, nil
}
