package search

import (
	"context"

	"norma/workflow"
)

// Service answers searches for accounts: it builds the query, applies who
// may read what, and makes the snippets.
type Service struct {
	idx Index
}

// NewService returns a search service over an index.
func NewService(idx Index) *Service { return &Service{idx: idx} }

// ReaderOf is what an account may find: staff everything, anyone else
// public texts and what names their account.
func ReaderOf(u *workflow.User) Reader {
	if u.IsStaff() {
		return Reader{All: true}
	}
	if u == nil {
		return Reader{}
	}
	return Reader{UserID: u.ID}
}

// Search runs a request for an account.
func (s *Service) Search(ctx context.Context, actor *workflow.User, r Request) (*Result, error) {
	q, err := r.Validate(ReaderOf(actor))
	if err != nil {
		return nil, err
	}
	res, err := s.idx.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	terms := q.Terms
	if q.Number != "" {
		terms = append(terms, q.Number)
	}
	for i := range res.Hits {
		h := &res.Hits[i]
		h.Snippet, h.Body = Snippet(h.Body, terms), ""
	}
	if res.Hits == nil {
		res.Hits = []Hit{}
	}
	return res, nil
}
