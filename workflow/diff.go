package workflow

import (
	"context"

	"norma/docs/diff"
)

// RevisionDiff is what changed between two revisions of a standard.
type RevisionDiff struct {
	From int `json:"from"`
	To   int `json:"to"`
	diff.Diff
}

// Diff compares two revisions of a standard the actor may read.
func (s *Service) Diff(ctx context.Context, actor *User, id string, from, to int) (*RevisionDiff, error) {
	a, err := s.Revision(ctx, actor, id, from)
	if err != nil {
		return nil, err
	}
	b, err := s.Revision(ctx, actor, id, to)
	if err != nil {
		return nil, err
	}
	return &RevisionDiff{From: from, To: to, Diff: diff.Compute(a.Body, b.Body)}, nil
}
